import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMockServer } from '../../mock/index.js';
import { EXAMPLE_CODE_VERIFIER } from '../../src/operations/token/grants.js';
import { KitError } from '../../src/errors.js';
import { createPkcePair } from '../../src/operations/token/pkce.js';
import type { TokenResponse } from '../../src/operations/token/wire-types.js';
import { startMock } from '../support/doors.js';
import { openApiProblems } from '../support/http.js';

const pkce = createPkcePair();
// The config is a file, as `--config` reads it.
const folder = mkdtempSync(join(tmpdir(), 'tok-codes-'));
const file = join(folder, 'mock.json');
writeFileSync(
  file,
  JSON.stringify({
    personas: { ravi: { sub: '42', given_name: 'Ravi', phone_number: '919812345678' } },
    clients: { 'my-app': {}, 'refresh-less': { grantTypes: ['authorization_code'] } },
    codes: {
      'ravi-code': {
        persona: 'ravi',
        scopes: 'openid profile',
        clientId: 'my-app',
        codeChallenge: pkce.codeChallenge,
      },
      'always-ok': { reusable: true, scopes: ['openid'] },
      'inline-code': { persona: { sub: '7', email: 'seven@example.com' }, scopes: 'openid email' },
      'busy-code': { scenario: 'rate-limited' },
    },
  }),
);
const mock = await startMock({ config: file });
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const exchange = (code: string, clientId: string, codeVerifier: string = EXAMPLE_CODE_VERIFIER) =>
  mock.exchange(code, { clientId, codeVerifier });

async function profileOf(token: TokenResponse): Promise<unknown> {
  const response = await mock.userInfo(token.access_token);
  expect(openApiProblems('/v1/userinfo', 'get', response)).toEqual([]);
  return response.json;
}

describe('codes and clients from a config file', () => {
  it('exchanges a configured code for its client and verifier, once', async () => {
    const first = await exchange('ravi-code', 'my-app', pkce.codeVerifier);
    const second = await exchange('ravi-code', 'my-app', pkce.codeVerifier);
    expect(first.status).toBe(200);
    expect(await profileOf(first.json as TokenResponse)).toEqual({ sub: '42', given_name: 'Ravi' });
    expect(second.status).toBe(403);
  });

  it('lets a reusable code be exchanged again', async () => {
    const statuses = [
      (await exchange('always-ok', 'my-app')).status,
      (await exchange('always-ok', 'my-app')).status,
    ];
    expect(statuses).toEqual([200, 200]);
  });

  it('answers from a code inline persona', async () => {
    const response = await exchange('inline-code', 'my-app');
    expect(await profileOf(response.json as TokenResponse)).toEqual({ sub: '7', email: 'seven@example.com' });
  });

  it('answers a configured error scenario with its documented status and Retry-After', async () => {
    const response = await exchange('busy-code', 'my-app');
    expect(response.status).toBe(429);
    expect(openApiProblems('/v1/token', 'post', response)).toEqual([]);
  });

  it('keeps the default client next to the configured ones', async () => {
    const response = await exchange('valid-code', 'kit-test-client');
    expect(response.status).toBe(200);
  });
});

describe('config problems with codes and clients', () => {
  it('names every problem of the codes and clients sections in one error', () => {
    const attempt = (): unknown =>
      createMockServer({
        config: {
          clients: { 'bad client!': {} },
          codes: {
            a: { persona: 'nobody', clientId: 'ghost', codeChallenge: 'short', scenario: 'nope' as never },
          },
        },
      });
    expect(attempt).toThrow(KitError);
    expect(attempt).toThrow(/"bad client!" is not a valid client id/);
    expect(attempt).toThrow(/codes\.a\.persona: no persona "nobody"/);
    expect(attempt).toThrow(/codes\.a\.clientId: no client "ghost"/);
    expect(attempt).toThrow(/codes\.a\.codeChallenge: must be an S256 challenge/);
    expect(attempt).toThrow(/codes\.a\.scenario: must be one of/);
  });
});
