import { afterAll, beforeAll, expect, it } from 'vitest';
import { ENDPOINTS } from '../../../src/endpoints.js';
import { openApiProblems, request, type TestResponse } from '../../support/http.js';
import { describeWithRedis, type RedisServer, startRedisServer } from '../../support/redis-server.js';
import { distribution, eventually, type Replica, startReplicas } from '../../support/replicas.js';
import { postCodeExchange, postForm } from '../../support/token.js';

const userInfo = (baseUrl: string, token: string): Promise<TestResponse> =>
  request(`${baseUrl}${ENDPOINTS.userinfo}`, { headers: { authorization: `Bearer ${token}` } });

const admin = (baseUrl: string, path: string, method = 'GET', body?: unknown): Promise<TestResponse> =>
  request(`${baseUrl}/__admin/${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
  });

/** Registers a code on `baseUrl`'s control plane (answered once it is in Redis). */
async function registerCode(baseUrl: string, fields: object = {}): Promise<string> {
  const created = await admin(baseUrl, 'codes', 'POST', fields);
  expect(created.status).toBe(201);
  return (created.json as { id: string }).id;
}

/** Exchanges a fresh code on `baseUrl`: the access token issued. */
async function issueToken(baseUrl: string): Promise<string> {
  const issued = await postCodeExchange(baseUrl, await registerCode(baseUrl));
  expect(issued.status).toBe(200);
  return (issued.json as { access_token: string }).access_token;
}

describeWithRedis('three mock processes sharing one Redis', () => {
  let redis: RedisServer;
  let replicas: Replica[] = [];
  let urls: string[];
  let a: string;
  let b: string;

  beforeAll(async () => {
    redis = await startRedisServer();
    replicas = await startReplicas(3, redis.url);
    urls = replicas.map((replica) => replica.url);
    [a = '', b = ''] = urls;
  }, 90_000);

  afterAll(async () => {
    try {
      const exits = await Promise.all(replicas.map((replica) => replica.stop()));
      expect(exits).toEqual(replicas.map(() => 0)); // every replica started stopped cleanly
    } finally {
      await redis.stop();
    }
  });

  it('exchanges on B a code registered on A', async () => {
    const code = await registerCode(a, { scopes: 'openid phone' });
    const issued = await postCodeExchange(b, code);
    expect(issued.status).toBe(200);
    expect(openApiProblems(ENDPOINTS.token, 'post', issued)).toEqual([]);
  });

  it('gives exactly one 200 for 200 parallel exchanges of one code spread over the replicas', async () => {
    const code = await registerCode(a);
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, at) => postCodeExchange(urls[at % urls.length] ?? a, code)),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 403)).toHaveLength(199);
    for (const answer of answers) expect(openApiProblems(ENDPOINTS.token, 'post', answer)).toEqual([]);
  });

  it('answers on B a token issued on A, at once', async () => {
    const token = await issueToken(a);
    const answer = await userInfo(b, token);
    expect(answer.status).toBe(200);
    expect(openApiProblems(ENDPOINTS.userinfo, 'get', answer)).toEqual([]);
  });

  it('stops answering on A a token revoked on B, within the bound (measured: see the note)', async () => {
    const seen: number[] = [];
    for (let round = 0; round < 30; round++) {
      const token = await issueToken(a);
      expect((await userInfo(a, token)).status).toBe(200); // A holds it, its answer cached
      expect((await postForm(`${b}${ENDPOINTS.revoke}`, { token })).status).toBe(200);
      const revoked = performance.now();
      const after = await eventually(
        () => userInfo(a, token),
        (answer) => answer.status === 401,
      );
      expect(after.status).toBe(401);
      seen.push(performance.now() - revoked);
    }
    const { median, p95, max } = distribution(seen);
    // Not a timing assertion (the limit above is 10 s): the figure the README states comes from here.
    console.log(
      `revoke on B seen by A after (ms, 30 rounds, each poll one HTTP round trip): median ${median.toFixed(1)}, p95 ${p95.toFixed(1)}, max ${max.toFixed(1)}`,
    );
  });

  it('applies a fault set on one replica on all of them, and its clearing', async () => {
    expect((await admin(b, 'fault', 'PUT', { failure: 'service-unavailable' })).status).toBe(200);
    for (const url of urls) {
      const answer = await eventually(
        () => userInfo(url, 'valid'),
        (each) => each.status === 503,
      );
      expect(answer.status).toBe(503);
    }
    expect((await admin(a, 'fault', 'PUT', {})).status).toBe(200);
    for (const url of urls)
      expect(
        (
          await eventually(
            () => userInfo(url, 'valid'),
            (each) => each.status === 200,
          )
        ).status,
      ).toBe(200);
  });

  it('moves the clock of every replica: a token issued on A expires on C', async () => {
    const token = await issueToken(a);
    const c = urls[2] ?? a;
    expect((await userInfo(c, token)).status).toBe(200);
    const moved = await admin(b, 'clock', 'POST', { advanceMs: 3_600_000 });
    expect(moved.status).toBe(200);
    const { offsetMs } = moved.json as { offsetMs: number };
    for (const url of urls) {
      const clock = await eventually(
        () => admin(url, 'clock'),
        (answer) => (answer.json as { offsetMs: number }).offsetMs === offsetMs,
      );
      expect((clock.json as { offsetMs: number }).offsetMs).toBe(offsetMs);
    }
    const expired = await userInfo(c, token);
    expect(expired.status).toBe(401);
    expect(expired.json).toMatchObject({ error: 'invalid_token' });
  });

  it("shows every replica's requests in each replica's journal", async () => {
    const tokens = urls.map((_, at) => `journal-probe-${at}-${Date.now()}`);
    await Promise.all(urls.map((url, at) => userInfo(url, tokens[at] ?? '')));
    for (const url of urls) {
      const journal = await eventually(
        () => admin(url, 'requests'),
        (answer) => {
          const listed = (answer.json as { requests: { token: string | null }[] }).requests.map(
            (entry) => entry.token,
          );
          return tokens.every((token) => listed.includes(token));
        },
      );
      const listed = (journal.json as { requests: { token: string | null }[] }).requests.map(
        (entry) => entry.token,
      );
      expect(listed).toEqual(expect.arrayContaining(tokens));
    }
  });
});
