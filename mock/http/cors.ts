/** Which origins may call the mock from a browser: every one (`'*'`), a list, or none (`false`). */
export type CorsOrigin = '*' | readonly string[] | false;

// Browsers hide response headers from scripts unless listed; clients read the bearer challenge.
const EXPOSED_HEADERS = 'WWW-Authenticate, Retry-After';

/** CORS headers every response carries when any origin is allowed; the per-origin case is per request. */
export function corsHeadersForAnyOrigin(origin: CorsOrigin): string[] {
  return origin === '*'
    ? ['Access-Control-Allow-Origin', '*', 'Access-Control-Expose-Headers', EXPOSED_HEADERS]
    : [];
}

/** For an origin list: the headers for this request's `Origin`, or none when it is not allowed. */
export function corsHeadersForOrigin(allowed: ReadonlySet<string>, origin: string | undefined): string[] {
  if (origin === undefined || !allowed.has(origin)) return ['Vary', 'Origin'];
  return [
    'Access-Control-Allow-Origin',
    origin,
    'Access-Control-Expose-Headers',
    EXPOSED_HEADERS,
    'Vary',
    'Origin',
  ];
}

/**
 * Headers of the answer to a preflight (or any `OPTIONS`) for a path that allows `allow`, and the request
 * headers its calls carry besides `Authorization` and `Content-Type` (the validation call's `clientId`).
 */
export function preflightHeaders(allow: string, requestHeaders: readonly string[] = []): string[] {
  return [
    'Allow',
    allow,
    'Access-Control-Allow-Methods',
    allow,
    'Access-Control-Allow-Headers',
    ['Authorization', 'Content-Type', ...requestHeaders].join(', '),
    'Access-Control-Max-Age',
    '600',
  ];
}
