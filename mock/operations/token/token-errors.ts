/**
 * The error answers of `POST /v1/token` (a test double, not for production): each outcome's named example
 * of `openapi.yaml`, prepared once, optionally with why it happened and what to fix.
 */
import { ENDPOINTS } from '../../../src/endpoints.js';
import { EXCHANGE_OUTCOMES, type ExchangeOutcomeName } from '../../../src/operations/token/outcomes.js';
import { getExampleValue, resolveReference } from '../../../src/openapi/api-document.js';
import type { ErrorBody } from '../../../src/wire-types.js';
import type { OpenAPIV3_1 } from 'openapi-types';
import { type PreparedResponse, prepareJson, type ResponseContext } from '../../http/responses.js';

/** An outcome of the exchange that is an error. */
export type TokenErrorName = Exclude<ExchangeOutcomeName, 'issued'>;

/** Builds an error answer of the token endpoint. */
export type FailTokenRequest = (
  name: TokenErrorName,
  /** Appended to the example's description: why, and what to fix. */
  detail?: string,
) => PreparedResponse;

/** Prepares every error answer of `POST /v1/token` once; the function returned picks one. */
export function prepareTokenErrors(
  document: OpenAPIV3_1.Document,
  common: ResponseContext,
): FailTokenRequest {
  const retryAfter = retryAfterSeconds(document);
  const examples = new Map<ExchangeOutcomeName, ErrorBody>();
  const prepared = new Map<ExchangeOutcomeName, PreparedResponse>();
  const prepare = (name: ExchangeOutcomeName, status: number, body: ErrorBody): PreparedResponse =>
    prepareJson(common, status, body, {
      scenario: `token:${name}`,
      headers: status === 429 ? ['Retry-After', retryAfter] : [],
    });
  for (const outcome of EXCHANGE_OUTCOMES) {
    if (outcome.status === 200) continue;
    const body = getExampleValue(
      document,
      ENDPOINTS.token,
      'post',
      outcome.status,
      outcome.example,
    ) as ErrorBody;
    examples.set(outcome.name, body);
    prepared.set(outcome.name, prepare(outcome.name, outcome.status, body));
  }

  return function fail(name, detail) {
    const answer = prepared.get(name) as PreparedResponse;
    if (detail === undefined) return answer;
    const example = examples.get(name) as ErrorBody;
    const body = { error: example.error, error_description: `${example.error_description} ${detail}` };
    return prepare(name, answer.status, body);
  };
}

// The Retry-After value is the document's own example of the header, so the two cannot drift apart.
function retryAfterSeconds(document: OpenAPIV3_1.Document): string {
  const header = document.components?.headers?.RetryAfter;
  const example: unknown = header
    ? resolveReference<OpenAPIV3_1.HeaderObject>(document, header).example
    : undefined;
  return typeof example === 'string' ? example : '30';
}
