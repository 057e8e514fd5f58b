import { beforeEach, describe, expect, it } from 'vitest';
import { createAdminClient } from '../../../src/clients/admin-client.js';
import { startMock } from '../../support/doors.js';
import { openApiProblems } from '../../support/http.js';
import { usePartner } from '../../support/partner.js';

const mock = await startMock();
const partner = usePartner();
beforeEach(() => partner.clear());

describe('POST /__admin/webSignIns', () => {
  it('completes a sign-in and answers what was sent, as openapi.yaml describes', async () => {
    const response = await mock.admin('POST', '/__admin/webSignIns', {
      requestId: 'from-the-dashboard',
      callbackUrl: `${partner.url}/cb`,
      persona: 'full-pk',
    });
    expect(openApiProblems('/__admin/webSignIns', 'post', response)).toEqual([]);
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({
      requestId: 'from-the-dashboard',
      outcome: 'approved',
      endpoint: `${mock.url}/v1/default`,
      delivered: true,
    });
    const { accessToken } = response.json as { accessToken: string };
    const token = await mock.admin('GET', `/__admin/webTokens/${accessToken}`);
    expect(token.json).toMatchObject({ id: accessToken, persona: 'full-pk', scenario: 'profile' });
    expect(partner.received).toHaveLength(2);
  });

  it.each([
    ['a body that is not the input', { requestId: 'r' }, 400, /callbackUrl must be a URL/],
    [
      'an unknown persona',
      { requestId: 'r', callbackUrl: 'http://127.0.0.1:1/cb', persona: 'x' },
      400,
      /no persona "x"/,
    ],
    [
      'a callback URL off this machine',
      { requestId: 'r', callbackUrl: 'http://203.0.113.9/cb' },
      403,
      /refused/,
    ],
  ])('answers %s with %s, sending nothing', async (_case, body, status, description) => {
    const response = await mock.admin('POST', '/__admin/webSignIns', body);
    expect(openApiProblems('/__admin/webSignIns', 'post', response)).toEqual([]);
    expect(response.status).toBe(status);
    expect((response.json as { error_description: string }).error_description).toMatch(description);
    expect(partner.received).toEqual([]);
  });

  it('takes only a JSON content type, which a page of another origin cannot send without a preflight', async () => {
    const body = JSON.stringify({ requestId: 'r', callbackUrl: `${partner.url}/cb` });
    const plain = await mock.admin('POST', '/__admin/webSignIns', body, { 'content-type': 'text/plain' });
    expect(openApiProblems('/__admin/webSignIns', 'post', plain)).toEqual([]);
    expect(plain.status).toBe(415);
    const preflight = await fetch(`${mock.url}/__admin/webSignIns`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type',
      },
    });
    expect(preflight.ok && preflight.headers.get('access-control-allow-methods')?.includes('POST')).not.toBe(
      true,
    );
    expect(partner.received).toEqual([]);
  });

  it('answers POST only', async () => {
    const response = await mock.admin('GET', '/__admin/webSignIns');
    expect([response.status, response.headers.allow]).toEqual([405, 'POST']);
  });

  it('sits behind the admin token like every other path of the control plane', async () => {
    const guarded = await startMock({ adminToken: 'secret' });
    const body = { requestId: 'r', callbackUrl: `${partner.url}/cb` };
    expect((await guarded.admin('POST', '/__admin/webSignIns', body)).status).toBe(401);
    expect(partner.received).toEqual([]);
    const allowed = await guarded.admin('POST', '/__admin/webSignIns', body, {
      authorization: 'Bearer secret',
    });
    expect(allowed.status).toBe(200);
  });
});

describe('/__admin/webTokens', () => {
  it('adds a web token that lives the documented 10 minutes unless it says otherwise', async () => {
    const before = mock.server.clock.now();
    const added = await mock.admin('POST', '/__admin/webTokens', { id: 'admin-web', persona: 'minimal' });
    expect(openApiProblems('/__admin/webTokens', 'post', added)).toEqual([]);
    expect(added.status).toBe(201);
    const { expiresAt } = added.json as { expiresAt: number };
    expect(expiresAt - before).toBeGreaterThanOrEqual(600_000);
    const list = await mock.admin('GET', '/__admin/webTokens?persona=minimal');
    expect(openApiProblems('/__admin/webTokens', 'get', list)).toEqual([]);
    expect((list.json as { id: string }[]).map((token) => token.id)).toEqual(['web-minimal', 'admin-web']);
  });

  it('refuses a web token naming a persona there is not, and keeps a named persona from going', async () => {
    const bad = await mock.admin('POST', '/__admin/webTokens', { persona: 'nobody' });
    expect([bad.status, (bad.json as { error_description: string }).error_description]).toEqual([
      400,
      expect.stringContaining('no persona "nobody"'),
    ]);
    const gone = await mock.admin('DELETE', '/__admin/personas/full-in');
    expect(gone.status).toBe(409);
  });
});

describe('the admin client', () => {
  it('adds web tokens and completes sign-ins', async () => {
    const admin = createAdminClient({ url: mock.url });
    const token = await admin.addWebToken({ persona: 'full-za', valuesAs: 'strings' });
    expect(token).toMatchObject({ persona: 'full-za', valuesAs: 'strings', scenario: 'profile' });
    await admin.setFault({ failure: 'too-many-requests' }, { webToken: token.id });
    const profile = await fetch(`${mock.url}/v1/default`, {
      headers: { authorization: `Bearer ${token.id}` },
    });
    expect(profile.status).toBe(429);
    const result = await admin.completeWebSignIn({
      requestId: 'client-nonce',
      callbackUrl: `${partner.url}/cb`,
      outcome: 'user_rejected',
    });
    expect(result).toMatchObject({ outcome: 'user_rejected', delivered: true, accessToken: null });
  });
});
