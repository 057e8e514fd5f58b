import { afterAll, beforeAll, expect, it } from 'vitest';
import { ENDPOINTS } from '../../../src/endpoints.js';
import { openApiProblems, request, type TestResponse } from '../../support/http.js';
import { describeWithRedis, type RedisServer, startRedisServer } from '../../support/redis-server.js';
import { eventually, type Replica, startReplicas } from '../../support/replicas.js';
import { postCodeExchange, postForm } from '../../support/token.js';

const userInfo = (baseUrl: string, token: string): Promise<TestResponse> =>
  request(`${baseUrl}${ENDPOINTS.userinfo}`, { headers: { authorization: `Bearer ${token}` } });

async function registerCode(baseUrl: string): Promise<TestResponse> {
  return request(`${baseUrl}/__admin/codes`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
}

/** One answer of the load, and what it was for. */
interface Seen {
  readonly call: 'userinfo' | 'token' | 'revoke';
  readonly answer: TestResponse;
  readonly during: 'before' | 'outage' | 'after';
}

/** What was acknowledged: tokens issued (200), tokens revoked (200), codes exchanged (200). */
interface Acknowledged {
  readonly issued: string[];
  readonly revoked: string[];
  readonly exchanged: string[];
}

describeWithRedis('Redis killed under load, then back', () => {
  let redis: RedisServer;
  let replicas: Replica[] = [];
  let urls: string[];

  beforeAll(async () => {
    redis = await startRedisServer();
    replicas = await startReplicas(2, redis.url);
    urls = replicas.map((replica) => replica.url);
  }, 90_000);

  afterAll(async () => {
    try {
      await Promise.all(replicas.map((replica) => replica.stop()));
    } finally {
      await redis.stop();
    }
  });

  it('answers the documented 5xx meanwhile, keeps running, comes back, and loses nothing acknowledged', async () => {
    const acknowledged: Acknowledged = { issued: [], revoked: [], exchanged: [] };
    const seen: Seen[] = [];
    const codes: string[] = [];
    for (let at = 0; at < 400; at++) {
      const created = await registerCode(urls[at % 2] ?? '');
      expect(created.status).toBe(201);
      codes.push((created.json as { id: string }).id);
    }
    let during: Seen['during'] = 'before';
    let running = true;
    const worker = async (index: number): Promise<void> => {
      for (let step = 0; running; step++) {
        const url = urls[(index + step) % 2] ?? '';
        await loadStep(url, codes, acknowledged, (call, answer) => seen.push({ call, answer, during }));
      }
    };
    const load = Promise.all(Array.from({ length: 6 }, (_, index) => worker(index)));
    await new Promise((resolve) => setTimeout(resolve, 500));
    // The outage starts when the signal is sent: a replica may see its connection drop, and answer, before
    // this process hears that redis-server exited.
    during = 'outage';
    await redis.kill();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await redis.restart();
    during = 'after';
    // Service returns: a code registered now is exchanged on either replica.
    for (const url of urls) {
      const back = await eventually(
        async () => {
          const created = await registerCode(url);
          return created.status === 201
            ? postCodeExchange(url, (created.json as { id: string }).id)
            : created;
        },
        (answer) => answer.status === 200,
        20_000,
      );
      expect(back.status).toBe(200);
    }
    running = false;
    await load;

    const tally = (phase: Seen['during']): string =>
      [
        ...new Set(
          seen.filter((each) => each.during === phase).map((each) => `${each.call} ${each.answer.status}`),
        ),
      ]
        .map(
          (kind) =>
            `${kind} x${seen.filter((each) => each.during === phase && `${each.call} ${each.answer.status}` === kind).length}`,
        )
        .join(', ');
    console.log(`before: ${tally('before')}\noutage: ${tally('outage')}\nafter: ${tally('after')}`);
    for (const replica of replicas) expect(replica.cli.child.exitCode).toBeNull();
    expectDocumentedAnswers(seen);
    expect(seen.filter((each) => each.during === 'outage').length).toBeGreaterThan(0);
    expect(
      seen.some((each) => each.during === 'outage' && each.call === 'token' && each.answer.status === 503),
    ).toBe(true);
    await expectNothingLost(urls, acknowledged);
  }, 120_000);
});

/** One request of the load: an exchange of a code not used yet, a userinfo of an issued token, a revoke. */
async function loadStep(
  url: string,
  codes: string[],
  acknowledged: Acknowledged,
  record: (call: Seen['call'], answer: TestResponse) => void,
): Promise<void> {
  const code = codes.shift();
  if (code !== undefined) {
    const answer = await postCodeExchange(url, code);
    record('token', answer);
    if (answer.status === 200) {
      acknowledged.exchanged.push(code);
      acknowledged.issued.push((answer.json as { access_token: string }).access_token);
    } else codes.push(code); // refused meanwhile (503): not used; tried again later
  }
  const issued = acknowledged.issued;
  const token = issued[Math.floor(Math.random() * issued.length)];
  if (token !== undefined && !acknowledged.revoked.includes(token)) {
    if (Math.random() < 0.1) {
      const answer = await postForm(`${url}${ENDPOINTS.revoke}`, { token });
      record('revoke', answer);
      if (answer.status === 200) acknowledged.revoked.push(token);
    } else record('userinfo', await userInfo(url, token));
  }
  // A token no replica holds: it must be asked of Redis.
  record('userinfo', await userInfo(url, `unknown-${Math.random().toString(36).slice(2)}`));
}

/** Every answer is one `openapi.yaml` declares; the 5xx are the documented ones, and only in the outage. */
function expectDocumentedAnswers(seen: readonly Seen[]): void {
  const path = { userinfo: ENDPOINTS.userinfo, token: ENDPOINTS.token, revoke: ENDPOINTS.revoke };
  for (const { call, answer, during } of seen) {
    const method = call === 'userinfo' ? 'get' : 'post';
    expect(openApiProblems(path[call], method, answer)).toEqual([]);
    if (answer.status < 500) continue;
    expect(during).not.toBe('before');
    if (call === 'userinfo') {
      expect(answer.status).toBe(500);
      expect(answer.json).toEqual({
        error: 'server_error',
        error_description: 'Unexpected error at server side.',
      });
    } else {
      expect(answer.status).toBe(503);
      expect(answer.json).toMatchObject({ error: 'temporarily_unavailable' });
    }
  }
}

/** Every token issued answers on both replicas, unless revoked; every code exchanged stays used. */
async function expectNothingLost(urls: readonly string[], acknowledged: Acknowledged): Promise<void> {
  expect(acknowledged.issued.length).toBeGreaterThan(10);
  for (const url of urls) {
    for (const token of acknowledged.issued) {
      const expected = acknowledged.revoked.includes(token) ? 401 : 200;
      expect([token, (await userInfo(url, token)).status]).toEqual([token, expected]);
    }
    for (const code of acknowledged.exchanged) expect((await postCodeExchange(url, code)).status).toBe(403);
  }
}
