import { copyFileSync, readdirSync, readFileSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { PactV4 } from '@pact-foundation/pact';
import { describe, expect, it } from 'vitest';
import { unpooledFetch } from '../../support/unpooled-fetch.js';
import { scratchDirOfFile } from '../../support/scratch-dir.js';
import { KIT_CONSUMER, PACTS_DIR } from '../../../contracts/pact/kit-pacts.js';
import { PACT_PROVIDER } from '../../../contracts/pact/provider-state.js';
import { tokenExchangeInteraction } from '../../../contracts/operations/token/interactions.js';
import { FORM_TYPE } from '../../../mock/http/form-body.js';
import { userInfoInteraction } from '../../../contracts/operations/userinfo/interactions.js';
import { EXAMPLE_CODE_VERIFIER } from '../../../src/operations/token/grants.js';
import { EXCHANGE_OUTCOMES, type ExchangeOutcome } from '../../../src/operations/token/outcomes.js';
import { KitError } from '../../../src/errors.js';
import { getExampleValue, loadApiDocument } from '../../../src/openapi/api-document.js';
import { SCENARIOS } from '../../../src/operations/userinfo/scenarios.js';
import { CLAIMS_BY_SCOPE } from '../../../src/scopes.js';
import { exchangeCode } from '../../../src/operations/token/client.js';
import { kitErrorOf } from '../../support/errors.js';
import { getUserInfo } from '../../../src/operations/userinfo/client.js';
import { ENDPOINTS } from '../../../src/endpoints.js';
import { phoneNumberInteraction } from '../../../contracts/operations/phone-number/interactions.js';
import { UNKNOWN_PARTNER_CLIENT_ID } from '../../../contracts/operations/phone-number/index.js';
import { validatePhoneNumberToken } from '../../../src/operations/phone-number/client.js';
import { DEFAULT_CLIENT_ID } from '../../../src/operations/token/grants.js';
import { PHONE_NUMBER_SCENARIOS } from '../../../src/operations/phone-number/scenarios.js';
import { phoneNumberErrorBody } from '../../support/examples.js';
import { publicKeysInteraction } from '../../../contracts/operations/signed-profile/interactions.js';
import { fetchPublicKeys } from '../../../src/operations/signed-profile/client.js';
import { SIGNED_PROFILE_SCENARIOS } from '../../../src/operations/signed-profile/scenarios.js';
import { webProfileInteraction } from '../../../contracts/operations/mobile-web/interactions.js';
import { getWebProfile } from '../../../src/operations/mobile-web/client.js';
import { MOBILE_WEB_ENDPOINTS } from '../../../src/operations/mobile-web/endpoints.js';
import { WEB_PROFILE_SCENARIOS } from '../../../src/operations/mobile-web/scenarios.js';

// The kit has one pact (one consumer, one provider), so every endpoint's interactions are added here.
// Pact writes it to a folder of this run; the last test compares it with the committed one, which a test
// run never changes (UPDATE_PACTS=1 replaces it, in one rename, when the change is meant).
const scratch = scratchDirOfFile('kit-pact-');
const pact = new PactV4({ consumer: KIT_CONSUMER, provider: PACT_PROVIDER, dir: scratch, logLevel: 'error' });
const document = loadApiDocument();

// Each interaction gets a Pact mock server of its own on a fresh port, so each request gets a connection
// of its own: a pooled socket from an earlier one must never carry the next (pact-foundation/pact-js-core#470,
// seen here under load). The kit's builders wait for the mock server's records (recorded-requests.ts).
const freshConnection: typeof fetch = unpooledFetch;

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
      const body = getExampleValue(
        document,
        ENDPOINTS.userinfo,
        'get',
        scenario.status,
        scenario.example,
      ) as {
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

describe(`consumer contract of ${KIT_CONSUMER} for POST /v1/token`, () => {
  const token = document.components?.schemas?.TokenResponse as { required: string[] };
  // The outcome's built-in code stands for any: at verification the state's code takes its place.
  const exchangeBuiltIn = (outcome: ExchangeOutcome, baseUrl: string) =>
    exchangeCode({
      baseUrl,
      code: outcome.code ?? '',
      codeVerifier: EXAMPLE_CODE_VERIFIER,
      fetch: freshConnection,
    });
  const oauthError = (outcome: ExchangeOutcome): string =>
    (getExampleValue(document, ENDPOINTS.token, 'post', outcome.status, outcome.example) as { error: string })
      .error;

  it.each(EXCHANGE_OUTCOMES.filter((outcome) => outcome.status === 200))(
    'reads the access token, given $providerState',
    async (outcome) => {
      await tokenExchangeInteraction(pact, outcome.name).executeTest(async (mock) => {
        const result = await exchangeBuiltIn(outcome, mock.url);
        expect(Object.keys(result).sort()).toEqual([...token.required].sort());
      });
    },
  );

  it.each(EXCHANGE_OUTCOMES.filter((outcome) => outcome.status !== 200 && outcome.code !== null))(
    'sees status $status and the OAuth error, given $providerState',
    async (outcome) => {
      await tokenExchangeInteraction(pact, outcome.name).executeTest(async (mock) => {
        const error = await kitErrorOf(exchangeBuiltIn(outcome, mock.url));
        expect(error.response).toMatchObject({ status: outcome.status, error: oauthError(outcome) });
        if (outcome.status === 429) expect(error.response?.retryAfter).toMatch(/^[0-9]+$/);
      });
    },
  );

  // exchangeCode speaks the documented grant only; the refresh grant's form is sent as the table gives it.
  it.each(EXCHANGE_OUTCOMES.filter((outcome) => outcome.code === null))(
    'sees status $status and the OAuth error, given $providerState',
    async (outcome) => {
      await tokenExchangeInteraction(pact, outcome.name).executeTest(async (mock) => {
        const response = await freshConnection(`${mock.url}/v1/token`, {
          method: 'POST',
          headers: { 'content-type': FORM_TYPE },
          body: new URLSearchParams(outcome.form).toString(),
        });
        expect(response.status).toBe(outcome.status);
        expect(await response.json()).toMatchObject({ error: oauthError(outcome) });
      });
    },
  );
});

describe(`consumer contract of ${KIT_CONSUMER} for the validation call of users without the Truecaller app`, () => {
  const clientIdOf = (name: string): string =>
    name === 'invalid-credentials' ? UNKNOWN_PARTNER_CLIENT_ID : DEFAULT_CLIENT_ID;

  it.each(PHONE_NUMBER_SCENARIOS.filter((scenario) => scenario.kind === 'verified'))(
    'reads the phone number and its country, given $providerState',
    async (scenario) => {
      await phoneNumberInteraction(pact, scenario.name).executeTest(async (mock) => {
        const verified = await validatePhoneNumberToken(scenario.token, {
          baseUrl: mock.url,
          clientId: DEFAULT_CLIENT_ID,
          fetch: freshConnection,
        });
        expect(verified.phoneNumber).toMatch(/^91[6-9][0-9]{9}$/);
        expect(verified.countryCode).toBe('IN');
      });
    },
  );

  it.each(PHONE_NUMBER_SCENARIOS.filter((scenario) => scenario.kind === 'error'))(
    'throws with status $status and the documented code, given $providerState',
    async (scenario) => {
      const body = phoneNumberErrorBody(scenario);
      await phoneNumberInteraction(pact, scenario.name).executeTest(async (mock) => {
        const error = await kitErrorOf(
          validatePhoneNumberToken(scenario.token, {
            baseUrl: mock.url,
            clientId: clientIdOf(scenario.name),
            fetch: freshConnection,
          }),
        );
        expect(error.response).toMatchObject({ status: scenario.status, code: body.code });
      });
    },
  );

  it('reads the phone number through the SDK 2.8 form of the call (appKey, no /client/)', async () => {
    await phoneNumberInteraction(pact, 'verified', {
      sdk: '2.8',
      description: 'a validation of a phone-number token (SDK 2.8)',
    }).executeTest(async (mock) => {
      const verified = await validatePhoneNumberToken('otp-valid', {
        baseUrl: mock.url,
        clientId: DEFAULT_CLIENT_ID,
        sdk: '2.8',
        fetch: freshConnection,
      });
      expect(verified.countryCode).toBe('IN');
    });
  });
});

describe(`consumer contract of ${KIT_CONSUMER} for the keys of signed profiles`, () => {
  it.each(SIGNED_PROFILE_SCENARIOS.filter((scenario) => scenario.status === 200))(
    'reads the keys as a JSON array, given $providerState',
    async (scenario) => {
      await publicKeysInteraction(pact, scenario.name).executeTest(async (mock) => {
        const keys = await fetchPublicKeys({ keysUrl: `${mock.url}/v1/key`, fetch: freshConnection });
        expect(keys.length).toBe(scenario.name === 'key-rotation' ? 2 : 1);
        expect(keys.every((key) => key.keyType === 'RSA')).toBe(true);
      });
    },
  );

  it.each(SIGNED_PROFILE_SCENARIOS.filter((scenario) => scenario.status !== 200))(
    'throws with status $status and its code, given $providerState',
    async (scenario) => {
      await publicKeysInteraction(pact, scenario.name).executeTest(async (mock) => {
        const error = await kitErrorOf(
          fetchPublicKeys({ keysUrl: `${mock.url}/v1/key`, fetch: freshConnection }),
        );
        expect(error.response).toMatchObject({ status: scenario.status, code: scenario.status });
      });
    },
  );
});

describe(`consumer contract of ${KIT_CONSUMER} for the profile fetch of a mobile website's sign-in`, () => {
  const endpointOf = (url: string): string => `${url}${MOBILE_WEB_ENDPOINTS.webProfile}`;

  it.each(WEB_PROFILE_SCENARIOS.filter((scenario) => scenario.kind === 'profile'))(
    'reads the web profile, given $providerState',
    async (scenario) => {
      await webProfileInteraction(pact, scenario.name).executeTest(async (mock) => {
        const profile = await getWebProfile(scenario.token, {
          endpoint: endpointOf(mock.url),
          fetch: freshConnection,
        });
        expect(profile.phoneNumbers).toHaveLength(1);
        expect(typeof profile.userId).toBe(scenario.valuesAs === 'strings' ? 'string' : 'number');
      });
    },
  );

  it.each(WEB_PROFILE_SCENARIOS.filter((scenario) => scenario.kind === 'error'))(
    'throws with status $status and the body’s own status, given $providerState',
    async (scenario) => {
      const example = getExampleValue(
        document,
        MOBILE_WEB_ENDPOINTS.webProfile,
        'get',
        scenario.status,
        scenario.example,
      ) as { status: number };
      await webProfileInteraction(pact, scenario.name).executeTest(async (mock) => {
        const error = await kitErrorOf(
          getWebProfile(scenario.token, { endpoint: endpointOf(mock.url), fetch: freshConnection }),
        );
        expect(error.response).toMatchObject({ status: scenario.status, code: example.status });
      });
    },
  );
});

describe(`the pact of ${KIT_CONSUMER}`, () => {
  it('equals the one committed in contracts/pacts', () => {
    const written = readdirSync(scratch).filter((file) => file.endsWith('.json'));
    expect(written).toEqual([`${KIT_CONSUMER}-${PACT_PROVIDER}.json`]);
    for (const file of written) {
      if (process.env.UPDATE_PACTS === '1') {
        const staged = join(PACTS_DIR, `.${file}.tmp`);
        copyFileSync(join(scratch, file), staged);
        renameSync(staged, join(PACTS_DIR, file));
      }
      const read = (folder: string): unknown => JSON.parse(readFileSync(join(folder, file), 'utf8'));
      expect(
        read(scratch),
        `${file} differs from the committed one; if the change is meant: UPDATE_PACTS=1 npx vitest run test/contracts/pact/userinfo-consumer.test.ts`,
      ).toEqual(read(PACTS_DIR));
    }
  });
});
