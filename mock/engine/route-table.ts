/**
 * The paths the mock answers and the handler of each method (a test double, not for production): one
 * table, built once, so a request costs a map look-up to find its handler.
 */
import { ENDPOINTS } from '../../src/endpoints.js';
import { preflightHeaders } from '../http/cors.js';
import { printable } from '../http/printable.js';
import { type PreparedResponse, prepareEmpty, prepareJson, type ResponseContext } from '../http/responses.js';
import { createApiDocumentRoutes } from '../routes/api-document-route.js';
import { createDiscoveryRoute } from '../routes/discovery-route.js';
import { createJwksRoute, JWKS_PATH_ENDS } from '../routes/jwks-route.js';
import { createRevokeRoute } from '../routes/revoke-route.js';
import type { RouteContext, RouteHandler } from '../routes/route-context.js';
import { createTokenRoute } from '../routes/token/token-route.js';
import { createUserInfoRoute } from '../routes/userinfo-route.js';
import type { ExpiryQueue } from '../state/expiry-queue.js';

/** One path: its handlers by method, and the answers that depend on nothing but the path. */
export interface Route {
  /** The `Allow` header: its methods and OPTIONS. */
  readonly allow: string;
  readonly handlers: Readonly<Record<string, RouteHandler>>;
  /** The answer to OPTIONS (a CORS preflight). */
  readonly preflight: PreparedResponse;
}

/** A route found for a path, whose path parameter (the rest after a prefix) the handler reads itself. */
export interface RouteTable {
  /** The route of `path`, or undefined. */
  find(path: string): Route | undefined;
  /** Every path served, for the 404's message. */
  readonly paths: readonly string[];
}

/** A route for every path of the form `prefix<one segment>suffix`; its handler reads the segment. */
interface PatternRoute {
  readonly prefix: string;
  readonly suffix: string;
  readonly route: Route;
}

/** The routes of one mock. */
export function createRouteTable(context: RouteContext, expiries: ExpiryQueue): RouteTable {
  const routes = new Map<string, Route>();
  const patterns: PatternRoute[] = [];
  const route = (handlers: Record<string, RouteHandler>): Route => {
    const allow = [...Object.keys(handlers), 'OPTIONS'].join(', ');
    return {
      allow,
      handlers,
      preflight: prepareEmpty(context.answers, 204, preflightHeaders(allow), 'preflight'),
    };
  };
  const add = (path: string, handlers: Record<string, RouteHandler>): void => {
    routes.set(path, route(handlers));
  };
  const userInfo = createUserInfoRoute(context);
  add(ENDPOINTS.userinfo, { GET: userInfo, HEAD: userInfo });
  add(ENDPOINTS.token, { POST: createTokenRoute(context, expiries) });
  add(ENDPOINTS.revoke, { POST: createRevokeRoute(context) });
  add(ENDPOINTS.discovery, { GET: createDiscoveryRoute(context) });
  const document = createApiDocumentRoutes(context);
  add(ENDPOINTS.apiDocumentYaml, { GET: document.yaml, HEAD: document.yaml });
  add(ENDPOINTS.apiDocumentJson, { GET: document.json, HEAD: document.json });
  patterns.push({ ...JWKS_PATH_ENDS, route: route({ GET: createJwksRoute(context) }) });

  // The exact paths first: the hot path costs one map look-up, as before; patterns only for a miss.
  const findPattern = (path: string): Route | undefined => {
    for (const { prefix, suffix, route: found } of patterns) {
      if (path.length > prefix.length + suffix.length && path.startsWith(prefix) && path.endsWith(suffix)) {
        const segment = path.slice(prefix.length, path.length - suffix.length);
        if (!segment.includes('/')) return found;
      }
    }
    return undefined;
  };
  return {
    find: (path) => routes.get(path) ?? findPattern(path),
    paths: [...routes.keys(), ENDPOINTS.jwks],
  };
}

/** The JSON 404 for a path no route serves, naming those that are. */
export function notFound(
  common: ResponseContext,
  method: string,
  path: string,
  paths: readonly string[],
): PreparedResponse {
  return prepareJson(
    common,
    404,
    {
      error: 'not_found',
      error_description: `No route for ${printable(method, 20)} ${printable(path)}. This mock serves ${paths.join(', ')}.`,
    },
    { scenario: 'unknown-path' },
  );
}

/** The JSON 405 for a method a path does not answer, with `Allow`. */
export function methodNotAllowed(
  common: ResponseContext,
  method: string,
  path: string,
  allow: string,
): PreparedResponse {
  return prepareJson(
    common,
    405,
    {
      error: 'method_not_allowed',
      error_description: `${path} answers ${allow}, not ${printable(method, 20)}.`,
    },
    { scenario: 'wrong-method', headers: ['Allow', allow] },
  );
}

/** The JSON 500 for a failure of the mock itself: one request fails, the process goes on. */
export function internalError(common: ResponseContext, error: unknown): PreparedResponse {
  const reason = error instanceof Error ? error.message : String(error);
  return prepareJson(
    common,
    500,
    { error: 'server_error', error_description: `The mock failed: ${printable(reason, 300)}` },
    { scenario: 'mock-failure' },
  );
}
