/** `registerCode`: an authorization code for `POST /v1/token` added from code (a test double, not for production). */
import type { Fault } from '../../../src/faults.js';
import { CODE_LIFETIME_SECONDS } from '../../../src/operations/token/grants.js';
import { type CodeScenarioName } from '../../../src/operations/token/outcomes.js';
import type { Scope } from '../../../src/scopes.js';
import type { ControlContext } from '../operation.js';
import { expiryOf, type RegisterCall, registerRecord } from '../registration.js';

/** A code to register. Every field is optional. */
export interface RegisterCodeInput {
  /** The code itself. Default: a random one. */
  code?: string;
  /** A persona id, or null for a user without a profile. Default: the built-in `full-in`. */
  persona?: string | null;
  /** Granted scopes, as a list or a space-separated string. Default: every scope. */
  scopes?: readonly Scope[] | string;
  /** The S256 challenge the verifier must match (see `createPkcePair`). Without one, any verifier of RFC 7636 syntax passes. */
  codeChallenge?: string;
  /** The only client that may exchange it. Default: any known client. */
  clientId?: string;
  /** Default: `issued`; or a documented error the exchange answers with. */
  scenario?: CodeScenarioName;
  /** Seconds until it expires on the mock's clock. Default: `CODE_LIFETIME_SECONDS`. */
  expiresInSeconds?: number;
  /** A fault its exchanges get instead of the global one (a 429/503 leaves the code unused). */
  fault?: Fault;
  /** `false`: its exchange gets no ID token, even with `openid` granted. Default: one with `openid`. */
  idToken?: boolean;
}

/** The controls of the token operation, on every door. */
export interface TokenControls {
  /**
   * Adds an authorization code for `POST /v1/token` and returns it; single use, expiring on `clock`.
   *
   * @example
   * const { codeVerifier, codeChallenge } = createPkcePair();
   * const code = mock.registerCode({ persona: 'full-in', scopes: 'openid phone', codeChallenge });
   */
  readonly registerCode: (input?: RegisterCodeInput) => string;
}

const CALL: RegisterCall = { name: 'registerCode', idField: 'code', errorCode: 'ERR_CODE_INVALID' };

/** The token controls of one mock. */
export function tokenControls(context: ControlContext): TokenControls {
  return {
    registerCode(input = {}) {
      const { code, expiresInSeconds, ...fields } = input;
      const expiresAt = expiryOf(context, CALL.name, expiresInSeconds, CODE_LIFETIME_SECONDS);
      return registerRecord(context, CALL, 'codes', { ...fields, id: code, expiresAt });
    },
  };
}
