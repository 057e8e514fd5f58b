/**
 * Schema validators compiled ahead of time (Ajv's standalone code), written beside this module by the
 * build and by the tests' setup (`mock/config/prepare-validators.ts`). A mock's first admin write then
 * loads a small file instead of Ajv and compiles nothing while requests wait: loading Ajv and compiling
 * the config schema held the event loop for about 150 ms. Each validator is used only for the very
 * schema it was made from (its digest); any other schema is compiled as before.
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv/dist/2020.js';

/** The file of the prepared validators, beside this module (`dist/src/openapi/` in the package). */
export const PREPARED_VALIDATORS_FILE = 'validators.prepared.cjs';

/** The validators prepared, by name: the config file's structure, and a persona's claims (`UserInfo`). */
export type PreparedValidatorName = 'config' | 'userInfo';

/** What the prepared file exports for each validator. */
interface PreparedEntry {
  readonly schemaSha256: string;
  readonly validate: ValidateFunction;
}

const require = createRequire(import.meta.url);
let loaded: Partial<Record<PreparedValidatorName, PreparedEntry>> | null | undefined;

/** The digest a prepared validator is keyed by: of the schema's JSON. */
export function schemaDigest(schema: unknown): string {
  return createHash('sha256').update(JSON.stringify(schema)).digest('hex');
}

/**
 * The prepared validator `name` when it was made from `schema`; undefined when there is none (a tree
 * not built, the standalone executable) or it was made from another schema (one edited since).
 */
export function preparedValidator(
  name: PreparedValidatorName,
  schema: unknown,
): ValidateFunction | undefined {
  if (loaded === undefined) {
    try {
      // A name the bundler of the standalone executable cannot read ahead: it ships no prepared file, and
      // a template would make it bundle every module of this folder.
      const file = `./${PREPARED_VALIDATORS_FILE}`;
      loaded = require(file) as Partial<Record<PreparedValidatorName, PreparedEntry>>;
    } catch {
      loaded = null;
    }
  }
  const entry = loaded?.[name];
  return entry !== undefined && entry.schemaSha256 === schemaDigest(schema) ? entry.validate : undefined;
}
