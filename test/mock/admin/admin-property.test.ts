/**
 * A property of the whole mock, as a hostile and a careless client would find it: whatever admin requests
 * arrive (any method, path spelling, query, body) between userinfo and token requests, the mock process
 * keeps running, every answer is JSON (or empty where the status says so), a page of another origin is
 * refused and changes nothing, a write that is not JSON is never carried out, and its `--db` file always
 * loads. The mock runs as the CLI does, in a process of its own, so "never exits" is checked as such.
 */
import fc from 'fast-check';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkStoreData } from '../../../mock/config/db-file.js';
import { readDbFile } from '../../../mock/config/db-persistence.js';
import { DEFAULT_CLIENT_ID, EXAMPLE_CODE_VERIFIER } from '../../../src/operations/token/grants.js';
import { request, type TestResponse } from '../../support/http.js';
import { type CliProcess, runTsCli } from '../../support/spawn-cli.js';

const folder = mkdtempSync(join(tmpdir(), 'tok-property-'));
const db = join(folder, 'store.json');
let cli: CliProcess;
let url = '';

async function startMock(): Promise<void> {
  cli = runTsCli('mock/cli/mock-cli.ts', ['--port', '0', '--quiet', '--db', db]);
  [, url = ''] = await cli.waitForOutput(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
}
beforeAll(startMock);
afterAll(async () => {
  if (cli.child.exitCode === null) {
    cli.child.kill('SIGTERM');
    await cli.exited;
  }
  rmSync(folder, { recursive: true, force: true });
});

// Ways to spell the admin paths a careless or hostile client tries.
const prefix = fc.constantFrom('/__admin', '/__ADMIN', '//__admin', '/__admin/.');
const name = fc.constantFrom(
  'tokens',
  'TOKENS',
  'Tokens',
  'personas',
  'codes',
  'clients',
  'phoneNumberTokens',
  'webTokens',
  'webSignIns',
  'refreshTokens',
  'RefreshTokens',
  'fault',
  'FAULT',
  'requests',
  'reset',
  'db',
  'clock',
  '__proto__',
  'constructor',
  'ui',
  'nested/deeper/still',
);
const id = fc.oneof(
  fc.constantFrom(
    'valid',
    'expired',
    'full-in',
    'kit-test-client',
    'valid-code',
    '%E0%A4',
    '.',
    '..',
    '%2F',
    '',
  ),
  fc.string({ maxLength: 12 }).map(encodeURIComponent),
);
const query = fc.oneof(
  fc.constant(''),
  fc.constantFrom(
    '?id_like=^(a%2B)%2B$',
    '?q[a]=b',
    '?_sort[a]=b',
    '?_expand=persona',
    '?_embed=refreshTokens',
    '?_page=2&_limit=1',
    '?persona=full-in',
    '?_delay=60000',
    '?after=0&wait=0',
  ),
  fc
    .tuple(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }))
    .map(([key, value]) => `?${encodeURIComponent(key)}=${encodeURIComponent(value)}`),
);
// Record-shaped bodies with wrong and right field values; failures that break a connection and long
// delays are left out (they answer nothing, on purpose, and are tested on their own).
const fault = fc.record(
  {
    failure: fc.constantFrom('too-many-requests', 'service-unavailable', 'meltdown', 7),
    retryAfterS: fc.oneof(fc.integer({ min: -5, max: 100_000 }), fc.constant('1\nX: y')),
    delayMs: fc.oneof(fc.constant(0), fc.constant(-1), fc.constant({ min: 5, max: 1 })),
  },
  { requiredKeys: [] },
);
const recordBody = fc.record(
  {
    id: fc.oneof(id, fc.integer()),
    persona: fc.oneof(fc.constantFrom('full-in', 'nobody', null), fc.object({ maxDepth: 1 })),
    scopes: fc.oneof(fc.constantFrom('openid phone', ['openid'], 'wallet', []), fc.string()),
    scenario: fc.constantFrom('valid', 'expired', 'teapot'),
    claims: fc.oneof(fc.constant({ sub: '42' }), fc.constant({ sub: 'x' }), fc.object({ maxDepth: 1 })),
    grantTypes: fc.constantFrom(['authorization_code'], ['password'], 'all'),
    clientId: fc.constantFrom(DEFAULT_CLIENT_ID, 'ghost'),
    phoneNumber: fc.constantFrom('919812345678', '12', 919812345678),
    fault,
    advanceMs: fc.integer({ min: -10, max: 10_000 }),
  },
  { requiredKeys: [] },
);
const body = fc.oneof(
  { weight: 6, arbitrary: recordBody.map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: fault.map((value) => JSON.stringify(value)) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constant('{"constructor":{"prototype":{"polluted":true}}}') },
  { weight: 1, arbitrary: fc.constant(undefined) },
);

/** Who sends an admin request: a client that is no browser, the mock's own page, or a page of another origin. */
type Sender = 'client' | 'own page' | 'other origin' | 'other site, no Origin';
/** What a write says its body is. */
type BodyType = 'application/json' | 'application/json; charset=utf-8' | 'text/plain' | 'none';

type Call =
  | {
      kind: 'admin';
      method: string;
      path: string;
      body: string | undefined;
      sender: Sender;
      type: BodyType;
    }
  | { kind: 'userinfo'; token: string }
  | { kind: 'token'; code: string };

const adminCall = fc
  .record({
    method: fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'PROPFIND'),
    prefix,
    name,
    id: fc.option(id, { nil: undefined }),
    slash: fc.boolean(),
    query,
    body,
    sender: fc.constantFrom<Sender>('client', 'client', 'own page', 'other origin', 'other site, no Origin'),
    type: fc.constantFrom<BodyType>(
      'application/json',
      'application/json',
      'application/json; charset=utf-8',
      'text/plain',
      'none',
    ),
  })
  .map((call): Call => ({
    kind: 'admin',
    sender: call.sender,
    type: call.type,
    method: call.method,
    path: `${call.prefix}/${call.name}${call.id === undefined ? '' : `/${call.id}`}${call.slash ? '/' : ''}${call.query}`,
    body: call.method === 'GET' || call.method === 'HEAD' ? undefined : call.body,
  }));
const call: fc.Arbitrary<Call> = fc.oneof(
  { weight: 4, arbitrary: adminCall },
  {
    weight: 1,
    arbitrary: fc
      .oneof(fc.constantFrom('valid', 'expired', 'reduced-scopes'), fc.string({ maxLength: 10 }))
      .map((token): Call => ({ kind: 'userinfo', token })),
  },
  {
    weight: 1,
    arbitrary: fc
      .oneof(fc.constantFrom('valid-code', 'rate-limited', 'invalid-code'), fc.string({ maxLength: 10 }))
      .map((code): Call => ({ kind: 'token', code })),
  },
);

function send(next: Call): Promise<TestResponse> {
  if (next.kind === 'userinfo') {
    return request(`${url}/v1/userinfo`, { headers: { authorization: `Bearer ${next.token}` } });
  }
  if (next.kind === 'token') {
    return request(`${url}/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: DEFAULT_CLIENT_ID,
        code: next.code,
        code_verifier: EXAMPLE_CODE_VERIFIER,
      }),
    });
  }
  const headers: Record<string, string> = {};
  if (next.type !== 'none') headers['content-type'] = next.type;
  if (next.sender === 'own page') Object.assign(headers, { origin: url, 'sec-fetch-site': 'same-origin' });
  if (next.sender === 'other origin') headers.origin = 'http://127.0.0.1:1';
  if (next.sender === 'other site, no Origin') headers['sec-fetch-site'] = 'cross-site';
  const init: RequestInit = { method: next.method, headers };
  // Bytes, not a string: fetch would send a string as text/plain.
  if (next.body !== undefined) init.body = Buffer.from(next.body);
  return request(`${url}${next.path}`, init);
}

/** What a request may change: the store, the clock and the journal, as the control plane shows them. */
async function state(): Promise<string> {
  const json = { headers: { 'content-type': 'application/json' } };
  const [store, clock, journal] = await Promise.all(
    ['/__admin/db', '/__admin/clock', '/__admin/requests'].map((path) => request(`${url}${path}`, json)),
  );
  return JSON.stringify([
    store?.json,
    (clock?.json as { offsetMs?: number })?.offsetMs,
    (journal?.json as { lastSeq?: number })?.lastSeq,
  ]);
}

/**
 * The control plane's rules for browsers: a page of another origin (or a request a browser marks
 * cross-site) is refused with 403 before anything else, and changes nothing; a write that is not JSON is
 * never carried out.
 */
async function expectBrowserRules(
  next: Extract<Call, { kind: 'admin' }>,
  response: TestResponse,
  before: string,
) {
  // Only the exact prefix is the control plane: //__admin and /__ADMIN are the API's 404s.
  const isAdmin = /^\/__admin(\/|$|\?)/.test(next.path);
  const page = /\/ui(\/|$|\?)/.test(next.path) || /\/docs(\/|$|\?)/.test(next.path);
  if (!isAdmin) return;
  const label = `${JSON.stringify(next)} -> ${response.status} ${response.text.slice(0, 200)}`;
  if ((next.sender === 'other origin' || next.sender === 'other site, no Origin') && !page) {
    expect(response.status, label).toBe(403);
    expect(await state(), label).toBe(before);
  }
  if (['POST', 'PUT', 'PATCH'].includes(next.method) && !next.type.startsWith('application/json'))
    expect(response.status, label).toBeGreaterThanOrEqual(400);
  expect(response.headers['access-control-allow-origin'], label).toBeUndefined();
}

/** Whether an answer is what the mock always gives: JSON, or nothing where the status or method says so. */
function isKitAnswer(next: Call, response: TestResponse): boolean {
  const empty =
    response.text === '' &&
    ([204, 304].includes(response.status) || (next.kind === 'admin' && next.method === 'HEAD'));
  if (empty) return true;
  const type = response.headers['content-type'] ?? '';
  // The dashboard's own pages are HTML, scripts and styles; everything else is JSON.
  const page = next.kind === 'admin' && /\/ui(\/|$|\?)/.test(next.path) && response.status === 200;
  return page || (type.startsWith('application/json') && response.json !== undefined);
}

describe('the mock under random admin, userinfo and token requests', () => {
  it('never exits, answers every request in JSON, keeps to its rules for browsers, and leaves a --db file that loads', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(call, { minLength: 1, maxLength: 25 }), async (calls) => {
        for (const next of calls) {
          const foreign =
            next.kind === 'admin' &&
            (next.sender === 'other origin' || next.sender === 'other site, no Origin');
          const before = foreign ? await state() : '';
          const response = await send(next);
          if (next.kind === 'admin') await expectBrowserRules(next, response, before);
          expect(
            isKitAnswer(next, response),
            `${JSON.stringify(next)} -> ${response.status} ${response.text.slice(0, 200)}`,
          ).toBe(true);
          expect(response.status).toBeLessThan(600);
        }
        expect(cli.child.exitCode).toBeNull();
        // What the next start would load: the file with its log replayed, held to the store's checks.
        expect(() => checkStoreData(readDbFile(db), db)).not.toThrow();
        // Back to the start state, so a failure shrinks to the calls that caused it.
        expect(
          (
            await request(`${url}/__admin/reset`, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
            })
          ).status,
        ).toBe(204);
      }),
      { numRuns: 100 },
    );
    // And a real restart from the file.
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    await startMock();
    expect((await request(`${url}/v1/userinfo`, { headers: { authorization: 'Bearer valid' } })).status).toBe(
      200,
    );
  }, 300_000);
});
