import type { IncomingMessage } from 'node:http';
import type { OpenAPIV3_1 } from 'openapi-types';
import { FAULT_RESPONSES } from '../../src/faults.js';
import { getExampleValue } from '../../src/openapi/api-document.js';
import { SCENARIOS, type ScenarioName } from '../../src/scenarios.js';
import { filterClaimsByScopes } from '../../src/scopes.js';
import { readBearerToken } from '../http/authorization.js';
import { readFaultBodies, withFault } from '../http/faults.js';
import {
  bearerChallenge,
  type PreparedResponse,
  prepareJson,
  type ResponseContext,
  withDelay,
} from '../http/responses.js';
import type { Clock } from '../state/clock.js';
import type { MockStore } from '../state/store.js';
import type { TokenRecord } from '../../src/wire-types.js';
import { tokenOutcome } from './token-outcome.js';
import { ENDPOINTS } from '../../src/endpoints.js';

/** The realm of the mock's bearer challenges. */
export const REALM = 'truecaller';

interface ErrorBody {
  error: string;
  error_description: string;
}

// Only tokens issued by POST /v1/token carry `expiresAt`; the others never pay for a clock read.
interface CachedAnswer {
  readonly answer: PreparedResponse;
  /** For an issued token: when it expires, and the documented 401 `expired` (with its own fault) from then on. */
  readonly expiry: { readonly at: number; readonly answer: PreparedResponse } | undefined;
}

/**
 * The answer to `GET /v1/userinfo`, by bearer token. Error answers are the named examples of
 * `openapi.yaml`, prepared once; a token's profile answer is prepared on first use and kept until the
 * store changes. So the hot path is a header match and a map look-up (and, for issued tokens only, a
 * look at the clock).
 */
export function createUserInfoRoute(
  store: MockStore,
  document: OpenAPIV3_1.Document,
  context: ResponseContext,
  clock: Clock,
): (request: IncomingMessage) => PreparedResponse {
  const errors = new Map<ScenarioName, PreparedResponse>();
  for (const scenario of SCENARIOS) {
    if (scenario.kind === 'profile') continue;
    const body = getExampleValue(
      document,
      ENDPOINTS.userinfo,
      'get',
      scenario.status,
      scenario.example,
    ) as ErrorBody;
    const challenge = scenario.kind === 'header' ? bearerChallenge(REALM) : bearerChallenge(REALM, body);
    const headers = scenario.status === 401 ? ['WWW-Authenticate', challenge] : [];
    errors.set(
      scenario.name,
      prepareJson(context, scenario.status, body, { scenario: scenario.name, headers }),
    );
  }
  const errorAnswer = (name: ScenarioName): PreparedResponse => errors.get(name) as PreparedResponse;
  const faultBodies = readFaultBodies(document, ENDPOINTS.userinfo, 'get', FAULT_RESPONSES);
  // Answers that depend on no token carry the global fault; rebuilt, like the cache, when the store changes.
  let notBearer = errorAnswer('not-bearer');
  let invalid = errorAnswer('invalid');

  const answers = new Map<string, CachedAnswer>();
  let answersVersion = -1;

  function prepareAnswer(record: TokenRecord): PreparedResponse {
    const outcome = tokenOutcome(record, store);
    const answer =
      outcome.scenario === 'valid'
        ? prepareJson(context, 200, filterClaimsByScopes(outcome.persona.claims, record.scopes), {
            scenario: 'valid',
          })
        : errorAnswer(outcome.scenario);
    return withTokenFault(answer, record);
  }

  // A token's own delay and fault (or the global fault) on top of an answer.
  function withTokenFault(answer: PreparedResponse, record: TokenRecord): PreparedResponse {
    return withFault(
      withDelay(answer, record.delayMs ?? 0),
      record.fault ?? store.data.fault,
      faultBodies,
      context,
    );
  }

  return function answerUserInfo(request) {
    if (answersVersion !== store.version) {
      answers.clear();
      answersVersion = store.version;
      notBearer = withFault(errorAnswer('not-bearer'), store.data.fault, faultBodies, context);
      invalid = withFault(errorAnswer('invalid'), store.data.fault, faultBodies, context);
    }
    const token = readBearerToken(request.headers.authorization);
    if (token === null) return notBearer;
    let cached = answers.get(token);
    if (cached === undefined) {
      const record = store.findToken(token);
      // Unknown tokens are not remembered: a client sending random tokens must not grow the cache.
      if (record === undefined) return invalid;
      cached = {
        answer: prepareAnswer(record),
        expiry:
          record.expiresAt === undefined
            ? undefined
            : { at: record.expiresAt, answer: withTokenFault(errorAnswer('expired'), record) },
      };
      answers.set(token, cached);
    }
    if (cached.expiry !== undefined && clock.now() >= cached.expiry.at) return cached.expiry.answer;
    return cached.answer;
  };
}
