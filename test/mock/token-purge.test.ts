import { beforeEach, describe, expect, it } from 'vitest';
import { startMock, type DoorUnderTest } from '../support/doors.js';
import { type MockServer } from '../../mock/index.js';
import { issuedTokenGraceMs } from '../../mock/state/expiry-queue.js';
import { DEFAULT_CLIENT_ID } from '../../src/operations/token/grants.js';
import { getExchangeOutcome } from '../../src/operations/token/outcomes.js';
import { getExampleValue, loadApiDocument } from '../../src/openapi/api-document.js';
import type { ErrorBody } from '../../src/wire-types.js';
import type { TokenResponse } from '../../src/operations/token/wire-types.js';
import { openApiProblems, type TestResponse } from '../support/http.js';

const TOKEN = '/v1/token';
const USERINFO = '/v1/userinfo';
const LIFETIME_SECONDS = 60;
const LIFETIME_MS = LIFETIME_SECONDS * 1000;
const GRACE_MS = issuedTokenGraceMs(LIFETIME_SECONDS);
const document = loadApiDocument();

let mock: DoorUnderTest<MockServer>;
let builtInTokens: number;

beforeEach(async () => {
  mock = await startMock({ tokenLifetimeSeconds: LIFETIME_SECONDS });
  builtInTokens = mock.server.store.size('tokens');
});

async function issue(): Promise<TokenResponse> {
  const response = await mock.exchange('valid-code');
  expect(response.status).toBe(200);
  return response.json as TokenResponse;
}

async function refresh(refreshToken: string): Promise<TestResponse> {
  const response = await mock.postForm(TOKEN, {
    grant_type: 'refresh_token',
    client_id: DEFAULT_CLIENT_ID,
    refresh_token: refreshToken,
  });
  expect(openApiProblems(TOKEN, 'post', response)).toEqual([]);
  return response;
}

describe('issued tokens are dropped once expired past the grace', () => {
  it('drops issued tokens and their refresh tokens on a later issue, keeping the built-in ones', async () => {
    const builtIn = mock.server.store.ids('tokens');
    const first = await Promise.all(Array.from({ length: 8 }, issue));
    expect(mock.server.store.size('tokens')).toBe(builtInTokens + first.length);
    expect(mock.server.store.size('refreshTokens')).toBe(first.length);

    mock.server.clock.advance(LIFETIME_MS + GRACE_MS);
    const last = await issue();
    expect(mock.server.store.ids('tokens')).toEqual([...builtIn, last.access_token]);
    expect(mock.server.store.ids('refreshTokens')).toEqual([last.refresh_token]);
    expect(mock.server.store.get('tokens', 'valid')).toBeDefined();
    const gone = await mock.userInfo(first[0]?.access_token ?? '');
    expect(gone.json).toEqual(getExampleValue(document, USERINFO, 'get', 401, 'invalid'));
  });

  it('answers 401 expired and still refreshes within the grace', async () => {
    const issued = await issue();
    mock.server.clock.advance(LIFETIME_MS);
    const expired = await mock.userInfo(issued.access_token);
    expect(expired.json).toEqual(getExampleValue(document, USERINFO, 'get', 401, 'expired'));
    expect((await refresh(issued.refresh_token ?? '')).status).toBe(200);
  });

  it('refuses a refresh token once its grace is over, whether or not it was dropped yet', async () => {
    const issued = await issue();
    mock.server.clock.advance(LIFETIME_MS + GRACE_MS);
    const response = await refresh(issued.refresh_token ?? '');
    const { status, example } = getExchangeOutcome('invalid-refresh-token');
    expect(response.status).toBe(status);
    expect((response.json as ErrorBody).error).toBe(
      (getExampleValue(document, TOKEN, 'post', status, example) as ErrorBody).error,
    );
  });

  it('keeps a token the admin API added, which has no expiry', async () => {
    await mock.admin('POST', '/__admin/tokens', { id: 'kept-token' });
    await issue();
    mock.server.clock.advance(LIFETIME_MS + GRACE_MS);
    await issue();
    expect((await mock.userInfo('kept-token')).status).toBe(200);
  });

  it('keeps the store within a bound over a long run', async () => {
    const rounds = 25;
    const perRound = 12;
    let most = 0;
    for (let round = 0; round < rounds; round++) {
      await Promise.all(Array.from({ length: perRound }, issue));
      most = Math.max(most, mock.server.store.size('tokens'));
      mock.server.clock.advance(LIFETIME_MS + GRACE_MS);
    }
    // Each issue drops every overdue token first: at most one round's tokens live beside the built-in ones.
    const bound = builtInTokens + perRound;
    expect(most).toBeLessThanOrEqual(bound);
    expect(mock.server.store.size('refreshTokens')).toBeLessThanOrEqual(perRound);
    expect(rounds * perRound).toBeGreaterThan(bound * 2);
  });
});
