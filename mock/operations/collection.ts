/**
 * What a collection of the store is (a test double, not for production): its built-in records, its
 * section of a `--config` file, the checks every record passes on its way in (config, `--db`, the
 * control plane, `register...` calls), how its records expire and what they refer to. Each operation
 * declares the collections it owns; the config file, the control plane and `--db` loop over them.
 */
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { loadApiDocument } from '../../src/openapi/api-document.js';
import { preparedValidator } from '../../src/openapi/prepared-validators.js';
import { describeSchemaErrors, getResponseValidator } from '../../src/openapi/response-validator.js';
import { readScopes, SCOPES, type Scope } from '../../src/scopes.js';
import type { UserInfo } from '../../src/user-info.js';
import type { PersonaRecord } from '../../src/wire-types.js';
import { TOKEN_PATTERN } from '../http/authorization.js';
import type { Collection, RecordOf } from '../state/store.js';

/** A record as it arrives: a config entry, a request body, a line of a `--db` file. */
export type RecordInput = Record<string, unknown>;

/** The ids a record may refer to: personas (tokens and codes name one) and clients (codes name one). */
export interface KnownIds {
  readonly personas: ReadonlySet<string>;
  readonly clients: ReadonlySet<string>;
  /**
   * Whether the record is an entry of a config file (the default), where a persona may be inline claims
   * and a client is added under "clients"; false for a record added at run time, which names both by id.
   */
  readonly inConfigFile?: boolean;
}

/** A collection's entries in a config file, by id. */
export type ConfigEntries = Readonly<Record<string, RecordInput>>;

/** A collection's part of the `--config` file: `"<collection>": { "<id>": { ...entry } }`. */
export interface ConfigSection {
  /** The JSON schema of the section (an object of entries by id). */
  readonly schema: object;
  /** What the ids are, for a name the schema refuses: `a valid bearer token (RFC 6750 b64token: ...)`. */
  readonly idRule: string;
  /** Messages of this section's own pattern errors, by the field's last name (`phoneNumber`, `codeChallenge`). */
  readonly patternMessages?: Readonly<Record<string, string>>;
  /** Problems a schema cannot see (a persona or client that does not exist), each naming its field. */
  problems?(entries: ConfigEntries, known: KnownIds): string[];
  /**
   * The records of `base` with the section's entries added (one of the same id replaces it). Inline
   * claims become personas, pushed onto `personas`.
   */
  apply(
    base: readonly RecordOf<Collection>[],
    entries: ConfigEntries,
    personas: PersonaRecord[],
  ): RecordOf<Collection>[];
}

/**
 * Turns a complete record (a POST or PUT body, a PATCH merged over the stored record, a `--db` line) into
 * the record to store, with defaults filled in; or lists what is wrong with it.
 */
export type RecordCheck = (
  record: RecordInput,
  known: KnownIds,
) => { record: RecordInput } | { problems: string[] };

/** One collection of the store. */
export interface CollectionDefinition {
  readonly name: Collection;
  /** What a record's id is, for messages: `the bearer token`. */
  readonly idIs: string;
  /** The records every mock starts with. */
  builtIns(): RecordOf<Collection>[];
  /** Its section of a config file; absent for a collection only the mock writes. */
  readonly config?: ConfigSection;
  /** Fields the mock itself writes on a record (an expiry, a use) and their types; not config fields. */
  readonly runtimeFields?: Readonly<Record<string, 'number' | 'string'>>;
  /** The check of a record; absent: the config section's checks plus the runtime fields'. */
  readonly check?: RecordCheck;
  /** Whether the control plane serves it; `why` says where it is changed instead. */
  readonly admin: { readonly served: true } | { readonly served: false; readonly why: string };
  /** The fields a list may be filtered and sorted by (dotted for nested ones). */
  readonly listFields: readonly string[];
  /** For records that expire: how long past `expiresAt` one is kept, and which never go. */
  readonly expiry?: {
    graceMs(tokenLifetimeSeconds: number): number;
    readonly keeps?: (record: RecordOf<Collection>) => boolean;
    /** The lifetime a record added at run time without `expiresAt` gets, in ms; undefined: none. */
    defaultLifetimeMs?(input: RecordInput): number | undefined;
  };
  /** The persona and the client a record names, so none is deleted while named. */
  readonly references?: {
    readonly persona?: (record: RecordOf<Collection>) => string | null | undefined;
    readonly client?: (record: RecordOf<Collection>) => string | undefined;
  };
  /** True for records bound to a client that go when it is deleted (a code of that client). */
  readonly goesWithItsClient?: boolean;
  /** The key a fault target names its records by: `{ token: '...' }`. */
  readonly faultTarget?: string;
}

/** Freezes a collection's definition (and types its callbacks). */
export function defineCollection(definition: CollectionDefinition): CollectionDefinition {
  return Object.freeze({ ...definition });
}

/** The fields of a fault a list may be filtered by. */
export const FAULT_LIST_FIELDS = ['fault.failure', 'fault.delayMs', 'fault.retryAfterS'] as const;

/** A list, or the space-separated string an OAuth `scope` parameter is. */
export const SCOPES_SCHEMA = {
  type: ['array', 'string'],
  items: { enum: SCOPES },
  uniqueItems: true,
  pattern: `^(${SCOPES.join('|')})( (${SCOPES.join('|')}))*$`,
} as const;

/** The id rule of a configured bearer token or code (RFC 6750 b64token). */
export const B64TOKEN_RULE = 'RFC 6750 b64token: letters, digits, -._~+/ then optional =';

/** The id pattern of personas and clients. */
export const ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$';

/**
 * What an id that travels in a URL path must not be: `.` or `..`, which every client and proxy normalises
 * away (RFC 3986 §5.2.4), so `/__admin/tokens/..` (or the validation call's path) could never name it.
 * Part of a section's `propertyNames`.
 */
export const NOT_A_DOT_SEGMENT = Object.freeze({ not: { enum: ['.', '..'] } });

/** The problem of an id that is `.` or `..`, naming the field: no normalised URL reaches such a record. */
export function dotSegmentProblem(field: string, id: string): string {
  return `${field}: "${id}" cannot be an id: URLs drop "." and ".." path segments, so no request could reach it`;
}

/** A section of grants (tokens, codes): keyed by a b64token, each naming a persona and scopes, plus fields of its own. */
export function grantSection(properties: Record<string, object>): object {
  return {
    type: 'object',
    propertyNames: { pattern: TOKEN_PATTERN, maxLength: 512, ...NOT_A_DOT_SEGMENT },
    additionalProperties: {
      type: 'object',
      additionalProperties: false,
      properties: { persona: { type: ['string', 'object', 'null'] }, scopes: SCOPES_SCHEMA, ...properties },
    },
  };
}

/** Problems of the personas that grant entries (tokens, codes) name: an unknown id, or inline claims that are not `UserInfo`. */
export function personaProblems(section: string, entries: ConfigEntries, known: KnownIds): string[] {
  const problems: string[] = [];
  for (const [id, entry] of Object.entries(entries)) {
    if (!isObject(entry)) continue;
    const field = `${section}.${id}`;
    if (typeof entry.persona === 'string' && !known.personas.has(entry.persona)) {
      problems.push(
        `${field}.persona: no persona "${entry.persona}"; use one of ${[...known.personas].join(', ')}${known.inConfigFile === false ? '' : ', or inline claims'}`,
      );
    } else if (isObject(entry.persona)) problems.push(...claimProblems(`${field}.persona`, entry.persona));
    problems.push(...faultRangeProblems(`${field}.fault`, entry.fault));
  }
  return problems;
}

/** Problems of `claims` as a `UserInfo`, each naming its field under `field`. */
export function claimProblems(field: string, claims: unknown): string[] {
  // The validator says "body/phone_number must match ..."; say "tokens.t.persona.phone_number: must match ...".
  return userInfoProblems(claims).map((problem) => {
    const space = problem.indexOf(' ');
    const path = problem.slice('body'.length, space).replaceAll('/', '.');
    return `${field}${path}: ${problem.slice(space + 1)}`;
  });
}

// The UserInfo validator compiled ahead of time, found once (null: none, the document's schemas compile).
let preparedUserInfo: ValidateFunction | null | undefined;

/** Finds the UserInfo validator compiled ahead of time, if any, before a persona needs it. */
export function warmClaimChecks(): ValidateFunction | null {
  preparedUserInfo ??= preparedValidator('userInfo', loadApiDocument().components?.schemas) ?? null;
  return preparedUserInfo;
}

/** Problems of `claims` against `UserInfo`, as the response validator words them (`body/sub must be string`). */
function userInfoProblems(claims: unknown): string[] {
  const prepared = warmClaimChecks();
  if (prepared === null) return getResponseValidator().validateSchema('UserInfo', claims);
  return prepared(claims) ? [] : describeSchemaErrors(prepared, 'body');
}

/** A schema cannot compare two fields: a delay range that runs backwards would draw from nothing. */
export function faultRangeProblems(field: string, fault: unknown): string[] {
  if (!isObject(fault) || !isObject(fault.delayMs)) return [];
  const { min, max } = fault.delayMs;
  return typeof min === 'number' && typeof max === 'number' && min > max
    ? [`${field}.delayMs: min (${min}) must not exceed max (${max})`]
    : [];
}

/** A token's or code's persona id; inline claims become a persona of their own under `inlineId`. */
export function resolvePersona(
  persona: unknown,
  fallback: string,
  inline: { readonly id: string; readonly description: string },
  personas: PersonaRecord[],
): string | null {
  if (persona === undefined) return fallback;
  if (persona === null || typeof persona === 'string') return persona;
  personas.push({
    id: inline.id,
    description: inline.description,
    claims: structuredClone(persona as UserInfo),
  });
  return inline.id;
}

/** Scopes as a list, from a list or a space-separated string (already validated); every scope when absent. */
export function parseScopes(scopes: unknown): Scope[] {
  return scopes === undefined ? [...SCOPES] : (readScopes(scopes) ?? []);
}

/** `base` with `added` put in by id (one of the same id replaces it, keeping its place). */
export function mergeById<R extends { id: string }>(base: readonly R[], added: readonly R[]): R[] {
  const records = new Map(base.map((record) => [record.id, record]));
  for (const record of added) records.set(record.id, record);
  return [...records.values()];
}

/** Whether `value` is a plain object (not null, not an array). */
export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The message of a schema error the generic wording would make obscure, if this section has one. */
export function sectionPatternMessage(
  section: ConfigSection,
  field: string,
  error: ErrorObject,
): string | undefined {
  const last = field.slice(field.lastIndexOf('.') + 1);
  const message = section.patternMessages?.[last];
  return error.keyword === 'pattern' && message !== undefined ? `${field}: ${message}` : undefined;
}
