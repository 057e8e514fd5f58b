/**
 * The table of access tokens the validation call of users without the Truecaller app knows, as the CLI
 * prints it (a test double, not for production).
 */
import {
  getPhoneNumberScenario,
  PHONE_NUMBER_SCENARIOS,
} from '../../../src/operations/phone-number/scenarios.js';
import type { StoreReader } from '../../state/store-access.js';
import { formatRecordTable } from '../table-rows.js';

const BUILT_IN: ReadonlyMap<string, (typeof PHONE_NUMBER_SCENARIOS)[number]> = new Map(
  PHONE_NUMBER_SCENARIOS.flatMap((scenario) => (scenario.token === null ? [] : [[scenario.token, scenario]])),
);

/** Built-in tokens with what they simulate, then the others with their scenario, number and country (the first few, then a count). */
export function formatPhoneNumberTokenTable(store: StoreReader): string {
  return formatRecordTable({
    heading: ['token', 'status', 'simulates'],
    records: store.values('phoneNumberTokens'),
    isBuiltIn: (record) => BUILT_IN.has(record.id),
    row(record) {
      const status = String(getPhoneNumberScenario(record.scenario).status);
      const form = record.phoneNumberAs === 'string' ? ', as a string' : '';
      const simulates =
        BUILT_IN.get(record.id)?.simulates ??
        `${record.scenario}: ${record.phoneNumber} (${record.countryCode}${form})`;
      return [record.id, status, simulates];
    },
    last: ['(anything else)', '404', 'unknown token, code 1404; a missing or unknown clientId gets code 404'],
    plural: 'tokens',
  });
}
