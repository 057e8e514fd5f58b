/**
 * The table of authorization codes and clients the mock's `POST /v1/token` knows, as the CLI prints it
 * (a test double, not for production).
 */
import { EXCHANGE_OUTCOMES, getExchangeOutcome } from '../../../src/operations/token/outcomes.js';
import { SCOPES } from '../../../src/scopes.js';
import type { StoreReader } from '../../state/store-access.js';
import { formatRecordTable, summarise } from '../table-rows.js';

const BUILT_IN: ReadonlyMap<string, (typeof EXCHANGE_OUTCOMES)[number]> = new Map(
  EXCHANGE_OUTCOMES.flatMap((outcome) => (outcome.code === null ? [] : [[outcome.code, outcome]])),
);

/**
 * Built-in codes with what they simulate, then the config's codes (scenario, persona, scopes, and
 * whether a challenge or a client binds them: the first few, then a count), then the client ids.
 */
export function formatCodeTable(store: StoreReader): string {
  const table = formatRecordTable({
    heading: ['code', 'status', 'simulates'],
    records: store.values('codes'),
    isBuiltIn: (record) => BUILT_IN.has(record.id) && record.reusable === true,
    row(record) {
      const builtIn = BUILT_IN.get(record.id);
      const status = String(getExchangeOutcome(record.scenario).status);
      if (builtIn && record.reusable) return [record.id, status, builtIn.simulates];
      const scopes =
        record.scopes.length === SCOPES.length ? 'all scopes' : `scopes: ${record.scopes.join(' ')}`;
      const bound = [
        record.codeChallenge ? 'S256 challenge' : '',
        record.clientId ? `client ${record.clientId}` : '',
        record.reusable ? 'reusable' : 'single use',
      ].filter(Boolean);
      return [
        record.id,
        status,
        `${record.scenario}: persona ${record.persona ?? '(none)'}, ${scopes}; ${bound.join(', ')}`,
      ];
    },
    last: ['(anything else)', '403', 'unknown code: invalid auth code'],
    plural: 'codes',
  });
  const clients = summarise(
    mapIterable(
      store.values('clients'),
      (client) => `${client.id} (${client.grantTypes.join(', ') || 'no grant'})`,
    ),
    '; ',
    'clients',
  );
  return `${table}\n\n  clients: ${clients}`;
}

function* mapIterable<T, U>(items: Iterable<T>, map: (item: T) => U): Generator<U> {
  for (const item of items) yield map(item);
}
