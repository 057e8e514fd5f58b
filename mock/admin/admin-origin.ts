/**
 * Which browser pages the control plane answers (a test double, not for production). A mock on a
 * developer's machine is reachable by every web page that developer opens: by default the admin API
 * answers only its own pages (same origin) and clients that are no browser at all (curl, tests, the
 * admin client), never a page of another origin, and never a request addressed to a host name that is
 * not this machine's (a page that reached the mock through DNS rebinding). Origins the user names
 * (`adminCors`, `--admin-origin`) get CORS answers.
 */
import { isLoopback } from '../config/options.js';
import { headerValue, type MockRequest } from '../http/mock-request.js';
import { printable } from '../http/printable.js';

/** What the control plane checks of a request's origin. */
export interface AdminOriginPolicy {
  /** Origins allowed to call from a browser besides the mock's own (`adminCors`), as `scheme://host:port`. */
  readonly allowedOrigins: ReadonlySet<string>;
  /**
   * Whether a request's `Host` names this machine, for requests that came over a socket; undefined for
   * no check (a mock listening off loopback, which needs `--admin-token`: a rebinding page has no secret).
   */
  readonly hostAllowed: ((host: string) => boolean) | undefined;
}

/** A policy with no origin allowed beside the mock's own and no `Host` check (an in-process mock). */
export const SAME_ORIGIN_ONLY: AdminOriginPolicy = Object.freeze({
  allowedOrigins: new Set<string>(),
  hostAllowed: undefined,
});

/** The request may go on (`corsOrigin`: an allowed other origin, whose answer carries CORS headers), or not. */
export type OriginVerdict =
  | { readonly ok: true; readonly corsOrigin: string | undefined }
  | { readonly ok: false; readonly problem: string };

const SAME_ORIGIN: OriginVerdict = Object.freeze({ ok: true, corsOrigin: undefined });

/**
 * Whether the control plane answers `request`. `isPage`: the pages' own files (no state, the package's
 * public files), which a link from anywhere may open; the calls they make are checked like any other.
 */
export function checkAdminOrigin(
  request: MockRequest,
  policy: AdminOriginPolicy,
  isPage: boolean,
): OriginVerdict {
  const host = headerValue(request, 'host');
  // Over a socket only: the in-process doors name the host they stand for (Truecaller's), not this machine.
  if (request.origin === undefined && host !== undefined && policy.hostAllowed?.(host) === false) {
    return {
      ok: false,
      problem: `The admin API answers requests addressed to this machine (localhost, 127.0.0.1, [::1]), not to Host ${printable(host, 100)}: a web page can reach a mock on loopback through DNS rebinding. Call it by a loopback name, or listen elsewhere with --host and --admin-token.`,
    };
  }
  const origin = headerValue(request, 'origin');
  if (origin !== undefined && policy.allowedOrigins.has(origin)) return { ok: true, corsOrigin: origin };
  if (isPage) return SAME_ORIGIN;
  // Browsers send Origin on every call but a plain GET, and Sec-Fetch-Site on every request (Chrome,
  // Firefox and Safari alike); clients that are not browsers send neither.
  if (origin !== undefined && (host === undefined || origin !== `http://${host}`)) return refused(origin);
  const site = headerValue(request, 'sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') return refused(undefined, site);
  return SAME_ORIGIN;
}

function refused(origin: string | undefined, site?: string): OriginVerdict {
  const page = origin === undefined ? `another site (Sec-Fetch-Site: ${site ?? ''})` : printable(origin, 100);
  const allow =
    origin === undefined || origin === 'null'
      ? '--admin-origin <origin> (option adminCors)'
      : `--admin-origin ${printable(origin, 100)} (option adminCors)`;
  return {
    ok: false,
    problem: `The admin API answers the mock's own pages, not a web page of ${page}: start the mock with ${allow} to let a page of that origin call it.`,
  };
}

/**
 * Whether a `Host` header names this machine: `localhost` (or a name under it, which browsers resolve to
 * loopback themselves), an IPv4 address in 127.0.0.0/8 or `[::1]`, with any port.
 */
export function isLoopbackHost(host: string): boolean {
  const name = (
    host.startsWith('[')
      ? host.slice(1, host.indexOf(']'))
      : host.includes(':')
        ? host.slice(0, host.lastIndexOf(':'))
        : host
  ).toLowerCase();
  return isLoopback(name) || name.endsWith('.localhost') || /^::ffff:127\.\d+\.\d+\.\d+$/.test(name);
}

/** The headers an answer to an allowed other origin carries, so its page may read it. */
export function adminCorsHeaders(origin: string): string[] {
  return [
    'Access-Control-Allow-Origin',
    origin,
    'Access-Control-Expose-Headers',
    'Location, WWW-Authenticate, X-Total-Count, Link',
    'Vary',
    'Origin',
  ];
}

/** The headers of the answer to an allowed origin's preflight: the methods of every admin path, and its headers. */
export function adminPreflightHeaders(origin: string): string[] {
  return [
    ...adminCorsHeaders(origin),
    'Access-Control-Allow-Methods',
    'GET, HEAD, POST, PUT, PATCH, DELETE',
    'Access-Control-Allow-Headers',
    'Authorization, Content-Type',
    'Access-Control-Max-Age',
    '600',
  ];
}

/** Whether a write's Content-Type is JSON (`application/json`, any parameters, any case). */
export function isJsonType(contentType: string | undefined): boolean {
  return contentType?.split(';', 1)[0]?.trim().toLowerCase() === 'application/json';
}

/** The problem of a write without a JSON Content-Type. */
export function notJsonProblem(method: string, path: string, contentType: string | undefined): string {
  const got = contentType === undefined ? 'none' : JSON.stringify(printable(contentType, 60));
  return `${printable(method, 20)} ${printable(path)} takes Content-Type: application/json (got ${got}): the admin API takes writes only as JSON, which a web page of another origin cannot send without asking first.`;
}
