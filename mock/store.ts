import { PERSONAS } from '../fixtures/personas.js';
import {
  type CodeScenarioName,
  DEFAULT_CLIENT_ID,
  EXCHANGE_OUTCOMES,
  type GrantType,
  GRANT_TYPES,
  RESTRICTED_CLIENT_ID,
} from '../src/exchange-outcomes.js';
import type { Fault } from '../src/faults.js';
import { DEFAULT_PERSONA, SCENARIOS, type TokenScenarioName } from '../src/scenarios.js';
import { SCOPES, type Scope } from '../src/scopes.js';
import type { UserInfo } from '../src/user-info.js';

/** What the mock knows about one bearer token. `id` is the token itself. */
export interface TokenRecord {
  id: string;
  scenario: TokenScenarioName;
  /** The persona whose claims a `valid` token answers with; null for a user without a profile. */
  persona: string | null;
  scopes: Scope[];
  /** Milliseconds to wait before answering. */
  delayMs?: number;
  /** For tokens issued by `POST /v1/token`: when it expires (epoch ms on the mock's clock). */
  expiresAt?: number;
  /** For issued tokens: the client it was issued to. */
  clientId?: string;
  /** For issued tokens: the refresh token issued with it, so revoking that revokes this too. */
  refreshToken?: string;
  /** Replaces the global fault for this token's answers. */
  fault?: Fault;
}

/** An authorization code `POST /v1/token` exchanges. `id` is the code itself. */
export interface CodeRecord {
  id: string;
  /** `issued` exchanges normally; any other outcome is answered as is. */
  scenario: CodeScenarioName;
  persona: string | null;
  scopes: Scope[];
  /** The S256 challenge the verifier must match; without one, any verifier of RFC 7636 syntax passes. */
  codeChallenge?: string;
  /** The only client that may exchange it; any known client when absent. */
  clientId?: string;
  /** When it expires (epoch ms on the mock's clock); never when absent. */
  expiresAt?: number;
  /** Built-in codes may be exchanged again and again; others once. */
  reusable?: boolean;
  /** When it was exchanged (epoch ms); a second exchange gets the documented 403. */
  usedAt?: number;
  /** Replaces the global fault for this code's exchanges. */
  fault?: Fault;
}

/** A client id the token endpoint accepts, and the grants it may use. */
export interface ClientRecord {
  id: string;
  grantTypes: GrantType[];
  description?: string;
}

/** A refresh token issued with an access token (undocumented refresh grant). `id` is the token itself. */
export interface RefreshTokenRecord {
  id: string;
  clientId: string;
  persona: string | null;
  scopes: Scope[];
  /** When it stops working (epoch ms): its access token's expiry plus the grace of `IssuedTokens`. */
  expiresAt?: number;
}

/** A named profile the tokens point at. */
export interface PersonaRecord {
  id: string;
  description?: string;
  /** The country of the persona's phone number (ISO 3166-1 alpha-2), where it has one. */
  country?: string;
  claims: UserInfo;
}

/**
 * The mock's whole state: plain, JSON-able arrays of records with an `id`, the shape json-server's router
 * reads and writes, so an admin API can work on this very object.
 */
export interface StoreData {
  tokens: TokenRecord[];
  personas: PersonaRecord[];
  codes: CodeRecord[];
  clients: ClientRecord[];
  refreshTokens: RefreshTokenRecord[];
  /** The fault every answer gets unless its token has one; `{}` for none. */
  fault: Fault;
}

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
