/**
 * What `probe` checks of `GET /v1/userinfo`: its documented errors without credentials, and a profile
 * with a token (the team's, or the one the code exchange issued).
 */
import { randomBytes } from 'node:crypto';
import { isJsonObject } from '../../../src/clients/api-call.js';
import { ENDPOINTS } from '../../../src/endpoints.js';
import { getExampleValue, loadApiDocument } from '../../../src/openapi/api-document.js';
import { getResponseValidator } from '../../../src/openapi/response-validator.js';
import { getScenario, type ScenarioName } from '../../../src/operations/userinfo/scenarios.js';
import { CLAIMS_BY_SCOPE, type Scope } from '../../../src/scopes.js';
import {
  type Answer,
  check,
  collectSecrets,
  judgeCacheControl,
  judgeError,
  type Observe,
  type ProbeCheck,
  type ProbeContext,
  type ProbeCredentials,
  send,
  shape,
} from '../../probe/probe-checks.js';

/** Userinfo without an Authorization header and with an unknown token: the documented 401s. */
export async function probeUserInfoErrors(context: ProbeContext): Promise<ProbeCheck[]> {
  const withoutHeader = await check(
    context,
    `GET ${ENDPOINTS.userinfo} without Authorization`,
    send(context, 'GET', ENDPOINTS.userinfo),
    (answer, observe) => judgeUserInfoError(answer, 'not-bearer', observe),
  );
  const unknownToken = randomBytes(32).toString('base64url');
  const withUnknownToken = await check(
    context,
    `GET ${ENDPOINTS.userinfo} with an unknown token`,
    send(context, 'GET', ENDPOINTS.userinfo, { headers: { authorization: `Bearer ${unknownToken}` } }),
    (answer, observe) => judgeUserInfoError(answer, 'invalid', observe),
  );
  return [withoutHeader, withUnknownToken];
}

/** Userinfo with the team's token, when given: the documented profile (its scopes unknown). */
export async function probeUserInfoWithToken(
  context: ProbeContext,
  credentials: ProbeCredentials,
): Promise<ProbeCheck[]> {
  if (credentials.token === undefined) return [];
  return [await checkProfile(context, 'with the given token', credentials.token, undefined)];
}

/**
 * Userinfo with `token`, `how` it came (`with the issued token`): documented claims and types, and, when
 * the granted `scopes` are known, only their claims.
 */
export function checkProfile(
  context: ProbeContext,
  how: string,
  token: string,
  scopes: readonly Scope[] | undefined,
): Promise<ProbeCheck> {
  return check(
    context,
    `GET ${ENDPOINTS.userinfo} ${how}`,
    send(context, 'GET', ENDPOINTS.userinfo, { headers: { authorization: `Bearer ${token}` } }),
    (answer, observe) => judgeProfile(context, answer, scopes, observe),
  );
}

function judgeUserInfoError(answer: Answer, name: ScenarioName, observe: Observe): void {
  const scenario = getScenario(name);
  const example = getExampleValue(
    loadApiDocument(),
    ENDPOINTS.userinfo,
    'get',
    scenario.status,
    scenario.example,
  );
  judgeError(answer, scenario.status, example, observe);
  judgeCacheControl(answer, observe);
}

/** A userinfo 200: documented claims and types, and, when the granted scopes are known, only their claims. */
function judgeProfile(
  context: ProbeContext,
  answer: Answer,
  scopes: readonly Scope[] | undefined,
  observe: Observe,
): void {
  if (answer.status !== 200) {
    observe('documented', 'differs', `status ${answer.status}, documented 200`);
    return;
  }
  collectSecrets(context, answer.json);
  const problems = getResponseValidator().validateSchema('UserInfo', answer.json);
  observe(
    'documented',
    problems.length === 0 ? 'held' : 'differs',
    problems.length === 0 ? `status 200, claims ${shape(answer.json)}` : problems.join('; '),
  );
  judgeCacheControl(answer, observe);
  if (scopes === undefined) {
    observe('scope-claims', 'not-checked', 'the granted scopes are unknown');
    return;
  }
  if (!isJsonObject(answer.json)) {
    observe('scope-claims', 'not-checked', 'the answer holds no JSON object of claims');
    return;
  }
  const granted = new Set<string>(scopes.flatMap((scope) => CLAIMS_BY_SCOPE[scope]));
  const beyond = Object.keys(answer.json).filter((claim) => !granted.has(claim));
  observe(
    'scope-claims',
    beyond.length === 0 ? 'held' : 'differs',
    beyond.length === 0
      ? `claims within ${scopes.join(' ')}`
      : `claims beyond ${scopes.join(' ')}: ${beyond.join(', ')}`,
  );
}
