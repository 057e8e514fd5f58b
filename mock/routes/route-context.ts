/**
 * What every route of the mock is (a test double, not for production): a function from a transport-free
 * request to a prepared answer, and where it is served. Operations declare theirs; the engine's route
 * table serves them.
 */
import type { MockRequest } from '../http/mock-request.js';
import type { PreparedResponse } from '../http/responses.js';

/** The answer to one request: ready at once on the hot path, a promise where a body is read. */
export type RouteHandler = (request: MockRequest) => PreparedResponse | Promise<PreparedResponse>;

/** One path the mock serves and its handler by method. */
export interface RouteDefinition {
  /** The path, or a template with one `{parameter}` standing for one non-empty segment. */
  readonly path: string;
  /** By method (`GET`, `HEAD`, `POST`); OPTIONS is answered for every path as a CORS preflight. */
  readonly handlers: Readonly<Record<string, RouteHandler>>;
  /** Request headers a browser may send besides the usual ones (the preflight allows them). */
  readonly requestHeaders?: readonly string[];
}
