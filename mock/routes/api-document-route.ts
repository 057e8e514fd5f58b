/**
 * `GET /openapi.yaml` and `GET /openapi.json` of the mock (a test double, not for production): the very
 * document it answers from, for a client generator, a contract tool or the API reference page. Not part
 * of Truecaller's API.
 */
import { OPENAPI_FILE, readApiText } from '../../src/openapi/api-document.js';
import { type PreparedResponse, prepareBytes } from '../http/responses.js';
import type { RouteContext, RouteHandler } from './route-context.js';

/** The handlers of the document in YAML (the file as written, comments kept) and in JSON. */
export function createApiDocumentRoutes(context: RouteContext): { yaml: RouteHandler; json: RouteHandler } {
  // Prepared on the first request: a mock nobody asks for its document reads nothing more at start.
  let yaml: PreparedResponse | undefined;
  let json: PreparedResponse | undefined;
  return {
    yaml: () =>
      (yaml ??= prepareBytes(
        context.answers,
        200,
        'application/yaml; charset=utf-8',
        // The reader the document itself is loaded with, which the standalone executable serves from within.
        Buffer.from(readApiText(OPENAPI_FILE)),
        {
          scenario: 'api-document',
        },
      )),
    json: () =>
      (json ??= prepareBytes(
        context.answers,
        200,
        'application/json; charset=utf-8',
        Buffer.from(JSON.stringify(context.document)),
        { scenario: 'api-document' },
      )),
  };
}
