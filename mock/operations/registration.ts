/**
 * Records registered from code (a test double, not for production): what a test does instead of driving
 * the Truecaller SDK on a phone. Each operation's `register...` call passes the same checks as the admin
 * API's writes, and throws a `KitError` naming every problem of its input.
 */
import { randomBytes } from 'node:crypto';
import { KitError, type KitErrorCode } from '../../src/errors.js';
import type { Collection } from '../state/store.js';
import type { RecordInput } from './collection.js';
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

/** Adds a record of `collection` and returns its id; fields given as undefined are left out. */
export function registerRecord(
  context: ControlContext,
  call: string,
  collection: Collection,
  fields: RecordInput,
  errorCode: KitErrorCode,
): string {
  const input = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
  input.id ??= randomBytes(24).toString('base64url');
  const result = context.create(collection, input, call);
  if (!result.ok) throw new KitError(errorCode, result.problem);
  return String(input.id);
}
