/**
 * The base URL a client called the mock on (a test double, not for production), for the answers that name
 * it: discovery's issuer and endpoints, an ID token's `iss`.
 */
import { headerValue, type MockRequest } from './mock-request.js';

// RFC 9112 §3.2 / RFC 3986 §3.2.2: a host name or an IPv4 or bracketed IPv6 address, then an optional port.
const HOST_PATTERN = /^(?:[A-Za-z0-9.-]{1,253}|\[[0-9A-Fa-f:.]{2,45}\])(?::[0-9]{1,5})?$/;

/**
 * The scheme and host the client called: the origin an in-process door knows (https for the real host),
 * else `http://` and the `Host` header, else `fallback()` (the URL the server listens on). Undefined when
 * the `Host` header is not a plain host and port, so no URL can be built from it.
 */
export function requestOrigin(request: MockRequest, fallback: () => string): string | undefined {
  const host = headerValue(request, 'host');
  if (host !== undefined && !HOST_PATTERN.test(host)) return undefined;
  return request.origin ?? (host === undefined ? fallback() : `http://${host}`);
}
