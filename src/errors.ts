/** Stable codes for every error the kit raises on purpose, so callers can branch without parsing text. */
export type KitErrorCode =
  | 'ERR_OPENAPI_INVALID'
  | 'ERR_OPTIONS_INVALID'
  | 'ERR_CONFIG_UNREADABLE'
  | 'ERR_CONFIG_INVALID'
  | 'ERR_PORT_IN_USE'
  | 'ERR_LISTEN_FAILED'
  | 'ERR_NOT_STARTED'
  | 'ERR_DB_UNREADABLE'
  | 'ERR_DB_INVALID'
  | 'ERR_ADMIN_REQUEST';

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

  constructor(code: KitErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
