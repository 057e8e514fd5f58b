import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../../mock/index.js';
import { issuedTokenGraceMs } from '../../mock/state/expiry-queue.js';
import { DEFAULT_CLIENT_ID, getExchangeOutcome } from '../../src/exchange-outcomes.js';
import { getExampleValue, loadApiDocument } from '../../src/openapi/api-document.js';
import type { ErrorBody, TokenResponse } from '../../src/wire-types.js';
import { openApiProblems, request, type TestResponse } from '../support/http.js';
import { postCodeExchange, postForm } from '../support/token.js';

const TOKEN = '/v1/token';
const USERINFO = '/v1/userinfo';
const LIFETIME_SECONDS = 60;
const LIFETIME_MS = LIFETIME_SECONDS * 1000;
const GRACE_MS = issuedTokenGraceMs(LIFETIME_SECONDS);
const document = loadApiDocument();

let server: MockServer;
let base: string;
let builtInTokens: number;

beforeEach(async () => {
  server = createMockServer({ tokenLifetimeSeconds: LIFETIME_SECONDS });
  base = await server.start();
  builtInTokens = server.store.size('tokens');
});
afterEach(() => server?.close());

async function checked(response: Promise<TestResponse>, path: string, method: 'get' | 'post') {
  const answer = await response;
  expect(openApiProblems(path, method, answer)).toEqual([]);
  return answer;
}

async function issue(): Promise<TokenResponse> {
  const response = await checked(postCodeExchange(base, 'valid-code'), TOKEN, 'post');
  expect(response.status).toBe(200);
  return response.json as TokenResponse;
}

function refresh(refreshToken: string): Promise<TestResponse> {
  return checked(
    postForm(`${base}${TOKEN}`, {
      grant_type: 'refresh_token',
      client_id: DEFAULT_CLIENT_ID,
      refresh_token: refreshToken,
    }),
    TOKEN,
    'post',
  );
}

function userInfo(token: string): Promise<TestResponse> {
  return checked(
    request(`${base}${USERINFO}`, { headers: { authorization: `Bearer ${token}` } }),
    USERINFO,
    'get',
  );
}

describe('issued tokens are dropped once expired past the grace', () => {
  it('drops issued tokens and their refresh tokens on a later issue, keeping the built-in ones', async () => {
    const builtIn = server.store.ids('tokens');
    const first = await Promise.all(Array.from({ length: 8 }, issue));
    expect(server.store.size('tokens')).toBe(builtInTokens + first.length);
    expect(server.store.size('refreshTokens')).toBe(first.length);

    server.clock.advance(LIFETIME_MS + GRACE_MS);
    const last = await issue();
    expect(server.store.ids('tokens')).toEqual([...builtIn, last.access_token]);
    expect(server.store.ids('refreshTokens')).toEqual([last.refresh_token]);
    expect(server.store.get('tokens', 'valid')).toBeDefined();
    const gone = await userInfo(first[0]?.access_token ?? '');
    expect(gone.json).toEqual(getExampleValue(document, USERINFO, 'get', 401, 'invalid'));
  });

  it('answers 401 expired and still refreshes within the grace', async () => {
    const issued = await issue();
    server.clock.advance(LIFETIME_MS);
    const expired = await userInfo(issued.access_token);
    expect(expired.json).toEqual(getExampleValue(document, USERINFO, 'get', 401, 'expired'));
    expect((await refresh(issued.refresh_token ?? '')).status).toBe(200);
  });

  it('refuses a refresh token once its grace is over, whether or not it was dropped yet', async () => {
    const issued = await issue();
    server.clock.advance(LIFETIME_MS + GRACE_MS);
    const response = await refresh(issued.refresh_token ?? '');
    const { status, example } = getExchangeOutcome('invalid-refresh-token');
    expect(response.status).toBe(status);
    expect((response.json as ErrorBody).error).toBe(
      (getExampleValue(document, TOKEN, 'post', status, example) as ErrorBody).error,
    );
  });

  it('keeps a token the admin API added, which has no expiry', async () => {
    await request(`${base}/__admin/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'kept-token' }),
    });
    await issue();
    server.clock.advance(LIFETIME_MS + GRACE_MS);
    await issue();
    expect((await userInfo('kept-token')).status).toBe(200);
  });

  it('keeps the store within a bound over a long run', async () => {
    const rounds = 25;
    const perRound = 12;
    let most = 0;
    for (let round = 0; round < rounds; round++) {
      await Promise.all(Array.from({ length: perRound }, issue));
      most = Math.max(most, server.store.size('tokens'));
      server.clock.advance(LIFETIME_MS + GRACE_MS);
    }
    // Each issue drops every overdue token first: at most one round's tokens live beside the built-in ones.
    const bound = builtInTokens + perRound;
    expect(most).toBeLessThanOrEqual(bound);
    expect(server.store.size('refreshTokens')).toBeLessThanOrEqual(perRound);
    expect(rounds * perRound).toBeGreaterThan(bound * 2);
  });
});
