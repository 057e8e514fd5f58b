import type { OpenAPIV3_1 } from 'openapi-types';
import { findResponse, type HttpMethod, resolveReference } from '../../src/openapi/api-document.js';

/** The named examples of one JSON response of `openapi.yaml`, by name, with `$ref`s followed. */
export function namedExamples(
  document: OpenAPIV3_1.Document,
  path: string,
  method: HttpMethod,
  status: number,
): Record<string, OpenAPIV3_1.ExampleObject> {
  const examples =
    findResponse(document, path, method, status)?.content?.['application/json']?.examples ?? {};
  return Object.fromEntries(
    Object.entries(examples).map(([name, example]) => [
      name,
      resolveReference<OpenAPIV3_1.ExampleObject>(document, example),
    ]),
  );
}
