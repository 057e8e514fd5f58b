import { getScenario, SCENARIOS } from '../../../src/operations/userinfo/scenarios.js';
import { SCOPES } from '../../../src/scopes.js';
import type { StoreReader } from '../../state/store-access.js';
import { tokenOutcome } from './token-outcome.js';
import { formatRows } from '../table-rows.js';

/**
 * The table of tokens the mock answers, as the CLI prints it: built-in tokens with what they simulate,
 * then the config's tokens with their scenario, persona and scopes.
 */
export function formatTokenTable(store: StoreReader): string {
  const rows: [string, string, string][] = [['token', 'status', 'simulates']];
  for (const record of store.values('tokens')) {
    const builtIn = SCENARIOS.find((scenario) => scenario.token === record.id);
    const outcome = tokenOutcome(record, store);
    const scopes =
      record.scopes.length === SCOPES.length
        ? 'all scopes'
        : `scopes: ${record.scopes.join(' ') || '(none)'}`;
    const persona = outcome.scenario === 'valid' ? `persona ${outcome.persona.id}, ` : '';
    const simulates = builtIn ? builtIn.simulates : `${outcome.scenario}: ${persona}${scopes}`;
    const delay = record.delayMs ? ` (+${record.delayMs} ms)` : '';
    rows.push([record.id, String(getScenario(outcome.scenario).status), `${simulates}${delay}`]);
  }
  rows.push(['(anything else)', '401', 'unknown token; a missing or non-Bearer header gets the other 401']);
  return formatRows(rows);
}
