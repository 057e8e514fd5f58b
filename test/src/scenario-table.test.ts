import type { OpenAPIV3_1 } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import { namedExamples } from '../support/examples.js';
import { getOperation, loadApiDocument } from '../../src/openapi/api-document.js';
import { getResponseValidator } from '../../src/openapi/response-validator.js';
import { FAULT_RESPONSES } from '../../src/faults.js';
import { SCENARIOS } from '../../src/operations/userinfo/scenarios.js';
import { CLAIMS_BY_SCOPE, SCOPES } from '../../src/scopes.js';

const document = loadApiDocument();
const operation = getOperation(document, '/v1/userinfo', 'get');
const validator = getResponseValidator(document);

const examplesOf = (status: number): Record<string, OpenAPIV3_1.ExampleObject> =>
  namedExamples(document, '/v1/userinfo', 'get', status);

describe('the scenario table and openapi.yaml', () => {
  it.each(SCENARIOS)('declares status $status with the example "$example" for scenario $name', (scenario) => {
    const example = examplesOf(scenario.status)[scenario.example];
    expect(example, `openapi.yaml lacks example ${scenario.example} under ${scenario.status}`).toBeDefined();
    expect(example?.['x-documented' as keyof typeof example]).toBe(scenario.documented);
  });

  const faults = Object.values(FAULT_RESPONSES);

  it('covers every status the document declares with at least one scenario or injected fault', () => {
    const declared = Object.keys(operation.responses ?? {}).map(Number);
    const covered = new Set<number>([...SCENARIOS, ...faults].map((answer) => answer.status));
    expect(declared.filter((status) => !covered.has(status))).toEqual([]);
  });

  it('uses every named example of the document, in a scenario or an injected fault', () => {
    const named = Object.keys(operation.responses ?? {}).flatMap((status) =>
      Object.keys(examplesOf(Number(status))).map((name) => `${status} ${name}`),
    );
    const used = [...SCENARIOS, ...faults].map((answer) => `${answer.status} ${answer.example}`);
    expect(named.sort()).toEqual([...used].sort());
  });

  it('gives every scenario a distinct token, example and provider state', () => {
    for (const key of ['token', 'example', 'providerState', 'name'] as const) {
      const values = SCENARIOS.map((scenario) => scenario[key]).filter((value) => value !== null);
      expect(new Set(values).size, key).toBe(values.length);
    }
  });

  it.each(Object.keys(operation.responses ?? {}))('has examples under %s that fit their schema', (status) => {
    for (const [name, example] of Object.entries(examplesOf(Number(status)))) {
      const schemaName = status === '200' ? 'UserInfo' : 'Error';
      expect(validator.validateSchema(schemaName, example.value), `${status} ${name}`).toEqual([]);
    }
  });
});

describe('the scope-to-claim mapping and openapi.yaml', () => {
  const userInfo = document.components?.schemas?.UserInfo as OpenAPIV3_1.SchemaObject;
  const properties = userInfo.properties as Record<string, OpenAPIV3_1.SchemaObject & { 'x-scope'?: string }>;

  it('maps exactly the claims the UserInfo schema declares', () => {
    const mapped = SCOPES.flatMap((scope) => CLAIMS_BY_SCOPE[scope]);
    expect([...mapped].sort()).toEqual(Object.keys(properties).sort());
  });

  it.each(Object.keys(properties))('gives claim %s the scope its x-scope names', (claim) => {
    const scope = SCOPES.find((candidate) => CLAIMS_BY_SCOPE[candidate].some((mapped) => mapped === claim));
    expect(properties[claim]?.['x-scope']).toBe(scope);
  });

  it('labels the assumed parts of the document as undocumented', () => {
    const schemas = document.components?.schemas as Record<string, Record<string, unknown>>;
    const headers = document.components?.headers as Record<string, Record<string, unknown>>;
    expect(schemas.Error?.['x-documented']).toBe(false);
    expect(headers.WWWAuthenticate?.['x-documented']).toBe(false);
    expect(String(schemas.UserInfo?.description)).toMatch(/Assumed/);
  });

  it('names the real host among the servers', () => {
    expect(document.servers?.map((server) => server.url)).toContain(
      'https://oauth-account-noneu.truecaller.com',
    );
  });
});
