/**
 * The paths the mock answers and the handler of each method (a test double, not for production): one
 * table, built once, so a request costs a map look-up to find its handler. A path with a `{parameter}`
 * (the validation call's access token) is looked for only when the exact look-up misses, so the exact
 * paths (`GET /v1/userinfo` first) pay nothing for it.
 */
import { ENDPOINTS } from '../../src/endpoints.js';
import { pathTemplatePattern } from '../../src/paths.js';
import { preflightHeaders } from '../http/cors.js';
import { printable } from '../http/printable.js';
import { type PreparedResponse, prepareEmpty, prepareJson, type ResponseContext } from '../http/responses.js';
import { PHONE_NUMBER_CALLS } from '../../src/operations/phone-number/scenarios.js';
import { createApiDocumentRoutes } from '../routes/api-document-route.js';
import { createDiscoveryRoute } from '../routes/discovery-route.js';
import { createJwksRoute, JWKS_PATH_ENDS } from '../routes/jwks-route.js';
import { createPhoneNumberRoutes } from '../routes/phone-number-route.js';
import { createRevokeRoute } from '../routes/revoke-route.js';
import type { RouteContext, RouteHandler } from '../routes/route-context.js';
import { createTokenRoute } from '../routes/token/token-route.js';
import { createUserInfoRoute } from '../routes/userinfo-route.js';
import type { ExpiryQueue } from '../state/expiry-queue.js';

/** One path: its handlers by method, and the answers that depend on nothing but the path. */
export interface Route {
  /** The `Allow` header: its methods and OPTIONS. */
  readonly allow: string;
  /** By method, in a Map: a method named like an Object member (`constructor`, `__proto__`) is simply absent. */
  readonly handlers: ReadonlyMap<string, RouteHandler>;
  /** The answer to OPTIONS (a CORS preflight). */
  readonly preflight: PreparedResponse;
}

/** A route found for a path, whose path parameter (the segment a template's `{...}` stands for) the handler reads itself. */
export interface RouteTable {
  /** The route of `path`, or undefined. */
  find(path: string): Route | undefined;
  /** Every path served (templates as written), for the 404's message. */
  readonly paths: readonly string[];
}

/**
 * A path template with one `{parameter}` standing for one non-empty segment: `/a/{id}` or
 * `/.well-known/{clientId}/jwks.json`, compiled to a regular expression (V8 runs one in tens of
 * nanoseconds, where `startsWith` with a long prefix takes several times that).
 */
interface TemplateRoute {
  readonly pattern: RegExp;
  readonly route: Route;
}

/** The routes of one mock. */
export function createRouteTable(context: RouteContext, expiries: ExpiryQueue): RouteTable {
  const routes = new Map<string, Route>();
  const templates: TemplateRoute[] = [];
  const templatePaths: string[] = [];
  const add = (
    path: string,
    handlers: Record<string, RouteHandler>,
    requestHeaders: readonly string[] = [],
  ): void => {
    const allow = [...Object.keys(handlers), 'OPTIONS'].join(', ');
    const route: Route = {
      allow,
      handlers: new Map(Object.entries(handlers)),
      preflight: prepareEmpty(context.answers, 204, preflightHeaders(allow, requestHeaders), 'preflight'),
    };
    if (!path.includes('{')) {
      routes.set(path, route);
      return;
    }
    templates.push({ pattern: pathTemplatePattern(path), route });
    templatePaths.push(path);
  };
  const userInfo = createUserInfoRoute(context);
  add(ENDPOINTS.userinfo, { GET: userInfo, HEAD: userInfo });
  add(ENDPOINTS.token, { POST: createTokenRoute(context, expiries) });
  add(ENDPOINTS.revoke, { POST: createRevokeRoute(context) });
  add(ENDPOINTS.discovery, { GET: createDiscoveryRoute(context) });
  const document = createApiDocumentRoutes(context);
  add(ENDPOINTS.apiDocumentYaml, { GET: document.yaml, HEAD: document.yaml });
  add(ENDPOINTS.apiDocumentJson, { GET: document.json, HEAD: document.json });
  add(`${JWKS_PATH_ENDS.prefix}{clientId}${JWKS_PATH_ENDS.suffix}`, { GET: createJwksRoute(context) });
  const phoneNumber = createPhoneNumberRoutes(context);
  for (const call of Object.values(PHONE_NUMBER_CALLS)) {
    const handler = phoneNumber[call.sdk];
    add(call.path, { GET: handler, HEAD: handler }, [call.credentialHeader]);
  }
  // Requests in a row mostly go to one path: comparing a new path with the last one found takes a few
  // nanoseconds, where the map must first hash it (about 25 ns, a tenth of the mock's own time per request).
  let lastPath: string | undefined;
  let lastRoute: Route | undefined;
  return {
    find(path) {
      if (path === lastPath) return lastRoute;
      const route = routes.get(path) ?? findTemplate(templates, path);
      if (route !== undefined) {
        lastPath = path;
        lastRoute = route;
      }
      return route;
    },
    paths: [...routes.keys(), ...templatePaths],
  };
}

function findTemplate(templates: readonly TemplateRoute[], path: string): Route | undefined {
  for (const template of templates) if (template.pattern.test(path)) return template.route;
  return undefined;
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
