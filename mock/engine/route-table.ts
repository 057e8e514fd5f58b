/**
 * The paths the mock answers and the handler of each method (a test double, not for production): one
 * table, built once from the routes every operation declares, so a request costs a map look-up to find
 * its handler. A path with a `{parameter}` (the validation call's access token) is looked for only when
 * the exact look-up misses, so the exact paths (`GET /v1/userinfo` first) pay nothing for it.
 */
import { pathTemplatePattern } from '../../src/paths.js';
import { preflightHeaders } from '../http/cors.js';
import { printable } from '../http/printable.js';
import { type PreparedResponse, prepareEmpty, prepareJson, type ResponseContext } from '../http/responses.js';
import type { RouteDefinition, RouteHandler } from '../routes/route-context.js';

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

/** The table of `definitions` (the kit's own routes and every operation's), for answers with `common` headers. */
export function createRouteTable(
  definitions: readonly RouteDefinition[],
  common: ResponseContext,
): RouteTable {
  const routes = new Map<string, Route>();
  const templates: TemplateRoute[] = [];
  const templatePaths: string[] = [];
  for (const { path, handlers, requestHeaders = [] } of definitions) {
    const allow = [...Object.keys(handlers), 'OPTIONS'].join(', ');
    const route: Route = {
      allow,
      handlers: new Map(Object.entries(handlers)),
      preflight: prepareEmpty(common, 204, preflightHeaders(allow, requestHeaders), 'preflight'),
    };
    if (routes.has(path) || templatePaths.includes(path))
      throw new TypeError(`Two routes claim ${path}: each path belongs to one operation.`);
    if (!path.includes('{')) routes.set(path, route);
    else {
      templates.push({ pattern: pathTemplatePattern(path), route });
      templatePaths.push(path);
    }
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
