/**
 * `GET /openapi.yaml` and `GET /openapi.json` of the mock (a test double, not for production): the very
 * document it answers from, for a client generator, a contract tool or the API reference page. Not part
 * of Truecaller's API.
 */
import { OPENAPI_FILE, readApiText } from '../../src/openapi/api-document.js';
import { type PreparedResponse, prepareBytes } from '../http/responses.js';
import type { OpenAPIV3_1 } from 'openapi-types';
import { KIT_ENDPOINTS } from '../../src/endpoints.js';
import type { ResponseContext } from '../http/responses.js';
import type { RouteDefinition } from './route-context.js';

/** What the document's routes serve from. */
export interface ApiDocumentContext {
  readonly document: OpenAPIV3_1.Document;
  readonly answers: ResponseContext;
}

/** The routes of the document in YAML (the file as written, comments kept) and in JSON. */
export function createApiDocumentRoutes(context: ApiDocumentContext): RouteDefinition[] {
  // Prepared on the first request: a mock nobody asks for its document reads nothing more at start.
  let yaml: PreparedResponse | undefined;
  let json: PreparedResponse | undefined;
  const routes = {
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
  return [
    { path: KIT_ENDPOINTS.apiDocumentYaml, handlers: { GET: routes.yaml, HEAD: routes.yaml } },
    { path: KIT_ENDPOINTS.apiDocumentJson, handlers: { GET: routes.json, HEAD: routes.json } },
  ];
}
