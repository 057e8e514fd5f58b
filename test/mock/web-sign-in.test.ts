import { beforeEach, describe, expect, it } from 'vitest';
import { findWebProfile } from '../../fixtures/web-profiles.js';
import { MOBILE_WEB_ENDPOINTS, TRUECALLER_PROFILE_URL } from '../../src/operations/mobile-web/endpoints.js';
import type { WebCallbackApproved, WebSignInResult } from '../../src/operations/mobile-web/wire-types.js';
import { DOORS, startMock, type DoorName, type DoorUnderTest } from '../support/doors.js';
import { kitErrorOf } from '../support/errors.js';
import { openApiProblems, request, schemaProblems, type TestResponse } from '../support/http.js';
import { usePartner } from '../support/partner.js';

const PATH = MOBILE_WEB_ENDPOINTS.webProfile;
const doors = Object.fromEntries(
  await Promise.all(DOORS.map(async (name) => [name, await startMock(name)])),
) as Record<DoorName, DoorUnderTest>;
const partner = usePartner();
// No waiting between attempts in these tests; the defaults (1 s, then 2 s) are the kit's choice.
const quick = { retryDelayMs: 0 };

beforeEach(() => partner.clear());

/** Every body the partner received fits openapi.yaml's WebCallback, and the result fits its schema. */
function expectValid(result: WebSignInResult): void {
  for (const { body } of partner.received) expect(schemaProblems('WebCallback', body)).toEqual([]);
  expect(schemaProblems('WebSignInResult', result)).toEqual([]);
}

describe.each(DOORS)('completeWebSignIn on %s', (name) => {
  const door = (): DoorUnderTest => doors[name];

  it('posts flow_invoked, then the token and the endpoint, which answers the persona’s web profile', async () => {
    let profile: TestResponse | undefined;
    partner.answerNext({ status: 200 }, (response, { body }) => {
      const { accessToken, endpoint } = body as WebCallbackApproved;
      // The partner's backend fetches the profile while it handles the callback, as a real one would.
      void request(endpoint, { headers: { authorization: `Bearer ${accessToken}` } }, door().fetch).then(
        (answer) => {
          profile = answer;
          response.writeHead(200).end('{"signedIn":true}');
        },
      );
    });
    const result = await door().server.completeWebSignIn({
      requestId: 'RL8YZ41FQMt5Jiak2sc_Ys0OgQA=',
      callbackUrl: `${partner.url}/truecaller/callback?site=shop`,
      persona: 'full-id',
    });
    expectValid(result);
    const endpoint = `${name === 'node:http' ? door().url : TRUECALLER_PROFILE_URL}${PATH}`;
    expect(partner.received.map(({ method, path, body }) => ({ method, path, body }))).toEqual([
      {
        method: 'POST',
        path: '/truecaller/callback?site=shop',
        body: { requestId: 'RL8YZ41FQMt5Jiak2sc_Ys0OgQA=', status: 'flow_invoked' },
      },
      {
        method: 'POST',
        path: '/truecaller/callback?site=shop',
        body: { requestId: 'RL8YZ41FQMt5Jiak2sc_Ys0OgQA=', accessToken: result.accessToken, endpoint },
      },
    ]);
    expect(partner.received[0]?.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(result).toMatchObject({ outcome: 'approved', endpoint, delivered: true });
    expect(result.callbacks.map(({ attempts }) => attempts.map((attempt) => attempt.status))).toEqual([
      [200],
      [200],
    ]);
    expect(result.callbacks[1]?.attempts[0]?.body).toBe('{"signedIn":true}');
    expect(profile?.status).toBe(200);
    expect(openApiProblems(PATH, 'get', profile as TestResponse)).toEqual([]);
    expect(profile?.json).toEqual(findWebProfile('full-id'));
  });

  it.each(['user_rejected', 'use_another_number'] as const)(
    'posts flow_invoked, then the status %s, and makes no token',
    async (outcome) => {
      const result = await door().server.completeWebSignIn({
        requestId: 'nonce-12345',
        callbackUrl: `${partner.url}/cb`,
        outcome,
      });
      expectValid(result);
      expect(partner.received.map(({ body }) => body)).toEqual([
        { requestId: 'nonce-12345', status: 'flow_invoked' },
        { requestId: 'nonce-12345', status: outcome },
      ]);
      expect(result).toMatchObject({ accessToken: null, endpoint: null, delivered: true });
    },
  );

  it('posts a token of the test’s own, which the profile endpoint then answers as it is', async () => {
    const accessToken = door().server.registerWebToken({ scenario: 'server-error' });
    const result = await door().server.completeWebSignIn({
      requestId: 'nonce-own-token',
      callbackUrl: `${partner.url}/cb`,
      accessToken,
    });
    expect((partner.received[1]?.body as WebCallbackApproved).accessToken).toBe(accessToken);
    const base = name === 'node:http' ? door().url : TRUECALLER_PROFILE_URL;
    const answer = await request(
      `${base}${PATH}`,
      { headers: { authorization: `Bearer ${accessToken}` } },
      door().fetch,
    );
    expect([result.delivered, answer.status]).toEqual([true, 500]);
  });
});

describe('completeWebSignIn delivers as Truecaller does', () => {
  const mock = () => doors['node:http'].server;

  it('posts a body again after a 500, and stops at the 2xx', async () => {
    partner.answerNext({ status: 500 }, { status: 200 }, { status: 503 }, { status: 204 });
    const result = await mock().completeWebSignIn({
      requestId: 'retry-me',
      callbackUrl: `${partner.url}/cb`,
      delivery: quick,
    });
    expectValid(result);
    expect(result.callbacks.map(({ attempts }) => attempts.map((attempt) => attempt.status))).toEqual([
      [500, 200],
      [503, 204],
    ]);
    expect(result.delivered).toBe(true);
    expect(partner.received).toHaveLength(4);
  });

  it('gives up after its retries, and sends no outcome when the handshake never got a 2xx', async () => {
    partner.answerNext({ status: 500 }, { status: 500 }, { status: 500 });
    const result = await mock().completeWebSignIn({
      requestId: 'down',
      callbackUrl: `${partner.url}/cb`,
      delivery: quick,
    });
    expectValid(result);
    expect(result.callbacks).toHaveLength(1);
    expect(result.callbacks[0]?.attempts.map((attempt) => attempt.status)).toEqual([500, 500, 500]);
    expect(result).toMatchObject({ delivered: false, accessToken: null, endpoint: null });
    expect(partner.received).toHaveLength(3);
  });

  it('does not try a 4xx again', async () => {
    partner.answerNext({ status: 404, body: 'no such callback' });
    const result = await mock().completeWebSignIn({ requestId: 'lost', callbackUrl: `${partner.url}/cb` });
    expect(result.callbacks[0]?.attempts).toEqual([
      { status: 404, body: 'no such callback', error: null, durationMs: expect.any(Number) as number },
    ]);
    expect([result.delivered, partner.received.length]).toEqual([false, 1]);
  });

  it('does not follow a redirect', async () => {
    partner.answerNext({ status: 302, headers: { location: `${partner.url}/elsewhere` } });
    const result = await mock().completeWebSignIn({ requestId: 'moved', callbackUrl: `${partner.url}/cb` });
    expect(result.callbacks[0]?.attempts.map((attempt) => attempt.status)).toEqual([302]);
    expect(partner.received.map(({ path }) => path)).toEqual(['/cb']);
    expect(result.delivered).toBe(false);
  });

  it('waits no longer than its timeout for a partner that never answers', async () => {
    partner.answerNext(() => undefined);
    const result = await mock().completeWebSignIn({
      requestId: 'silent',
      callbackUrl: `${partner.url}/cb`,
      delivery: { timeoutMs: 50, retries: 0 },
    });
    expect(result.callbacks[0]?.attempts).toEqual([
      {
        status: null,
        body: null,
        error: 'no whole answer within 50 ms',
        durationMs: expect.any(Number) as number,
      },
    ]);
    expect(result.delivered).toBe(false);
  });

  it('reads only the start of a huge answer', async () => {
    partner.answerNext((response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end('x'.repeat(4 * 1024 * 1024));
    });
    const result = await mock().completeWebSignIn({ requestId: 'big', callbackUrl: `${partner.url}/cb` });
    expect(result.callbacks[0]?.attempts[0]?.body).toHaveLength(4096);
    expect(result.delivered).toBe(true);
  });

  it('reports a partner that is not listening as no answer', async () => {
    const result = await mock().completeWebSignIn({
      requestId: 'nobody-home',
      callbackUrl: 'http://127.0.0.1:9/cb',
      delivery: { ...quick, retries: 1 },
    });
    expect(result.callbacks[0]?.attempts.map((attempt) => [attempt.status, attempt.error])).toEqual([
      [null, expect.stringContaining('ECONNREFUSED')],
      [null, expect.stringContaining('ECONNREFUSED')],
    ]);
  });

  it('refuses bad input before sending anything, naming every field', async () => {
    const error = await kitErrorOf(
      mock().completeWebSignIn({
        requestId: '',
        callbackUrl: `${partner.url}/cb`,
        outcome: 'maybe' as 'approved',
        delivery: { retries: 9 },
        extra: 1,
      } as never),
    );
    expect(error.code).toBe('ERR_OPTIONS_INVALID');
    for (const part of [
      'requestId',
      'outcome must be one of approved',
      'delivery.retries',
      'unknown field "extra"',
    ])
      expect(error.message).toContain(part);
    const persona = await kitErrorOf(
      mock().completeWebSignIn({ requestId: 'r-1', callbackUrl: `${partner.url}/cb`, persona: 'nobody' }),
    );
    expect([persona.code, persona.message]).toEqual([
      'ERR_TOKEN_INVALID',
      expect.stringContaining('no persona "nobody"'),
    ]);
    expect(partner.received).toEqual([]);
  });
});
