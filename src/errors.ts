import type { BearerChallenge } from './www-authenticate.js';

/** Stable codes for every error the kit raises on purpose, so callers can branch without parsing text. */
export type KitErrorCode =
  | 'ERR_OPENAPI_INVALID'
  | 'ERR_OPTIONS_INVALID'
  | 'ERR_CONFIG_UNREADABLE'
  | 'ERR_CONFIG_INVALID'
  | 'ERR_PORT_IN_USE'
  | 'ERR_LISTEN_FAILED'
  | 'ERR_NOT_STARTED'
  | 'ERR_OUTPUT_UNWRITABLE'
  | 'ERR_API_REJECTED'
  | 'ERR_API_INVALID'
  | 'ERR_API_UNREACHABLE'
  | 'ERR_PACT_UNREADABLE'
  | 'ERR_PACT_INVALID'
  | 'ERR_CODE_INVALID'
  | 'ERR_TOKEN_INVALID'
  | 'ERR_DB_UNREADABLE'
  | 'ERR_DB_INVALID'
  | 'ERR_FAULT_INVALID'
  | 'ERR_PROBE_UNREACHABLE'
  | 'ERR_DB_IN_USE'
  | 'ERR_DB_UNWRITABLE'
  | 'ERR_DEPENDENCY_MISSING'
  | 'ERR_SIGNATURE_ALGORITHM'
  | 'ERR_SIGNATURE_INVALID'
  | 'ERR_PAYLOAD_INVALID'
  | 'ERR_NONCE_MISMATCH'
  | 'ERR_PROFILE_STALE'
  | 'ERR_CALLBACK_REFUSED'
  | 'ERR_STORE_UNAVAILABLE';

/** What the server answered when a call of the reference client failed: enough to branch on without parsing text. */
export interface KitErrorResponse {
  /** The HTTP status. */
  readonly status: number;
  /** The OAuth `error` code of the body, when the body had one. */
  readonly error?: string;
  /** The OAuth `error_description` of the body, when the body had one. */
  readonly errorDescription?: string;
  /** The numeric `code` of a `{code, message}` body (the validation call's: 404, 1404, 500), when the body had one. */
  readonly code?: number;
  /** The `message` of a `{code, message}` body, when the body had one. */
  readonly message?: string;
  /** The parsed `WWW-Authenticate` challenge, when the answer carried one. */
  readonly challenge?: BearerChallenge;
  /** The `Retry-After` header (seconds), when the answer carried one (a 429 or 503). */
  readonly retryAfter?: string;
}

/**
 * The one error class of the kit: a stable `code` and a message that names the file, field or flag at
 * fault and how to fix it. A CLI prints `message` and exits non-zero, never a stack trace.
 *
 * @example
 * try { await server.start(); } catch (error) {
 *   if (error instanceof KitError && error.code === 'ERR_PORT_IN_USE') console.error(error.message);
 * }
 */
export class KitError extends Error {
  override readonly name = 'KitError';
  readonly code: KitErrorCode;
  /** For the reference clients' `ERR_API_REJECTED` and `ERR_API_INVALID`: what the server answered. */
  readonly response?: KitErrorResponse;

  constructor(
    code: KitErrorCode,
    message: string,
    options?: { cause?: unknown; response?: KitErrorResponse },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options?.response) this.response = options.response;
  }
}
