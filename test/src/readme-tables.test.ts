import { describe, expect, it } from 'vitest';
import { EXCHANGE_OUTCOMES } from '../../src/operations/token/outcomes.js';
import { PHONE_NUMBER_SCENARIOS } from '../../src/operations/phone-number/scenarios.js';
import { WEB_PROFILE_SCENARIOS } from '../../src/operations/mobile-web/scenarios.js';
import { SCENARIOS } from '../../src/operations/userinfo/scenarios.js';
import { SIGNED_PROFILE_SCENARIOS } from '../../src/operations/signed-profile/scenarios.js';
import { readmeSection, readmeText } from '../support/readme.js';

// Each table where it lives: the userinfo tokens on the front page, the others beside the mock's routes.
const TABLES = {
  tokens: readmeText('README.md'),
  phoneNumberTokens: readmeSection('## Users without the Truecaller app'),
  webTokens: readmeSection('## Mobile websites'),
  codes: readmeSection('### Built-in codes and clients'),
  signedProfiles: readmeSection('## Signed profiles (iOS and SDK 2.x)'),
};
const rowOf = (table: keyof typeof TABLES, name: string): string | undefined =>
  TABLES[table].split('\n').find((line) => line.startsWith(`| \`${name}\` |`));

describe("the README's tables", () => {
  it.each(SCENARIOS.filter((scenario) => scenario.token !== null))(
    'lists built-in token $token with status $status and whether it is documented',
    (scenario) => {
      const row = rowOf('tokens', scenario.token ?? '');
      expect(row, `README lacks a row for token ${scenario.token}`).toBeDefined();
      expect(row?.split('|')[2]?.trim()).toBe(String(scenario.status));
      expect(row?.split('|')[4]?.trim()).toMatch(scenario.documented ? /^documented/ : /^assumed/);
    },
  );

  it.each(PHONE_NUMBER_SCENARIOS)(
    'lists built-in phone-number token $token with status $status and whether it is documented',
    (scenario) => {
      const row = rowOf('phoneNumberTokens', scenario.token);
      expect(row, `README lacks a row for token ${scenario.token}`).toBeDefined();
      expect(row?.split('|')[2]?.trim()).toBe(String(scenario.status));
      expect(row?.split('|')[4]?.trim()).toMatch(scenario.documented ? /^documented/ : /^assumed/);
    },
  );

  it.each(WEB_PROFILE_SCENARIOS)(
    'lists built-in web token $token with status $status and whether it is documented',
    (scenario) => {
      const row = rowOf('webTokens', scenario.token);
      expect(row, `README lacks a row for token ${scenario.token}`).toBeDefined();
      expect(row?.split('|')[2]?.trim()).toBe(String(scenario.status));
      expect(row?.split('|')[4]?.trim()).toMatch(scenario.documented ? /^documented/ : /^assumed/);
    },
  );

  it.each(EXCHANGE_OUTCOMES.filter((outcome) => outcome.code !== null))(
    'lists built-in code $code with status $status',
    (outcome) => {
      const row = rowOf('codes', outcome.code ?? '');
      expect(row, `README lacks a row for code ${outcome.code}`).toBeDefined();
      expect(row?.split('|')[2]?.trim()).toBe(String(outcome.status));
    },
  );

  it.each(SIGNED_PROFILE_SCENARIOS)(
    'lists signed-profile scenario $name with the status of /v1/key and whether it is documented',
    (scenario) => {
      const row = rowOf('signedProfiles', scenario.name);
      expect(row, `README lacks a row for scenario ${scenario.name}`).toBeDefined();
      expect(row?.split('|')[2]?.trim()).toBe(String(scenario.status));
      expect(row?.split('|')[4]?.trim()).toMatch(scenario.documented ? /^documented/ : /^assumed/);
    },
  );
});
