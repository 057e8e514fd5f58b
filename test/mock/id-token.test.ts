/**
 * The ID token the real host's discovery advertises, through a standard OpenID client (openid-client 6,
 * built on oauth4webapi and jose) used as its documentation says: discovery, the code grant with PKCE and
 * the ID token's signature checked against the key set (`enableNonRepudiationChecks`), then userinfo.
 */
import { createRemoteJWKSet, decodeProtectedHeader, exportJWK, generateKeyPair, jwtVerify } from 'jose';
import { generateKeyPairSync } from 'node:crypto';
import * as client from 'openid-client';
import { beforeAll, describe, expect, it } from 'vitest';
import { findPersona } from '../../fixtures/personas.js';
import { createMockServer, type MockServer } from '../../mock/index.js';
import { loadAjv } from '../../src/openapi/load-ajv.js';
import { ENDPOINTS } from '../../src/endpoints.js';
import { DEFAULT_CLIENT_ID, EXAMPLE_CODE_VERIFIER } from '../../src/operations/token/grants.js';
import type { HttpMethod } from '../../src/openapi/api-document.js';
import { createPkcePair } from '../../src/operations/token/pkce.js';
import { DEFAULT_PERSONA } from '../../src/user-info.js';
import type { TokenResponse } from '../../src/operations/token/wire-types.js';
import { startMock, type StartOptions } from '../support/doors.js';
import { kitErrorOf } from '../support/errors.js';
import { openApiProblems, request, schemaProblems, type TestResponse } from '../support/http.js';

const persona = findPersona(DEFAULT_PERSONA)!.claims;

/** A mock server of the calling test's own (127.0.0.1, port 0), closed when it finishes. */
async function ownMock(options: StartOptions = {}): Promise<{ mock: MockServer; url: string }> {
  const { server, url } = await startMock(options);
  return { mock: server, url };
}

/** A checked answer: every one is validated against openapi.yaml before a test looks at it. */
async function checked(
  url: string,
  path: string,
  method: HttpMethod,
  init?: RequestInit,
): Promise<TestResponse> {
  const response = await request(`${url}${path}`, init);
  expect(
    openApiProblems(
      method === 'get' && path.endsWith('/jwks.json') ? '/.well-known/{clientId}/jwks.json' : path,
      method,
      response,
    ),
  ).toEqual([]);
  return response;
}

async function exchange(url: string, code: string, clientId = DEFAULT_CLIENT_ID): Promise<TokenResponse> {
  const response = await checked(url, ENDPOINTS.token, 'post', {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: clientId,
      code,
      code_verifier: EXAMPLE_CODE_VERIFIER,
    }),
  });
  expect(response.status).toBe(200);
  return response.json as TokenResponse;
}

async function refresh(url: string, refreshToken: string): Promise<TokenResponse> {
  const response = await checked(url, ENDPOINTS.token, 'post', {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: DEFAULT_CLIENT_ID,
      refresh_token: refreshToken,
    }),
  });
  expect(response.status).toBe(200);
  return response.json as TokenResponse;
}

describe('openid-client against the mock', async () => {
  const served = await startMock();
  let mock: MockServer;
  let config: client.Configuration;
  beforeAll(async () => {
    mock = served.server;
    // Discovery validates the metadata as OpenID Connect Discovery 1.0 asks (issuer equal to the URL called).
    config = await client.discovery(new URL(mock.url), DEFAULT_CLIENT_ID, undefined, client.None(), {
      execute: [client.allowInsecureRequests, client.enableNonRepudiationChecks],
    });
  });

  /** What the SDK's success callback hands the app, as the URL openid-client reads a code from. */
  const callback = (code: string): URL => new URL(`https://app.example/callback?code=${code}`);

  it('validates the ID token against the key set (signature, iss, aud, exp), then reads userinfo', async () => {
    const { codeVerifier, codeChallenge } = createPkcePair();
    const code = mock.registerCode({ scopes: 'openid profile phone', codeChallenge });
    const tokens = await client.authorizationCodeGrant(config, callback(code), {
      pkceCodeVerifier: codeVerifier,
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    expect(claims).toMatchObject({
      iss: mock.url,
      aud: DEFAULT_CLIENT_ID,
      sub: persona.sub,
      given_name: persona.given_name,
      family_name: persona.family_name,
      name: `${persona.given_name} ${persona.family_name}`,
    });
    expect(claims!.exp - claims!.iat).toBe(tokens.expires_in);
    const userInfo = await client.fetchUserInfo(config, tokens.access_token, claims!.sub);
    expect(userInfo.phone_number).toBe(persona.phone_number);
  });

  it('sees a token response without an ID token when the mock runs with idToken: false', async () => {
    const off = await ownMock({ idToken: false });
    const offConfig = await client.discovery(new URL(off.url), DEFAULT_CLIENT_ID, undefined, client.None(), {
      execute: [client.allowInsecureRequests],
    });
    const code = off.mock.registerCode({ scopes: 'openid profile' });
    const tokens = await client.authorizationCodeGrant(offConfig, callback(code), {
      pkceCodeVerifier: EXAMPLE_CODE_VERIFIER,
    });
    expect(tokens.id_token).toBeUndefined();
    expect(tokens.claims()).toBeUndefined();
    expect(Object.keys(tokens).sort()).toEqual(['access_token', 'expires_in', 'scope', 'token_type']);
    const userInfo = await client.fetchUserInfo(offConfig, tokens.access_token, client.skipSubjectCheck);
    expect(userInfo.sub).toBe(persona.sub);
  });
});

describe('discovery as OpenID Connect Discovery 1.0 metadata', () => {
  // The REQUIRED members of OpenID Connect Discovery 1.0 §3 (token_endpoint: required unless only the
  // implicit flow is used), with the types the section gives them.
  const OPENID_PROVIDER_METADATA = {
    type: 'object',
    required: [
      'issuer',
      'authorization_endpoint',
      'token_endpoint',
      'jwks_uri',
      'response_types_supported',
      'subject_types_supported',
      'id_token_signing_alg_values_supported',
    ],
    properties: {
      issuer: { type: 'string', pattern: '^https?://[^?#]+$' },
      authorization_endpoint: { type: 'string', format: 'uri' },
      token_endpoint: { type: 'string', format: 'uri' },
      userinfo_endpoint: { type: 'string', format: 'uri' },
      jwks_uri: { type: 'string', format: 'uri' },
      response_types_supported: { type: 'array', items: { type: 'string' }, minItems: 1 },
      subject_types_supported: {
        type: 'array',
        items: { enum: ['public', 'pairwise'] },
        minItems: 1,
      },
      id_token_signing_alg_values_supported: { type: 'array', contains: { const: 'RS256' } },
      scopes_supported: { type: 'array', contains: { const: 'openid' } },
      claims_supported: { type: 'array', items: { type: 'string' } },
    },
  } as const;

  it('holds every required member, as captured from the real host', async () => {
    const { url } = await ownMock();
    const response = await checked(url, ENDPOINTS.discovery, 'get');
    const { Ajv2020, addFormats } = loadAjv();
    const ajv = new Ajv2020({ allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(OPENID_PROVIDER_METADATA);
    expect(validate(response.json), JSON.stringify(validate.errors)).toBe(true);
    expect(response.json).toMatchObject({
      jwks_uri: `${url}/.well-known/:clientId/jwks.json`,
      subject_types_supported: ['public'],
      claims_supported: ['iss', 'sub', 'aud', 'iat', 'exp', 'family_name', 'given_name', 'name'],
    });
  });
});

describe('the key set', () => {
  it('is served at the literal :clientId path and at each known client, public members only', async () => {
    const { url } = await ownMock();
    const literal = await checked(url, '/.well-known/:clientId/jwks.json', 'get');
    const perClient = await checked(url, `/.well-known/${DEFAULT_CLIENT_ID}/jwks.json`, 'get');
    expect(literal.status).toBe(200);
    expect(perClient.json).toEqual(literal.json);
    const [key] = (literal.json as { keys: Record<string, unknown>[] }).keys;
    expect(Object.keys(key!).sort()).toEqual(['alg', 'e', 'kid', 'kty', 'n', 'use']);
  });

  it('answers 404 for a client the mock does not know', async () => {
    const { url } = await ownMock();
    const response = await checked(url, '/.well-known/no-such-client/jwks.json', 'get');
    expect(response.status).toBe(404);
    expect((response.json as { error_description: string }).error_description).toContain('no-such-client');
  });

  it('verifies the ID token with jose: signature, iss, aud and exp', async () => {
    const { mock, url } = await ownMock();
    const body = await exchange(url, mock.registerCode({ scopes: 'openid' }));
    const keys = createRemoteJWKSet(new URL(`${url}/.well-known/${DEFAULT_CLIENT_ID}/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(body.id_token!, keys, {
      issuer: url,
      audience: DEFAULT_CLIENT_ID,
      algorithms: ['RS256'],
      requiredClaims: ['iss', 'sub', 'aud', 'iat', 'exp'],
    });
    expect(protectedHeader.kid).toEqual(expect.any(String));
    expect(schemaProblems('IdTokenClaims', payload)).toEqual([]);
    // Without profile, no names.
    expect(Object.keys(payload).sort()).toEqual(['aud', 'exp', 'iat', 'iss', 'sub']);
    // A payload changed after signing (another sub) no longer matches the signature.
    const [header, , signature] = body.id_token!.split('.');
    const forged = Buffer.from(JSON.stringify({ ...payload, sub: '1' })).toString('base64url');
    await expect(jwtVerify(`${header}.${forged}.${signature}`, keys)).rejects.toThrow(/signature/);
    // Past its expiry the same token no longer verifies.
    await expect(
      jwtVerify(body.id_token!, keys, { currentDate: new Date((payload.exp! + 1) * 1000) }),
    ).rejects.toThrow(/exp/);
  });
});

describe('turning the ID token off', () => {
  it('leaves it out without openid, whatever the switches say', async () => {
    const { mock, url } = await ownMock();
    const body = await exchange(url, mock.registerCode({ scopes: 'phone' }));
    expect(body.id_token).toBeUndefined();
  });

  it('leaves it out for a code with idToken: false, and for the refreshes of its token', async () => {
    const { mock, url } = await ownMock();
    const body = await exchange(url, mock.registerCode({ scopes: 'openid offline_access', idToken: false }));
    expect(body.id_token).toBeUndefined();
    expect((await refresh(url, body.refresh_token!)).id_token).toBeUndefined();
  });

  it('issues it again on the refresh of a token that had one', async () => {
    const { mock, url } = await ownMock();
    const body = await exchange(url, mock.registerCode({ scopes: 'openid offline_access' }));
    expect((await refresh(url, body.refresh_token!)).id_token).toEqual(expect.any(String));
  });

  it('leaves it out for a client with idToken: false in the config, and for every client with a global idToken: false', async () => {
    const perClient = await ownMock({ config: { clients: { 'no-id': { idToken: false } } } });
    expect((await exchange(perClient.url, perClient.mock.registerCode(), 'no-id')).id_token).toBeUndefined();
    expect((await exchange(perClient.url, perClient.mock.registerCode())).id_token).toEqual(
      expect.any(String),
    );

    const global = await ownMock({ config: { idToken: false } });
    expect((await exchange(global.url, global.mock.registerCode())).id_token).toBeUndefined();
  });

  it('leaves it out for a code the admin API switched off', async () => {
    const { mock, url } = await ownMock();
    const code = mock.registerCode();
    const patched = await request(`${url}/__admin/codes/${code}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ idToken: false }),
    });
    expect(patched.status).toBe(200);
    expect((await exchange(url, code)).id_token).toBeUndefined();
  });
});

describe('idToken in records and options', () => {
  it('takes a client added by the admin API with idToken: false', async () => {
    const { mock, url } = await ownMock();
    const added = await request(`${url}/__admin/clients`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'admin-no-id', idToken: false }),
    });
    expect(added.status).toBe(201);
    expect((await exchange(url, mock.registerCode(), 'admin-no-id')).id_token).toBeUndefined();
  });

  it('names every idToken that is not a boolean, in the config and in the options', () => {
    const attempt = (): unknown =>
      createMockServer({
        config: {
          idToken: 'no' as never,
          clients: { a: { idToken: 0 as never } },
          codes: { c: { idToken: null as never } },
        },
      });
    expect(attempt).toThrow(/idToken: must be boolean/);
    expect(attempt).toThrow(/clients\.a\.idToken: must be boolean/);
    expect(attempt).toThrow(/codes\.c\.idToken: must be boolean/);
    expect(() => createMockServer({ idToken: 'off' as never })).toThrow(/idToken must be true or false/);
  });
});

describe('the signing key from the config', () => {
  it('signs with the configured key, under its own kid, so a test can verify without the key set', async () => {
    const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
    const { mock, url } = await ownMock({
      config: { signingKey: { ...(await exportJWK(privateKey)), kid: 'test-key-1' } },
    });
    const body = await exchange(url, mock.registerCode());
    expect(decodeProtectedHeader(body.id_token!).kid).toBe('test-key-1');
    const { payload } = await jwtVerify(body.id_token!, publicKey, {
      issuer: url,
      audience: DEFAULT_CLIENT_ID,
    });
    expect(payload.sub).toBe(persona.sub);
  });

  const hint = 'give a private RSA JWK (kty, n, e, d, p, q, dp, dq, qi), as `jose` exportJWK writes one';
  const rsa = (bits: number): Record<string, unknown> =>
    generateKeyPairSync('rsa', { modulusLength: bits }).privateKey.export({ format: 'jwk' });

  it.each([
    [
      'a shared secret',
      () => ({ kty: 'oct', k: 'c2VjcmV0LXNlY3JldC1zZWNyZXQ' }),
      `signingKey: a shared secret (kty "oct") cannot sign RS256 ID tokens; ${hint}`,
    ],
    [
      'an elliptic-curve key',
      () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' }),
      `signingKey: an elliptic-curve key (kty "EC") cannot sign RS256 ID tokens; ${hint}`,
    ],
    [
      'a public RSA key',
      () => {
        const { kty, n, e } = rsa(2048);
        return { kty, n, e };
      },
      'signingKey: a public RSA key (no "d") cannot sign; give the private key it belongs to (kty, n, e, d, p, q, dp, dq, qi)',
    ],
    [
      'an RSA key under 2048 bits',
      () => rsa(1024),
      'signingKey: RS256 ID tokens need a key of at least 2048 bits, got 1024',
    ],
    [
      'a key whose n belongs to another key',
      () => ({ ...rsa(2048), n: rsa(2048).n }),
      'signingKey: its public part (n, e) does not belong to its private part, so nothing signed with it would verify; export both from one key pair',
    ],
  ])('refuses %s at start with one line naming it', async (_case, key, line) => {
    const error = await kitErrorOf(
      Promise.resolve().then(() => createMockServer({ config: { signingKey: key() as never } })),
    );
    expect(error.code).toBe('ERR_CONFIG_INVALID');
    expect(error.message).toBe(`The config (options.config) is invalid:\n  - ${line}`);
  });

  it('refuses a key that is no RSA key at all, naming why', async () => {
    const error = await kitErrorOf(
      Promise.resolve().then(() =>
        createMockServer({ config: { signingKey: { kty: 'RSA', d: 'x', n: 'y', e: 'AQAB' } } }),
      ),
    );
    expect(error.message).toContain('signingKey: not a usable RSA private key');
  });
});
