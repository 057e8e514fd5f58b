/**
 * The table of authorization codes and clients the mock's `POST /v1/token` knows, as the CLI prints it
 * (a test double, not for production).
 */
import { EXCHANGE_OUTCOMES, getExchangeOutcome } from '../../../src/operations/token/outcomes.js';
import { SCOPES } from '../../../src/scopes.js';
import type { StoreReader } from '../../state/store-access.js';
import { formatRows } from '../table-rows.js';

/**
 * Built-in codes with what they simulate, then the config's codes (scenario, persona, scopes, and
 * whether a challenge or a client binds them), then the client ids.
 */
export function formatCodeTable(store: StoreReader): string {
  const rows: [string, string, string][] = [['code', 'status', 'simulates']];
  for (const record of store.values('codes')) {
    const builtIn = EXCHANGE_OUTCOMES.find((outcome) => outcome.code === record.id);
    const status = String(getExchangeOutcome(record.scenario).status);
    if (builtIn && record.reusable) {
      rows.push([record.id, status, builtIn.simulates]);
      continue;
    }
    const scopes =
      record.scopes.length === SCOPES.length ? 'all scopes' : `scopes: ${record.scopes.join(' ')}`;
    const bound = [
      record.codeChallenge ? 'S256 challenge' : '',
      record.clientId ? `client ${record.clientId}` : '',
      record.reusable ? 'reusable' : 'single use',
    ].filter(Boolean);
    rows.push([
      record.id,
      status,
      `${record.scenario}: persona ${record.persona ?? '(none)'}, ${scopes}; ${bound.join(', ')}`,
    ]);
  }
  rows.push(['(anything else)', '403', 'unknown code: invalid auth code']);
  const clients = [...store.values('clients')]
    .map((client) => `${client.id} (${client.grantTypes.join(', ') || 'no grant'})`)
    .join('; ');
  return `${formatRows(rows)}\n\n  clients: ${clients}`;
}
