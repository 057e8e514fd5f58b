/**
 * Writes the prepared form of `openapi.yaml` (the parsed document as JSON, with the digest of its
 * source) beside the loader, so a start reads JSON instead of parsing YAML. The build runs it on
 * `dist/` (`node dist/src/openapi/prepare-api-document.js`), the tests' setup on the source tree.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { isMainModule } from '../is-main-module.js';
import {
  OPENAPI_FILE,
  parseApiText,
  PREPARED_DOCUMENT_FILE,
  type PreparedApiDocument,
  readApiText,
  sourceDigest,
} from './api-document.js';

/** The prepared form of the OpenAPI YAML file `source`. */
export function prepareApiDocument(source: string = OPENAPI_FILE): PreparedApiDocument {
  const text = readApiText(source);
  return { sourceSha256: sourceDigest(text), document: parseApiText(text, source) };
}

/** Writes the prepared form of `source` to `target` (through a temporary file: readers never see half). */
export function writePreparedApiDocument(
  source: string = OPENAPI_FILE,
  target: string = PREPARED_DOCUMENT_FILE,
): string {
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(prepareApiDocument(source)));
  renameSync(temporary, target);
  return target;
}

if (isMainModule(import.meta.url)) {
  writePreparedApiDocument();
}
