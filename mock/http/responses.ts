import type { DelayRange, FaultFailure } from '../../src/faults.js';

/** A fault ready to apply: the delay to draw, then what to send (null: break the connection instead). */
export interface PreparedFault {
  readonly delayMs: number | DelayRange;
  readonly failure: FaultFailure | undefined;
  /** The answer to send once the delay is over: the 429/503, the cut JSON or the plain answer. */
  readonly then: PreparedResponse | null;
}

/**
 * Responses built once and sent many times: the status, a flat header list ready for `writeHead` and the
 * serialised body. Preparing them off the hot path keeps `GET /v1/userinfo` close to bare Node.
 */
export interface PreparedResponse {
  readonly status: number;
  /** Flat `[name, value, name, value, ...]`, the cheapest form `writeHead` accepts. */
  readonly headers: readonly string[];
  readonly body: Buffer;
  /** The scenario this answer belongs to, for the request log. */
  readonly scenario: string;
  readonly delayMs: number;
  /** A fault to inject instead of (or before) this answer; null for none, the hot path's only check. */
  readonly fault: PreparedFault | null;
}

/** Headers every answer of the mock carries (RFC 6750 §5.3 asks for `no-store` on token-bearing answers). */
export interface ResponseContext {
  /** Added to every response, such as `Access-Control-Allow-Origin`. */
  readonly commonHeaders: readonly string[];
}

/** A JSON answer with `charset=utf-8`, `Cache-Control: no-store` and the common headers. */
export function prepareJson(
  context: ResponseContext,
  status: number,
  body: unknown,
  options: { scenario: string; headers?: readonly string[]; delayMs?: number },
): PreparedResponse {
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  return Object.freeze({
    status,
    headers: Object.freeze([
      'Content-Type',
      'application/json; charset=utf-8',
      'Cache-Control',
      'no-store',
      'Content-Length',
      String(payload.length),
      ...(options.headers ?? []),
      ...context.commonHeaders,
    ]),
    body: payload,
    scenario: options.scenario,
    delayMs: options.delayMs ?? 0,
    fault: null,
  });
}

/**
 * An answer of any media type whose bytes are ready: the API document, the dashboard's files. It
 * carries `Cache-Control: no-cache` (served again only if unchanged), not the API's `no-store`.
 */
export function prepareBytes(
  context: ResponseContext,
  status: number,
  contentType: string,
  body: Buffer,
  options: { scenario: string; headers?: readonly string[] },
): PreparedResponse {
  return Object.freeze({
    status,
    headers: Object.freeze([
      'Content-Type',
      contentType,
      'Cache-Control',
      'no-cache',
      'X-Content-Type-Options',
      'nosniff',
      'Content-Length',
      String(body.length),
      ...(options.headers ?? []),
      ...context.commonHeaders,
    ]),
    body,
    scenario: options.scenario,
    delayMs: 0,
    fault: null,
  });
}

/** An empty answer (a CORS preflight, say). */
export function prepareEmpty(
  context: ResponseContext,
  status: number,
  headers: readonly string[],
  scenario: string,
): PreparedResponse {
  return Object.freeze({
    status,
    headers: Object.freeze([...headers, ...context.commonHeaders, 'Content-Length', '0']),
    body: Buffer.alloc(0),
    scenario,
    delayMs: 0,
    fault: null,
  });
}

/** The same answer with `headers` added (headers that depend on the request, such as CORS's). */
export function withHeaders(response: PreparedResponse, headers: readonly string[]): PreparedResponse {
  return Object.freeze({ ...response, headers: Object.freeze([...response.headers, ...headers]) });
}

/** The same answer, later: for a token that carries a delay. */
export function withDelay(response: PreparedResponse, delayMs: number): PreparedResponse {
  return delayMs === response.delayMs ? response : Object.freeze({ ...response, delayMs });
}

/** An RFC 6750 §3 challenge. Without usable credentials it carries no error code (§3.1). */
export function bearerChallenge(realm: string, error?: { error: string; error_description: string }): string {
  const base = `Bearer realm="${realm}"`;
  if (!error) return base;
  return `${base}, error="${error.error}", error_description="${error.error_description.replaceAll('"', "'")}"`;
}
