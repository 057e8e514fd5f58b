/**
 * The `--config` file of the mock (a test double, not for production): personas, and each collection's
 * section as its operation defines it (tokens, codes, clients, phone-number tokens, ...), plus the global
 * fault and the ID tokens' settings. Checked once, with a schema made of the sections' schemas, every
 * problem named in one error.
 */
import type { Ajv2020, ErrorObject } from 'ajv/dist/2020.js';
import type { JWK } from 'jose';
import { KitError } from '../../src/errors.js';
import { FAULT_SCHEMA, type Fault, MAX_DELAY_MS } from '../../src/faults.js';
import { loadAjv } from '../../src/openapi/load-ajv.js';
import { preparedValidator } from '../../src/openapi/prepared-validators.js';
import { SCOPES } from '../../src/scopes.js';
import type { UserInfo } from '../../src/user-info.js';
import type { PersonaRecord, StoreData } from '../../src/wire-types.js';
import type { Collection } from '../state/store.js';
import { printable } from '../http/printable.js';
import {
  type ConfigEntries,
  dotSegmentProblem,
  warmClaimChecks,
  faultRangeProblems,
  isObject,
  type KnownIds,
  sectionPatternMessage,
} from '../operations/collection.js';
import { COLLECTION_DEFINITIONS, type OperationsConfig } from '../operations/index.js';
import { describeReadProblem, readFileBounded } from './read-file-bounded.js';
import { signingKeyProblems } from './signing-key-check.js';

/**
 * What a `--config` file holds: personas by id, tokens by the bearer string a client sends,
 * authorization codes by the code a client exchanges, client ids, phone-number tokens, and the
 * sections of any other operation.
 *
 * @example
 * {
 *   "personas": { "ravi": { "sub": "42", "given_name": "Ravi", "phone_number": "919812345678" } },
 *   "tokens": { "ravi-phone": { "persona": "ravi", "scopes": ["openid", "phone"], "delayMs": 250 } },
 *   "codes": { "ravi-code": { "persona": "ravi", "scopes": "openid phone", "clientId": "my-app" } },
 *   "clients": { "my-app": {} }
 * }
 */
export type MockConfig = CoreConfig & OperationsConfig;

/** What a config holds besides the operations' sections. */
export interface CoreConfig {
  personas?: Record<string, UserInfo>;
  /** A fault every answer gets, unless its token or code has its own. */
  fault?: Fault;
  /** `false`: no ID token for any exchange (default true: one whenever `openid` is granted). */
  idToken?: boolean;
  /** The private RSA JWK ID tokens are signed with; without one the mock makes a key on first use. */
  signingKey?: JWK;
}

/** The sections of a config, one per configurable collection. */
const SECTIONS = COLLECTION_DEFINITIONS.flatMap((definition) =>
  definition.config === undefined ? [] : [{ name: definition.name, section: definition.config }],
);

/** The schema of a config file's structure (the sections' schemas, the fault, the ID-token settings). */
export const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    fault: FAULT_SCHEMA,
    idToken: { type: 'boolean' },
    signingKey: { type: 'object' },
    ...Object.fromEntries(SECTIONS.map(({ name, section }) => [name, section.schema])),
  },
} as const;

/** The largest config file read: far above any hand-written config, far below harm. */
export const CONFIG_FILE_LIMIT = 4 << 20;

/** The Ajv options the config schema is compiled with (here, or ahead of time by `prepare-validators.ts`). */
export const CONFIG_AJV_OPTIONS = Object.freeze({ allErrors: true, strict: true, allowUnionTypes: true });

let validateStructure: ReturnType<Ajv2020['compile']> | undefined;

/** Reads and checks a config file; the error names the file and every field at fault. */
export function readConfigFile(
  file: string,
  knownPersonas: readonly string[] = [],
  knownClients: readonly string[] = [],
): MockConfig {
  const read = readFileBounded(file, CONFIG_FILE_LIMIT);
  if (!read.ok) {
    const reason = describeReadProblem(read, CONFIG_FILE_LIMIT);
    const cause = read.kind === 'other' ? read.cause : undefined;
    throw new KitError(
      'ERR_CONFIG_UNREADABLE',
      `Cannot read the config file ${file}: ${reason}. Give the path of a JSON file.`,
      { cause },
    );
  }
  const { text } = read;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new KitError(
      'ERR_CONFIG_INVALID',
      `The config file ${file} is not valid JSON: ${printable((cause as Error).message)}. Fix the syntax (a JSON validator shows where).`,
      { cause },
    );
  }
  return validateConfig(parsed, file, knownPersonas, knownClients);
}

/**
 * Checks a config (from a file or passed in code) once, reporting every problem in one error.
 * `knownPersonas` are the ids a token or code may point at besides the config's own personas;
 * `knownClients` likewise for a code's client.
 */
export function validateConfig(
  value: unknown,
  source: string,
  knownPersonas: readonly string[] = [],
  knownClients: readonly string[] = [],
): MockConfig {
  const problems = configProblems(value, knownPersonas, knownClients);
  if (problems.length > 0) throw configError(source, problems);
  return value as MockConfig;
}

/**
 * Loads the checks' validators compiled ahead of time, if there are any for these schemas (no Ajv, no
 * compiling: a few milliseconds), so the first admin write does not load them while requests wait.
 */
export function warmConfigChecks(): void {
  validateStructure ??= preparedValidator('config', CONFIG_SCHEMA);
  void warmClaimChecks();
  // One check run through, so the first write does not pay for the first run of its code either.
  if (validateStructure !== undefined) configProblems({ tokens: { 'warm-up': { scopes: 'openid' } } });
}

/**
 * Every problem of a config, field by field; empty when it is valid. The admin API checks records with it
 * too (`inConfigFile: false`: a record added at run time names its persona and client by id).
 */
export function configProblems(
  value: unknown,
  knownPersonas: readonly string[] | ReadonlySet<string> = [],
  knownClients: readonly string[] | ReadonlySet<string> = [],
  { inConfigFile = true }: { readonly inConfigFile?: boolean } = {},
): string[] {
  // Compiled ahead of time where the build (or the tests' setup) did it: the first check loads no Ajv.
  validateStructure ??=
    preparedValidator('config', CONFIG_SCHEMA) ??
    new (loadAjv().Ajv2020)({ ...CONFIG_AJV_OPTIONS }).compile(CONFIG_SCHEMA);
  const problems = validateStructure(value)
    ? []
    : oneErrorPerOneOf(validateStructure.errors ?? [])
        .filter((error) => error.keyword !== 'propertyNames')
        .map(describeStructureError);
  // The checks below read only what is shaped right, so one message holds structural and semantic problems.
  const config = isObject(value) ? value : {};
  const entriesOf = (name: string): ConfigEntries =>
    (isObject(config[name]) ? config[name] : {}) as ConfigEntries;
  const known: KnownIds = {
    personas: withIds(knownPersonas, entriesOf('personas')),
    clients: withIds(knownClients, entriesOf('clients')),
    inConfigFile,
  };
  for (const { name, section } of SECTIONS)
    problems.push(...(section.problems?.(entriesOf(name), known) ?? []));
  problems.push(...faultRangeProblems('fault', config.fault));
  problems.push(...signingKeyProblems(config.signingKey));
  return problems;
}

/**
 * `known` and the ids of `entries`: `known` itself when there are none (a record checked on its own, one
 * of a million in a `--db` file, does not copy the set of every persona).
 */
function withIds(
  known: readonly string[] | ReadonlySet<string>,
  entries: ConfigEntries,
): ReadonlySet<string> {
  const ids = Object.keys(entries);
  if (ids.length === 0 && known instanceof Set) return known;
  return new Set([...known, ...ids]);
}

/**
 * The store data a config adds to `base`: each section's records (one of the same id replaces the
 * built-in one; inline claims become personas), and its fault.
 */
export function applyConfig(base: StoreData, config: MockConfig): StoreData {
  const given = config as Record<string, ConfigEntries | undefined>;
  const data = { ...base } as unknown as Record<string, unknown>;
  // Personas first: the other sections add the inline personas of their entries to them.
  const personas = [...base.personas];
  for (const { name, section } of SECTIONS) {
    const entries = given[name] ?? {};
    if (name === 'personas')
      personas.splice(0, Infinity, ...(section.apply(personas, entries, []) as PersonaRecord[]));
  }
  for (const { name, section } of SECTIONS) {
    if (name !== 'personas')
      data[name] = section.apply(base[name as Collection], given[name] ?? {}, personas);
  }
  data.personas = personas;
  data.fault = structuredClone(config.fault ?? base.fault);
  return data as unknown as StoreData;
}

/** The most problems a message lists; past them it counts the rest (a file of a million bad tokens). */
export const MAX_LISTED_PROBLEMS = 50;

/** `problems` as the lines of a message, `  - ` each, the first `MAX_LISTED_PROBLEMS` of them and a count of the rest. */
export function problemList(problems: readonly string[]): string {
  const lines = problems.slice(0, MAX_LISTED_PROBLEMS).map((problem) => `  - ${problem}`);
  const more = problems.length - MAX_LISTED_PROBLEMS;
  if (more > 0) lines.push(`  - ... and ${more.toLocaleString('en')} more problems`);
  return lines.join('\n');
}

function configError(source: string, problems: string[]): KitError {
  const list = problemList(problems);
  return new KitError('ERR_CONFIG_INVALID', `The config ${source} is invalid:\n${list}`);
}

/**
 * Ajv reports a value that fits no branch of a `oneOf` (a fault's `delayMs`: milliseconds, or a range) with
 * every branch's errors and then "must match exactly one schema in oneOf": three lines for one mistake.
 * Kept: the errors of the branch of the value's own type (`-1`, a number: "must be >= 0"); when there is
 * none (a string), the `oneOf` error alone, which says what the field may be.
 */
function oneErrorPerOneOf(errors: readonly ErrorObject[]): ErrorObject[] {
  const oneOfs = errors.filter((error) => error.keyword === 'oneOf');
  if (oneOfs.length === 0) return [...errors];
  const oneOfOf = (error: ErrorObject): ErrorObject | undefined =>
    oneOfs.find((oneOf) => error.schemaPath.startsWith(`${oneOf.schemaPath}/`));
  // A branch the value is not even of the type of says nothing about the mistake.
  const telling = (error: ErrorObject): boolean =>
    !(error.keyword === 'type' && error.instancePath === oneOfOf(error)?.instancePath);
  return errors.filter((error) =>
    error.keyword === 'oneOf'
      ? !errors.some((other) => oneOfOf(other) === error && telling(other))
      : oneOfOf(error) === undefined || telling(error),
  );
}

/** What a field with a `oneOf` may be, by the field's last name. */
const ONE_OF_MESSAGES: Readonly<Record<string, string>> = {
  delayMs: `must be milliseconds from 0 to ${MAX_DELAY_MS} (250) or a range of them ({ "min": 100, "max": 400 })`,
};

function describeStructureError(error: ErrorObject): string {
  const field = error.instancePath.slice(1).replaceAll('/', '.') || '(top level)';
  const [sectionName = ''] = field.split('.');
  const section = SECTIONS.find(({ name }) => name === sectionName)?.section;
  switch (error.keyword) {
    case 'additionalProperties':
      return `${field}: unknown field "${String(error.params.additionalProperty)}"`;
    case 'enum':
      return `${field}: must be one of ${(error.params.allowedValues as string[]).join(', ')}`;
    case 'propertyNames':
      return `${field}: "${String(error.params.propertyName)}" is not a valid name`;
    case 'not':
      if (error.propertyName !== undefined) return dotSegmentProblem(field, error.propertyName);
      return `${field}: ${error.message ?? 'is invalid'}`;
    case 'pattern':
      if (error.propertyName !== undefined && section !== undefined)
        return `${field}: "${error.propertyName}" is not a valid ${section.idRule}`;
      return (
        (section === undefined ? undefined : sectionPatternMessage(section, field, error)) ??
        `${field}: must be a space-separated list of ${SCOPES.join(', ')}`
      );
    case 'oneOf':
      return `${field}: ${ONE_OF_MESSAGES[field.split('.').at(-1) ?? ''] ?? 'is none of the forms it may take'}`;
    case 'type':
      return field.endsWith('.scopes')
        ? `${field}: must be a list of scopes or a space-separated string of them (${SCOPES.join(', ')})`
        : `${field}: ${error.message ?? 'has the wrong type'}`;
    default:
      return `${field}: ${error.message ?? 'is invalid'}`;
  }
}
