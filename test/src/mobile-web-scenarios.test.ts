import type { OpenAPIV3_1 } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import { namedExamples } from '../support/examples.js';
import { FAULT_RESPONSES } from '../../src/faults.js';
import { getOperation, loadApiDocument } from '../../src/openapi/api-document.js';
import { getResponseValidator } from '../../src/openapi/response-validator.js';
import { MOBILE_WEB_ENDPOINTS, TRUECALLER_PROFILE_URL } from '../../src/operations/mobile-web/endpoints.js';
import { WEB_PROFILE_SCENARIOS } from '../../src/operations/mobile-web/scenarios.js';
import {
  detailsFromClaims,
  webProfileOf,
  withStringValues,
} from '../../src/operations/mobile-web/web-profile.js';

const document = loadApiDocument();
const validator = getResponseValidator(document);
const path = MOBILE_WEB_ENDPOINTS.webProfile;
const operation = getOperation(document, path, 'get');
const examplesOf = (status: number) => namedExamples(document, path, 'get', status);

describe('the mobile-web scenario table and openapi.yaml', () => {
  it.each(WEB_PROFILE_SCENARIOS)(
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
    const used = [...WEB_PROFILE_SCENARIOS, ...Object.values(FAULT_RESPONSES)].map(
      (answer) => `${answer.status} ${answer.example}`,
    );
    expect(named.sort()).toEqual(used.sort());
  });

  it('has examples that fit their schema, errors in the seen {status, message} shape', () => {
    for (const status of Object.keys(operation.responses ?? {})) {
      for (const [name, example] of Object.entries(examplesOf(Number(status)))) {
        const schema = status === '200' ? 'WebProfile' : 'WebProfileError';
        expect(validator.validateSchema(schema, example.value), `${status} ${name}`).toEqual([]);
      }
    }
  });

  it('gives every scenario a distinct token, example and provider state', () => {
    for (const key of ['token', 'example', 'providerState', 'name'] as const) {
      const values = WEB_PROFILE_SCENARIOS.map((scenario) => scenario[key]);
      expect(new Set(values).size, key).toBe(values.length);
    }
  });

  it('names the documented host among the servers of /v1/default', () => {
    expect(operation.servers?.map((server) => server.url)).toContain(TRUECALLER_PROFILE_URL);
  });

  it('describes every callback body Truecaller posts, the seen one labelled undocumented', () => {
    const webhook = (document as { webhooks?: Record<string, OpenAPIV3_1.PathItemObject> }).webhooks
      ?.webSignInCallback?.post;
    const media = (webhook?.requestBody as OpenAPIV3_1.RequestBodyObject).content['application/json'];
    const examples = media?.examples as Record<
      string,
      OpenAPIV3_1.ExampleObject & { 'x-documented': boolean }
    >;
    expect(Object.keys(examples).sort()).toEqual([
      'approved',
      'flowInvoked',
      'useAnotherNumber',
      'userRejected',
    ]);
    for (const [name, example] of Object.entries(examples)) {
      expect(validator.validateSchema('WebCallback', example.value), name).toEqual([]);
      expect(example['x-documented'], name).toBe(name !== 'useAnotherNumber');
    }
    expect(validator.validateSchema('WebCallback', { requestId: 'r', status: 'user_accepted' })).not.toEqual(
      [],
    );
  });
});

describe('a web profile made from claims', () => {
  const claims = {
    sub: '13627101294235520',
    given_name: 'Asha',
    family_name: 'Verma',
    phone_number: '919876543210',
    phone_number_country_code: 'IN',
    email: 'asha@example.com',
    picture: 'https://example.com/a.jpg',
    gender: 'female',
    address: { locality: 'Bangalore', postal_code: '560001' },
  };

  it('fits the schema typed as the table types it, and written as the sample writes it', () => {
    const profile = webProfileOf(claims, {
      ...detailsFromClaims(claims),
      createdTime: 1,
      updates: { name: 2 },
    });
    expect(validator.validateSchema('WebProfile', profile)).toEqual([]);
    expect(profile).toMatchObject({
      phoneNumbers: [919876543210],
      name: { first: 'Asha', last: 'Verma' },
      gender: 'Female',
      addresses: [{ countryCode: 'in', city: 'Bangalore', street: '', zipcode: '560001' }],
      onlineIdentities: { email: 'asha@example.com' },
      isActive: true,
    });
    const strings = withStringValues(profile);
    expect(validator.validateSchema('WebProfile', strings)).toEqual([]);
    expect(strings).toMatchObject({
      userId: String(profile.userId),
      phoneNumbers: ['919876543210'],
      isActive: 'True',
      createdTime: '1',
      history: { name: { updateTime: '2' } },
    });
    expect(Object.keys(strings)).toEqual(Object.keys(profile));
  });

  it('leaves out what the user never set: the optional attributes absent, the others empty', () => {
    const profile = webProfileOf({ sub: '7' }, detailsFromClaims({ sub: '7' }));
    expect(validator.validateSchema('WebProfile', profile)).toEqual([]);
    expect(profile).toEqual({
      id: '7',
      userId: 7,
      phoneNumbers: [],
      avatarUrl: '',
      isActive: true,
      gender: 'NotSet',
      privacy: 'Public',
      type: 'Personal',
      history: {},
      addresses: [],
      aboutMe: '',
      jobTitle: '',
      companyName: '',
    });
  });
});
