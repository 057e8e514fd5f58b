import type { OpenAPIV3_1 } from 'openapi-types';
import {
  findResponse,
  getExampleValue,
  type HttpMethod,
  loadApiDocument,
  resolveReference,
} from '../../src/openapi/api-document.js';
import { PHONE_NUMBER_CALLS } from '../../src/operations/phone-number/calls.js';
import { type PhoneNumberScenario } from '../../src/operations/phone-number/scenarios.js';
import type { PhoneNumberErrorBody } from '../../src/operations/phone-number/wire-types.js';

/** The named examples of one JSON response of `openapi.yaml`, by name, with `$ref`s followed. */
export function namedExamples(
  document: OpenAPIV3_1.Document,
  path: string,
  method: HttpMethod,
  status: number,
): Record<string, OpenAPIV3_1.ExampleObject> {
  const examples =
    findResponse(document, path, method, status)?.content?.['application/json']?.examples ?? {};
  return Object.fromEntries(
    Object.entries(examples).map(([name, example]) => [
      name,
      resolveReference<OpenAPIV3_1.ExampleObject>(document, example),
    ]),
  );
}

/** The documented `{code, message}` body of an error scenario of the validation call (both forms share it). */
export function phoneNumberErrorBody(
  scenario: Pick<PhoneNumberScenario, 'status' | 'example'>,
): PhoneNumberErrorBody {
  const path = PHONE_NUMBER_CALLS['3'].path;
  return getExampleValue(
    loadApiDocument(),
    path,
    'get',
    scenario.status,
    scenario.example,
  ) as PhoneNumberErrorBody;
}
