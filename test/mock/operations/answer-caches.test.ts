/**
 * The operations cache their answers, and the engine drops a cached answer when what it was made from
 * changes (issue 20, "state that knows who reads it"). The property: whatever admin writes arrive between
 * requests, every answer equals the answer of a fresh engine holding the same state, which has cached
 * nothing. A dependency an operation forgot, or a change the engine does not pass on, shows up as an
 * answer made from stale state.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createMock, type Mock } from '../../../mock/index.js';
import { OPERATIONS } from '../../../src/operations/index.js';
import { fillPath } from '../../../src/paths.js';
import { ENDPOINTS } from '../../../src/endpoints.js';

const HOST = 'https://oauth-account-noneu.truecaller.com';
const TOKENS = ['valid', 'expired', 'reduced-scopes', 'no-profile', 't1', 't2', 'unknown'];
const PHONE_TOKENS = ['otp-valid', 'otp-invalid', 'p1', 'p2', 'unknown'];
const WEB_TOKENS = ['web-valid', 'web-invalid', 'w1', 'w2', 'unknown'];
const CLIENTS = ['kit-test-client', 'c1', 'kit-unknown'];
const PERSONAS = ['full-in', 'pa', 'pb'];

const scenariosOf = (name: string): string[] =>
  (OPERATIONS.find((operation) => operation.name === name)?.scenarios ?? [])
    .filter((scenario) => scenario.assignable)
    .map((scenario) => scenario.name);

/** One step: a request through an operation, or a change through the control plane. */
type Step =
  | { kind: 'userinfo'; token: string | null }
  | { kind: 'phone-number'; token: string; client: string | null }
  | { kind: 'mobile-web'; token: string | null }
  | { kind: 'admin'; method: string; path: string; body?: unknown }
  | { kind: 'clock'; advanceMs: number };

const claims = fc.record(
  {
    sub: fc.constantFrom('1', '2'),
    given_name: fc.constantFrom('Ravi', 'Asha'),
    email: fc.constantFrom('a@example.org'),
  },
  { requiredKeys: ['sub'] },
);
const scopes = fc.subarray(['openid', 'profile', 'phone', 'email', 'address'] as const);
const fault = fc.oneof(
  fc.constant({}),
  fc.record({ failure: fc.constantFrom('too-many-requests', 'service-unavailable', 'truncated-json') }),
);

const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('userinfo' as const),
      token: fc.option(fc.constantFrom(...TOKENS)),
    }),
  },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('phone-number' as const),
      token: fc.constantFrom(...PHONE_TOKENS),
      client: fc.option(fc.constantFrom(...CLIENTS)),
    }),
  },
  fc.record({
    kind: fc.constant('admin' as const),
    // PUT changes a token there is; POST adds one (its id in the body).
    method: fc.constantFrom('PUT', 'POST'),
    path: fc.constantFrom('/__admin/tokens/t1', '/__admin/tokens/valid'),
    body: fc.record({
      id: fc.constantFrom('t1', 't2'),
      persona: fc.constantFrom(...PERSONAS, null),
      scopes,
      scenario: fc.constantFrom(...scenariosOf('userinfo')),
      expiresAt: fc.option(fc.constantFrom(0, 4_000_000_000_000), { nil: undefined }),
      fault: fc.option(fault, { nil: undefined }),
    }),
  }),
  fc.record({
    kind: fc.constant('admin' as const),
    method: fc.constant('POST'),
    path: fc.constant('/__admin/personas/pa'),
    body: fc.record({ id: fc.constantFrom('pa', 'pb'), claims }),
  }),
  fc.record({
    kind: fc.constant('admin' as const),
    method: fc.constant('PATCH'),
    path: fc.constantFrom('/__admin/personas/full-in', '/__admin/personas/pa'),
    body: fc.record({ claims }),
  }),
  fc.record({
    kind: fc.constant('admin' as const),
    method: fc.constant('DELETE'),
    path: fc.constantFrom(
      '/__admin/tokens/t1',
      '/__admin/tokens/valid',
      '/__admin/personas/pa',
      '/__admin/phoneNumberTokens/p1',
      '/__admin/phoneNumberTokens/otp-valid',
      '/__admin/clients/c1',
    ),
  }),
  fc.record({
    kind: fc.constant('admin' as const),
    method: fc.constantFrom('PUT', 'POST'),
    path: fc.constantFrom('/__admin/phoneNumberTokens/p1', '/__admin/phoneNumberTokens/otp-valid'),
    body: fc.record({
      id: fc.constantFrom('p1', 'p2'),
      phoneNumber: fc.constantFrom('919812345678', '919000000001'),
      scenario: fc.constantFrom(...scenariosOf('phone-number')),
      phoneNumberAs: fc.constantFrom('number', 'string'),
      expiresAt: fc.option(fc.constantFrom(0, 4_000_000_000_000), { nil: undefined }),
    }),
  }),
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('mobile-web' as const),
      token: fc.option(fc.constantFrom(...WEB_TOKENS)),
    }),
  },
  fc.record({
    kind: fc.constant('admin' as const),
    method: fc.constantFrom('PUT', 'POST'),
    path: fc.constantFrom('/__admin/webTokens/w1', '/__admin/webTokens/web-valid'),
    body: fc.record({
      id: fc.constantFrom('w1', 'w2'),
      persona: fc.constantFrom(...PERSONAS),
      scenario: fc.constantFrom(...scenariosOf('mobile-web')),
      valuesAs: fc.constantFrom('typed', 'strings'),
      expiresAt: fc.option(fc.constantFrom(0, 4_000_000_000_000), { nil: undefined }),
      fault: fc.option(fault, { nil: undefined }),
    }),
  }),
  fc.record({
    kind: fc.constant('admin' as const),
    method: fc.constant('DELETE'),
    path: fc.constantFrom('/__admin/webTokens/w1', '/__admin/webTokens/web-valid'),
  }),
  fc.record({
    kind: fc.constant('admin' as const),
    method: fc.constant('POST'),
    path: fc.constant('/__admin/clients/c1'),
    body: fc.record({ id: fc.constant('c1') }),
  }),
  fc.record({
    kind: fc.constant('admin' as const),
    method: fc.constant('PUT'),
    path: fc.constant('/__admin/fault'),
    body: fault,
  }),
  fc.record({
    kind: fc.constant('admin' as const),
    method: fc.constant('POST'),
    path: fc.constant('/__admin/reset'),
  }),
  fc.record({ kind: fc.constant('clock' as const), advanceMs: fc.constantFrom(1000, 3_600_000) }),
);

/** What a client sees of an answer: its status, the headers it reads and its body (or that none came). */
async function seen(mock: Mock, request: Step): Promise<string> {
  let response: Response;
  try {
    if (request.kind === 'userinfo') {
      const headers: Record<string, string> =
        request.token === null ? {} : { authorization: `Bearer ${request.token}` };
      response = await mock.fetch(`${HOST}${ENDPOINTS.userinfo}`, { headers });
    } else if (request.kind === 'phone-number') {
      const headers: Record<string, string> = request.client === null ? {} : { clientid: request.client };
      response = await mock.fetch(`${HOST}${fillPath(ENDPOINTS.phoneNumberDetail, request.token)}`, {
        headers,
      });
    } else if (request.kind === 'mobile-web') {
      const headers: Record<string, string> =
        request.token === null ? {} : { authorization: `Bearer ${request.token}` };
      response = await mock.fetch(`https://profile4-noneu.truecaller.com${ENDPOINTS.webProfile}`, {
        headers,
      });
    } else throw new TypeError('not a request');
  } catch (error) {
    return `no answer: ${(error as Error).message}`;
  }
  const challenge = response.headers.get('www-authenticate') ?? '';
  return `${response.status} ${response.headers.get('content-type') ?? ''} ${challenge}\n${await response.text()}`;
}

/** A mock that has answered nothing, holding what `live` holds now (its store and its clock). */
function freshCopyOf(live: Mock): Mock {
  const fresh = createMock();
  fresh.store.replace(structuredClone(live.store.snapshot()));
  fresh.clock.advance(live.clock.offsetMs);
  return fresh;
}

describe('answer caches', () => {
  it('answer every request as a fresh engine with the same state would, whatever changed before it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 20, maxLength: 60 }), async (steps) => {
        const live = createMock();
        try {
          for (const each of steps) {
            if (each.kind === 'admin') {
              const init: RequestInit = {
                method: each.method,
                headers: { 'content-type': 'application/json' },
              };
              if (each.body !== undefined) init.body = JSON.stringify(each.body);
              // A POST goes to the collection, its id in the body; a PUT or PATCH to the record.
              const path = each.method === 'POST' ? each.path.replace(/\/[^/]+$/, '') : each.path;
              await live.fetch(`${HOST}${path}`, init);
            } else if (each.kind === 'clock') live.clock.advance(each.advanceMs);
            else {
              const fresh = freshCopyOf(live);
              try {
                const answer = await seen(live, each);
                // A failure of the mock itself (a read the operation did not declare, say) is never an answer.
                expect(answer).not.toContain('The mock failed');
                expect(answer).toBe(await seen(fresh, each));
              } finally {
                await fresh.close();
              }
            }
          }
        } finally {
          await live.close();
        }
      }),
      { numRuns: 100 },
    );
    // A hundred runs of up to sixty steps, each request answered twice: seconds alone, more on a busy machine.
  }, 120_000);
});
