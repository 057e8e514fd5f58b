/**
 * The table of access tokens `GET /v1/default` knows, as the CLI prints it (a test double, not for
 * production).
 */
import {
  WEB_PROFILE_SCENARIOS,
  getWebProfileScenario,
} from '../../../src/operations/mobile-web/scenarios.js';
import type { StoreReader } from '../../state/store-access.js';
import { formatRows } from '../table-rows.js';

/** Built-in tokens with what they simulate, then the others (configured ones) with their scenario and persona. */
export function formatWebTokenTable(store: StoreReader): string {
  const rows: [string, string, string][] = [['token', 'status', 'simulates']];
  for (const record of store.values('webTokens')) {
    // Tokens made at run time (each sign-in's) come and go; the table shows what the mock starts with.
    if (record.expiresAt !== undefined) continue;
    const builtIn = WEB_PROFILE_SCENARIOS.find((scenario) => scenario.token === record.id);
    const status = String(getWebProfileScenario(record.scenario).status);
    const form = record.valuesAs === 'strings' ? ', values as strings' : '';
    rows.push([
      record.id,
      status,
      builtIn?.simulates ?? `${record.scenario}: persona ${record.persona}${form}`,
    ]);
  }
  rows.push(['(anything else)', '401', 'unknown token, or none: status 40101']);
  return formatRows(rows);
}
