/**
 * The shapes that cross the wire, below everything that uses them: the API's bodies, the journal's
 * entries and the records the control plane serves. The mock, the reference clients and the contracts
 * import them from here, so a server never imports a client for a type and `src/` imports nothing above it.
 */
import type { Fault } from './faults.js';
import type { OperationsStoreData } from './operations/store-data.js';
import type { Scope } from './scopes.js';
import type { UserInfo } from './user-info.js';

/** An error body of the API (the `Error` schema of `openapi.yaml`). */
export interface ErrorBody {
  error: string;
  error_description: string;
}

/** A header or a form field: its name and one value (a repeated one appears once per value). */
export type NameValue = [name: string, value: string];

/** One request the mock received and what it answered, as its journal (`GET /__admin/requests`) lists it. */
export interface JournalEntry {
  /** The entry's number: 1 for the first request recorded, one more for each after; a clear does not reset it. */
  seq: number;
  /** When it arrived, ISO 8601. */
  time: string;
  method: string;
  /** The path without the query string. */
  path: string;
  /** The bearer token it carried (or the access token in a validation call's path), or null. */
  token: string | null;
  /** The scenario of the answer (`valid`, `expired`, `fault:connection-reset`, ...). */
  scenario: string;
  /** The status sent; 0 when a fault broke the connection instead. */
  status: number;
  /**
   * From arrival to the answer handed to the socket, delays and body reads included; 0 for an answer
   * made in the turn its request arrived (the mock's own microsecond is not timed).
   */
  latencyMs: number;
  /** The request as it arrived. */
  request: JournalRequest;
  /** The answer the mock sent (status 0 above: none). */
  response: JournalResponse;
}

/** A request as it arrived at the mock. */
export interface JournalRequest {
  /** The path and query string, as sent. */
  url: string;
  /** Header names in lower case (as Node gives them), values as sent. */
  headers: NameValue[];
  /**
   * The body as UTF-8 text (bytes that are not UTF-8 shown as U+FFFD); null when the mock read none: a
   * GET, a path that takes no body, or a body refused as too large.
   */
  body: string | null;
  /** The fields of an `application/x-www-form-urlencoded` body, in order; null for any other body. */
  form: NameValue[] | null;
}

/** An answer as the mock prepared it (Node adds `Date` and `Connection` when it sends it). */
export interface JournalResponse {
  headers: NameValue[];
  /** The body as UTF-8 text; null when a fault broke the connection. */
  body: string | null;
}

/** What `GET /__admin/requests` answers: the journal's bounds and the entries asked for, oldest first. */
export interface Journal {
  /** How many entries it keeps at most (`journalSize`). */
  capacity: number;
  /** How many bytes its entries may hold (`journalMaxBytes`); the oldest are dropped past it. */
  maxBytes: number;
  /** The bytes its entries hold now. */
  bytes: number;
  /** The `seq` of the newest entry recorded so far (0 before the first): ask for `after` it next. */
  lastSeq: number;
  /** The `seq` of the oldest entry held (`lastSeq + 1` when empty): anything older was dropped or cleared. */
  oldestSeq: number;
  requests: JournalEntry[];
}

/** One outcome the mock can answer with, as `GET /__admin/scenarios` lists it. */
export interface CatalogueScenario {
  /** What a token's or code's `scenario` field holds. */
  name: string;
  status: number;
  /** What it simulates, one line. */
  simulates: string;
  /** Whether Truecaller documents this outcome, or the kit assumes it. */
  documented: boolean;
  /** The built-in token (for `GET /v1/userinfo`) or code (for `POST /v1/token`) that reaches it; null for none. */
  builtIn: string | null;
  /** Whether a token or code added through the admin API may take it as its `scenario`. */
  assignable: boolean;
}

/** One operation the mock serves, as `GET /__admin/scenarios` lists it. */
export interface CatalogueOperation {
  /** Its stable name: `userinfo`, `token`, `phone-number`, ... */
  name: string;
  /** One line saying what it is. */
  summary: string;
  /** The documented host that serves it (the mock serves it on its own port too). */
  host: string;
  /** Its paths (templates as `openapi.yaml` writes them). */
  paths: string[];
  /** Those of its paths whose answers a fault covers. */
  faultPaths: string[];
  /** Its outcomes. */
  scenarios: CatalogueScenario[];
}

/** What the mock can simulate, from the kit's own tables: what a dashboard lists and offers in its forms. */
export interface ScenarioCatalogue {
  /** Each operation the mock serves, with its outcomes, in the order of `OPERATIONS`. */
  operations: CatalogueOperation[];
  /** Each scope with the claims it grants (assumed, from OpenID Connect Core §5.4). */
  scopes: { scope: Scope; claims: string[] }[];
  /** The failures a fault may inject. */
  failures: string[];
  /**
   * The paths (templates as `openapi.yaml` writes them) every answer of which a fault covers: the global
   * fault, unless the token or code asked for has its own.
   */
  faultPaths: string[];
  /** The client id the mock accepts out of the box. */
  defaultClientId: string;
  /** A verifier of valid RFC 7636 syntax, which the built-in codes (they have no challenge) accept. */
  exampleCodeVerifier: string;
}

/** The mock's clock, as `GET` and `POST /__admin/clock` answer it. */
export interface ClockState {
  /** The mock's time, ISO 8601: tokens and codes expire against it. */
  now: string;
  /** The same, in epoch milliseconds. */
  nowMs: number;
  /** How far it was moved ahead of the real time (or of the `clock` option's), in milliseconds. */
  offsetMs: number;
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
export type StoreData = CoreStoreData & OperationsStoreData;

/** What every store holds, whatever its operations: the personas they share, and the global fault. */
export interface CoreStoreData {
  personas: PersonaRecord[];
  /** The fault every answer gets unless its token has one; `{}` for none. */
  fault: Fault;
}
