/**
 * A real, maintained OAuth client (oauth4webapi 3.x) against the mock, used as its documentation says:
 * discovery, the authorization code grant with PKCE, then userinfo. Only the base URL differs from
 * production (and plain http on 127.0.0.1 is allowed, as the library's option for it says).
 */
import * as oauth from 'oauth4webapi';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PERSONAS } from '../../fixtures/personas.js';
import type { HttpMethod } from '../../src/openapi/api-document.js';
import { DEFAULT_CLIENT_ID } from '../../src/operations/token/grants.js';
import { startMock } from '../support/doors.js';
import { openApiProblems } from '../support/http.js';

const mock = await startMock();
let as: oauth.AuthorizationServer;
const client: oauth.Client = { client_id: DEFAULT_CLIENT_ID };
// Truecaller's token endpoint takes no client secret: a public client, which oauth4webapi calls None().
const clientAuth = oauth.None();
// Every answer the library receives is also checked against openapi.yaml, through its customFetch hook.
const problems: string[] = [];
let checked = 0;
async function checkedFetch(url: string, init: oauth.CustomFetchOptions<string, unknown>): Promise<Response> {
  const response = await fetch(url, init as RequestInit);
  const text = await response.clone().text();
  const seen = {
    status: response.status,
    headers: Object.fromEntries(response.headers.entries()),
    text,
    json: text === '' ? undefined : (JSON.parse(text) as unknown),
  };
  const path = new URL(url).pathname;
  checked++;
  problems.push(
    ...openApiProblems(path, init.method.toLowerCase() as HttpMethod, seen).map((p) => `${path}: ${p}`),
  );
  return response;
}
const insecure = { [oauth.allowInsecureRequests]: true, [oauth.customFetch]: checkedFetch };
// The SDK hands the code to the app, not a redirect; oauth4webapi still wants a redirect_uri, which the
// mock ignores (as the real host does for unknown fields).
const redirectUri = 'https://app.example/callback';
const persona = PERSONAS.find((candidate) => candidate.id === 'full-in')!.claims;

beforeAll(async () => {
  const issuer = new URL(mock.url);
  as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, insecure));
});
afterEach(() => {
  expect(problems.splice(0)).toEqual([]);
});

/** The code a Truecaller SDK callback would carry, as the parameters oauth4webapi validates. */
function callbackFor(code: string): URLSearchParams {
  return oauth.validateAuthResponse(as, client, new URLSearchParams({ code }), oauth.skipStateCheck);
}

async function exchange(code: string, codeVerifier: string): Promise<oauth.TokenEndpointResponse> {
  const response = await oauth.authorizationCodeGrantRequest(
    as,
    client,
    clientAuth,
    callbackFor(code),
    redirectUri,
    codeVerifier,
    insecure,
  );
  // The mock adds an ID token when openid is granted (assumed from the real host's discovery); the
  // library checks its claims when present and needs none otherwise (`requireIdToken` would ask for it).
  return oauth.processAuthorizationCodeResponse(as, client, response);
}

describe('oauth4webapi against the mock', () => {
  it('discovers the endpoints on the mock own base URL', () => {
    expect(as.token_endpoint).toBe(`${mock.url}/v1/token`);
    expect(as.userinfo_endpoint).toBe(`${mock.url}/v1/userinfo`);
    expect(as.code_challenge_methods_supported).toEqual(['S256']);
  });

  it('completes code -> token -> userinfo with PKCE', async () => {
    const codeVerifier = oauth.generateRandomCodeVerifier();
    const codeChallenge = await oauth.calculatePKCECodeChallenge(codeVerifier);
    const code = mock.server.registerCode({
      persona: 'full-in',
      scopes: 'openid profile phone',
      codeChallenge,
    });

    const token = await exchange(code, codeVerifier);
    const response = await oauth.userInfoRequest(as, client, token.access_token, insecure);
    const userInfo = await oauth.processUserInfoResponse(as, client, persona.sub!, response);

    expect(token.token_type).toBe('bearer');
    expect(token.scope).toBe('openid profile phone');
    expect(userInfo.sub).toBe(persona.sub);
    expect(userInfo.given_name).toBe(persona.given_name);
    expect(userInfo.email).toBeUndefined();
    expect(checked).toBeGreaterThanOrEqual(3);
  });

  it('sees invalid_grant with status 403 for a wrong verifier', async () => {
    const codeChallenge = await oauth.calculatePKCECodeChallenge(oauth.generateRandomCodeVerifier());
    const code = mock.server.registerCode({ codeChallenge });
    const error = await exchange(code, oauth.generateRandomCodeVerifier()).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(oauth.ResponseBodyError);
    expect(error).toMatchObject({ status: 403, error: 'invalid_grant' });
  });

  it('sees invalid_grant with status 403 for a reused code', async () => {
    const codeVerifier = oauth.generateRandomCodeVerifier();
    const code = mock.server.registerCode({
      codeChallenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
    });
    await exchange(code, codeVerifier);
    const error = await exchange(code, codeVerifier).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(oauth.ResponseBodyError);
    expect(error).toMatchObject({ status: 403, error: 'invalid_grant' });
  });

  it('refreshes with the refresh token of an offline_access grant', async () => {
    const codeVerifier = oauth.generateRandomCodeVerifier();
    const code = mock.server.registerCode({
      scopes: 'openid offline_access',
      codeChallenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
    });
    const token = await exchange(code, codeVerifier);
    const response = await oauth.refreshTokenGrantRequest(
      as,
      client,
      clientAuth,
      token.refresh_token!,
      insecure,
    );
    const refreshed = await oauth.processRefreshTokenResponse(as, client, response);
    expect(refreshed.access_token).not.toBe(token.access_token);
  });

  it('revokes a token, after which userinfo fails with the 401 challenge', async () => {
    const codeVerifier = oauth.generateRandomCodeVerifier();
    const code = mock.server.registerCode({
      codeChallenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
    });
    const token = await exchange(code, codeVerifier);
    await oauth.processRevocationResponse(
      await oauth.revocationRequest(as, client, clientAuth, token.access_token, insecure),
    );
    const response = await oauth.userInfoRequest(as, client, token.access_token, insecure);
    const error = await oauth
      .processUserInfoResponse(as, client, persona.sub!, response)
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(oauth.WWWAuthenticateChallengeError);
    expect(error).toMatchObject({ status: 401 });
  });
});
