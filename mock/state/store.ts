import { PERSONAS } from '../../fixtures/personas.js';
import {
  DEFAULT_CLIENT_ID,
  EXCHANGE_OUTCOMES,
  GRANT_TYPES,
  RESTRICTED_CLIENT_ID,
} from '../../src/exchange-outcomes.js';
import { DEFAULT_PERSONA, SCENARIOS } from '../../src/scenarios.js';
import { SCOPES } from '../../src/scopes.js';
import type {
  ClientRecord,
  CodeRecord,
  PersonaRecord,
  RefreshTokenRecord,
  StoreData,
  TokenRecord,
} from '../../src/wire-types.js';

/** The store's collections: every field but the singular `fault`. */
type Collection = Exclude<keyof StoreData, 'fault'>;
type RecordOf<C extends Collection> = StoreData[C][number];

/**
 * Holds the store data and indexes it by id, so a request looks its token up without scanning.
 * Whoever changes `data` calls `changed()`; the indexes are rebuilt on the next look-up.
 */
export class MockStore {
  data: StoreData;
  #version = 0;
  #indexes = new Map<Collection, Map<string, { id: string }>>();

  constructor(data: StoreData) {
    this.data = data;
  }

  /** Grows by one on every change; caches derived from the data compare it. */
  get version(): number {
    return this.#version;
  }

  findToken(token: string): TokenRecord | undefined {
    return this.#find('tokens', token);
  }

  findPersona(id: string): PersonaRecord | undefined {
    return this.#find('personas', id);
  }

  findCode(code: string): CodeRecord | undefined {
    return this.#find('codes', code);
  }

  findClient(id: string): ClientRecord | undefined {
    return this.#find('clients', id);
  }

  findRefreshToken(token: string): RefreshTokenRecord | undefined {
    return this.#find('refreshTokens', token);
  }

  /**
   * Adds a record (or replaces the one with its id). Caches stay valid: they hold only records that
   * already existed, so issuing a token does not throw away every prepared answer.
   */
  insert<C extends Collection>(collection: C, record: RecordOf<C>): void {
    const index = this.#index(collection);
    const records = this.data[collection] as RecordOf<C>[];
    if (index.has(record.id)) {
      records.splice(
        records.findIndex((candidate) => candidate.id === record.id),
        1,
        record,
      );
      this.changed();
      return;
    }
    records.push(record);
    index.set(record.id, record);
  }

  /** Removes the records with these ids (a revocation); caches are dropped. */
  remove(collection: Collection, ids: ReadonlySet<string>): void {
    if (ids.size === 0) return;
    (this.data as Record<Collection, { id: string }[]>)[collection] = this.data[collection].filter(
      (record) => !ids.has(record.id),
    );
    // Only tokens and personas shape a userinfo answer; dropping a refresh token or a code must not
    // throw away every prepared answer (a refresh or revoke per test would rebuild them each time).
    if (collection === 'tokens' || collection === 'personas') this.changed();
    else this.#indexes.delete(collection);
  }

  /** Marks the data as changed: indexes and caches built from it are dropped. */
  changed(): void {
    this.#version++;
    this.#indexes.clear();
  }

  /** Swaps in new data (a reset or a reloaded config). */
  replace(data: StoreData): void {
    this.data = data;
    this.changed();
  }

  #index(collection: Collection): Map<string, { id: string }> {
    let index = this.#indexes.get(collection);
    if (index === undefined) {
      index = new Map(this.data[collection].map((record) => [record.id, record]));
      this.#indexes.set(collection, index);
    }
    return index;
  }

  #find<C extends Collection>(collection: C, id: string): RecordOf<C> | undefined {
    return this.#index(collection).get(id) as RecordOf<C> | undefined;
  }
}

/** The built-in tokens, one per scenario of the table; the built-in personas, codes and clients. */
export function builtInStoreData(): StoreData {
  const tokens: TokenRecord[] = [];
  for (const scenario of SCENARIOS) {
    if (scenario.token === null) continue;
    tokens.push({
      id: scenario.token,
      scenario: scenario.kind === 'profile' ? 'valid' : scenario.name,
      persona: 'persona' in scenario ? scenario.persona : null,
      scopes: 'scopes' in scenario ? [...scenario.scopes] : [],
    });
  }
  const personas = PERSONAS.map((persona) => structuredClone({ ...persona, claims: { ...persona.claims } }));
  const codes: CodeRecord[] = [];
  for (const outcome of EXCHANGE_OUTCOMES) {
    if (outcome.code === null) continue;
    codes.push({
      id: outcome.code,
      scenario: outcome.name,
      persona: DEFAULT_PERSONA,
      scopes: [...SCOPES],
      reusable: true,
    });
  }
  const clients: ClientRecord[] = [
    {
      id: DEFAULT_CLIENT_ID,
      grantTypes: [...GRANT_TYPES],
      description: 'the default client, allowed every grant',
    },
    { id: RESTRICTED_CLIENT_ID, grantTypes: [], description: 'a client allowed no grant' },
  ];
  return { tokens, personas, codes, clients, refreshTokens: [], fault: {} };
}
