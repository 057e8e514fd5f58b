import { describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../../../mock/index.js';
import { KitError } from '../../../src/errors.js';
import { startMock } from '../../support/doors.js';
import { openApiProblems, request } from '../../support/http.js';

describe('the admin API secret', () => {
  const secret = 's3cret-for-tests';

  it('answers 401 with a bearer challenge when the secret is missing or wrong', async () => {
    const { url: base } = await startMock({ adminToken: secret });
    for (const headers of [{}, { authorization: 'Bearer wrong' }, { authorization: `Basic ${secret}` }]) {
      const response = await request(`${base}/__admin/tokens`, { headers });
      expect(response.status).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer realm=/);
      expect(openApiProblems('/__admin/tokens', 'get', response)).toEqual([]);
    }
  });

  it('lets a request with the secret through, on every admin path', async () => {
    const { url: base } = await startMock({ adminToken: secret });
    const headers = { authorization: `Bearer ${secret}` };
    expect((await request(`${base}/__admin/tokens`, { headers })).status).toBe(200);
    expect((await request(`${base}/__admin/requests`, { headers })).status).toBe(200);
    expect((await request(`${base}/__admin/reset`, { method: 'POST' })).status).toBe(401);
  });

  it('does not guard the mocked API itself', async () => {
    const { url: base } = await startMock({ adminToken: secret });
    const response = await request(`${base}/v1/userinfo`, { headers: { authorization: 'Bearer valid' } });
    expect(response.status).toBe(200);
  });

  it.each(['0.0.0.0', '::', '192.0.2.1'])(
    'refuses to start on %s without a secret, naming both ways out',
    (host) => {
      const attempt = (): MockServer => createMockServer({ host });
      expect(attempt).toThrow(KitError);
      expect(attempt).toThrow(/--admin-token.*--no-admin/);
    },
  );

  it.each(['127.0.0.1', '::1', 'localhost'])('needs no secret on loopback address %s', (host) => {
    expect(() => createMockServer({ host })).not.toThrow();
  });

  it('starts off loopback without a secret when the admin API is off', () => {
    expect(() => createMockServer({ host: '0.0.0.0', admin: false })).not.toThrow();
  });
});

describe('admin: false', () => {
  it('answers /__admin paths with the mock 404 and records no journal', async () => {
    const mock = await startMock({ admin: false });
    const response = await request(`${mock.url}/__admin/tokens`);
    expect(response.status).toBe(404);
    expect(mock.server.journal).toBeNull();
  });
});
