import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXCHANGE_OUTCOMES } from '../../src/operations/token/outcomes.js';
import { PHONE_NUMBER_SCENARIOS } from '../../src/operations/phone-number/scenarios.js';
import { SCENARIOS } from '../../src/operations/userinfo/scenarios.js';
import { ROOT } from '../support/spawn-cli.js';

const readme = readFileSync(`${ROOT}README.md`, 'utf8');
const rowOf = (name: string): string | undefined =>
  readme.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));

describe("the README's tables", () => {
  it.each(SCENARIOS.filter((scenario) => scenario.token !== null))(
    'lists built-in token $token with status $status and whether it is documented',
    (scenario) => {
      const row = rowOf(scenario.token ?? '');
      expect(row, `README lacks a row for token ${scenario.token}`).toBeDefined();
      expect(row?.split('|')[2]?.trim()).toBe(String(scenario.status));
      expect(row?.split('|')[4]?.trim()).toMatch(scenario.documented ? /^documented/ : /^assumed/);
    },
  );

  it.each(PHONE_NUMBER_SCENARIOS)(
    'lists built-in phone-number token $token with status $status and whether it is documented',
    (scenario) => {
      const row = rowOf(scenario.token);
      expect(row, `README lacks a row for token ${scenario.token}`).toBeDefined();
      expect(row?.split('|')[2]?.trim()).toBe(String(scenario.status));
      expect(row?.split('|')[4]?.trim()).toMatch(scenario.documented ? /^documented/ : /^assumed/);
    },
  );

  it.each(EXCHANGE_OUTCOMES.filter((outcome) => outcome.code !== null))(
    'lists built-in code $code with status $status',
    (outcome) => {
      const row = rowOf(outcome.code ?? '');
      expect(row, `README lacks a row for code ${outcome.code}`).toBeDefined();
      expect(row?.split('|')[2]?.trim()).toBe(String(outcome.status));
    },
  );
});
