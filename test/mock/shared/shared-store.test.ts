import { createRequire } from 'node:module';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { ENDPOINTS } from '../../../src/endpoints.js';
import { MOBILE_WEB_ENDPOINTS } from '../../../src/operations/mobile-web/endpoints.js';
import { createMock } from '../../../mock/fetch/create-mock.js';
import { createMockServer, type MockServer } from '../../../mock/server/mock-server.js';
import { openApiProblems, request, type TestResponse } from '../../support/http.js';
import { describeWithRedis, type RedisServer, startRedisServer } from '../../support/redis-server.js';
import { eventually } from '../../support/replicas.js';
import { postCodeExchange, postForm } from '../../support/token.js';

const require = createRequire(import.meta.url);
const { createClient } = require('@redis/client') as {
  createClient: (options: object) => {
    connect(): Promise<unknown>;
    sendCommand<T>(args: string[]): Promise<T>;
    close(): Promise<void>;
  };
};

const userInfo = (baseUrl: string, token: string): Promise<TestResponse> =>
  request(`${baseUrl}${ENDPOINTS.userinfo}`, { headers: { authorization: `Bearer ${token}` } });

describeWithRedis('two mocks in one process sharing a store in Redis', () => {
  let redis: RedisServer;
  let a: MockServer;
  let b: MockServer;
  let urlA: string;
  let urlB: string;
  let client: ReturnType<typeof createClient>;
  const prefix = 'in-process';

  beforeAll(async () => {
    redis = await startRedisServer();
    a = createMockServer({ store: { url: redis.url, prefix } });
    b = createMockServer({ store: { url: redis.url, prefix } });
    [urlA, urlB] = await Promise.all([a.start(), b.start()]);
    client = createClient({ url: redis.url });
    await client.connect();
  });

  afterEach(async () => {
    a.reset();
    await a.synced();
  });

  afterAll(async () => {
    try {
      await Promise.all([a.close(), b.close(), client.close()]);
    } finally {
      await redis.stop();
    }
  });

  it('answers on B a token registered on A, once A has synced', async () => {
    const token = a.registerToken({ scopes: 'openid phone' });
    await a.synced();
    const answer = await userInfo(urlB, token);
    expect(answer.status).toBe(200);
    expect(answer.json).toHaveProperty('phone_number');
  });

  it('answers on B the web token of a mobile website registered on A, once A has synced', async () => {
    const token = a.registerWebToken({ persona: 'full-in' });
    await a.synced();
    const answer = await request(`${urlB}${MOBILE_WEB_ENDPOINTS.webProfile}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(answer.status).toBe(200);
    expect(openApiProblems(MOBILE_WEB_ENDPOINTS.webProfile, 'get', answer)).toEqual([]);
  });

  it('answers on B, at once, a token issued on A', async () => {
    const code = a.registerCode({ scopes: 'openid email' });
    await a.synced();
    const issued = await postCodeExchange(urlA, code);
    expect(issued.status).toBe(200);
    const answer = await userInfo(urlB, (issued.json as { access_token: string }).access_token);
    expect(answer.status).toBe(200);
    expect(answer.json).toHaveProperty('email');
  });

  it('exchanges a code once, whichever replicas its 50 exchanges reach', async () => {
    const code = a.registerCode();
    await a.synced();
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, at) => postCodeExchange(at % 2 === 0 ? urlA : urlB, code)),
    );
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(1);
    for (const answer of answers.filter((each) => each.status !== 200)) {
      expect(answer.status).toBe(403);
      expect(openApiProblems(ENDPOINTS.token, 'post', answer)).toEqual([]);
    }
  });

  it('rotates a refresh token once, whichever replica each use reaches', async () => {
    const code = a.registerCode({ scopes: 'openid offline_access' });
    await a.synced();
    const { refresh_token: refresh } = (await postCodeExchange(urlA, code)).json as { refresh_token: string };
    const form = { grant_type: 'refresh_token', client_id: 'kit-test-client', refresh_token: refresh };
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, at) =>
        postForm(`${at % 2 === 0 ? urlA : urlB}${ENDPOINTS.token}`, form),
      ),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, ...Array<number>(19).fill(403)]);
  });

  it('stops answering on A a token revoked on B', async () => {
    const code = a.registerCode();
    await a.synced();
    const { access_token: token } = (await postCodeExchange(urlA, code)).json as { access_token: string };
    expect((await userInfo(urlA, token)).status).toBe(200);
    expect((await postForm(`${urlB}${ENDPOINTS.revoke}`, { token })).status).toBe(200);
    const after = await eventually(
      () => userInfo(urlA, token),
      (answer) => answer.status === 401,
    );
    expect(after.status).toBe(401);
  });

  it('keeps an issued token in Redis for the time left before it is dropped on the mock clock', async () => {
    const code = a.registerCode();
    await a.synced();
    const { access_token: token } = (await postCodeExchange(urlA, code)).json as { access_token: string };
    const ttl = await client.sendCommand<number>(['PTTL', `${prefix}:r:tokens:${token}`]);
    // An hour's lifetime and an hour's grace (ISSUED_TOKEN_GRACE_SECONDS).
    expect(ttl).toBeGreaterThan(2 * 3600_000 - 60_000);
    expect(ttl).toBeLessThanOrEqual(2 * 3600_000);
  });

  it('applies a fault, a changed built-in token and a reset made on one replica on the other', async () => {
    b.setFault({ failure: 'service-unavailable' });
    await b.synced();
    expect(
      (
        await eventually(
          () => userInfo(urlA, 'valid'),
          (answer) => answer.status === 503,
        )
      ).status,
    ).toBe(503);
    b.clearFault();
    const patched = await request(`${urlA}/__admin/tokens/valid`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ scenario: 'expired' }),
    });
    expect(patched.status).toBe(200);
    expect(
      (
        await eventually(
          () => userInfo(urlB, 'valid'),
          (answer) => answer.status === 401,
        )
      ).status,
    ).toBe(401);
    a.reset();
    await a.synced();
    expect(
      (
        await eventually(
          () => userInfo(urlB, 'valid'),
          (answer) => answer.status === 200,
        )
      ).status,
    ).toBe(200);
  });

  it('keeps a built-in token deleted at run time deleted for a replica started later', async () => {
    const deleted = await request(`${urlA}/__admin/tokens/valid`, { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    const late = createMockServer({ store: { url: redis.url, prefix } });
    const lateUrl = await late.start();
    try {
      expect((await userInfo(lateUrl, 'valid')).status).toBe(401);
      expect((await userInfo(lateUrl, 'expired')).status).toBe(401);
      expect((await userInfo(lateUrl, 'reduced-scopes')).status).toBe(200);
    } finally {
      await late.close();
    }
  });

  it('moves the clock of every replica: a token issued on A expires on B', async () => {
    const code = a.registerCode();
    await a.synced();
    const { access_token: token } = (await postCodeExchange(urlA, code)).json as { access_token: string };
    expect((await userInfo(urlB, token)).status).toBe(200);
    a.clock.advance(3600_000);
    await a.synced();
    expect(
      (
        await eventually(
          () => userInfo(urlB, token),
          (answer) => answer.status === 401,
        )
      ).status,
    ).toBe(401);
    expect(b.clock.offsetMs).toBeGreaterThanOrEqual(3600_000);
  });

  it('keeps two kits apart by their key prefix', async () => {
    const other = createMockServer({ store: { url: redis.url, prefix: 'another-kit' } });
    const otherUrl = await other.start();
    try {
      const token = a.registerToken();
      await a.synced();
      expect((await userInfo(urlB, token)).status).toBe(200);
      expect((await userInfo(otherUrl, token)).status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('asks Redis once for a token nobody issued, however often it is sent', async () => {
    // Each look-up reads one key that does not exist: Redis counts it as a keyspace miss.
    const misses = async (): Promise<number> => {
      const stats = await client.sendCommand<string>(['INFO', 'stats']);
      return Number(/keyspace_misses:(\d+)/.exec(stats)?.[1] ?? '0');
    };
    const before = await misses();
    for (let at = 0; at < 50; at++) expect((await userInfo(urlA, 'nobody-issued-this')).status).toBe(401);
    // One look-up, the answer "unknown" remembered for a second (NEGATIVE_TTL_MS); at most one more miss
    // is the journal's own (its byte count, read afresh after the reset of the test before).
    expect((await misses()) - before).toBeLessThanOrEqual(2);
  });

  it('serves in-process too: createMock waits for the store before its first answer', async () => {
    const mock = createMock({ store: { url: redis.url, prefix } });
    try {
      const token = a.registerToken({ scopes: 'openid' });
      await a.synced();
      const answer = await mock.fetch(`https://oauth-account-noneu.truecaller.com${ENDPOINTS.userinfo}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(answer.status).toBe(200);
    } finally {
      await mock.close();
    }
  });
});
