/** `registerToken`: a bearer token for `GET /v1/userinfo` added from code (a test double, not for production). */
import type { Fault } from '../../../src/faults.js';
import type { TokenScenarioName } from '../../../src/operations/userinfo/scenarios.js';
import type { Scope } from '../../../src/scopes.js';
import type { ControlContext } from '../operation.js';
import { expiryOf, type RegisterCall, registerRecord } from '../registration.js';

/** A bearer token to register. Every field is optional. */
export interface RegisterTokenInput {
  /** The token itself. Default: a random one. */
  token?: string;
  /** A persona id, or null for a user without a profile. Default: the built-in `full-in`. */
  persona?: string | null;
  /** Granted scopes, as a list or a space-separated string. Default: every scope. */
  scopes?: readonly Scope[] | string;
  /** Default `valid` (answer from the persona and scopes), or a documented error. */
  scenario?: TokenScenarioName;
  /** Seconds until it expires on the mock's clock (then the documented 401 `expired`). Default: never. */
  expiresInSeconds?: number;
  /** Milliseconds to wait before answering. */
  delayMs?: number;
  /** A fault its answers get instead of the global one. */
  fault?: Fault;
}

/** The controls of the userinfo operation, on every door. */
export interface UserInfoControls {
  /**
   * Adds a bearer token for `GET /v1/userinfo` and returns it: tests that run in parallel each take their
   * own, so none sees another's changes.
   *
   * @example
   * const token = mock.registerToken({ persona: 'full-in', scopes: 'openid phone', expiresInSeconds: 60 });
   */
  readonly registerToken: (input?: RegisterTokenInput) => string;
}

const CALL: RegisterCall = { name: 'registerToken', idField: 'token', errorCode: 'ERR_TOKEN_INVALID' };

/** The userinfo controls of one mock. */
export function userInfoControls(context: ControlContext): UserInfoControls {
  return {
    registerToken(input = {}) {
      const { token, expiresInSeconds, ...fields } = input;
      const expiresAt = expiryOf(context, CALL.name, expiresInSeconds, undefined);
      return registerRecord(context, CALL, 'tokens', { ...fields, id: token, expiresAt });
    },
  };
}
