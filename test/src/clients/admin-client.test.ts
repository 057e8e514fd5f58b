import { beforeAll, describe, expect, it } from 'vitest';
import { startMock } from '../../support/doors.js';
import { createAdminClient, KitError, type AdminClient } from '../../../src/index.js';

const mock = await startMock({ adminToken: 'client-secret' });
let admin: AdminClient;
beforeAll(() => {
  admin = createAdminClient({ url: mock.url, adminToken: 'client-secret' });
});

describe('createAdminClient', () => {
  it('adds a token with a persona and scopes, and the mock answers it', async () => {
    await admin.addPersona('client-persona', { sub: '99', email: 'c@example.com', given_name: 'C' });
    const token = await admin.addToken({
      token: 'client-token',
      persona: 'client-persona',
      scopes: ['openid', 'email'],
    });
    expect(token).toMatchObject({ id: 'client-token', persona: 'client-persona', scenario: 'valid' });
    expect((await mock.userInfo(token.id)).json).toEqual({ sub: '99', email: 'c@example.com' });
  });

  it('sets and clears a fault on one token', async () => {
    const { id } = await admin.addToken();
    await admin.setFault({ failure: 'service-unavailable' }, { token: id });
    expect((await mock.userInfo(id)).status).toBe(503);
    await admin.clearFault({ token: id });
    expect((await mock.userInfo(id)).status).toBe(200);
  });

  it('sets and clears a fault on one code, which its next exchange gets', async () => {
    const code = mock.server.registerCode();
    const exchange = () => mock.exchange(code);
    await admin.setFault({ failure: 'too-many-requests', retryAfterS: 2 }, { code });
    const refused = await exchange();
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('2');
    await admin.clearFault({ code });
    expect((await exchange()).status).toBe(200);
  });

  it('removes a token', async () => {
    const { id } = await admin.addToken();
    await admin.removeToken(id);
    expect((await mock.userInfo(id)).status).toBe(401);
  });

  it('throws a KitError with the status and the reason of a refused write', async () => {
    const attempt = admin.addToken({ token: 'bad-scope', scopes: ['wallet' as never] });
    await expect(attempt).rejects.toBeInstanceOf(KitError);
    await expect(attempt).rejects.toMatchObject({
      code: 'ERR_API_REJECTED',
      response: {
        status: 400,
        error: 'invalid_request',
        errorDescription: expect.stringContaining('scopes') as string,
      },
    });
  });

  it('is refused without the secret', async () => {
    const stranger = createAdminClient({ url: mock.url });
    await expect(stranger.requests()).rejects.toMatchObject({
      code: 'ERR_API_REJECTED',
      response: { status: 401, challenge: { scheme: 'Bearer' } },
    });
  });

  it('isolates tests running in parallel by distinct tokens', async () => {
    const scenarios = ['valid', 'expired', 'no-profile', 'server-error'] as const;
    const results = await Promise.all(
      scenarios.map(async (scenario) => {
        const { id } = await admin.addToken({ scenario });
        for (let call = 0; call < 3; call++) await mock.userInfo(id);
        return { id, seen: await admin.requests({ token: id }) };
      }),
    );
    for (const [index, { id, seen }] of results.entries()) {
      expect(seen).toHaveLength(3);
      expect(seen.every((entry) => entry.token === id && entry.scenario === scenarios[index])).toBe(true);
    }
  });

  it('clears the journal and resets the store', async () => {
    await admin.addToken({ token: 'gone-after-reset' });
    await mock.userInfo('gone-after-reset');
    await admin.clearRequests();
    expect(await admin.requests()).toEqual([]);
    await admin.reset();
    expect((await mock.userInfo('gone-after-reset')).status).toBe(401);
  });
});
