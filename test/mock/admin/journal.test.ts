import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockRequest, requestWithBody } from '../../../mock/http/mock-request.js';
import { type PreparedResponse, prepareJson } from '../../../mock/http/responses.js';
import { MAX_JOURNAL_READERS, RequestJournal } from '../../../mock/state/journal.js';
import type { MockServer } from '../../../mock/index.js';
import type { Journal } from '../../../src/wire-types.js';
import { startMock } from '../../support/doors.js';
import { curlForm, openApiProblems, request } from '../../support/http.js';

const ANSWER = prepareJson({ commonHeaders: [] }, 200, { sub: '1' }, { scenario: 'valid' });

function fakeRequest(url: string, token: string, headers: Record<string, string> = {}): MockRequest {
  return requestWithBody('GET', url, { authorization: `Bearer ${token}`, ...headers }, new Uint8Array());
}

/** An answer of its own (as `POST /v1/token` makes one per request), `size` bytes of body. */
function ownAnswer(size: number): PreparedResponse {
  return prepareJson({ commonHeaders: [] }, 200, { pad: 'x'.repeat(size) }, { scenario: 'issued' });
}

describe('RequestJournal', () => {
  it('keeps only the last `size` requests, oldest first', () => {
    const journal = new RequestJournal(3);
    for (let index = 0; index < 10; index++) journal.record(fakeRequest(`/p${index}`, 't'), ANSWER, 0);
    expect(journal.length).toBe(3);
    expect(journal.entries().map((entry) => entry.path)).toEqual(['/p7', '/p8', '/p9']);
  });

  it('records nothing with size 0', () => {
    const journal = new RequestJournal(0);
    journal.record(fakeRequest('/x', 't'), ANSWER, 0);
    expect(journal.entries()).toEqual([]);
  });

  it('drops the query string from the path and filters by token and path', () => {
    const journal = new RequestJournal(10);
    journal.record(fakeRequest('/a?x=1', 'one'), ANSWER, 0);
    journal.record(fakeRequest('/b', 'two'), ANSWER, 0);
    expect(journal.entries({ token: 'two' }).map((entry) => entry.path)).toEqual(['/b']);
    expect(journal.entries({ path: '/a' }).map((entry) => entry.token)).toEqual(['one']);
    expect(journal.entries({ path: '/a' })[0]?.request.url).toBe('/a?x=1');
  });

  it('drops the oldest entries once they hold more than its bytes, and always keeps the newest', () => {
    const journal = new RequestJournal(1000, 64 * 1024);
    const bigToken = 't'.repeat(15 * 1024);
    for (let index = 0; index < 20; index++) journal.record(fakeRequest(`/p${index}`, bigToken), ANSWER, 0);
    expect(journal.bytes).toBeLessThanOrEqual(64 * 1024);
    expect(journal.length).toBeLessThan(5);
    expect(journal.entries().at(-1)?.path).toBe('/p19');
    const huge = new RequestJournal(10, 1024);
    huge.record(fakeRequest('/huge', bigToken), ANSWER, 0);
    expect(huge.entries().map((entry) => entry.path)).toEqual(['/huge']);
  });

  it('counts an answer shared by many entries once, and one answer per entry for answers of their own', () => {
    const own = new RequestJournal(100, 2 ** 30);
    for (let index = 0; index < 100; index++) own.record(fakeRequest('/s', 't'), ownAnswer(10_000), 0);
    const shared = new RequestJournal(100, 2 ** 30);
    const one = ownAnswer(10_000);
    for (let index = 0; index < 100; index++) shared.record(fakeRequest('/s', 't'), one, 0);
    expect(own.bytes).toBeGreaterThan(100 * 10_000);
    expect(shared.bytes).toBeLessThan(2 * 10_000 + 100 * 1000);
  });

  it('gives back the bytes of what it drops, down to none when cleared', () => {
    const journal = new RequestJournal(2, 2 ** 30);
    const answers = [ownAnswer(5000), ownAnswer(5000), ownAnswer(5000)];
    for (const answer of answers) journal.record(fakeRequest('/x', 't'), answer, 0);
    const two = new RequestJournal(2, 2 ** 30);
    for (const answer of answers.slice(1)) two.record(fakeRequest('/x', 't'), answer, 0);
    expect(journal.bytes).toBe(two.bytes);
    journal.clear();
    expect(journal.bytes).toBe(0);
  });

  it('numbers entries from 1 and goes on counting after a clear; lists only what is newer than `after`', () => {
    const journal = new RequestJournal(10);
    for (let index = 0; index < 3; index++) journal.record(fakeRequest(`/p${index}`, 't'), ANSWER, 0);
    expect(journal.entries().map((entry) => entry.seq)).toEqual([1, 2, 3]);
    expect(journal.entries({ after: 2 }).map((entry) => entry.path)).toEqual(['/p2']);
    journal.clear();
    expect(journal.oldestSeq).toBe(4);
    journal.record(fakeRequest('/again', 't'), ANSWER, 0);
    expect(journal.entries().map((entry) => entry.seq)).toEqual([4]);
    expect(journal.lastSeq).toBe(4);
  });

  it('keeps the request as it arrived: target, headers, body and form fields', async () => {
    const journal = new RequestJournal(10);
    const form = requestWithBody(
      'POST',
      '/v1/token?x=1',
      { 'content-type': 'application/x-www-form-urlencoded', 'x-many': ['a', 'b'] },
      new TextEncoder().encode('grant_type=authorization_code&code=c%20d'),
    );
    await form.readBody(1024);
    journal.record(form, ANSWER, 0);
    const [entry] = journal.entries();
    expect(entry?.request).toEqual({
      url: '/v1/token?x=1',
      headers: [
        ['content-type', 'application/x-www-form-urlencoded'],
        ['x-many', 'a'],
        ['x-many', 'b'],
      ],
      body: 'grant_type=authorization_code&code=c%20d',
      form: [
        ['grant_type', 'authorization_code'],
        ['code', 'c d'],
      ],
    });
    expect(entry?.response.body).toBe('{"sub":"1"}');
  });

  it('resolves a reader waiting for a change when an entry is recorded, the journal is cleared or closed', async () => {
    const journal = new RequestJournal(10);
    const recorded = journal.changed(60_000);
    expect(journal.waiting).toBe(1);
    journal.record(fakeRequest('/x', 't'), ANSWER, 0);
    await expect(recorded).resolves.toBe(true);
    const cleared = journal.changed(60_000);
    journal.clear();
    await expect(cleared).resolves.toBe(true);
    const closing = journal.changed(60_000);
    journal.close();
    await expect(closing).resolves.toBe(false);
    await expect(journal.changed(60_000)).resolves.toBe(false);
    expect(journal.waiting).toBe(0);
  });

  it('resolves a waiting reader with false when its time is up', async () => {
    const journal = new RequestJournal(10);
    await expect(journal.changed(1)).resolves.toBe(false);
    expect(journal.waiting).toBe(0);
  });
});

describe('GET /__admin/requests', async () => {
  const mock = await startMock({ journalSize: 5 });
  let server: MockServer;
  let base: string;

  beforeAll(() => {
    ({ server, url: base } = mock);
  });
  beforeEach(async () => {
    await request(`${base}/__admin/requests`, { method: 'DELETE' });
  });

  const journal = async (query = ''): Promise<Journal> => {
    const response = await request(`${base}/__admin/requests${query}`);
    expect(openApiProblems('/__admin/requests', 'get', response)).toEqual([]);
    return response.json as Journal;
  };

  it('lists each request with its time, method, path, token, scenario, status and latency', async () => {
    const before = Date.now();
    await request(`${base}/v1/userinfo?x=1`, { headers: { authorization: 'Bearer expired' } });
    const [entry] = (await journal()).requests;
    expect(entry).toMatchObject({
      method: 'GET',
      path: '/v1/userinfo',
      token: 'expired',
      scenario: 'expired',
      status: 401,
    });
    expect(Date.parse(String(entry?.time))).toBeGreaterThanOrEqual(before - 1);
    expect(entry?.latencyMs).toBeGreaterThanOrEqual(0);
  });

  it('shows the request as it arrived (headers, form fields) and the answer (status, headers, body)', async () => {
    const status = await curlForm(
      `${base}/v1/token`,
      'grant_type=authorization_code&client_id=kit-test-client&code=invalid-code&code_verifier=x',
      { 'x-trace': 'abc' },
    );
    const [entry] = (await journal('?path=/v1/token')).requests;
    expect(entry?.request.headers).toContainEqual(['x-trace', 'abc']);
    expect(entry?.request.headers).toContainEqual(['user-agent', 'curl/8.5.0']);
    expect(entry?.request.form).toContainEqual(['code', 'invalid-code']);
    expect(entry?.status).toBe(status);
    expect(entry?.response.headers).toContainEqual(['Content-Type', 'application/json; charset=utf-8']);
    expect(JSON.parse(entry?.response.body ?? '')).toMatchObject({ error: expect.any(String) as string });
  });

  it('filters by token and by path', async () => {
    await request(`${base}/v1/userinfo`, { headers: { authorization: 'Bearer valid' } });
    await request(`${base}/v1/userinfo`, { headers: { authorization: 'Bearer invalid' } });
    await request(`${base}/elsewhere`, { headers: { authorization: 'Bearer valid' } });
    const byToken = await journal('?token=valid');
    const byPath = await journal('?path=/elsewhere');
    expect(byToken.requests.map((entry) => entry.path)).toEqual(['/v1/userinfo', '/elsewhere']);
    expect(byPath.requests.map((entry) => entry.status)).toEqual([404]);
  });

  it('stays within its configured size and says how many bytes it holds of how many', async () => {
    for (let index = 0; index < 12; index++) await request(`${base}/v1/userinfo`);
    const body = await journal();
    expect(body.capacity).toBe(5);
    expect(body.requests).toHaveLength(5);
    expect(body.bytes).toBeGreaterThan(0);
    expect(body.bytes).toBeLessThanOrEqual(body.maxBytes);
    expect(body.oldestSeq).toBe(body.lastSeq - 4);
  });

  it('answers a reader waiting with `wait` as soon as a newer request is recorded', async () => {
    const { lastSeq } = await journal();
    const waiting = journal(`?after=${lastSeq}&wait=30`);
    // The reader is waiting on the mock before the request is sent: what it gets came from the wait.
    await expect.poll(() => server.journal?.waiting).toBe(1);
    await request(`${base}/v1/userinfo`, { headers: { authorization: 'Bearer valid' } });
    const answered = await waiting;
    expect(answered.requests.map((entry) => [entry.seq, entry.token])).toEqual([[lastSeq + 1, 'valid']]);
  });

  it('answers a waiting reader when the journal is cleared, with what it holds no longer', async () => {
    await request(`${base}/v1/userinfo`);
    const { lastSeq } = await journal();
    const waiting = journal(`?after=${lastSeq}&wait=30`);
    await expect.poll(() => server.journal?.waiting).toBe(1);
    await request(`${base}/__admin/requests`, { method: 'DELETE' });
    expect(await waiting).toMatchObject({ requests: [], oldestSeq: lastSeq + 1 });
  });

  it('answers at once, without waiting, when there is already something newer', async () => {
    await request(`${base}/v1/userinfo`);
    const answered = await journal('?after=0&wait=30');
    expect(answered.requests.length).toBeGreaterThan(0);
    expect(server.journal?.waiting).toBe(0);
  });

  it.each([
    ['?after=-1', /after must be/],
    ['?after=x', /after must be/],
    ['?wait=31', /wait must be whole seconds from 0 to 30/],
    ['?wait=1.5', /wait must be/],
    ['?limit=3', /takes token, path, after and wait, not limit/],
  ])('refuses %s with a 400 naming it', async (query, message) => {
    const response = await request(`${base}/__admin/requests${query}`);
    expect(response.status).toBe(400);
    expect(openApiProblems('/__admin/requests', 'get', response)).toEqual([]);
    expect((response.json as { error_description: string }).error_description).toMatch(message);
  });

  it('is emptied by DELETE and by reset', async () => {
    await request(`${base}/v1/userinfo`);
    const cleared = await request(`${base}/__admin/requests`, { method: 'DELETE' });
    expect(cleared.status).toBe(204);
    expect(openApiProblems('/__admin/requests', 'delete', cleared)).toEqual([]);
    expect((await journal()).requests).toEqual([]);
    await request(`${base}/v1/userinfo`);
    await request(`${base}/__admin/reset`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    expect((await journal()).requests).toEqual([]);
  });
});

describe('readers waiting on the journal', () => {
  it(`ends the oldest wait when a reader past ${MAX_JOURNAL_READERS} comes, so closed tabs cannot hold all the places`, async () => {
    const { server, url: base } = await startMock();
    const read = (): Promise<Journal> =>
      request(`${base}/__admin/requests?after=0&wait=30`).then((response) => response.json as Journal);
    const oldest = read();
    await expect.poll(() => server.journal?.waiting).toBe(1);
    const others = Array.from({ length: MAX_JOURNAL_READERS - 1 }, read);
    await expect.poll(() => server.journal?.waiting).toBe(MAX_JOURNAL_READERS);
    const newest = read();
    expect((await oldest).requests).toEqual([]);
    await expect.poll(() => server.journal?.waiting).toBe(MAX_JOURNAL_READERS);
    await request(`${base}/v1/userinfo`);
    const answers = await Promise.all([...others, newest]);
    expect(answers.every((answer) => answer.requests.length === 1)).toBe(true);
  });

  it('ends every wait when the mock closes, leaving no reader behind', async () => {
    const { server, url: base } = await startMock();
    const waiting = request(`${base}/__admin/requests?after=0&wait=30`).then(
      (response) => response.status,
      () => 'connection closed',
    );
    await expect.poll(() => server.journal?.waiting).toBe(1);
    await server.close();
    expect([200, 'connection closed']).toContain(await waiting);
    expect(server.journal?.waiting).toBe(0);
  });
});
