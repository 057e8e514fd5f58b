/**
 * The validation call of users verified without the Truecaller app (a test double, not for production):
 * `GET /v1/otp/client/installation/phoneNumberDetail/{accessToken}` with the `clientId` header (SDK 3.x)
 * and `GET /v1/otp/installation/phoneNumberDetail/{accessToken}` with `appKey` (SDK 2.8), answered alike
 * by token with the named examples of `openapi.yaml`, or with the token's phone number.
 */
import { FAULT_RESPONSES } from '../../../src/faults.js';
import { getExampleValue } from '../../../src/openapi/api-document.js';
import {
  PHONE_NUMBER_CALLS,
  type PhoneNumberCall,
  type PhoneNumberSdk,
} from '../../../src/operations/phone-number/calls.js';
import {
  PHONE_NUMBER_SCENARIOS,
  type PhoneNumberScenarioName,
} from '../../../src/operations/phone-number/scenarios.js';
import type {
  PhoneNumberDetail,
  PhoneNumberTokenRecord,
} from '../../../src/operations/phone-number/wire-types.js';
import { readFaultBodies, withFault } from '../../http/faults.js';
import { headerValue } from '../../http/mock-request.js';
import { type PreparedResponse, prepareJson } from '../../http/responses.js';
import type { RouteHandler } from '../../routes/route-context.js';
import type { OperationContext } from '../operation.js';
import { createTokenAnswers, storeUnavailableAnswer, type TokenAnswer } from '../token-answers.js';

/**
 * The handlers of both forms of the validation call, sharing one cache. Partner credentials are checked
 * first (assumed order): a missing `clientId` (or `appKey`), or one that is not among the mock's clients,
 * gets the documented 404 code 404. Then the token in the path: an unknown one, or one past its expiry
 * on the mock's clock, gets the documented 404 code 1404. Answers are prepared once per token and kept
 * until what they were made from changes, so the hot path is a header read, two map look-ups and the
 * slice of the path that is the token.
 */
export function createPhoneNumberRoutes(
  context: OperationContext,
): Readonly<Record<PhoneNumberSdk, RouteHandler>> {
  const { state, answers: common, clock } = context;
  const path = PHONE_NUMBER_CALLS['3'].path;
  const errors = prepareErrors(context, path);
  const errorAnswer = (name: PhoneNumberScenarioName): PreparedResponse =>
    errors.get(name) as PreparedResponse;
  const faultBodies = readFaultBodies(context.document, path, 'get', FAULT_RESPONSES);
  const cache = context.cache<TokenAnswer>('phoneNumberTokens');
  // Answers that depend on no token carry the global fault.
  const badCredentials = cache.shared(() =>
    withFault(errorAnswer('invalid-credentials'), state.fault, faultBodies, common),
  );
  const invalidToken = cache.shared(() =>
    withFault(errorAnswer('invalid-token'), state.fault, faultBodies, common),
  );

  function prepare(record: PhoneNumberTokenRecord): TokenAnswer {
    const fault = record.fault ?? state.fault;
    const answer =
      record.scenario === 'verified'
        ? prepareJson(common, 200, detailOf(record), {
            scenario: record.phoneNumberAs === 'string' ? 'verified-string' : 'verified',
          })
        : errorAnswer(record.scenario);
    return {
      answer: withFault(answer, fault, faultBodies, common),
      expiry:
        record.expiresAt === undefined
          ? undefined
          : {
              at: record.expiresAt,
              answer: withFault(errorAnswer('invalid-token'), fault, faultBodies, common),
            },
    };
  }

  const storeUnavailable = storeUnavailableAnswer(common, errorAnswer('server-error'));
  const answerToken = createTokenAnswers({
    collection: 'phoneNumberTokens',
    state,
    cache,
    clock,
    prepare,
    unknown: invalidToken,
    storeUnavailable,
  });

  function handler({ path: template, credentialHeader }: PhoneNumberCall): RouteHandler {
    const tokenAt = template.indexOf('{');
    const header = credentialHeader.toLowerCase();
    return function answerPhoneNumberDetail(request) {
      const client = headerValue(request, header);
      if (client === undefined || !state.has('clients', client)) return badCredentials();
      // The route table matched the path, so the token is what follows the template's prefix.
      const { url } = request;
      const queryAt = url.indexOf('?');
      return answerToken(queryAt === -1 ? url.slice(tokenAt) : url.slice(tokenAt, queryAt));
    };
  }

  return Object.freeze({ '3': handler(PHONE_NUMBER_CALLS['3']), '2.8': handler(PHONE_NUMBER_CALLS['2.8']) });
}

/** Every error answer of the table, from its named example of `openapi.yaml`, prepared once. */
function prepareErrors(
  { document, answers }: OperationContext,
  path: string,
): Map<PhoneNumberScenarioName, PreparedResponse> {
  const errors = new Map<PhoneNumberScenarioName, PreparedResponse>();
  for (const scenario of PHONE_NUMBER_SCENARIOS) {
    if (scenario.kind !== 'error') continue;
    const body = getExampleValue(document, path, 'get', scenario.status, scenario.example);
    errors.set(scenario.name, prepareJson(answers, scenario.status, body, { scenario: scenario.name }));
  }
  return errors;
}

/** The 200 body: the number as a JSON number (as documented) unless the token asks for a string. */
function detailOf(record: PhoneNumberTokenRecord): PhoneNumberDetail {
  return {
    phoneNumber: record.phoneNumberAs === 'string' ? record.phoneNumber : Number(record.phoneNumber),
    countryCode: record.countryCode,
  };
}
