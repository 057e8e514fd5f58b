import { getScenario, SCENARIOS } from '../../src/operations/userinfo/scenarios.js';
import { SCOPES } from '../../src/scopes.js';
import type { MockStore } from '../state/store.js';
import { tokenOutcome } from '../routes/token-outcome.js';

/**
 * The table of tokens the mock answers, as the CLI prints it: built-in tokens with what they simulate,
 * then the config's tokens with their scenario, persona and scopes.
 */
export function formatTokenTable(store: MockStore): string {
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

/** Three columns (name, status, text) aligned for a terminal; the first row is the heading. */
export function formatRows(rows: readonly (readonly [string, string, string])[]): string {
  const width = Math.min(32, Math.max(...rows.map(([name]) => name.length)));
  return rows
    .map(([name, status, text]) => `  ${name.padEnd(width)}  ${status.padEnd(6)}  ${text}`)
    .join('\n');
}
