import type { OpenAPIV3_1 } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import { namedExamples } from '../support/examples.js';
import { ENDPOINTS } from '../../src/endpoints.js';
import { fillPath } from '../../src/paths.js';
import { TRUECALLER_OTP_URL } from '../../src/operations/phone-number/endpoints.js';
import { FAULT_RESPONSES } from '../../src/faults.js';
import { getOperation, loadApiDocument, resolveReference } from '../../src/openapi/api-document.js';
import { getResponseValidator } from '../../src/openapi/response-validator.js';
import {
  PHONE_NUMBER_CALLS,
  PHONE_NUMBER_PATTERN,
  PHONE_NUMBER_TOKEN_PATTERN,
  phoneNumberTokenInPath,
} from '../../src/operations/phone-number/calls.js';
import { PHONE_NUMBER_SCENARIOS } from '../../src/operations/phone-number/scenarios.js';

const document = loadApiDocument();
const validator = getResponseValidator(document);
const CALLS = Object.values(PHONE_NUMBER_CALLS);
const schemas = document.components?.schemas as Record<string, OpenAPIV3_1.SchemaObject>;

describe('the phone-number scenario table and openapi.yaml', () => {
  const faults = Object.values(FAULT_RESPONSES);

  describe.each(CALLS)('for SDK $sdk ($path)', (call) => {
    const operation = getOperation(document, call.path, 'get');
    const examplesOf = (status: number) => namedExamples(document, call.path, 'get', status);

    it.each(PHONE_NUMBER_SCENARIOS)(
      'declares status $status with the example "$example" for scenario $name',
      (scenario) => {
        const example = examplesOf(scenario.status)[scenario.example];
        expect(example, `openapi.yaml lacks ${scenario.example} under ${scenario.status}`).toBeDefined();
        expect(example?.['x-documented' as keyof typeof example]).toBe(scenario.documented);
      },
    );

    it('uses every named example, in a scenario or an injected fault', () => {
      const named = Object.keys(operation.responses ?? {}).flatMap((status) =>
        Object.keys(examplesOf(Number(status))).map((name) => `${status} ${name}`),
      );
      const used = [...PHONE_NUMBER_SCENARIOS, ...faults].map(
        (answer) => `${answer.status} ${answer.example}`,
      );
      expect(named.sort()).toEqual(used.sort());
    });

    it('has examples that fit their schema, errors in the documented {code, message} shape', () => {
      for (const status of Object.keys(operation.responses ?? {})) {
        for (const [name, example] of Object.entries(examplesOf(Number(status)))) {
          const schema = status === '200' ? 'PhoneNumberDetail' : 'PhoneNumberError';
          expect(validator.validateSchema(schema, example.value), `${status} ${name}`).toEqual([]);
          if (status !== '200') expect((example.value as { code: number }).code).toBeGreaterThanOrEqual(404);
        }
      }
    });

    it('names the documented host and the header of its credentials', () => {
      expect(operation.servers?.map((server) => server.url)).toContain(TRUECALLER_OTP_URL);
      const [requirement] = operation.security ?? [];
      const schemes = document.components?.securitySchemes ?? {};
      const scheme = schemes[Object.keys(requirement ?? {})[0] ?? ''] as OpenAPIV3_1.ApiKeySecurityScheme;
      expect({ in: scheme.in, name: scheme.name }).toEqual({ in: 'header', name: call.credentialHeader });
    });

    it('holds its access token to the pattern the mock checks', () => {
      const parameter = resolveReference<OpenAPIV3_1.ParameterObject>(
        document,
        operation.parameters?.[0] ?? { $ref: '#/' },
      );
      expect((parameter.schema as OpenAPIV3_1.SchemaObject).pattern).toBe(PHONE_NUMBER_TOKEN_PATTERN);
    });
  });

  it('gives every scenario a distinct token, example and provider state', () => {
    for (const key of ['token', 'example', 'providerState', 'name'] as const) {
      const values = PHONE_NUMBER_SCENARIOS.map((scenario) => scenario[key]);
      expect(new Set(values).size, key).toBe(values.length);
    }
  });

  it('serves the documented bare number and labels the string form assumed', () => {
    const phoneNumber = schemas.PhoneNumberDetail?.properties?.phoneNumber as OpenAPIV3_1.SchemaObject;
    const [number, string] = (phoneNumber.oneOf ?? []) as (OpenAPIV3_1.SchemaObject & {
      'x-documented'?: boolean;
    })[];
    expect([number?.type, number?.['x-documented']]).toEqual(['integer', true]);
    expect([string?.type, string?.['x-documented'], string?.pattern]).toEqual([
      'string',
      false,
      PHONE_NUMBER_PATTERN,
    ]);
    expect(
      validator.validateSchema('PhoneNumberDetail', { phoneNumber: 919812345678, countryCode: 'IN' }),
    ).toEqual([]);
    expect(
      validator.validateSchema('PhoneNumberDetail', { phoneNumber: '919812345678', countryCode: 'IN' }),
    ).toEqual([]);
    expect(
      validator.validateSchema('PhoneNumberDetail', { phoneNumber: '+91 98123', countryCode: 'IN' }),
    ).not.toEqual([]);
  });

  it('finds the token in the path of either form of the call, and in no other path', () => {
    for (const call of CALLS)
      expect(phoneNumberTokenInPath(fillPath(call.path, 'otp-valid'))).toBe('otp-valid');
    expect(phoneNumberTokenInPath(ENDPOINTS.userinfo)).toBeNull();
    expect(phoneNumberTokenInPath(fillPath(ENDPOINTS.phoneNumberDetail, ''))).toBeNull();
    expect(phoneNumberTokenInPath(`${fillPath(ENDPOINTS.phoneNumberDetail, 'a')}/b`)).toBeNull();
  });
});
