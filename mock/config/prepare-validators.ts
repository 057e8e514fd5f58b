/**
 * Writes the record checks' schema validators as Ajv standalone code (a test double's, not for
 * production): the config file's structure and a persona's claims (`UserInfo` of `openapi.yaml`), beside
 * their loader (`src/openapi/prepared-validators.ts`). The build runs it on `dist/`
 * (`node dist/mock/config/prepare-validators.js`), the tests' setup on the source tree. Without the file,
 * or for a schema edited since, the schemas are compiled when first needed, as before.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import { loadApiDocument } from '../../src/openapi/api-document.js';
import { isMainModule } from '../../src/is-main-module.js';
import { loadAjv } from '../../src/openapi/load-ajv.js';
import { PREPARED_VALIDATORS_FILE, schemaDigest } from '../../src/openapi/prepared-validators.js';
import { documentAjv, schemaReference } from '../../src/openapi/response-validator.js';
import { CONFIG_AJV_OPTIONS, CONFIG_SCHEMA } from './config-file.js';

const require = createRequire(import.meta.url);

type Standalone = (ajv: unknown, validate: ValidateFunction) => string;

/** Where the loader looks for the file: `src/openapi/` of this tree (or of `dist/`). */
export const PREPARED_VALIDATORS_PATH = fileURLToPath(
  new URL(`../../src/openapi/${PREPARED_VALIDATORS_FILE}`, import.meta.url),
);

/** The module's text: each validator's standalone code in a scope of its own, with its schema's digest. */
export function preparedValidatorsSource(): string {
  const standalone = (require('ajv/dist/standalone') as { default: Standalone }).default;
  const { _ } = require('ajv/dist/2020.js') as { _: (strings: TemplateStringsArray) => unknown };
  const config = new (loadAjv().Ajv2020)({ ...CONFIG_AJV_OPTIONS, code: { source: true } });
  const document = loadApiDocument();
  const userInfo = documentAjv(document, {
    source: true,
    formats: _`require("ajv-formats/dist/formats").fullFormats`,
  });
  const entries = [
    ['config', schemaDigest(CONFIG_SCHEMA), standalone(config, config.compile(CONFIG_SCHEMA))],
    [
      'userInfo',
      schemaDigest(document.components?.schemas),
      standalone(userInfo, userInfo.compile(schemaReference('UserInfo'))),
    ],
  ];
  return [
    '"use strict";',
    '// Written by mock/config/prepare-validators.ts: Ajv standalone code. Do not edit.',
    ...entries.map(
      ([name, digest, code]) =>
        `exports.${name} = { schemaSha256: ${JSON.stringify(digest)}, validate: (() => {\nconst module = { exports: {} };\nconst exports = module.exports;\n${code}\nreturn module.exports;\n})() };`,
    ),
    '',
  ].join('\n');
}

/** Writes the module to `target` (through a temporary file: a reader never sees half of it). */
export function writePreparedValidators(target: string = PREPARED_VALIDATORS_PATH): string {
  const temporary = `${target}.${process.pid}.tmp`;
  writeFileSync(temporary, preparedValidatorsSource());
  renameSync(temporary, target);
  return target;
}

if (isMainModule(import.meta.url)) writePreparedValidators();
