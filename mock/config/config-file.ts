import type { Ajv2020, ErrorObject } from 'ajv/dist/2020.js';
import { KitError } from '../../src/errors.js';
import { FAULT_SCHEMA, type Fault } from '../../src/faults.js';
import { loadAjv } from '../../src/openapi/load-ajv.js';
import { getResponseValidator } from '../../src/openapi/response-validator.js';
import {
  CODE_SCENARIO_NAMES,
  type CodeScenarioName,
  GRANT_TYPES,
  type GrantType,
} from '../../src/operations/token/outcomes.js';
import type { JWK } from 'jose';
import { CODE_CHALLENGE_PATTERN } from '../../src/operations/token/pkce.js';
import {
  DEFAULT_NON_TRUECALLER_PERSONA,
  findNonTruecallerPersona,
} from '../../fixtures/non-truecaller-personas.js';
import {
  PHONE_NUMBER_PATTERN,
  PHONE_NUMBER_TOKEN_PATTERN,
  PHONE_NUMBER_TOKEN_SCENARIO_NAMES,
  type PhoneNumberAs,
  type PhoneNumberTokenScenarioName,
} from '../../src/operations/phone-number/scenarios.js';
import {
  DEFAULT_PERSONA,
  TOKEN_SCENARIO_NAMES,
  type TokenScenarioName,
} from '../../src/operations/userinfo/scenarios.js';
import { readScopes, SCOPES, type Scope } from '../../src/scopes.js';
import type { UserInfo } from '../../src/user-info.js';
import { TOKEN_PATTERN } from '../http/authorization.js';
import { signingKeyProblems } from './signing-key-check.js';
import type { ClientRecord, CodeRecord } from '../../src/operations/token/wire-types.js';
import type { PersonaRecord, StoreData } from '../../src/wire-types.js';
import type { PhoneNumberTokenRecord } from '../../src/operations/phone-number/wire-types.js';
import type { TokenRecord } from '../../src/operations/userinfo/wire-types.js';
import { describeReadProblem, readFileBounded } from './read-file-bounded.js';
import { printable } from '../http/printable.js';

/**
 * What a `--config` file holds: personas by id, tokens by the bearer string a client sends,
 * authorization codes by the code a client exchanges, and client ids.
 *
 * @example
 * {
 *   "personas": { "ravi": { "sub": "42", "given_name": "Ravi", "phone_number": "919812345678" } },
 *   "tokens": { "ravi-phone": { "persona": "ravi", "scopes": ["openid", "phone"], "delayMs": 250 } },
 *   "codes": { "ravi-code": { "persona": "ravi", "scopes": "openid phone", "clientId": "my-app" } },
 *   "clients": { "my-app": {} }
 * }
 */
export interface MockConfig {
  personas?: Record<string, UserInfo>;
  tokens?: Record<string, TokenConfig>;
  codes?: Record<string, CodeConfig>;
  clients?: Record<string, ClientConfig>;
  /** Access tokens of users verified without the Truecaller app, by the token the validation call's path carries. */
  phoneNumberTokens?: Record<string, PhoneNumberTokenConfig>;
  /** A fault every answer of `/v1/userinfo` and `/v1/token` gets, unless its token or code has its own. */
  fault?: Fault;
  /** `false`: no ID token for any exchange (default true: one whenever `openid` is granted). */
  idToken?: boolean;
  /** The private RSA JWK ID tokens are signed with; without one the mock makes a key on first use. */
  signingKey?: JWK;
}

/** One phone-number token of a config file (the validation call of users without the app). Every field is optional. */
export interface PhoneNumberTokenConfig {
  /** Default `verified`: answer with the number; or a documented error (`invalid-token`, `invalid-credentials`, `server-error`). */
  scenario?: PhoneNumberTokenScenarioName;
  /** Calling code and national number, digits only. Default: the persona `non-truecaller-in`'s. */
  phoneNumber?: string;
  /** ISO 3166-1 alpha-2. Default `IN` (the SDK verifies users without the app in India only). */
  countryCode?: string;
  /** How a 200 writes the number: a JSON `number` (default, as documented) or a `string`. */
  phoneNumberAs?: PhoneNumberAs;
  /** A fault this token's answers get instead of the global one. */
  fault?: Fault;
}

/** One authorization code of a config file. Every field is optional; a code is single use unless `reusable`. */
export interface CodeConfig {
  /** As for tokens: a persona id, inline claims, or null. Default: the built-in `full-in`. */
  persona?: string | UserInfo | null;
  /** Granted scopes, as a list or a space-separated string. Default: every scope. */
  scopes?: Scope[] | string;
  /** The S256 challenge the verifier must match. Without one, any verifier of RFC 7636 syntax passes. */
  codeChallenge?: string;
  /** The only client that may exchange it. Default: any known client. */
  clientId?: string;
  /** Default: `issued`; or a documented error to answer with. */
  scenario?: CodeScenarioName;
  reusable?: boolean;
  /** A fault this code's exchanges get instead of the global one. */
  fault?: Fault;
  /** `false`: its exchanges get no ID token, even with `openid` granted. */
  idToken?: boolean;
}

/** One client of a config file. */
export interface ClientConfig {
  /** Grants it may use. Default: both, `authorization_code` and `refresh_token`. */
  grantTypes?: GrantType[];
  /** `false`: tokens issued to it come without an ID token. */
  idToken?: boolean;
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

// A list, or the space-separated string an OAuth `scope` parameter is.
const SCOPES_SCHEMA = {
  type: ['array', 'string'],
  items: { enum: SCOPES },
  uniqueItems: true,
  pattern: `^(${SCOPES.join('|')})( (${SCOPES.join('|')}))*$`,
} as const;

// Tokens and codes alike: keyed by a b64token, each naming a persona and scopes, plus fields of its own.
function grantSection(properties: Record<string, object>): object {
  return {
    type: 'object',
    propertyNames: { pattern: TOKEN_PATTERN, maxLength: 512 },
    additionalProperties: {
      type: 'object',
      additionalProperties: false,
      properties: { persona: { type: ['string', 'object', 'null'] }, scopes: SCOPES_SCHEMA, ...properties },
    },
  };
}

const CONFIG_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    fault: FAULT_SCHEMA,
    idToken: { type: 'boolean' },
    signingKey: { type: 'object' },
    personas: {
      type: 'object',
      propertyNames: { pattern: ID_PATTERN },
      additionalProperties: { type: 'object' },
    },
    tokens: grantSection({
      scenario: { enum: TOKEN_SCENARIO_NAMES },
      delayMs: { type: 'integer', minimum: 0, maximum: 600_000 },
      fault: FAULT_SCHEMA,
    }),
    codes: grantSection({
      codeChallenge: { type: 'string', pattern: CODE_CHALLENGE_PATTERN.source },
      clientId: { type: 'string', minLength: 1 },
      scenario: { enum: CODE_SCENARIO_NAMES },
      reusable: { type: 'boolean' },
      fault: FAULT_SCHEMA,
      idToken: { type: 'boolean' },
    }),
    phoneNumberTokens: {
      type: 'object',
      propertyNames: { pattern: PHONE_NUMBER_TOKEN_PATTERN },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          scenario: { enum: PHONE_NUMBER_TOKEN_SCENARIO_NAMES },
          phoneNumber: { type: 'string', pattern: PHONE_NUMBER_PATTERN },
          countryCode: { type: 'string', pattern: '^[A-Z]{2}$' },
          phoneNumberAs: { enum: ['number', 'string'] },
          fault: FAULT_SCHEMA,
        },
      },
    },
    clients: {
      type: 'object',
      propertyNames: { pattern: ID_PATTERN },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          grantTypes: { type: 'array', items: { enum: GRANT_TYPES }, uniqueItems: true },
          idToken: { type: 'boolean' },
        },
      },
    },
  },
} as const;

/** The largest config file read: far above any hand-written config, far below harm. */
export const CONFIG_FILE_LIMIT = 4 << 20;

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

/** Every problem of a config, field by field; empty when it is valid. The admin API checks records with it too. */
export function configProblems(
  value: unknown,
  knownPersonas: readonly string[] = [],
  knownClients: readonly string[] = [],
): string[] {
  validateStructure ??= new (loadAjv().Ajv2020)({
    allErrors: true,
    strict: true,
    allowUnionTypes: true,
  }).compile(CONFIG_SCHEMA);
  const problems = validateStructure(value)
    ? []
    : (validateStructure.errors ?? [])
        .filter((error) => error.keyword !== 'propertyNames')
        .map(describeStructureError);
  // The checks below read only what is shaped right, so one message holds structural and semantic problems.
  const config = (isObject(value) ? value : {}) as MockConfig;
  if (!isObject(config.personas)) delete config.personas;
  if (!isObject(config.tokens)) delete config.tokens;
  if (!isObject(config.codes)) delete config.codes;
  if (!isObject(config.clients)) delete config.clients;
  if (!isObject(config.phoneNumberTokens)) delete config.phoneNumberTokens;
  const validator = getResponseValidator();
  for (const [id, claims] of Object.entries(config.personas ?? {})) {
    for (const problem of validator.validateSchema('UserInfo', claims)) {
      problems.push(claimProblem(`personas.${id}`, problem));
    }
  }
  const personaIds = new Set([...knownPersonas, ...Object.keys(config.personas ?? {})]);
  const entries = [
    ...Object.entries(config.tokens ?? {}).map(([id, entry]) => [`tokens.${id}`, entry] as const),
    ...Object.entries(config.codes ?? {}).map(([id, entry]) => [`codes.${id}`, entry] as const),
  ];
  for (const [field, entry] of entries) {
    if (!isObject(entry)) continue;
    if (typeof entry.persona === 'string' && !personaIds.has(entry.persona)) {
      problems.push(
        `${field}.persona: no persona "${entry.persona}"; use one of ${[...personaIds].join(', ')}, or inline claims`,
      );
    } else if (typeof entry.persona === 'object' && entry.persona !== null) {
      for (const problem of validator.validateSchema('UserInfo', entry.persona)) {
        problems.push(claimProblem(`${field}.persona`, problem));
      }
    }
    problems.push(...faultRangeProblems(`${field}.fault`, entry.fault));
  }
  const clientIds = new Set([...knownClients, ...Object.keys(config.clients ?? {})]);
  for (const [code, entry] of Object.entries(config.codes ?? {})) {
    if (isObject(entry) && typeof entry.clientId === 'string' && !clientIds.has(entry.clientId)) {
      problems.push(
        `codes.${code}.clientId: no client "${entry.clientId}"; add it under "clients" or use one of ${[...clientIds].join(', ')}`,
      );
    }
  }
  for (const [token, entry] of Object.entries(config.phoneNumberTokens ?? {})) {
    if (isObject(entry))
      problems.push(...faultRangeProblems(`phoneNumberTokens.${token}.fault`, entry.fault));
  }
  problems.push(...faultRangeProblems('fault', config.fault));
  problems.push(...signingKeyProblems(config.signingKey));
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

/**
 * The store data a config adds to `base`: its personas, tokens, codes and clients (one of the same id
 * replaces the built-in one).
 */
export function applyConfig(base: StoreData, config: MockConfig): StoreData {
  const personas: PersonaRecord[] = [...base.personas];
  for (const [id, claims] of Object.entries(config.personas ?? {})) {
    personas.push({ id, description: 'from the config file', claims: structuredClone(claims) });
  }
  // Tokens and codes name their persona and scopes alike; inline claims become a persona of their own.
  const grant = (kind: 'token' | 'code', id: string, entry: TokenConfig | CodeConfig) => ({
    id,
    persona: resolvePersona(entry.persona, `${kind}:${id}`, `inline persona of ${kind} ${id}`, personas),
    scopes: parseScopes(entry.scopes),
  });
  const tokens = new Map(base.tokens.map((record) => [record.id, record]));
  for (const [id, entry] of Object.entries(config.tokens ?? {})) {
    const record: TokenRecord = { ...grant('token', id, entry), scenario: entry.scenario ?? 'valid' };
    if (entry.delayMs !== undefined) record.delayMs = entry.delayMs;
    if (entry.fault !== undefined) record.fault = structuredClone(entry.fault);
    tokens.set(id, record);
  }
  const codes = new Map(base.codes.map((record) => [record.id, record]));
  for (const [id, entry] of Object.entries(config.codes ?? {})) {
    const record: CodeRecord = { ...grant('code', id, entry), scenario: entry.scenario ?? 'issued' };
    if (entry.codeChallenge !== undefined) record.codeChallenge = entry.codeChallenge;
    if (entry.clientId !== undefined) record.clientId = entry.clientId;
    if (entry.reusable !== undefined) record.reusable = entry.reusable;
    if (entry.fault !== undefined) record.fault = structuredClone(entry.fault);
    if (entry.idToken !== undefined) record.idToken = entry.idToken;
    codes.set(id, record);
  }
  const clients = new Map(base.clients.map((record) => [record.id, record]));
  for (const [id, entry] of Object.entries(config.clients ?? {})) {
    const record: ClientRecord = {
      id,
      grantTypes: [...(entry.grantTypes ?? GRANT_TYPES)],
      description: 'from the config file',
    };
    if (entry.idToken !== undefined) record.idToken = entry.idToken;
    clients.set(id, record);
  }
  return {
    ...base,
    tokens: [...tokens.values()],
    personas,
    codes: [...codes.values()],
    clients: [...clients.values()],
    phoneNumberTokens: applyPhoneNumberTokens(base.phoneNumberTokens, config.phoneNumberTokens),
    fault: structuredClone(config.fault ?? base.fault),
  };
}

/** The phone-number tokens of `base` with those of a config added (one of the same id replaces the built-in one). */
function applyPhoneNumberTokens(
  base: readonly PhoneNumberTokenRecord[] | undefined,
  entries: Record<string, PhoneNumberTokenConfig> | undefined,
): PhoneNumberTokenRecord[] {
  const tokens = new Map((base ?? []).map((record) => [record.id, record]));
  const persona = findNonTruecallerPersona(DEFAULT_NON_TRUECALLER_PERSONA);
  for (const [id, entry] of Object.entries(entries ?? {})) {
    const record: PhoneNumberTokenRecord = {
      id,
      scenario: entry.scenario ?? 'verified',
      phoneNumber: entry.phoneNumber ?? persona?.phoneNumber ?? '',
      countryCode: entry.countryCode ?? persona?.countryCode ?? 'IN',
    };
    if (entry.phoneNumberAs !== undefined) record.phoneNumberAs = entry.phoneNumberAs;
    if (entry.fault !== undefined) record.fault = structuredClone(entry.fault);
    tokens.set(id, record);
  }
  return [...tokens.values()];
}

/** A token's or code's persona id; inline claims become a persona of their own under `inlineId`. */
function resolvePersona(
  persona: string | UserInfo | null | undefined,
  inlineId: string,
  description: string,
  personas: PersonaRecord[],
): string | null {
  if (persona === undefined) return DEFAULT_PERSONA;
  if (persona === null || typeof persona === 'string') return persona;
  personas.push({ id: inlineId, description, claims: structuredClone(persona) });
  return inlineId;
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

/** Scopes as a list, from a list or a space-separated string (already validated); every scope when absent. */
export function parseScopes(scopes: readonly Scope[] | string | undefined): Scope[] {
  return scopes === undefined ? [...SCOPES] : (readScopes(scopes) ?? []);
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
        if (field === 'phoneNumberTokens') {
          return `${field}: "${error.propertyName}" is not a valid phone-number token (1 to 512 letters, digits, . _ ~ -: it is sent in the path)`;
        }
        if (field === 'tokens' || field === 'codes') {
          return `${field}: "${error.propertyName}" is not a valid ${field === 'tokens' ? 'bearer token' : 'code'} (RFC 6750 b64token: letters, digits, -._~+/ then optional =)`;
        }
        return `${field}: "${error.propertyName}" is not a valid ${field === 'clients' ? 'client' : 'persona'} id (letters, digits, . _ -)`;
      }
      if (field.endsWith('.phoneNumber')) {
        return `${field}: must be the calling code and national number, digits only (919812345678)`;
      }
      if (field.endsWith('.countryCode')) return `${field}: must be an ISO 3166-1 alpha-2 code such as IN`;
      if (field.endsWith('.codeChallenge')) {
        return `${field}: must be an S256 challenge, 43 characters of base64url (createPkcePair() makes one)`;
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
