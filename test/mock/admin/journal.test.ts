import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockRequest, requestWithBody } from '../../../mock/http/mock-request.js';
import { RequestJournal } from '../../../mock/state/journal.js';
import { createMockServer, type MockServer } from '../../../mock/index.js';
import { openApiProblems, request } from '../../support/http.js';

function fakeRequest(url: string, token: string): MockRequest {
  return requestWithBody('GET', url, { authorization: `Bearer ${token}` }, new Uint8Array());
}

describe('RequestJournal', () => {
  it('keeps only the last `size` requests, oldest first', () => {
    const journal = new RequestJournal(3);
    for (let index = 0; index < 10; index++) journal.record(fakeRequest(`/p${index}`, 't'), 200, 'valid', 0);
    expect(journal.length).toBe(3);
    expect(journal.entries().map((entry) => entry.path)).toEqual(['/p7', '/p8', '/p9']);
  });

  it('records nothing with size 0', () => {
    const journal = new RequestJournal(0);
    journal.record(fakeRequest('/x', 't'), 200, 'valid', 0);
    expect(journal.entries()).toEqual([]);
  });

  it('drops the query string from the path and filters by token and path', () => {
    const journal = new RequestJournal(10);
    journal.record(fakeRequest('/a?x=1', 'one'), 200, 'valid', 0);
    journal.record(fakeRequest('/b', 'two'), 401, 'expired', 0);
    expect(journal.entries({ token: 'two' }).map((entry) => entry.path)).toEqual(['/b']);
    expect(journal.entries({ path: '/a' }).map((entry) => entry.token)).toEqual(['one']);
  });
});

describe('GET /__admin/requests', () => {
  let server: MockServer;
  let base: string;

  beforeAll(async () => {
    server = createMockServer({ journalSize: 5 });
    base = await server.start();
  });
  afterAll(() => server?.close());
  beforeEach(async () => {
    await request(`${base}/__admin/requests`, { method: 'DELETE' });
  });

  it('lists each request with its time, method, path, token, scenario, status and latency', async () => {
    const before = Date.now();
    await request(`${base}/v1/userinfo?x=1`, { headers: { authorization: 'Bearer expired' } });
    const response = await request(`${base}/__admin/requests`);
    expect(openApiProblems('/__admin/requests', 'get', response)).toEqual([]);
    const [entry] = (response.json as { requests: Record<string, unknown>[] }).requests;
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

  it('filters by token and by path', async () => {
    await request(`${base}/v1/userinfo`, { headers: { authorization: 'Bearer valid' } });
    await request(`${base}/v1/userinfo`, { headers: { authorization: 'Bearer invalid' } });
    await request(`${base}/elsewhere`, { headers: { authorization: 'Bearer valid' } });
    const byToken = await request(`${base}/__admin/requests?token=valid`);
    const byPath = await request(`${base}/__admin/requests?path=/elsewhere`);
    const tokens = (byToken.json as { requests: { path: string }[] }).requests.map((entry) => entry.path);
    expect(tokens).toEqual(['/v1/userinfo', '/elsewhere']);
    expect((byPath.json as { requests: { status: number }[] }).requests.map((entry) => entry.status)).toEqual(
      [404],
    );
  });

  it('stays within its configured size', async () => {
    for (let index = 0; index < 12; index++) await request(`${base}/v1/userinfo`);
    const response = await request(`${base}/__admin/requests`);
    const body = response.json as { capacity: number; requests: unknown[] };
    expect(body.capacity).toBe(5);
    expect(body.requests).toHaveLength(5);
  });

  it('is emptied by DELETE and by reset', async () => {
    await request(`${base}/v1/userinfo`);
    const cleared = await request(`${base}/__admin/requests`, { method: 'DELETE' });
    expect(cleared.status).toBe(204);
    expect(openApiProblems('/__admin/requests', 'delete', cleared)).toEqual([]);
    expect((await request(`${base}/__admin/requests`)).json).toMatchObject({ requests: [] });
    await request(`${base}/v1/userinfo`);
    await request(`${base}/__admin/reset`, { method: 'POST' });
    expect((await request(`${base}/__admin/requests`)).json).toMatchObject({ requests: [] });
  });
});
