import type { MatchersV3 } from '@pact-foundation/pact';
import type { OpenAPIV3_1 } from 'openapi-types';
import { findResponse, loadApiDocument, resolveReference } from '../../src/openapi/api-document.js';
import { loadPact } from './peer-dependencies.js';

/** The operation of `openapi.yaml` an interaction is about. */
export interface Operation {
  readonly path: string;
  readonly method: 'get' | 'post';
}

/**
 * The response headers a client reads, as matchers from `openapi.yaml`: the declared media type (with or
 * without parameters such as `charset`) and every required header with a pattern (the 401 challenge).
 */
export function responseHeaderMatchers(
  operation: Operation,
  status: number,
): Record<string, MatchersV3.Matcher<string>> {
  const document = loadApiDocument();
  const response = declaredResponse(operation, status);
  const mediaType = Object.keys(response.content ?? {})[0] ?? 'application/json';
  const headers: Record<string, MatchersV3.Matcher<string>> = {
    'Content-Type': matchers().regex(
      `^${mediaType.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(;.*)?$`,
      `${mediaType}; charset=utf-8`,
    ),
  };
  for (const [header, headerOrRef] of Object.entries(response.headers ?? {})) {
    const definition = resolveReference<OpenAPIV3_1.HeaderObject>(document, headerOrRef);
    const schema = definition.schema as OpenAPIV3_1.SchemaObject | undefined;
    // A client reads the challenge of a 401; it does not read Cache-Control.
    if (definition.required && typeof schema?.pattern === 'string') {
      headers[header] = matchers().regex(fullMatch(schema.pattern), String(definition.example));
    }
  }
  return headers;
}

/** An error body as a client reads it: the OAuth `error` code exactly, the description (for people) by type. */
export function errorBodyMatcher(example: unknown): Record<string, unknown> {
  const { error, error_description: description } = example as { error: string; error_description: string };
  return { error, error_description: matchers().string(description) };
}

/** The JSON schema of a response's body, resolved. */
export function responseSchema(operation: Operation, status: number): OpenAPIV3_1.SchemaObject {
  return resolveReference<OpenAPIV3_1.SchemaObject>(
    loadApiDocument(),
    declaredResponse(operation, status).content?.['application/json']?.schema ?? {},
  );
}

/**
 * A matcher for one property, valued by `example` and matched by its schema: a `const` exactly, a string
 * by its pattern (or type), a boolean or integer by type, anything else by shape.
 */
export function propertyMatcher(
  property: OpenAPIV3_1.SchemaObject | OpenAPIV3_1.ReferenceObject | undefined,
  example: unknown,
): unknown {
  const schema = property ? resolveReference<OpenAPIV3_1.SchemaObject>(loadApiDocument(), property) : {};
  if ('const' in schema) return example;
  if (schema.type === 'string' && typeof example === 'string') {
    return typeof schema.pattern === 'string'
      ? matchers().regex(fullMatch(schema.pattern), example)
      : matchers().string(example);
  }
  if (schema.type === 'boolean' && typeof example === 'boolean') return matchers().boolean(example);
  if (schema.type === 'integer' && typeof example === 'number') return matchers().integer(example);
  return matchers().like(example);
}

// A JSON Schema pattern searches the value; a Pact regex must match all of it.
function fullMatch(pattern: string): string {
  const anchored = pattern.startsWith('^') && pattern.endsWith('$') && !pattern.endsWith('\\$');
  return anchored ? pattern : `.*(?:${pattern}).*`;
}

function declaredResponse(operation: Operation, status: number): OpenAPIV3_1.ResponseObject {
  const response = findResponse(loadApiDocument(), operation.path, operation.method, status);
  if (!response) {
    throw new TypeError(
      `openapi.yaml declares no ${status} for ${operation.method.toUpperCase()} ${operation.path}.`,
    );
  }
  return response;
}

// The builders load Pact first, so a missing Pact is reported under the builder's name.
function matchers(): typeof MatchersV3 {
  return loadPact('the Pact interaction builders').MatchersV3;
}
