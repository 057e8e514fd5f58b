/**
 * `GET /v1/default` of the mock (a test double, not for production): the profile a mobile website's
 * sign-in fetches with the access token Truecaller posted to the partner's callback. It answers by bearer
 * token with the named examples of `openapi.yaml`, or with the token's persona's web profile.
 */
import { FAULT_RESPONSES } from '../../../src/faults.js';
import { getExampleValue } from '../../../src/openapi/api-document.js';
import { MOBILE_WEB_ENDPOINTS } from '../../../src/operations/mobile-web/endpoints.js';
import {
  WEB_PROFILE_SCENARIOS,
  type WebProfileScenarioName,
} from '../../../src/operations/mobile-web/scenarios.js';
import { withStringValues } from '../../../src/operations/mobile-web/web-profile.js';
import type { WebTokenRecord } from '../../../src/operations/mobile-web/wire-types.js';
import { readBearerToken } from '../../http/authorization.js';
import { readFaultBodies, withFault } from '../../http/faults.js';
import { headerValue } from '../../http/mock-request.js';
import { bearerChallenge, type PreparedResponse, prepareJson } from '../../http/responses.js';
import type { RouteHandler } from '../../routes/route-context.js';
import type { OperationContext } from '../operation.js';
import { createTokenAnswers, storeUnavailableAnswer, type TokenAnswer } from '../token-answers.js';
import { webProfileOfPersona } from './persona-web-profile.js';

/** The realm of the profile endpoint's bearer challenge (assumed, as on the OAuth host). */
const REALM = 'truecaller';

/**
 * The handler of `GET /v1/default`. Error answers are the named examples of `openapi.yaml`, prepared
 * once; a token's answer is prepared on first use and kept until what it was made from changes (the
 * engine drops it). So the hot path is a header read and a map look-up (and, for a token that expires,
 * a look at the clock). No bearer token, or an unknown one, gets the seen 401.
 */
export function createWebProfileRoute(context: OperationContext): RouteHandler {
  const { state, answers: common, clock } = context;
  const path = MOBILE_WEB_ENDPOINTS.webProfile;
  const errors = prepareErrors(context);
  const errorAnswer = (name: WebProfileScenarioName): PreparedResponse =>
    errors.get(name) as PreparedResponse;
  const faultBodies = readFaultBodies(context.document, path, 'get', FAULT_RESPONSES);
  const cache = context.cache<TokenAnswer>('webTokens');
  // Answers that depend on no token carry the global fault.
  const unauthorized = cache.shared(() =>
    withFault(errorAnswer('unauthorized'), state.fault, faultBodies, common),
  );

  function prepare(record: WebTokenRecord): TokenAnswer {
    const fault = record.fault ?? state.fault;
    return {
      answer: withFault(answerOf(record), fault, faultBodies, common),
      expiry:
        record.expiresAt === undefined
          ? undefined
          : { at: record.expiresAt, answer: withFault(errorAnswer('expired'), fault, faultBodies, common) },
    };
  }

  function answerOf(record: WebTokenRecord): PreparedResponse {
    if (record.scenario !== 'profile') return errorAnswer(record.scenario);
    const persona = state.get('personas', record.persona);
    // The control plane keeps a named persona from going; a token naming none is simply not valid.
    if (persona === undefined) return errorAnswer('unauthorized');
    const profile = webProfileOfPersona(persona);
    const strings = record.valuesAs === 'strings';
    return prepareJson(common, 200, strings ? withStringValues(profile) : profile, {
      scenario: strings ? 'profile-strings' : 'profile',
    });
  }

  const storeUnavailable = storeUnavailableAnswer(common, errorAnswer('server-error'));
  const answerToken = createTokenAnswers({
    collection: 'webTokens',
    state,
    cache,
    clock,
    prepare,
    unknown: unauthorized,
    storeUnavailable,
  });

  return function answerWebProfile(request) {
    const token = readBearerToken(headerValue(request, 'authorization'));
    return token === null ? unauthorized() : answerToken(token);
  };
}

/** Every error answer of the table, from its named example of `openapi.yaml`, prepared once. */
function prepareErrors({
  document,
  answers,
}: OperationContext): Map<WebProfileScenarioName, PreparedResponse> {
  const errors = new Map<WebProfileScenarioName, PreparedResponse>();
  const path = MOBILE_WEB_ENDPOINTS.webProfile;
  for (const scenario of WEB_PROFILE_SCENARIOS) {
    if (scenario.kind !== 'error') continue;
    const body = getExampleValue(document, path, 'get', scenario.status, scenario.example);
    // Assumed (RFC 6750 §3): a challenge without an error code, whatever was wrong with the credentials.
    const headers = scenario.status === 401 ? ['WWW-Authenticate', bearerChallenge(REALM)] : [];
    errors.set(
      scenario.name,
      prepareJson(answers, scenario.status, body, { scenario: scenario.name, headers }),
    );
  }
  return errors;
}
