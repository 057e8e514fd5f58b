import { KitError } from '../../src/errors.js';

/** The `KitError` a promise rejects with; fails the test when it resolves or rejects with anything else. */
export async function kitErrorOf(promise: Promise<unknown>): Promise<KitError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof KitError)) throw new Error(`expected a KitError, got ${String(error)}`);
  return error;
}
