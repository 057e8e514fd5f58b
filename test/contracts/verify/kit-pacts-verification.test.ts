import { describe, expect, it } from 'vitest';
import { listKitPacts, KIT_CONSUMER } from '../../../contracts/pact/kit-pacts.js';
import { compareWithOpenApi } from '../../../contracts/verify/openapi-comparison.js';
import { kitProblems } from '../../../contracts/verify/pact-checks.js';
import { readPactFile } from '../../../contracts/pact/pact-file.js';
import { PHONE_NUMBER_PROVIDER_STATES } from '../../../contracts/operations/phone-number/index.js';
import { EXCHANGE_PROVIDER_STATES } from '../../../contracts/operations/token/index.js';
import { PROVIDER_STATES } from '../../../contracts/operations/userinfo/index.js';
import { PHONE_NUMBER_SCENARIOS } from '../../../src/operations/phone-number/scenarios.js';
import { SIGNED_PROFILE_PROVIDER_STATES } from '../../../contracts/operations/signed-profile/index.js';
import { SIGNED_PROFILE_SCENARIOS } from '../../../src/operations/signed-profile/scenarios.js';
import { WEB_PROFILE_PROVIDER_STATES } from '../../../contracts/operations/mobile-web/index.js';
import { WEB_PROFILE_SCENARIOS } from '../../../src/operations/mobile-web/scenarios.js';
import { verifyPacts } from '../../../contracts/verify/verify-pacts.js';
import { EXCHANGE_OUTCOMES, getExchangeOutcome } from '../../../src/operations/token/outcomes.js';
import { SCENARIOS } from '../../../src/operations/userinfo/scenarios.js';

const pacts = listKitPacts();

describe('the committed pacts', () => {
  it('include the kit’s own pact, with one interaction per scenario and per token outcome', async () => {
    const kit = (await Promise.all(pacts.map((file) => readPactFile(file)))).find(
      (pact) => pact.consumer === KIT_CONSUMER,
    );
    const states = kit?.interactions.flatMap((interaction) => interaction.providerStates.map((s) => s.name));
    expect(states?.sort()).toEqual(
      [
        ...SCENARIOS.map((scenario) => PROVIDER_STATES[scenario.name]),
        ...EXCHANGE_OUTCOMES.map((outcome) => EXCHANGE_PROVIDER_STATES[outcome.name]),
        ...PHONE_NUMBER_SCENARIOS.map((scenario) => PHONE_NUMBER_PROVIDER_STATES[scenario.name]),
        ...SIGNED_PROFILE_SCENARIOS.map((scenario) => SIGNED_PROFILE_PROVIDER_STATES[scenario.name]),
        // The SDK 2.8 form of the call, once.
        PHONE_NUMBER_PROVIDER_STATES.verified,
        ...WEB_PROFILE_SCENARIOS.map((scenario) => WEB_PROFILE_PROVIDER_STATES[scenario.name]),
      ].sort(),
    );
  });

  it('verify against a freshly started mock, every interaction passing', async () => {
    const report = await verifyPacts({ pacts });
    const failures = report.pacts
      .flatMap((pact) => pact.interactions)
      .filter((interaction) => !interaction.passed);
    expect(failures).toEqual([]);
    expect(report.passed).toBe(true);
    // Each interaction warns of what it relies on that Truecaller does not document, and only that.
    const warned = (state: string): string[] =>
      report.pacts
        .flatMap((pact) => pact.interactions)
        .find((interaction) => interaction.providerStates.includes(state))?.warnings ?? [];
    expect(warned(PROVIDER_STATES.valid)).toEqual([]);
    expect(warned(PROVIDER_STATES.expired)).toEqual([
      expect.stringMatching(/^response header WWW-Authenticate relies on an assumption/),
      expect.stringMatching(/^response body \$\.error relies on an assumption/),
      expect.stringMatching(/^response body \$\.error_description relies on an assumption/),
    ]);
  });

  it.each(pacts)('%s agrees with openapi.yaml and passes the kit’s own checks', async (file) => {
    const pact = await readPactFile(file);
    expect([...(await compareWithOpenApi(pact)).values()].flat()).toEqual([]);
    expect(pact.interactions.flatMap(kitProblems)).toEqual([]);
  });
});

describe('a deliberately altered mock', () => {
  const altered = PROVIDER_STATES['missing-scope'];

  it(`fails verification when "${altered}" answers 401 instead of the documented 422`, async () => {
    const missingScope = SCENARIOS.find((scenario) => scenario.name === 'missing-scope');
    const report = await verifyPacts({
      pacts,
      mock: { config: { tokens: { [missingScope?.token ?? '']: { scenario: 'invalid' } } } },
    });
    expect(report.passed).toBe(false);
    const failed = report.pacts.flatMap((pact) => pact.interactions).filter((result) => !result.passed);
    expect(failed.map((result) => result.providerStates)).toEqual([[altered]]);
    expect(failed[0]?.problems).toContain('pact: response status: expected 422 but was 401');
  });

  const rateLimited = getExchangeOutcome('rate-limited');
  const unavailable = getExchangeOutcome('unavailable');

  it(`fails verification when "${rateLimited.providerState}" answers ${unavailable.status} instead of the documented ${rateLimited.status}`, async () => {
    const report = await verifyPacts({
      pacts,
      mock: { config: { codes: { [rateLimited.code ?? '']: { scenario: 'unavailable', reusable: true } } } },
    });
    expect(report.passed).toBe(false);
    const failed = report.pacts.flatMap((pact) => pact.interactions).filter((result) => !result.passed);
    expect(failed.map((result) => result.providerStates)).toEqual([[rateLimited.providerState]]);
    expect(failed[0]?.problems).toContain(
      `pact: response status: expected ${rateLimited.status} but was ${unavailable.status}`,
    );
  });
});
