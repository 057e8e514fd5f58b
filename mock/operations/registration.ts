/**
 * Records registered from code (a test double, not for production): what a test does instead of driving
 * the Truecaller SDK on a phone. Each operation's `register...` call passes the same checks as the admin
 * API's writes, and throws a `KitError` naming every problem of its input.
 */
import { randomBytes } from 'node:crypto';
import { KitError, type KitErrorCode } from '../../src/errors.js';
import type { Collection } from '../state/store.js';
import { isObject, type RecordInput } from './collection.js';
import type { ControlContext } from './operation.js';

/** When a record registered with `expiresInSeconds` (else `fallback`) expires, on the mock's clock. */
export function expiryOf(
  context: ControlContext,
  call: string,
  seconds: number | undefined,
  fallback: number | undefined,
): number | undefined {
  const lifetime = seconds ?? fallback;
  if (lifetime === undefined) return undefined;
  if (!Number.isFinite(lifetime) || lifetime <= 0) {
    throw new KitError(
      'ERR_OPTIONS_INVALID',
      `${call}: expiresInSeconds must be a number > 0, got ${String(lifetime)}.`,
    );
  }
  return context.clock.now() + lifetime * 1000;
}

/** How a `register...` call names itself and the field of its input that becomes the record's id. */
export interface RegisterCall {
  /** `registerToken`, `registerCode`, ... */
  readonly name: string;
  /** The input field that is the record's id: `token`, `code`. */
  readonly idField: string;
  readonly errorCode: KitErrorCode;
}

/**
 * Adds a record of `collection` and returns its id; fields given as undefined are left out. A refusal is
 * one `KitError` in the words of `call`: its input's fields, never the record's generated id or the admin
 * API's paths.
 */
export function registerRecord(
  context: ControlContext,
  call: RegisterCall,
  collection: Collection,
  fields: RecordInput,
): string {
  const input = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  input.id ??= randomBytes(24).toString('base64url');
  const id = String(input.id);
  if (isObject(input.persona)) {
    throw new KitError(
      call.errorCode,
      `${call.name}: persona must be a persona's id or null (add personas with createMock({ config: { personas } }) or POST /__admin/personas).`,
    );
  }
  const result = context.create(collection, input);
  if (result.ok) return id;
  if (result.status === 409) {
    throw new KitError(
      call.errorCode,
      `${call.name}: ${call.idField} "${id}" is taken; give another, or leave ${call.idField} out for a new one.`,
    );
  }
  const problems = result.problems?.map((problem) => inWordsOf(call, problem, `${collection}`, id));
  throw new KitError(call.errorCode, `${call.name}: ${problems?.join('; ') ?? result.problem}.`);
}

// The record checks name fields as a config file does (`tokens.<id>.scenario: ...`, `tokens: "<id>" is
// not ...`); the call's input has them at its top, and its id under `idField`.
function inWordsOf(call: RegisterCall, problem: string, collection: string, id: string): string {
  const record = `${collection}.${id}`;
  if (problem.startsWith(`${record}.`)) return problem.slice(record.length + 1);
  if (problem.startsWith(`${record}: `)) return problem.slice(record.length + 2);
  if (problem.startsWith(`${collection}: `))
    return `${call.idField}: ${problem.slice(collection.length + 2)}`;
  if (problem.startsWith('id: ')) return `${call.idField}: ${problem.slice('id: '.length)}`;
  return problem;
}
