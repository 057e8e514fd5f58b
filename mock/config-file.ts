import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import { KitError } from '../src/errors.js';
import { FAULT_SCHEMA, type Fault } from '../src/faults.js';
import { getResponseValidator } from '../src/openapi/response-validator.js';
import { DEFAULT_PERSONA, TOKEN_SCENARIO_NAMES, type TokenScenarioName } from '../src/scenarios.js';
import { SCOPES, type Scope } from '../src/scopes.js';
import type { UserInfo } from '../src/user-info.js';
import { TOKEN_PATTERN } from './authorization.js';
import type { PersonaRecord, StoreData, TokenRecord } from './store.js';

/**
 * What a `--config` file holds: personas by id, and tokens by the bearer string a client sends.
 *
 * @example
 * {
 *   "personas": { "ravi": { "sub": "42", "given_name": "Ravi", "phone_number": "919812345678" } },
 *   "tokens": { "ravi-phone": { "persona": "ravi", "scopes": ["openid", "phone"], "delayMs": 250 } }
 * }
 */
export interface MockConfig {
  personas?: Record<string, UserInfo>;
  tokens?: Record<string, TokenConfig>;
  /** A fault every answer of `/v1/userinfo` gets, unless its token has its own. */
  fault?: Fault;
}

/** One token of a config file. Every field is optional. */
export interface TokenConfig {
  /** A persona id (built-in or of this file), inline claims, or null for a user without a profile. Default: the built-in `full-in`. */
  persona?: string | UserInfo | null;
  /** Granted scopes, as a list or a space-separated string. Default: every scope. */
  scopes?: Scope[] | string;
  /** Default: `valid`, which answers from the persona and scopes. */
  scenario?: TokenScenarioName;
  delayMs?: number;
  /** A fault this token's answers get instead of the global one. */
  fault?: Fault;
}

const ID_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$';

const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    fault: FAULT_SCHEMA,
    personas: {
      type: 'object',
      propertyNames: { pattern: ID_PATTERN },
      additionalProperties: { type: 'object' },
    },
    tokens: {
      type: 'object',
      propertyNames: { pattern: TOKEN_PATTERN, maxLength: 512 },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          persona: { type: ['string', 'object', 'null'] },
          // A list, or the space-separated string an OAuth `scope` parameter is.
          scopes: {
            type: ['array', 'string'],
            items: { enum: SCOPES },
            uniqueItems: true,
            pattern: `^(${SCOPES.join('|')})( (${SCOPES.join('|')}))*$`,
          },
          scenario: { enum: TOKEN_SCENARIO_NAMES },
          delayMs: { type: 'integer', minimum: 0, maximum: 600_000 },
          fault: FAULT_SCHEMA,
        },
      },
    },
  },
} as const;

let validateStructure: ReturnType<Ajv2020['compile']> | undefined;

/** Reads and checks a config file; the error names the file and every field at fault. */
export function readConfigFile(file: string, knownPersonas: readonly string[] = []): MockConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (cause) {
    const reason = (cause as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(cause);
    throw new KitError('ERR_CONFIG_UNREADABLE', `Cannot read the config file ${file}: ${reason}.`, { cause });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new KitError(
      'ERR_CONFIG_INVALID',
      `The config file ${file} is not valid JSON: ${(cause as Error).message}. Fix the syntax (a JSON validator shows where).`,
      { cause },
    );
  }
  return validateConfig(parsed, file, knownPersonas);
}

/**
 * Checks a config (from a file or passed in code) once, reporting every problem in one error.
 * `knownPersonas` are the ids a token may point at besides the config's own personas.
 */
export function validateConfig(
  value: unknown,
  source: string,
  knownPersonas: readonly string[] = [],
): MockConfig {
  const problems = configProblems(value, knownPersonas);
  if (problems.length > 0) throw configError(source, problems);
  return value as MockConfig;
}

/** Every problem of a config, field by field; empty when it is valid. The admin API checks records with it too. */
export function configProblems(value: unknown, knownPersonas: readonly string[] = []): string[] {
  validateStructure ??= new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true }).compile(
    CONFIG_SCHEMA,
  );
  const problems = validateStructure(value)
    ? []
    : (validateStructure.errors ?? [])
        .filter((error) => error.keyword !== 'propertyNames')
        .map(describeStructureError);
  // The checks below read only what is shaped right, so one message holds structural and semantic problems.
  const config = (isObject(value) ? value : {}) as MockConfig;
  if (!isObject(config.personas)) delete config.personas;
  if (!isObject(config.tokens)) delete config.tokens;
  const validator = getResponseValidator();
  for (const [id, claims] of Object.entries(config.personas ?? {})) {
    for (const problem of validator.validateSchema('UserInfo', claims)) {
      problems.push(claimProblem(`personas.${id}`, problem));
    }
  }
  const personaIds = new Set([...knownPersonas, ...Object.keys(config.personas ?? {})]);
  for (const [token, entry] of Object.entries(config.tokens ?? {})) {
    if (!isObject(entry)) continue;
    if (typeof entry.persona === 'string' && !personaIds.has(entry.persona)) {
      problems.push(
        `tokens.${token}.persona: no persona "${entry.persona}"; use one of ${[...personaIds].join(', ')}, or inline claims`,
      );
    } else if (typeof entry.persona === 'object' && entry.persona !== null) {
      for (const problem of validator.validateSchema('UserInfo', entry.persona)) {
        problems.push(claimProblem(`tokens.${token}.persona`, problem));
      }
    }
    problems.push(...faultRangeProblems(`tokens.${token}.fault`, entry.fault));
  }
  problems.push(...faultRangeProblems('fault', config.fault));
  return problems;
}

// A schema cannot compare two fields; a range that runs backwards would draw from nothing.
function faultRangeProblems(field: string, fault: unknown): string[] {
  if (!isObject(fault) || !isObject(fault.delayMs)) return [];
  const { min, max } = fault.delayMs;
  return typeof min === 'number' && typeof max === 'number' && min > max
    ? [`${field}.delayMs: min (${min}) must not exceed max (${max})`]
    : [];
}

/** The store data a config adds to `base`: its personas, then its tokens (a token of the same name replaces the built-in one). */
export function applyConfig(base: StoreData, config: MockConfig): StoreData {
  const personas: PersonaRecord[] = [...base.personas];
  for (const [id, claims] of Object.entries(config.personas ?? {})) {
    personas.push({ id, description: 'from the config file', claims: structuredClone(claims) });
  }
  const tokens = new Map(base.tokens.map((record) => [record.id, record]));
  for (const [id, entry] of Object.entries(config.tokens ?? {})) {
    let persona: string | null = DEFAULT_PERSONA;
    if (entry.persona === null) persona = null;
    else if (typeof entry.persona === 'string') persona = entry.persona;
    else if (entry.persona !== undefined) {
      persona = `token:${id}`;
      personas.push({
        id: persona,
        description: `inline persona of token ${id}`,
        claims: structuredClone(entry.persona),
      });
    }
    const record: TokenRecord = {
      id,
      scenario: entry.scenario ?? 'valid',
      persona,
      scopes: parseScopes(entry.scopes),
    };
    if (entry.delayMs !== undefined) record.delayMs = entry.delayMs;
    if (entry.fault !== undefined) record.fault = structuredClone(entry.fault);
    tokens.set(id, record);
  }
  return {
    ...base,
    tokens: [...tokens.values()],
    personas,
    fault: structuredClone(config.fault ?? base.fault),
  };
}

// The validator says "body/phone_number must match ..."; say "tokens.t.persona.phone_number: must match ...".
function claimProblem(field: string, problem: string): string {
  const space = problem.indexOf(' ');
  const path = problem.slice('body'.length, space).replaceAll('/', '.');
  return `${field}${path}: ${problem.slice(space + 1)}`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function parseScopes(scopes: Scope[] | string | undefined): Scope[] {
  if (scopes === undefined) return [...SCOPES];
  return typeof scopes === 'string' ? (scopes.split(' ') as Scope[]) : [...scopes];
}

function configError(source: string, problems: string[]): KitError {
  const list = problems.map((problem) => `  - ${problem}`).join('\n');
  return new KitError('ERR_CONFIG_INVALID', `The config ${source} is invalid:\n${list}`);
}

function describeStructureError(error: ErrorObject): string {
  const field = error.instancePath.slice(1).replaceAll('/', '.') || '(top level)';
  switch (error.keyword) {
    case 'additionalProperties':
      return `${field}: unknown field "${String(error.params.additionalProperty)}"`;
    case 'enum':
      return `${field}: must be one of ${(error.params.allowedValues as string[]).join(', ')}`;
    case 'propertyNames':
      return `${field}: "${String(error.params.propertyName)}" is not a valid name`;
    case 'pattern':
      if (error.propertyName !== undefined) {
        return field.startsWith('tokens')
          ? `tokens: "${error.propertyName}" is not a valid bearer token (RFC 6750 b64token: letters, digits, -._~+/ then optional =)`
          : `personas: "${error.propertyName}" is not a valid persona id (letters, digits, . _ -)`;
      }
      return `${field}: must be a space-separated list of ${SCOPES.join(', ')}`;
    case 'type':
      return field.endsWith('.scopes')
        ? `${field}: must be a list of scopes or a space-separated string of them (${SCOPES.join(', ')})`
        : `${field}: ${error.message ?? 'has the wrong type'}`;
    default:
      return `${field}: ${error.message ?? 'is invalid'}`;
  }
}
