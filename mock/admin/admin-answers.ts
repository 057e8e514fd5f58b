/**
 * The answers of the control plane (a test double, not for production): always JSON in the API's error
 * shape, each with a scenario the journal leaves out.
 */
import { type PreparedResponse, prepareEmpty, prepareJson, type ResponseContext } from '../http/responses.js';
import type { WriteResult } from './record-writes.js';

/** The scenario of every admin answer starts with this: the journal leaves them out, the log shows them. */
export const ADMIN_SCENARIO_PREFIX = 'admin:';

/** How the control plane answers. */
export interface AdminAnswers {
  readonly json: (status: number, body: unknown, headers?: readonly string[]) => PreparedResponse;
  readonly error: (
    status: number,
    code: string,
    description: string,
    headers?: readonly string[],
  ) => PreparedResponse;
  /** 204, nothing to say. */
  readonly noContent: PreparedResponse;
  /** 204 with these headers (a preflight's). */
  readonly noContentWith: (headers: readonly string[]) => PreparedResponse;
  /** The error answer of a write that failed its checks (400), found nothing (404) or clashed (409). */
  readonly refused: (result: Extract<WriteResult, { ok: false }>) => PreparedResponse;
}

/** The answers of a control plane whose every answer carries `answers`' common headers. */
export function createAdminAnswers(answers: ResponseContext): AdminAnswers {
  const json = (status: number, body: unknown, headers: readonly string[] = []): PreparedResponse =>
    prepareJson(answers, status, body, { scenario: `${ADMIN_SCENARIO_PREFIX}${status}`, headers });
  const error = (status: number, code: string, description: string, headers: readonly string[] = []) =>
    json(status, { error: code, error_description: description }, headers);
  return {
    json,
    error,
    noContent: prepareEmpty(answers, 204, ['Cache-Control', 'no-store'], `${ADMIN_SCENARIO_PREFIX}204`),
    noContentWith: (headers) =>
      prepareEmpty(answers, 204, ['Cache-Control', 'no-store', ...headers], `${ADMIN_SCENARIO_PREFIX}204`),
    refused: (result) =>
      error(
        result.status,
        result.status === 409 ? 'conflict' : result.status === 404 ? 'not_found' : 'invalid_request',
        result.problem,
      ),
  };
}
