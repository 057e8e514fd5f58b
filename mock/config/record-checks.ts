/**
 * Checks of the records the admin API writes (a test double's control plane, not for production). They
 * reuse the config file's validation, so a token or persona is held to the same rules either way.
 */
import { randomUUID } from 'node:crypto';
import { applyConfig, configProblems } from './config-file.js';
import type { StoreData } from '../../src/wire-types.js';

/** A record as it arrives in a request body. */
export type RecordInput = Record<string, unknown>;

/**
 * Turns a complete record (a POST or PUT body, or a PATCH merged over the stored record) into the record
 * to store, with defaults filled in; or lists what is wrong with it.
 */
export type RecordCheck = (
  record: RecordInput,
  data: StoreData,
) => { record: RecordInput } | { problems: string[] };

const EMPTY_STORE: StoreData = {
  tokens: [],
  personas: [],
  codes: [],
  clients: [],
  refreshTokens: [],
  fault: {},
};

// What the mock itself writes on a record (an issued token's expiry and client, a code's expiry and use):
// not part of the config format, so kept as they are once their type is right.
const RUNTIME_FIELDS = {
  tokens: { expiresAt: 'number', clientId: 'string', refreshToken: 'string' },
  codes: { expiresAt: 'number', usedAt: 'number' },
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
  if (typeof entry.persona === 'object' && entry.persona !== null) {
    problems.push(
      `${collection}.${id}.persona: give a persona id (add the persona with POST /__admin/personas first) or null`,
    );
  }
  return { runtime, problems };
}

const checkToken: RecordCheck = (input, data) => {
  const { id, ...entry } = input;
  if (typeof id !== 'string') return { problems: ['id: must be the bearer token, a string'] };
  const { runtime, problems } = takeRuntimeFields('tokens', id, entry);
  const personas = data.personas.map((persona) => persona.id);
  problems.push(...configProblems({ tokens: { [id]: entry } }, personas));
  if (problems.length > 0) return { problems };
  const [record] = applyConfig(EMPTY_STORE, { tokens: { [id]: entry } }).tokens;
  return { record: { ...record, ...runtime } };
};

const checkCode: RecordCheck = (input, data) => {
  const { id, ...entry } = input;
  if (typeof id !== 'string') return { problems: ['id: must be the authorization code, a string'] };
  const { runtime, problems } = takeRuntimeFields('codes', id, entry);
  const personas = data.personas.map((persona) => persona.id);
  const clients = data.clients.map((client) => client.id);
  problems.push(...configProblems({ codes: { [id]: entry } }, personas, clients));
  if (problems.length > 0) return { problems };
  const [record] = applyConfig(EMPTY_STORE, { codes: { [id]: entry } }).codes;
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

const checkFault: RecordCheck = (input) => {
  const problems = configProblems({ fault: input });
  return problems.length > 0 ? { problems } : { record: input };
};

/**
 * The check of each collection (and of the singular `fault`). A collection without one (added by another
 * part of the kit) is only held to being an object with a string id.
 */
export const RECORD_CHECKS: Readonly<Record<string, RecordCheck>> = Object.freeze({
  tokens: checkToken,
  codes: checkCode,
  clients: checkClient,
  personas: checkPersona,
  fault: checkFault,
});

/** The check for `collection`, or the minimal one. */
export function recordCheck(collection: string): RecordCheck {
  return Object.hasOwn(RECORD_CHECKS, collection)
    ? (RECORD_CHECKS[collection] ?? checkAnyRecord)
    : checkAnyRecord;
}

function checkAnyRecord(input: RecordInput): { record: RecordInput } | { problems: string[] } {
  return typeof input.id === 'string' && input.id.length <= 512
    ? { record: input }
    : { problems: ['id: must be a string of at most 512 characters'] };
}

/** A fresh id for a POST without one: a valid bearer token, so a test can ask the mock to make one up. */
export function newRecordId(): string {
  return randomUUID();
}
