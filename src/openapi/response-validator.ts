import type { ValidateFunction } from 'ajv/dist/2020.js';
import type { OpenAPIV3_1 } from 'openapi-types';
import { KitError } from '../errors.js';
import { type HttpMethod, loadApiDocument, resolveReference } from './api-document.js';
import { loadAjv } from './load-ajv.js';

/** A response as a test or a verifier saw it on the wire. */
export interface ObservedResponse {
  status: number;
  /** Header names in lower case, as Node and fetch give them. */
  headers: Readonly<Record<string, string | undefined>>;
  /** The parsed JSON body, or undefined for none. */
  body: unknown;
}

/** Checks values and responses against the schemas of one OpenAPI document. */
export interface ResponseValidator {
  /** Problems of a response to `method path` against the document; empty when it conforms. */
  validateResponse(path: string, method: HttpMethod, response: ObservedResponse): string[];
  /** Problems of `value` against `#/components/schemas/<name>`; empty when it conforms. */
  validateSchema(schemaName: string, value: unknown): string[];
}

// The document's own extension keywords; Ajv's strict mode rejects any keyword it does not know.
const EXTENSION_KEYWORDS = ['x-documented', 'x-scope', 'x-scope-mapping', 'example'];
const DOCUMENT_ID = 'openapi.json';

const validators = new WeakMap<OpenAPIV3_1.Document, ResponseValidator>();

/**
 * Compiles, once per document, a JSON Schema validator (Ajv, draft 2020-12 as OpenAPI 3.1 uses) for every
 * response body and header the document declares.
 *
 * @example
 * const problems = getResponseValidator().validateResponse('/v1/userinfo', 'get', { status, headers, body });
 */
export function getResponseValidator(document: OpenAPIV3_1.Document = loadApiDocument()): ResponseValidator {
  let validator = validators.get(document);
  if (!validator) {
    validator = compileValidator(document);
    validators.set(document, validator);
  }
  return validator;
}

/**
 * The Ajv instance the document's schemas are compiled in: draft 2020-12 with formats, its extension
 * keywords known, its components a schema resource. `code` sets Ajv's code options (standalone code).
 */
export function documentAjv(
  document: OpenAPIV3_1.Document,
  code?: object,
): InstanceType<ReturnType<typeof loadAjv>['Ajv2020']> {
  const { Ajv2020, addFormats } = loadAjv();
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictTuples: false, ...(code ? { code } : {}) });
  addFormats(ajv);
  ajv.addVocabulary([...EXTENSION_KEYWORDS, 'components']);
  // Only the components are a schema resource; `$ref: '#/components/...'` inside them resolves against it.
  ajv.addSchema({ $id: DOCUMENT_ID, components: { schemas: document.components?.schemas } });
  return ajv;
}

/** A reference to the document's schema `name`, as the components resource Ajv holds names it. */
export function schemaReference(name: string): { $ref: string } {
  return { $ref: `${DOCUMENT_ID}#/components/schemas/${name}` };
}

function compileValidator(document: OpenAPIV3_1.Document): ResponseValidator {
  const ajv = documentAjv(document);

  const compiled = new Map<string, ValidateFunction>();
  const compile = (key: string, schema: object): ValidateFunction => {
    let validate = compiled.get(key);
    if (!validate) {
      validate = ajv.compile(rebase(schema));
      compiled.set(key, validate);
    }
    return validate;
  };

  return {
    validateSchema(schemaName, value) {
      if (!document.components?.schemas?.[schemaName]) {
        throw new KitError('ERR_OPENAPI_INVALID', `openapi.yaml has no schema "${schemaName}".`);
      }
      const validate = compile(`schema:${schemaName}`, { $ref: `#/components/schemas/${schemaName}` });
      return validate(value) ? [] : describe(validate, 'body');
    },
    validateResponse(path, method, response) {
      const operation = document.paths?.[path]?.[method];
      if (!operation) return [`${method.toUpperCase()} ${path} is not in openapi.yaml`];
      const declared = operation.responses?.[String(response.status)] ?? operation.responses?.default;
      if (!declared) return [`status ${response.status} is not declared for ${method.toUpperCase()} ${path}`];
      const definition = resolveReference<OpenAPIV3_1.ResponseObject>(document, declared);
      const problems: string[] = [];
      const key = `${method} ${path} ${response.status}`;

      for (const [name, headerOrRef] of Object.entries(definition.headers ?? {})) {
        const header = resolveReference<OpenAPIV3_1.HeaderObject>(document, headerOrRef);
        const value = response.headers[name.toLowerCase()];
        if (value === undefined) {
          if (header.required) problems.push(`header ${name} is required`);
          continue;
        }
        if (header.schema) {
          const validate = compile(`${key} header ${name}`, header.schema);
          if (!validate(value)) problems.push(...describe(validate, `header ${name}`));
        }
      }

      const content = definition.content;
      if (!content) {
        if (response.body !== undefined) problems.push('a body was sent where none is declared');
        return problems;
      }
      const contentType = response.headers['content-type'] ?? '';
      const mediaType = Object.keys(content).find((type) => contentType.startsWith(type));
      if (!mediaType) {
        problems.push(`content-type "${contentType}" is not one of ${Object.keys(content).join(', ')}`);
        return problems;
      }
      const schema = content[mediaType]?.schema;
      if (schema) {
        const validate = compile(`${key} ${mediaType}`, schema);
        if (!validate(response.body)) problems.push(...describe(validate, 'body'));
      }
      return problems;
    },
  };
}

/** Points the document's local `$ref`s at the components resource Ajv holds. */
function rebase(schema: object): object {
  return JSON.parse(
    JSON.stringify(schema, (key, value: unknown) =>
      key === '$ref' && typeof value === 'string' && value.startsWith('#/')
        ? `${DOCUMENT_ID}${value}`
        : value,
    ),
  ) as object;
}

function describe(validate: ValidateFunction, where: string): string[] {
  return describeSchemaErrors(validate, where);
}

/** The errors of a validator's last call, one line each, `where` before the path (`body/sub must be string`). */
export function describeSchemaErrors(validate: Pick<ValidateFunction, 'errors'>, where: string): string[] {
  return (validate.errors ?? []).map((error) => {
    const detail =
      error.keyword === 'additionalProperties' ? ` (${String(error.params.additionalProperty)})` : '';
    return `${where}${error.instancePath} ${error.message ?? 'is invalid'}${detail}`;
  });
}
