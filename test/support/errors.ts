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

/** The `KitError` a call throws; fails the test when it returns or throws anything else. */
export function kitErrorThrownBy(call: () => unknown): KitError {
  let error: unknown;
  try {
    call();
  } catch (thrown) {
    error = thrown;
  }
  if (!(error instanceof KitError)) throw new Error(`expected a KitError, got ${String(error)}`);
  return error;
}
