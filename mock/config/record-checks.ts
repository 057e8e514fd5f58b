/**
 * Checks of the records the admin API writes (a test double's control plane, not for production). They
 * reuse the config file's validation, so a token or persona is held to the same rules either way.
 */
import { randomUUID } from 'node:crypto';
import { applyConfig, configProblems } from './config-file.js';
import { readScopes } from '../../src/scopes.js';

/** A record as it arrives in a request body. */
export type RecordInput = Record<string, unknown>;

/** The ids a record may refer to: personas (tokens and codes name one) and clients (codes name one). */
export interface KnownIds {
  readonly personas: readonly string[];
  readonly clients: readonly string[];
}

/**
 * Turns a complete record (a POST or PUT body, or a PATCH merged over the stored record) into the record
 * to store, with defaults filled in; or lists what is wrong with it.
 */
export type RecordCheck = (
  record: RecordInput,
  known: KnownIds,
) => { record: RecordInput } | { problems: string[] };

const EMPTY_STORE = {
  tokens: [],
  personas: [],
  codes: [],
  clients: [],
  refreshTokens: [],
  phoneNumberTokens: [],
  fault: {},
} as const satisfies Parameters<typeof applyConfig>[0];

// What the mock itself writes on a record (an issued token's expiry and client, a code's expiry and use):
// not part of the config format, so kept as they are once their type is right.
const RUNTIME_FIELDS = {
  tokens: { expiresAt: 'number', clientId: 'string', refreshToken: 'string' },
  codes: { expiresAt: 'number', usedAt: 'number' },
  phoneNumberTokens: { expiresAt: 'number' },
} as const;

/** Moves the runtime fields out of `entry`; lists those of the wrong type, and inline claims (the admin API takes persona ids). */
function takeRuntimeFields(
  collection: keyof typeof RUNTIME_FIELDS,
  id: string,
  entry: RecordInput,
): { runtime: RecordInput; problems: string[] } {
  const runtime: RecordInput = {};
  const problems: string[] = [];
  for (const [field, type] of Object.entries(RUNTIME_FIELDS[collection])) {
    if (entry[field] === undefined) continue;
    if (typeof entry[field] !== type) {
      problems.push(
        `${collection}.${id}.${field}: must be ${type === 'number' ? 'epoch milliseconds' : 'a string'}`,
      );
    }
    runtime[field] = entry[field];
    delete entry[field];
  }
  if (collection !== 'phoneNumberTokens' && typeof entry.persona === 'object' && entry.persona !== null) {
    problems.push(
      `${collection}.${id}.persona: give a persona id (add the persona with POST /__admin/personas first) or null`,
    );
  }
  return { runtime, problems };
}

const checkToken: RecordCheck = (input, known) => {
  const { id, ...entry } = input;
  if (typeof id !== 'string') return { problems: ['id: must be the bearer token, a string'] };
  const { runtime, problems } = takeRuntimeFields('tokens', id, entry);
  problems.push(...configProblems({ tokens: { [id]: entry } }, known.personas));
  if (problems.length > 0) return { problems };
  const [record] = applyConfig(EMPTY_STORE, { tokens: { [id]: entry } }).tokens;
  return { record: { ...record, ...runtime } };
};

const checkCode: RecordCheck = (input, known) => {
  const { id, ...entry } = input;
  if (typeof id !== 'string') return { problems: ['id: must be the authorization code, a string'] };
  const { runtime, problems } = takeRuntimeFields('codes', id, entry);
  problems.push(...configProblems({ codes: { [id]: entry } }, known.personas, known.clients));
  if (problems.length > 0) return { problems };
  const [record] = applyConfig(EMPTY_STORE, { codes: { [id]: entry } }).codes;
  return { record: { ...record, ...runtime } };
};

const checkPhoneNumberToken: RecordCheck = (input) => {
  const { id, ...entry } = input;
  if (typeof id !== 'string') return { problems: ['id: must be the access token, a string'] };
  const { runtime, problems } = takeRuntimeFields('phoneNumberTokens', id, entry);
  problems.push(...configProblems({ phoneNumberTokens: { [id]: entry } }));
  if (problems.length > 0) return { problems };
  const [record] = applyConfig(EMPTY_STORE, { phoneNumberTokens: { [id]: entry } }).phoneNumberTokens;
  return { record: { ...record, ...runtime } };
};

const checkClient: RecordCheck = (input) => {
  const { id, description, ...entry } = input;
  if (typeof id !== 'string') return { problems: ['id: must be the client id, a string'] };
  const problems = configProblems({ clients: { [id]: entry } });
  if (description !== undefined && typeof description !== 'string') {
    problems.push(`clients.${id}.description: must be a string`);
  }
  if (problems.length > 0) return { problems };
  const [record] = applyConfig(EMPTY_STORE, { clients: { [id]: entry } }).clients;
  return { record: { ...record, ...(description === undefined ? {} : { description }) } };
};

const checkPersona: RecordCheck = (input) => {
  const { id, claims, description, country, ...rest } = input;
  if (typeof id !== 'string') return { problems: ['id: must be the persona id, a string'] };
  const problems = Object.keys(rest).map(
    (field) => `personas.${id}: unknown field "${field}" (a persona has id, description, country, claims)`,
  );
  if (description !== undefined && typeof description !== 'string')
    problems.push(`personas.${id}.description: must be a string`);
  if (country !== undefined && (typeof country !== 'string' || !/^[A-Z]{2}$/.test(country)))
    problems.push(`personas.${id}.country: must be an ISO 3166-1 alpha-2 code such as IN`);
  if (claims === undefined) problems.push(`personas.${id}.claims: required, the persona's UserInfo claims`);
  else problems.push(...configProblems({ personas: { [id]: claims } }));
  return problems.length > 0 ? { problems } : { record: input };
};

// Refresh tokens are written by POST /v1/token only; a --db file edited by hand is still held to their shape.
const checkRefreshToken: RecordCheck = (input) => {
  const { id, clientId, persona, scopes, expiresAt, accessToken, idToken, ...rest } = input;
  const where = `refreshTokens.${String(id)}`;
  const problems = Object.keys(rest).map((field) => `${where}: unknown field "${field}"`);
  if (typeof id !== 'string' || id.length > 512) problems.push(`${where}.id: must be a string`);
  if (typeof clientId !== 'string') problems.push(`${where}.clientId: must be a string`);
  if (persona !== null && typeof persona !== 'string')
    problems.push(`${where}.persona: must be a string or null`);
  if (!Array.isArray(scopes) || readScopes(scopes) === undefined)
    problems.push(`${where}.scopes: must be a list of scopes`);
  if (expiresAt !== undefined && typeof expiresAt !== 'number')
    problems.push(`${where}.expiresAt: must be epoch milliseconds`);
  if (accessToken !== undefined && typeof accessToken !== 'string')
    problems.push(`${where}.accessToken: must be a string`);
  if (idToken !== undefined && typeof idToken !== 'boolean')
    problems.push(`${where}.idToken: must be a boolean`);
  return problems.length > 0 ? { problems } : { record: input };
};

const checkFault: RecordCheck = (input) => {
  const problems = configProblems({ fault: input });
  return problems.length > 0 ? { problems } : { record: input };
};

/** The check of each collection (and of the singular `fault`). */
export const RECORD_CHECKS: Readonly<Record<string, RecordCheck>> = Object.freeze({
  tokens: checkToken,
  codes: checkCode,
  clients: checkClient,
  personas: checkPersona,
  refreshTokens: checkRefreshToken,
  phoneNumberTokens: checkPhoneNumberToken,
  fault: checkFault,
});

/** The check for `collection`; undefined for a name the store does not have. */
export function recordCheck(collection: string): RecordCheck | undefined {
  return Object.hasOwn(RECORD_CHECKS, collection) ? RECORD_CHECKS[collection] : undefined;
}

/** A fresh id for a POST without one: a valid bearer token, so a test can ask the mock to make one up. */
export function newRecordId(): string {
  return randomUUID();
}
