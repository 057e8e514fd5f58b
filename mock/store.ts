import { PERSONAS } from '../fixtures/personas.js';
import type { Fault } from '../src/faults.js';
import { SCENARIOS, type TokenScenarioName } from '../src/scenarios.js';
import type { Scope } from '../src/scopes.js';
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
  /** Replaces the global fault for this token's answers. */
  fault?: Fault;
}

/** A named profile the tokens point at. */
export interface PersonaRecord {
  id: string;
  description?: string;
  claims: UserInfo;
}

/**
 * The mock's whole state: plain, JSON-able arrays of records with an `id`, the shape json-server's router
 * reads and writes, so an admin API can work on this very object.
 */
export interface StoreData {
  tokens: TokenRecord[];
  personas: PersonaRecord[];
  /** The fault every answer gets unless its token has one; `{}` for none. */
  fault: Fault;
}

/**
 * Holds the store data and indexes it by id, so a request looks its token up without scanning.
 * Whoever changes `data` calls `changed()`; the indexes are rebuilt on the next look-up.
 */
export class MockStore {
  data: StoreData;
  #version = 0;
  #tokens: Map<string, TokenRecord> | undefined;
  #personas: Map<string, PersonaRecord> | undefined;

  constructor(data: StoreData) {
    this.data = data;
  }

  /** Grows by one on every change; caches derived from the data compare it. */
  get version(): number {
    return this.#version;
  }

  findToken(token: string): TokenRecord | undefined {
    this.#tokens ??= new Map(this.data.tokens.map((record) => [record.id, record]));
    return this.#tokens.get(token);
  }

  findPersona(id: string): PersonaRecord | undefined {
    this.#personas ??= new Map(this.data.personas.map((record) => [record.id, record]));
    return this.#personas.get(id);
  }

  /** Marks the data as changed: indexes and caches built from it are dropped. */
  changed(): void {
    this.#version++;
    this.#tokens = undefined;
    this.#personas = undefined;
  }

  /** Swaps in new data (a reset or a reloaded config). */
  replace(data: StoreData): void {
    this.data = data;
    this.changed();
  }
}

/** The built-in tokens, one per scenario of the table, and the built-in personas. */
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
  return { tokens, personas, fault: {} };
}
