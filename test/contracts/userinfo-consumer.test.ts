import { mkdtempSync, readdirSync, renameSync, copyFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PactV4 } from '@pact-foundation/pact';
import { afterAll, describe, expect, it } from 'vitest';
import { KIT_CONSUMER, PACTS_DIR } from '../../contracts/kit-pacts.js';
import { PACT_PROVIDER } from '../../contracts/provider-states.js';
import { userInfoInteraction } from '../../contracts/userinfo-interactions.js';
import { KitError } from '../../src/errors.js';
import { getExampleValue, loadApiDocument } from '../../src/openapi/api-document.js';
import { SCENARIOS } from '../../src/scenarios.js';
import { CLAIMS_BY_SCOPE } from '../../src/scopes.js';
import { getUserInfo } from '../../src/user-info-client.js';
import { USERINFO_PATH } from '../../src/user-info.js';

// Pact writes here first; the finished file replaces the committed one in one rename, so the suite that
// verifies committed pacts in parallel never reads half a file.
const scratch = mkdtempSync(join(tmpdir(), 'kit-pact-'));
const pact = new PactV4({ consumer: KIT_CONSUMER, provider: PACT_PROVIDER, dir: scratch, logLevel: 'error' });
const document = loadApiDocument();

// Each interaction gets a Pact mock server of its own. A pooled keep-alive socket may outlive one and be
// reused for the next, so the request never reaches the new server (pact-foundation/pact-js-core#470,
// seen here once under load): one connection per request.
const freshConnection: typeof fetch = (input, init) =>
  fetch(input, { ...init, headers: { ...(init?.headers as Record<string, string>), connection: 'close' } });

afterAll(() => {
  for (const file of readdirSync(scratch)) {
    const staged = join(PACTS_DIR, `.${file}.tmp`);
    copyFileSync(join(scratch, file), staged);
    renameSync(staged, join(PACTS_DIR, file));
  }
  rmSync(scratch, { recursive: true, force: true });
});

describe(`consumer contract of ${KIT_CONSUMER} for GET /v1/userinfo`, () => {
  it.each(SCENARIOS.filter((scenario) => scenario.kind === 'profile'))(
    'reads the claims of the granted scopes, given $providerState',
    async (scenario) => {
      await userInfoInteraction(pact, scenario.name).executeTest(async (mock) => {
        const profile = await getUserInfo(scenario.token, { baseUrl: mock.url, fetch: freshConnection });
        const claims = (scenario.scopes ?? []).flatMap((scope) => CLAIMS_BY_SCOPE[scope]);
        expect(Object.keys(profile).sort()).toEqual([...claims].sort());
      });
    },
  );

  it.each(SCENARIOS.filter((scenario) => scenario.kind !== 'profile'))(
    'throws with status $status and the OAuth error, given $providerState',
    async (scenario) => {
      const body = getExampleValue(document, USERINFO_PATH, 'get', scenario.status, scenario.example) as {
        error: string;
      };
      await userInfoInteraction(pact, scenario.name).executeTest(async (mock) => {
        const error: unknown = await getUserInfo(scenario.token, {
          baseUrl: mock.url,
          fetch: freshConnection,
        }).catch((reason: unknown) => reason);
        expect(error).toBeInstanceOf(KitError);
        expect((error as KitError).response).toMatchObject({ status: scenario.status, error: body.error });
        if (scenario.status === 401) expect((error as KitError).response?.challenge?.scheme).toBe('Bearer');
      });
    },
  );
});
