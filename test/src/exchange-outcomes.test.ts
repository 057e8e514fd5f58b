import type { OpenAPIV3_1 } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import { namedExamples } from '../support/examples.js';
import { getOperation, loadApiDocument } from '../../src/openapi/api-document.js';
import { getResponseValidator } from '../../src/openapi/response-validator.js';
import { CODE_SCENARIO_NAMES, EXCHANGE_OUTCOMES } from '../../src/operations/token/outcomes.js';
import { GRANT_TYPES } from '../../src/operations/token/grants.js';
import {
  codeChallengeS256,
  createPkcePair,
  isCodeVerifier,
  verifyCodeVerifier,
} from '../../src/operations/token/pkce.js';

const TOKEN = '/v1/token';
const document = loadApiDocument();
const operation = getOperation(document, TOKEN, 'post');
const validator = getResponseValidator(document);

const examplesOf = (status: number): Record<string, OpenAPIV3_1.ExampleObject> =>
  namedExamples(document, TOKEN, 'post', status);

describe('the exchange-outcome table and openapi.yaml', () => {
  it.each(EXCHANGE_OUTCOMES)(
    'declares status $status with the example "$example" for outcome $name',
    (row) => {
      const example = examplesOf(row.status)[row.example];
      expect(example, `openapi.yaml lacks example ${row.example} under ${row.status}`).toBeDefined();
      expect(example?.['x-documented' as keyof typeof example]).toBe(row.documented);
    },
  );

  it('uses every named example of POST /v1/token', () => {
    const named = Object.keys(operation.responses ?? {}).flatMap((status) =>
      Object.keys(examplesOf(Number(status))).map((name) => `${status} ${name}`),
    );
    const used = EXCHANGE_OUTCOMES.map((row) => `${row.status} ${row.example}`);
    expect(named.sort()).toEqual([...used].sort());
  });

  it('gives every outcome a distinct name, code, example and provider state', () => {
    for (const key of ['name', 'code', 'example', 'providerState'] as const) {
      const values = EXCHANGE_OUTCOMES.map((row) => row[key]).filter((value) => value !== null);
      expect(new Set(values).size, key).toBe(values.length);
    }
  });

  it('has a built-in code for the success case and every documented error', () => {
    const documented = EXCHANGE_OUTCOMES.filter((row) => row.documented);
    expect(documented.filter((row) => row.code === null)).toEqual([]);
    expect(CODE_SCENARIO_NAMES).toEqual(documented.map((row) => row.name));
  });

  it('declares the documented statuses: 200, 400 twice, 403 five times, 429, 500, 503', () => {
    const documented = EXCHANGE_OUTCOMES.filter((row) => row.documented).map((row) => row.status);
    expect(documented.sort()).toEqual([200, 400, 400, 403, 403, 403, 403, 403, 429, 500, 503]);
  });

  it.each(Object.keys(operation.responses ?? {}))('has examples under %s that fit their schema', (status) => {
    for (const [name, example] of Object.entries(examplesOf(Number(status)))) {
      const schemaName = status === '200' ? 'TokenResponse' : 'Error';
      expect(validator.validateSchema(schemaName, example.value), `${status} ${name}`).toEqual([]);
    }
  });

  it.each(EXCHANGE_OUTCOMES)('sends a form for $name that fits the TokenRequest schema', (row) => {
    const problems = validator.validateSchema('TokenRequest', row.form);
    expect(problems).toEqual([]);
  });

  it('lists the same grant types as the TokenRequest schema', () => {
    const schema = document.components?.schemas?.TokenRequest as OpenAPIV3_1.SchemaObject;
    const grantType = schema.properties?.grant_type as OpenAPIV3_1.SchemaObject;
    expect(grantType.enum).toEqual([...GRANT_TYPES]);
  });

  it.each(['/v1/revoke', '/.well-known/openid-configuration'])('labels %s as undocumented', (path) => {
    const item = document.paths?.[path] as Record<string, Record<string, unknown>>;
    const operation = Object.values(item)[0];
    expect(operation?.['x-documented']).toBe(false);
    expect(operation?.tags).toEqual(['undocumented']);
  });
});

describe('PKCE (RFC 7636)', () => {
  it('computes the challenge of RFC 7636 Appendix B', () => {
    expect(codeChallengeS256('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe(
      'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    );
  });

  it('makes pairs like the SDK: an 86-character verifier and its 43-character S256 challenge', () => {
    const pair = createPkcePair();
    expect(pair.codeVerifier).toHaveLength(86);
    expect(isCodeVerifier(pair.codeVerifier)).toBe(true);
    expect(pair.codeChallenge).toBe(codeChallengeS256(pair.codeVerifier));
    expect(verifyCodeVerifier(pair.codeVerifier, pair.codeChallenge)).toBe(true);
    expect(verifyCodeVerifier(createPkcePair().codeVerifier, pair.codeChallenge)).toBe(false);
  });

  it.each([
    ['42 characters', 'a'.repeat(42), false],
    ['43 characters', 'a'.repeat(43), true],
    ['128 characters', 'a'.repeat(128), true],
    ['129 characters', 'a'.repeat(129), false],
    ['every unreserved character', `${'A'.repeat(39)}-._~`, true],
    ['a plus sign', `${'a'.repeat(43)}+`, false],
    ['a non-ASCII letter', `${'a'.repeat(43)}é`, false],
  ])('judges a verifier of %s', (_, verifier, valid) => {
    expect(isCodeVerifier(verifier)).toBe(valid);
  });
});
