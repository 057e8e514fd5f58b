/**
 * The table of access tokens the validation call of users without the Truecaller app knows, as the CLI
 * prints it (a test double, not for production).
 */
import {
  getPhoneNumberScenario,
  PHONE_NUMBER_SCENARIOS,
} from '../../../src/operations/phone-number/scenarios.js';
import type { StoreReader } from '../../state/store-access.js';
import { formatRows } from '../table-rows.js';

/** Built-in tokens with what they simulate, then the others with their scenario, number and country. */
export function formatPhoneNumberTokenTable(store: StoreReader): string {
  const rows: [string, string, string][] = [['token', 'status', 'simulates']];
  for (const record of store.values('phoneNumberTokens')) {
    const builtIn = PHONE_NUMBER_SCENARIOS.find((scenario) => scenario.token === record.id);
    const status = String(getPhoneNumberScenario(record.scenario).status);
    const form = record.phoneNumberAs === 'string' ? ', as a string' : '';
    const simulates =
      builtIn?.simulates ?? `${record.scenario}: ${record.phoneNumber} (${record.countryCode}${form})`;
    rows.push([record.id, status, simulates]);
  }
  rows.push([
    '(anything else)',
    '404',
    'unknown token, code 1404; a missing or unknown clientId gets code 404',
  ]);
  return formatRows(rows);
}
