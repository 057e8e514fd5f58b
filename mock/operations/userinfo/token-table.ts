import { getScenario, SCENARIOS } from '../../../src/operations/userinfo/scenarios.js';
import { SCOPES } from '../../../src/scopes.js';
import type { StoreReader } from '../../state/store-access.js';
import { tokenOutcome } from './token-outcome.js';
import { formatRecordTable } from '../table-rows.js';

/** The built-in tokens' scenarios by token. */
const BUILT_IN: ReadonlyMap<string, (typeof SCENARIOS)[number]> = new Map(
  SCENARIOS.flatMap((scenario) => (scenario.token === null ? [] : [[scenario.token, scenario]])),
);

/**
 * The table of tokens the mock answers, as the CLI prints it: built-in tokens with what they simulate,
 * then the config's tokens with their scenario, persona and scopes (the first few, then a count).
 */
export function formatTokenTable(store: StoreReader): string {
  return formatRecordTable({
    heading: ['token', 'status', 'simulates'],
    records: store.values('tokens'),
    isBuiltIn: (record) => BUILT_IN.has(record.id),
    row(record) {
      const builtIn = BUILT_IN.get(record.id);
      const outcome = tokenOutcome(record, store);
      const scopes =
        record.scopes.length === SCOPES.length
          ? 'all scopes'
          : `scopes: ${record.scopes.join(' ') || '(none)'}`;
      const persona = outcome.scenario === 'valid' ? `persona ${outcome.persona.id}, ` : '';
      const simulates = builtIn ? builtIn.simulates : `${outcome.scenario}: ${persona}${scopes}`;
      const delay = record.delayMs ? ` (+${record.delayMs} ms)` : '';
      return [record.id, String(getScenario(outcome.scenario).status), `${simulates}${delay}`];
    },
    last: ['(anything else)', '401', 'unknown token; a missing or non-Bearer header gets the other 401'],
    plural: 'tokens',
  });
}
