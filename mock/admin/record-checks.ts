/**
 * Checks of the records the admin API writes (a test double's control plane, not for production). They
 * reuse the config file's validation, so a token or persona is held to the same rules either way.
 */
import { randomUUID } from 'node:crypto';
import { applyConfig, configProblems } from '../config-file.js';
import type { StoreData } from '../store.js';

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

const checkToken: RecordCheck = (input, data) => {
  const { id, ...entry } = input;
  if (typeof id !== 'string') return { problems: ['id: must be the bearer token, a string'] };
  if (typeof entry.persona === 'object' && entry.persona !== null) {
    return {
      problems: [
        `tokens.${id}.persona: give a persona id (add the persona with POST /__admin/personas first) or null`,
      ],
    };
  }
  const personas = data.personas.map((persona) => persona.id);
  const problems = configProblems({ tokens: { [id]: entry } }, personas);
  if (problems.length > 0) return { problems };
  const [record] = applyConfig({ tokens: [], personas: [], fault: {} }, { tokens: { [id]: entry } }).tokens;
  return { record: { ...record } };
};

const checkPersona: RecordCheck = (input) => {
  const { id, claims, description, ...rest } = input;
  if (typeof id !== 'string') return { problems: ['id: must be the persona id, a string'] };
  const problems = Object.keys(rest).map(
    (field) => `personas.${id}: unknown field "${field}" (a persona has id, description, claims)`,
  );
  if (description !== undefined && typeof description !== 'string')
    problems.push(`personas.${id}.description: must be a string`);
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
