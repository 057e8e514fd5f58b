import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { OpenAPIV3_1 } from 'openapi-types';
import { KitError } from '../errors.js';
import { readPackageFile } from '../package-files.js';

/** Where the kit's `openapi.yaml` lives, in the source tree and in the built package alike. */
export const OPENAPI_FILE = fileURLToPath(new URL('../../openapi.yaml', import.meta.url));

/**
 * Where the prepared form of `openapi.yaml` lives: beside this module, written by the build (and before
 * the tests) with `prepare-api-document.ts`. Parsing the YAML took longer than the rest of a start.
 */
export const PREPARED_DOCUMENT_FILE = fileURLToPath(new URL('./openapi.prepared.json', import.meta.url));

/** HTTP methods as `openapi-types` spells them. */
export type HttpMethod = `${OpenAPIV3_1.HttpMethods}`;

/** The prepared form of an OpenAPI YAML text: its parsed document, and the digest of the text it came from. */
export interface PreparedApiDocument {
  /** SHA-256 of the YAML text, hex: the prepared form serves only that very text. */
  readonly sourceSha256: string;
  readonly document: unknown;
}

const loaded = new Map<string, OpenAPIV3_1.Document>();

/**
 * Reads and checks `openapi.yaml` once per file; later calls return the same frozen document. It is
 * taken from the prepared form when that was made from this very text, and parsed otherwise.
 *
 * @example
 * const document = loadApiDocument();
 * document.paths?.['/v1/userinfo']?.get?.operationId; // 'getUserInfo'
 */
export function loadApiDocument(file: string = OPENAPI_FILE): OpenAPIV3_1.Document {
  const cached = loaded.get(file);
  if (cached) return cached;
  const text = readApiText(file);
  const document = checkDocument(
    readPrepared(text, PREPARED_DOCUMENT_FILE) ?? parseApiText(text, file),
    file,
  );
  loaded.set(file, deepFreeze(document));
  return document;
}

/** The text of an OpenAPI YAML file, or a `KitError` naming it. */
export function readApiText(file: string): string {
  try {
    // The kit's own document goes through readPackageFile: the standalone executable embeds it.
    return file === OPENAPI_FILE ? readPackageFile('openapi.yaml') : readFileSync(file, 'utf8');
  } catch (cause) {
    throw new KitError('ERR_OPENAPI_INVALID', `Cannot read the OpenAPI document ${file}.`, { cause });
  }
}

/** The SHA-256 of a YAML text, hex: what ties a prepared form to its source. */
export function sourceDigest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Parses an OpenAPI YAML text (the YAML parser is loaded on first use: the prepared form needs none). */
export function parseApiText(text: string, file: string): unknown {
  try {
    return loadYaml().parse(text);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new KitError('ERR_OPENAPI_INVALID', `${file} is not valid YAML: ${reason}`, { cause });
  }
}

/** The document of the prepared form in `preparedFile` when it was made from `text`; undefined otherwise. */
export function readPrepared(text: string, preparedFile: string): unknown {
  let prepared: Partial<PreparedApiDocument>;
  try {
    prepared = JSON.parse(readFileSync(preparedFile, 'utf8')) as Partial<PreparedApiDocument>;
  } catch {
    return undefined; // none yet (a fresh checkout), or unreadable: the YAML is the source anyway
  }
  return prepared.sourceSha256 === sourceDigest(text) ? prepared.document : undefined;
}

const require = createRequire(import.meta.url);
let yaml: { parse(text: string): unknown } | undefined;

function loadYaml(): NonNullable<typeof yaml> {
  yaml ??= require('yaml') as NonNullable<typeof yaml>;
  return yaml;
}

function checkDocument(parsed: unknown, file: string): OpenAPIV3_1.Document {
  const problems: string[] = [];
  const candidate = parsed as Partial<OpenAPIV3_1.Document> | null;
  if (typeof candidate !== 'object' || candidate === null) {
    throw new KitError('ERR_OPENAPI_INVALID', `${file} does not hold an OpenAPI document (an object).`);
  }
  if (typeof candidate.openapi !== 'string' || !candidate.openapi.startsWith('3.1.')) {
    problems.push(`"openapi" must be 3.1.x, found ${JSON.stringify(candidate.openapi)}`);
  }
  if (typeof candidate.paths !== 'object' || candidate.paths === null) problems.push('"paths" is missing');
  if (typeof candidate.components?.schemas !== 'object') problems.push('"components.schemas" is missing');
  if (problems.length > 0) {
    throw new KitError(
      'ERR_OPENAPI_INVALID',
      `${file} is not a usable OpenAPI 3.1 document: ${problems.join('; ')}.`,
    );
  }
  return candidate as OpenAPIV3_1.Document;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Follows a local `$ref` (`#/components/...`) until it reaches the object it names. */
export function resolveReference<T extends object>(
  document: OpenAPIV3_1.Document,
  value: T | OpenAPIV3_1.ReferenceObject,
): T {
  let current: unknown = value;
  for (let hops = 0; isReference(current); hops++) {
    if (hops > 16) throw new KitError('ERR_OPENAPI_INVALID', `$ref loop at ${current.$ref}`);
    current = pointer(document, current.$ref);
  }
  return current as T;
}

function isReference(value: unknown): value is OpenAPIV3_1.ReferenceObject {
  return (
    typeof value === 'object' && value !== null && typeof (value as { $ref?: unknown }).$ref === 'string'
  );
}

function pointer(document: OpenAPIV3_1.Document, ref: string): unknown {
  if (!ref.startsWith('#/'))
    throw new KitError('ERR_OPENAPI_INVALID', `Only local $refs are supported: ${ref}`);
  let node: unknown = document;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
    if (node === undefined) throw new KitError('ERR_OPENAPI_INVALID', `$ref ${ref} points at nothing`);
  }
  return node;
}

/** The operation at `path` and `method`, or an error naming what the document lacks. */
export function getOperation(
  document: OpenAPIV3_1.Document,
  path: string,
  method: HttpMethod,
): OpenAPIV3_1.OperationObject {
  const operation = document.paths?.[path]?.[method];
  if (!operation)
    throw new KitError('ERR_OPENAPI_INVALID', `openapi.yaml has no ${method.toUpperCase()} ${path}.`);
  return operation;
}

/** The declared response of an operation for `status`, with `$ref`s followed; undefined when not declared. */
export function findResponse(
  document: OpenAPIV3_1.Document,
  path: string,
  method: HttpMethod,
  status: number,
): OpenAPIV3_1.ResponseObject | undefined {
  const response = getOperation(document, path, method).responses?.[String(status)];
  return response ? resolveReference<OpenAPIV3_1.ResponseObject>(document, response) : undefined;
}

/**
 * The value of a named example of a JSON response: the kit serves these bodies as they are written, so
 * the document is the one place an error body is spelled out.
 */
export function getExampleValue(
  document: OpenAPIV3_1.Document,
  path: string,
  method: HttpMethod,
  status: number,
  exampleName: string,
): unknown {
  const examples = findResponse(document, path, method, status)?.content?.['application/json']?.examples;
  const example = examples?.[exampleName];
  if (!example) {
    throw new KitError(
      'ERR_OPENAPI_INVALID',
      `openapi.yaml has no example "${exampleName}" for ${method.toUpperCase()} ${path} ${status}.`,
    );
  }
  return resolveReference<OpenAPIV3_1.ExampleObject>(document, example).value;
}
