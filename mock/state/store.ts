/**
 * The mock's state (a test double, not for production): tokens, personas, codes, clients, refresh tokens,
 * the phone-number tokens of users without the Truecaller app and the global fault, each collection a map by id. Every operation a request makes (a look-up, an
 * issue, a revocation, an admin write) is O(1) in the store's size; only listing and saving walk it.
 */
import {
  DEFAULT_NON_TRUECALLER_PERSONA,
  findNonTruecallerPersona,
} from '../../fixtures/non-truecaller-personas.js';
import { PERSONAS } from '../../fixtures/personas.js';
import {
  DEFAULT_CLIENT_ID,
  EXCHANGE_OUTCOMES,
  GRANT_TYPES,
  RESTRICTED_CLIENT_ID,
} from '../../src/operations/token/outcomes.js';
import type { Fault } from '../../src/faults.js';
import {
  PHONE_NUMBER_SCENARIOS,
  type PhoneNumberScenario,
  type PhoneNumberTokenScenarioName,
} from '../../src/operations/phone-number/scenarios.js';
import { DEFAULT_PERSONA, SCENARIOS } from '../../src/operations/userinfo/scenarios.js';
import { SCOPES } from '../../src/scopes.js';
import type { ClientRecord, CodeRecord, RefreshTokenRecord } from '../../src/operations/token/wire-types.js';
import type { PersonaRecord, StoreData } from '../../src/wire-types.js';
import type { PhoneNumberTokenRecord } from '../../src/operations/phone-number/wire-types.js';
import type { TokenRecord } from '../../src/operations/userinfo/wire-types.js';

/** The store's collections: every field of `StoreData` but the singular `fault`. */
export type Collection = Exclude<keyof StoreData, 'fault'>;

/** The record type of one collection. */
export type RecordOf<C extends Collection> = StoreData[C][number];

/** The collections, in the order a saved store lists them. */
export const COLLECTIONS: readonly Collection[] = Object.freeze([
  'tokens',
  'personas',
  'codes',
  'clients',
  'refreshTokens',
  'phoneNumberTokens',
]);

/**
 * What changed: one record of a collection (by id), the global fault, or everything (a reset, a reload).
 * Caches built from the store listen and drop only what the change touches.
 */
export type StoreChange =
  | { readonly kind: 'record'; readonly collection: Collection; readonly id: string }
  | { readonly kind: 'fault' }
  | { readonly kind: 'all' };

type Maps = { [C in Collection]: Map<string, RecordOf<C>> };

/**
 * The live store. Records are kept as given (not copied): whoever changes one in place tells the store
 * with `set` again, so listeners hear of it.
 */
export class MockStore {
  #maps: Maps;
  #fault: Fault;
  readonly #listeners = new Set<(change: StoreChange) => void>();

  constructor(data: StoreData) {
    this.#maps = toMaps(data);
    this.#fault = data.fault;
  }

  /** The record of `collection` with this id, or undefined. */
  get<C extends Collection>(collection: C, id: string): RecordOf<C> | undefined {
    return (this.#maps[collection] as Map<string, RecordOf<C>>).get(id);
  }

  /** Whether `collection` has a record with this id. */
  has(collection: Collection, id: string): boolean {
    return this.#maps[collection].has(id);
  }

  /** Adds a record, or replaces the one with its id (keeping its place in the listing). */
  set<C extends Collection>(collection: C, record: RecordOf<C>): void {
    (this.#maps[collection] as Map<string, RecordOf<C>>).set(record.id, record);
    this.#emit({ kind: 'record', collection, id: record.id });
  }

  /** Removes the record with this id; whether there was one. */
  delete(collection: Collection, id: string): boolean {
    const had = this.#maps[collection].delete(id);
    if (had) this.#emit({ kind: 'record', collection, id });
    return had;
  }

  /** The records of `collection`, in the order they were added. */
  values<C extends Collection>(collection: C): IterableIterator<RecordOf<C>> {
    return (this.#maps[collection] as Map<string, RecordOf<C>>).values();
  }

  /** The ids of `collection`, in the order they were added. */
  ids(collection: Collection): string[] {
    return [...this.#maps[collection].keys()];
  }

  /** How many records `collection` holds. */
  size(collection: Collection): number {
    return this.#maps[collection].size;
  }

  /** The fault every answer gets unless its token or code has one; `{}` for none. */
  get fault(): Fault {
    return this.#fault;
  }

  set fault(fault: Fault) {
    this.#fault = fault;
    this.#emit({ kind: 'fault' });
  }

  /** The whole store as plain arrays: what `--db` saves and `GET /__admin/db` shows. */
  snapshot(): StoreData {
    return {
      tokens: [...this.#maps.tokens.values()],
      personas: [...this.#maps.personas.values()],
      codes: [...this.#maps.codes.values()],
      clients: [...this.#maps.clients.values()],
      refreshTokens: [...this.#maps.refreshTokens.values()],
      phoneNumberTokens: [...this.#maps.phoneNumberTokens.values()],
      fault: this.#fault,
    };
  }

  /** Swaps in new data (a reset or a reloaded config). */
  replace(data: StoreData): void {
    this.#maps = toMaps(data);
    this.#fault = data.fault;
    this.#emit({ kind: 'all' });
  }

  /** Calls `listener` after every change; returns a function that stops it. */
  onChange(listener: (change: StoreChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #emit(change: StoreChange): void {
    for (const listener of this.#listeners) listener(change);
  }
}

function toMaps(data: StoreData): Maps {
  const map = <R extends { id: string }>(records: readonly R[] | undefined): Map<string, R> =>
    new Map((records ?? []).map((record) => [record.id, record]));
  return {
    tokens: map(data.tokens),
    personas: map(data.personas),
    codes: map(data.codes),
    clients: map(data.clients),
    refreshTokens: map(data.refreshTokens),
    phoneNumberTokens: map(data.phoneNumberTokens),
  };
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
  const personas: PersonaRecord[] = PERSONAS.map((persona) => structuredClone(persona) as PersonaRecord);
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
  const refreshTokens: RefreshTokenRecord[] = [];
  return {
    tokens,
    personas,
    codes,
    clients,
    refreshTokens,
    phoneNumberTokens: builtInPhoneNumberTokens(),
    fault: {},
  };
}

/** The built-in tokens of the validation call, one per scenario of its table, for the default non-Truecaller persona. */
function builtInPhoneNumberTokens(): PhoneNumberTokenRecord[] {
  const persona = findNonTruecallerPersona(DEFAULT_NON_TRUECALLER_PERSONA);
  if (persona === undefined)
    throw new Error(`fixtures/data lacks the persona ${DEFAULT_NON_TRUECALLER_PERSONA}`);
  return PHONE_NUMBER_SCENARIOS.map((scenario: PhoneNumberScenario) => ({
    id: scenario.token,
    scenario: scenario.kind === 'verified' ? 'verified' : (scenario.name as PhoneNumberTokenScenarioName),
    phoneNumber: persona.phoneNumber,
    countryCode: persona.countryCode,
    ...(scenario.phoneNumberAs === 'string' ? { phoneNumberAs: 'string' } : {}),
  }));
}
