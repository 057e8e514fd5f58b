import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PactV4 } from '@pact-foundation/pact';
import { afterAll, describe, expect, it } from 'vitest';
import { PACT_PROVIDER } from '../../../contracts/pact/provider-state.js';
import { tokenExchangeInteraction } from '../../../contracts/operations/token/interactions.js';
import { userInfoInteraction } from '../../../contracts/operations/userinfo/interactions.js';
import { exchangeCode } from '../../../src/operations/token/client.js';
import { getUserInfo } from '../../../src/operations/userinfo/client.js';
import { KitError } from '../../../src/errors.js';
import { EXAMPLE_CODE_VERIFIER } from '../../../src/operations/token/grants.js';
import { CLAIMS_BY_SCOPE } from '../../../src/scopes.js';
import { unpooledFetch } from '../../support/unpooled-fetch.js';
import { kitErrorThrownBy } from '../../support/errors.js';

const scratch = mkdtempSync(join(tmpdir(), 'kit-scopes-pact-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The interactions of the pact a consumer test wrote, as Pact wrote them. */
function writtenInteractions(consumer: string): {
  providerStates: { name: string; params?: { scopes?: unknown } }[];
  response: { body: { content: Record<string, unknown> } };
}[] {
  const file = join(scratch, `${consumer}-${PACT_PROVIDER}.json`);
  return (JSON.parse(readFileSync(file, 'utf8')) as { interactions: never[] }).interactions;
}

describe('the interaction builders, given scopes as a space-separated string', () => {
  it('userInfoInteraction writes the scopes as a list and expects exactly their claims', async () => {
    const pact = new PactV4({
      consumer: 'scopes-userinfo',
      provider: PACT_PROVIDER,
      dir: scratch,
      logLevel: 'error',
    });
    await userInfoInteraction(pact, 'valid', { scopes: 'openid phone' }).executeTest(async (mock) => {
      await getUserInfo('valid', { baseUrl: mock.url, fetch: unpooledFetch });
    });
    const [interaction] = writtenInteractions('scopes-userinfo');
    expect(interaction?.providerStates[0]?.params?.scopes).toEqual(['openid', 'phone']);
    expect(Object.keys(interaction?.response.body.content ?? {}).sort()).toEqual(
      [...CLAIMS_BY_SCOPE.openid, ...CLAIMS_BY_SCOPE.phone].sort(),
    );
  });

  it('tokenExchangeInteraction writes the scopes as a list', async () => {
    const pact = new PactV4({
      consumer: 'scopes-token',
      provider: PACT_PROVIDER,
      dir: scratch,
      logLevel: 'error',
    });
    await tokenExchangeInteraction(pact, 'issued', { scopes: 'openid phone' }).executeTest(async (mock) => {
      const result = await exchangeCode({
        baseUrl: mock.url,
        code: 'a-code',
        codeVerifier: EXAMPLE_CODE_VERIFIER,
        fetch: unpooledFetch,
      });
      expect(result).toHaveProperty('access_token');
    });
    const [interaction] = writtenInteractions('scopes-token');
    expect(interaction?.providerStates[0]?.params?.scopes).toEqual(['openid', 'phone']);
  });

  it.each([
    [
      'userInfoInteraction',
      () =>
        userInfoInteraction(new PactV4({ consumer: 'c', provider: PACT_PROVIDER }), 'valid', {
          scopes: 'openid wallet',
        }),
    ],
    [
      'tokenExchangeInteraction',
      () =>
        tokenExchangeInteraction(new PactV4({ consumer: 'c', provider: PACT_PROVIDER }), 'issued', {
          scopes: 'openid wallet',
        }),
    ],
  ])('%s rejects an undocumented scope in the string, naming it and the documented ones', (_name, build) => {
    const error = kitErrorThrownBy(build);
    expect(error).toBeInstanceOf(KitError);
    expect(error.code).toBe('ERR_OPTIONS_INVALID');
    expect(error.message).toContain('"openid wallet"');
    expect(error.message).toContain('openid, profile, phone');
  });
});
