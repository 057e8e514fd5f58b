/**
 * `GET /v1/userinfo` of the mock (a test double, not for production): the heart of the kit. It answers
 * by bearer token with the named examples of `openapi.yaml`, or with the persona's claims filtered by
 * the token's scopes.
 */
import { USERINFO_ENDPOINTS } from '../../../src/operations/userinfo/endpoints.js';
import { FAULT_RESPONSES } from '../../../src/faults.js';
import { getExampleValue } from '../../../src/openapi/api-document.js';
import { SCENARIOS, type ScenarioName } from '../../../src/operations/userinfo/scenarios.js';
import type { TokenRecord } from '../../../src/operations/userinfo/wire-types.js';
import { filterClaimsByScopes } from '../../../src/scopes.js';
import type { ErrorBody } from '../../../src/wire-types.js';
import { readBearerToken } from '../../http/authorization.js';
import { readFaultBodies, withFault } from '../../http/faults.js';
import { headerValue } from '../../http/mock-request.js';
import { bearerChallenge, type PreparedResponse, prepareJson, withDelay } from '../../http/responses.js';
import type { RouteHandler } from '../../routes/route-context.js';
import type { OperationContext } from '../operation.js';
import { createTokenAnswers, storeUnavailableAnswer, type TokenAnswer } from '../token-answers.js';
import { tokenOutcome } from './token-outcome.js';

/** The realm of the mock's bearer challenges. */
export const REALM = 'truecaller';

/**
 * The handler of `GET /v1/userinfo`. Error answers are the named examples of `openapi.yaml`, prepared
 * once; a token's answer is prepared on first use and kept until what it was made from changes (the
 * engine drops it). So the hot path is a header match and a map look-up (and, for issued tokens only, a
 * look at the clock).
 */
export function createUserInfoRoute(context: OperationContext): RouteHandler {
  const { state, answers: common, clock } = context;
  const errors = prepareErrors(context);
  const errorAnswer = (name: ScenarioName): PreparedResponse => errors.get(name) as PreparedResponse;
  const faultBodies = readFaultBodies(context.document, USERINFO_ENDPOINTS.userinfo, 'get', FAULT_RESPONSES);
  const cache = context.cache<TokenAnswer>('tokens');
  // Answers that depend on no token carry the global fault.
  const notBearer = cache.shared(() =>
    withFault(errorAnswer('not-bearer'), state.fault, faultBodies, common),
  );
  const invalid = cache.shared(() => withFault(errorAnswer('invalid'), state.fault, faultBodies, common));

  // A token's own delay and fault (or the global fault) on top of an answer.
  function withTokenFault(answer: PreparedResponse, record: TokenRecord): PreparedResponse {
    return withFault(
      withDelay(answer, record.delayMs ?? 0),
      record.fault ?? state.fault,
      faultBodies,
      common,
    );
  }

  function prepare(record: TokenRecord): TokenAnswer {
    const outcome = tokenOutcome(record, state);
    const answer =
      outcome.scenario === 'valid'
        ? prepareJson(common, 200, filterClaimsByScopes(outcome.persona.claims, record.scopes), {
            scenario: 'valid',
          })
        : errorAnswer(outcome.scenario);
    return {
      answer: withTokenFault(answer, record),
      expiry:
        record.expiresAt === undefined
          ? undefined
          : { at: record.expiresAt, answer: withTokenFault(errorAnswer('expired'), record) },
    };
  }

  const storeUnavailable = storeUnavailableAnswer(common, errorAnswer('server-error'));
  const answerToken = createTokenAnswers({
    collection: 'tokens',
    state,
    cache,
    clock,
    prepare,
    unknown: invalid,
    storeUnavailable,
  });

  return function answerUserInfo(request) {
    const token = readBearerToken(headerValue(request, 'authorization'));
    return token === null ? notBearer() : answerToken(token);
  };
}

/** The body of a prepared JSON answer. */
/** Every error answer of the table, from its named example of `openapi.yaml`, prepared once. */
function prepareErrors({ document, answers }: OperationContext): Map<ScenarioName, PreparedResponse> {
  const errors = new Map<ScenarioName, PreparedResponse>();
  for (const scenario of SCENARIOS) {
    if (scenario.kind === 'profile') continue;
    const path = USERINFO_ENDPOINTS.userinfo;
    const body = getExampleValue(document, path, 'get', scenario.status, scenario.example) as ErrorBody;
    const challenge = scenario.kind === 'header' ? bearerChallenge(REALM) : bearerChallenge(REALM, body);
    const headers = scenario.status === 401 ? ['WWW-Authenticate', challenge] : [];
    errors.set(
      scenario.name,
      prepareJson(answers, scenario.status, body, { scenario: scenario.name, headers }),
    );
  }
  return errors;
}
