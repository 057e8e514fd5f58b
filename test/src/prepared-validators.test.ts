/**
 * The record checks' validators compiled ahead of time (Ajv standalone code, written by the build and
 * by the tests' setup) are the schemas' own: the same errors as a compile now, and used only for the very
 * schema they were made from.
 */
import { describe, expect, it } from 'vitest';
import { CONFIG_AJV_OPTIONS, CONFIG_SCHEMA } from '../../mock/config/config-file.js';
import { loadApiDocument } from '../../src/openapi/api-document.js';
import { loadAjv } from '../../src/openapi/load-ajv.js';
import { preparedValidator } from '../../src/openapi/prepared-validators.js';
import { documentAjv, schemaReference } from '../../src/openapi/response-validator.js';

const errorsOf = (validate: { (value: unknown): boolean; errors?: unknown }, value: unknown): unknown => {
  validate(value);
  return validate.errors ?? null;
};

describe('the prepared validators', () => {
  it('find the config file’s errors as the schema compiled now does', () => {
    const prepared = preparedValidator('config', CONFIG_SCHEMA);
    expect(prepared).toBeDefined();
    const compiled = new (loadAjv().Ajv2020)({ ...CONFIG_AJV_OPTIONS }).compile(CONFIG_SCHEMA);
    for (const config of [
      {},
      { tokens: { '.': {}, 'bad token': { scenario: 'teapot', scopes: 'wallet' } }, extra: 1 },
      { codes: { c: { codeChallenge: 'short', reusable: 'yes' } }, fault: { delayMs: -1 } },
      { phoneNumberTokens: { p: { phoneNumber: '+91 98', countryCode: 'india' } } },
    ])
      expect(errorsOf(prepared!, config)).toEqual(errorsOf(compiled, config));
  });

  it('find a persona’s errors as the document’s UserInfo compiled now does', () => {
    const document = loadApiDocument();
    const prepared = preparedValidator('userInfo', document.components?.schemas);
    expect(prepared).toBeDefined();
    const compiled = documentAjv(document).compile(schemaReference('UserInfo'));
    for (const claims of [{ sub: '1' }, { sub: 1, email: 'not-an-email', picture: 'nope', extra: true }])
      expect(errorsOf(prepared!, claims)).toEqual(errorsOf(compiled, claims));
  });

  it('are not used for a schema edited since they were made', () => {
    expect(preparedValidator('config', { ...CONFIG_SCHEMA, additionalProperties: true })).toBeUndefined();
  });
});
