import type { OpenAPIV3_1 } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import { CODE_SCENARIO_NAMES } from '../../src/operations/token/outcomes.js';
import { GRANT_TYPES } from '../../src/operations/token/grants.js';
import { FAULT_FAILURES, FAULT_SCHEMA } from '../../src/faults.js';
import { loadApiDocument } from '../../src/openapi/api-document.js';
import { CODE_CHALLENGE_PATTERN } from '../../src/operations/token/pkce.js';
import { PHONE_NUMBER_PATTERN } from '../../src/operations/phone-number/calls.js';
import { PHONE_NUMBER_TOKEN_SCENARIO_NAMES } from '../../src/operations/phone-number/scenarios.js';
import { TOKEN_SCENARIO_NAMES } from '../../src/operations/userinfo/scenarios.js';
import { SCOPES } from '../../src/scopes.js';

const document = loadApiDocument();
const schemas = document.components?.schemas as Record<string, OpenAPIV3_1.SchemaObject>;
const property = (schema: string, name: string): OpenAPIV3_1.SchemaObject =>
  schemas[schema]?.properties?.[name] as OpenAPIV3_1.SchemaObject;

// Strips what only explains, so the document's schema and the code's can be compared field by field.
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'description' && !key.startsWith('x-'))
      .map(([key, inner]) => [key, shape(inner)]),
  );
}

describe('the admin part of openapi.yaml and the code', () => {
  it('lists the scenarios a token may have, as the scenario table does', () => {
    expect(property('AdminToken', 'scenario').enum).toEqual([...TOKEN_SCENARIO_NAMES]);
    expect(property('AdminTokenInput', 'scenario').enum).toEqual([...TOKEN_SCENARIO_NAMES]);
  });

  it.each(['AdminToken', 'AdminCode'])('lists the documented scopes in %s', (schema) => {
    const scopes = property(schema, 'scopes') as OpenAPIV3_1.ArraySchemaObject;
    expect((scopes.items as OpenAPIV3_1.SchemaObject).enum).toEqual([...SCOPES]);
  });

  it.each(['AdminCode', 'AdminCodeInput'])(
    'lists the scenarios a code may have in %s, as the exchange table does',
    (schema) => {
      expect(property(schema, 'scenario').enum).toEqual([...CODE_SCENARIO_NAMES]);
    },
  );

  it.each(['AdminCode', 'AdminCodeInput'])(
    'holds a code challenge in %s to the pattern the code checks',
    (schema) => {
      expect(property(schema, 'codeChallenge').pattern).toBe(CODE_CHALLENGE_PATTERN.source);
    },
  );

  it.each(['AdminClient', 'AdminClientInput'])('lists the grant types in %s', (schema) => {
    const grants = property(schema, 'grantTypes') as OpenAPIV3_1.ArraySchemaObject;
    expect((grants.items as OpenAPIV3_1.SchemaObject).enum).toEqual([...GRANT_TYPES]);
  });

  it.each(['AdminPhoneNumberToken', 'AdminPhoneNumberTokenInput'])(
    'lists the scenarios a phone-number token may have in %s, and holds its number to the checked pattern',
    (schema) => {
      expect(property(schema, 'scenario').enum).toEqual([...PHONE_NUMBER_TOKEN_SCENARIO_NAMES]);
      expect(property(schema, 'phoneNumber').pattern).toBe(PHONE_NUMBER_PATTERN);
    },
  );

  it('describes the fault as the code checks it', () => {
    expect(property('Fault', 'failure').enum).toEqual([...FAULT_FAILURES]);
    const { failure: documented, ...documentedRest } = shape(schemas.Fault?.properties) as Record<
      string,
      unknown
    >;
    const { failure: checked, ...checkedRest } = FAULT_SCHEMA.properties;
    expect((documented as { enum: unknown }).enum).toEqual(checked.enum);
    expect(documentedRest).toEqual(shape(checkedRest));
  });

  it('tags every /__admin operation admin and marks it undocumented by Truecaller', () => {
    const operations = Object.entries(document.paths ?? {})
      .filter(([path]) => path.startsWith('/__admin'))
      .flatMap(([, item]) =>
        Object.values(item as Record<string, unknown>).filter(
          (value): value is OpenAPIV3_1.OperationObject & { 'x-documented'?: boolean } =>
            typeof value === 'object' && value !== null && 'responses' in value,
        ),
      );
    expect(operations.length).toBeGreaterThan(0);
    for (const operation of operations) {
      expect(operation.tags, operation.operationId).toEqual(['admin']);
      expect(operation['x-documented'], operation.operationId).toBe(false);
    }
  });
});
