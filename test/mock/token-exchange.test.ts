import { describe, expect, it } from 'vitest';
import { PERSONAS } from '../../fixtures/personas.js';
import {
  DEFAULT_CLIENT_ID,
  EXAMPLE_CODE_VERIFIER,
  RESTRICTED_CLIENT_ID,
} from '../../src/operations/token/grants.js';
import { EXCHANGE_OUTCOMES, type ExchangeOutcomeName } from '../../src/operations/token/outcomes.js';
import { getExampleValue, loadApiDocument } from '../../src/openapi/api-document.js';
import { createPkcePair } from '../../src/operations/token/pkce.js';
import { SCOPES } from '../../src/scopes.js';
import type { ErrorBody } from '../../src/wire-types.js';
import type { TokenResponse } from '../../src/operations/token/wire-types.js';
import { DOORS, startMock } from '../support/doors.js';
import { openApiProblems, type TestResponse } from '../support/http.js';

const TOKEN = '/v1/token';
const USERINFO = '/v1/userinfo';
const document = loadApiDocument();
const outcome = (name: ExchangeOutcomeName) => EXCHANGE_OUTCOMES.find((row) => row.name === name)!;
const exampleOf = (name: ExchangeOutcomeName): ErrorBody => {
  const row = outcome(name);
  return getExampleValue(document, TOKEN, 'post', row.status, row.example) as ErrorBody;
};

/** Expects the documented error of `name`: its status, its example's error code and (opening) description. */
function expectOutcome(response: { status: number; json: unknown }, name: ExchangeOutcomeName): void {
  const example = exampleOf(name);
  const body = response.json as ErrorBody;
  expect(response.status).toBe(outcome(name).status);
  expect(body.error).toBe(example.error);
  expect(body.error_description.startsWith(example.error_description)).toBe(true);
}

function codeForm(code: string, codeVerifier: string = EXAMPLE_CODE_VERIFIER): Record<string, string> {
  return {
    grant_type: 'authorization_code',
    client_id: DEFAULT_CLIENT_ID,
    code,
    code_verifier: codeVerifier,
  };
}

describe.each(DOORS)('POST /v1/token through the %s door', async (door) => {
  const mock = await startMock(door, {
    config: { clients: { 'code-only': { grantTypes: ['authorization_code'] } } },
  });

  /** Posts a form to /v1/token and checks the answer against openapi.yaml before handing it back. */
  async function exchange(fields: Readonly<Record<string, string>>): Promise<TestResponse> {
    const response = await mock.postForm(TOKEN, fields);
    expect(openApiProblems(TOKEN, 'post', response)).toEqual([]);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['cache-control']).toBe('no-store');
    return response;
  }

  describe('POST /v1/token, one request per row of the exchange-outcome table', () => {
    it.each(EXCHANGE_OUTCOMES)('answers $name with $status as openapi.yaml describes', async (row) => {
      const response = await exchange(row.form);
      expect(response.status).toBe(row.status);
      if (row.status !== 200) expect(response.json).toEqual(exampleOf(row.name));
      if (row.status === 429) expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('issues a Bearer token with the documented lifetime and the granted scopes for the built-in code', async () => {
      const response = await exchange(outcome('issued').form);
      const token = response.json as TokenResponse;
      const sample = getExampleValue(document, TOKEN, 'post', 200, 'issued') as TokenResponse;
      expect(token.token_type).toBe('Bearer');
      expect(token.expires_in).toBe(sample.expires_in);
      expect(token.scope.split(' ')).toEqual([...SCOPES]);
      expect(token.refresh_token).toEqual(expect.any(String));
    });

    it('keeps the built-in success code usable, so the table works from curl again and again', async () => {
      const first = await exchange(outcome('issued').form);
      const second = await exchange(outcome('issued').form);
      expect([first.status, second.status]).toEqual([200, 200]);
      expect((first.json as TokenResponse).access_token).not.toBe(
        (second.json as TokenResponse).access_token,
      );
    });
  });

  describe('the natural triggers of each documented error', () => {
    it.each([
      ['an unknown grant type', { grant_type: 'password' }, 'unsupported-grant-type', /password/],
      ['a missing code', { code: '' }, 'empty-parameters', /code\b/],
      [
        'a missing verifier and client id',
        { code_verifier: '', client_id: '' },
        'empty-parameters',
        /client_id, code_verifier/,
      ],
      ['an unknown client id', { client_id: 'someone-else' }, 'invalid-client', /someone-else/],
      ['a client allowed no grant', { client_id: RESTRICTED_CLIENT_ID }, 'unauthorized-client', /no grant/],
      ['an unknown code', { code: 'no-such-code' }, 'invalid-code', /No such code/],
      [
        'a verifier shorter than 43 characters',
        { code_verifier: 'a'.repeat(42) },
        'invalid-verifier',
        /43 to 128/,
      ],
      [
        'a verifier longer than 128 characters',
        { code_verifier: 'a'.repeat(129) },
        'invalid-verifier',
        /129 characters/,
      ],
      [
        'a verifier with characters outside the RFC 7636 set',
        { code_verifier: `${'a'.repeat(43)}+/` },
        'invalid-verifier',
        /outside/,
      ],
    ] as const)('answers %s with the documented error and says why', async (_, change, name, why) => {
      const response = await exchange({ ...codeForm('valid-code'), ...change });
      expectOutcome(response, name);
      expect((response.json as ErrorBody).error_description).toMatch(why);
    });

    it('refuses the refresh grant to a client allowed only the code grant', async () => {
      const response = await exchange({
        grant_type: 'refresh_token',
        client_id: 'code-only',
        refresh_token: 'x',
      });
      expectOutcome(response, 'unauthorized-client');
    });

    it('ignores fields it does not know, such as redirect_uri', async () => {
      const response = await exchange({
        ...codeForm('valid-code'),
        redirect_uri: 'https://app.example/cb',
        state: 'x',
      });
      expect(response.status).toBe(200);
    });
  });

  describe('registered codes with PKCE', () => {
    it('exchanges a code for a token whose userinfo answer follows the code persona and scopes', async () => {
      const { codeVerifier, codeChallenge } = createPkcePair();
      const code = mock.server.registerCode({ persona: 'full-in', scopes: 'openid phone', codeChallenge });
      const response = await exchange(codeForm(code, codeVerifier));
      const token = response.json as TokenResponse;
      expect(token.scope).toBe('openid phone');
      expect(token.refresh_token).toBeUndefined();

      const profile = await mock.userInfo(token.access_token);
      const persona = PERSONAS.find((candidate) => candidate.id === 'full-in')!.claims;
      expect(profile.status).toBe(200);
      expect(openApiProblems(USERINFO, 'get', profile)).toEqual([]);
      expect(profile.json).toEqual({
        sub: persona.sub,
        phone_number: persona.phone_number,
        phone_number_country_code: persona.phone_number_country_code,
        phone_number_verified: persona.phone_number_verified,
      });
    });

    it('answers the documented invalid/expired auth code on the second exchange of a code', async () => {
      const { codeVerifier, codeChallenge } = createPkcePair();
      const code = mock.server.registerCode({ codeChallenge });
      const first = await exchange(codeForm(code, codeVerifier));
      const second = await exchange(codeForm(code, codeVerifier));
      expect(first.status).toBe(200);
      expectOutcome(second, 'expired-code');
    });

    it('answers the documented invalid verifier when the verifier does not match the challenge, and keeps the code', async () => {
      const { codeChallenge } = createPkcePair();
      const { codeVerifier: otherVerifier } = createPkcePair();
      const code = mock.server.registerCode({ codeChallenge });
      expectOutcome(await exchange(codeForm(code, otherVerifier)), 'invalid-verifier');
      expectOutcome(await exchange(codeForm(code, otherVerifier)), 'invalid-verifier');
    });

    it('accepts the RFC 7636 Appendix B verifier for the challenge the RFC gives', async () => {
      const code = mock.server.registerCode({ codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM' });
      const response = await exchange(codeForm(code, 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'));
      expect(response.status).toBe(200);
    });

    it('answers invalid auth code when another client exchanges a code bound to a client', async () => {
      const code = mock.server.registerCode({ clientId: DEFAULT_CLIENT_ID });
      const response = await exchange({ ...codeForm(code), client_id: 'code-only' });
      expectOutcome(response, 'invalid-code');
    });

    it.each(EXCHANGE_OUTCOMES.filter((row) => row.status !== 200 && row.code !== null))(
      'answers a code registered with scenario $name like the built-in one',
      async (row) => {
        const code = mock.server.registerCode({ scenario: row.name as 'server-error' });
        const response = await exchange(codeForm(code));
        expect(response.status).toBe(row.status);
        expect(response.json).toEqual(exampleOf(row.name));
      },
    );

    it('refuses to register a code with an unknown persona, a bad challenge and an unknown client, naming all three', () => {
      const attempt = (): string =>
        mock.server.registerCode({ persona: 'nobody', codeChallenge: 'short', clientId: 'ghost' });
      expect(attempt).toThrow(/^registerCode: /);
      expect(attempt).toThrow(/persona: no persona "nobody"/);
      expect(attempt).toThrow(/codeChallenge: must be an S256 challenge/);
      expect(attempt).toThrow(/clientId: no client "ghost"/);
    });
  });

  describe('refresh and revoke (undocumented, as RFC 6749 and RFC 7009 say)', () => {
    async function issueWithOfflineAccess(): Promise<TokenResponse> {
      const code = mock.server.registerCode({ scopes: ['openid', 'offline_access'] });
      return (await exchange(codeForm(code))).json as TokenResponse;
    }

    it('issues a refresh token only where offline_access was granted', async () => {
      const withOffline = await issueWithOfflineAccess();
      const code = mock.server.registerCode({ scopes: ['openid'] });
      const without = (await exchange(codeForm(code))).json as TokenResponse;
      expect(withOffline.refresh_token).toEqual(expect.any(String));
      expect(without.refresh_token).toBeUndefined();
    });

    it('refreshes once per refresh token (rotation) and keeps the scopes', async () => {
      const first = await issueWithOfflineAccess();
      const form = {
        grant_type: 'refresh_token',
        client_id: DEFAULT_CLIENT_ID,
        refresh_token: first.refresh_token!,
      };
      const refreshed = await exchange(form);
      const again = await exchange(form);
      expect(refreshed.status).toBe(200);
      expect((refreshed.json as TokenResponse).scope).toBe('openid offline_access');
      expectOutcome(again, 'invalid-refresh-token');
    });

    it('revokes an access token: 200 with no body, then userinfo answers the documented invalid token', async () => {
      const { access_token } = await issueWithOfflineAccess();
      const revoke = await mock.postForm('/v1/revoke', { token: access_token, client_id: DEFAULT_CLIENT_ID });
      const profile = await mock.userInfo(access_token);
      expect(revoke.status).toBe(200);
      expect(openApiProblems('/v1/revoke', 'post', revoke)).toEqual([]);
      expect(profile.status).toBe(401);
      expect(profile.json).toEqual(getExampleValue(document, USERINFO, 'get', 401, 'invalid'));
    });

    it('revokes a refresh token with the access tokens issued with it', async () => {
      const { access_token, refresh_token } = await issueWithOfflineAccess();
      await mock.postForm('/v1/revoke', { token: refresh_token!, token_type_hint: 'refresh_token' });
      const profile = await mock.userInfo(access_token);
      const refresh = await exchange({
        grant_type: 'refresh_token',
        client_id: DEFAULT_CLIENT_ID,
        refresh_token: refresh_token!,
      });
      expect(profile.status).toBe(401);
      expectOutcome(refresh, 'invalid-refresh-token');
    });

    it.each([
      ['an unknown token', { token: 'never-issued' }, 200],
      ['a built-in token, which stays a fixture', { token: 'valid' }, 200],
      ['no token', { client_id: DEFAULT_CLIENT_ID }, 400],
    ])('answers revoking %s with %s', async (_, form, status) => {
      const response = await mock.postForm('/v1/revoke', form);
      expect(response.status).toBe(status);
      expect(openApiProblems('/v1/revoke', 'post', response)).toEqual([]);
      const profile = await mock.userInfo('valid');
      expect(profile.status).toBe(200);
    });
  });
});
