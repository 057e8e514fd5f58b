/**
 * Truecaller's side of a mobile website's sign-in (a test double, not for production): once the user
 * opened the deep link, Truecaller's server posts `flow_invoked` to the partner's callback, then the
 * access token and the profile endpoint (approved), or `user_rejected`, or `use_another_number`.
 */
import { KitError } from '../../../src/errors.js';
import { TRUECALLER_OAUTH_URL } from '../../../src/hosts.js';
import {
  MOBILE_WEB_ENDPOINTS,
  TRUECALLER_PROFILE_URL,
} from '../../../src/operations/mobile-web/endpoints.js';
import type {
  WebCallbackBody,
  WebCallbackDelivery,
  WebSignInInput,
  WebSignInOutcome,
  WebSignInResult,
} from '../../../src/operations/mobile-web/wire-types.js';
import { DEFAULT_PERSONA } from '../../../src/user-info.js';
import { TOKEN_PATTERN } from '../../http/authorization.js';
import type { ControlContext } from '../operation.js';
import { registerRecord } from '../registration.js';
import {
  DEFAULT_DELIVERY_RULES,
  deliverCallback,
  DELIVERY_RULE_LIMITS,
  type DeliveryRules,
} from './callback-delivery.js';
import { resolveCallbackTarget } from './callback-target.js';

/** What the user may do in the Truecaller app. */
export const WEB_SIGN_IN_OUTCOMES: readonly WebSignInOutcome[] = Object.freeze([
  'approved',
  'user_rejected',
  'use_another_number',
]);

/** The name of the option listing the hosts, besides loopback, callbacks may go to. */
export const ALLOW_CALLBACK_HOSTS = 'allowCallbackHosts';

/**
 * Completes a sign-in: checks the input and the callback URL (refused with `ERR_CALLBACK_REFUSED` before
 * anything is sent), makes the access token of an approved sign-in (so a bad persona fails first too),
 * then posts the handshake and, once the partner acknowledged it with a 2xx, the outcome's body.
 */
export async function completeWebSignIn(
  context: ControlContext,
  input: WebSignInInput,
  call = 'completeWebSignIn',
): Promise<WebSignInResult> {
  const { requestId, callbackUrl, outcome, rules } = checkInput(input, call);
  const target = await resolveCallbackTarget(callbackUrl, allowedHosts(context));
  const accessToken =
    outcome !== 'approved'
      ? null
      : (input.accessToken ??
        registerRecord(
          context,
          { name: call, idField: 'accessToken', errorCode: 'ERR_TOKEN_INVALID' },
          'webTokens',
          { persona: input.persona ?? DEFAULT_PERSONA },
        ));
  const endpoint = accessToken === null ? null : endpointUrl(context.baseUrl());
  // The partner fetches the profile at once, maybe from another replica: the token is shared first.
  if (accessToken !== null) await context.synced();
  const callbacks: WebCallbackDelivery[] = [
    await deliverCallback(target, { requestId, status: 'flow_invoked' }, rules),
  ];
  // The partner did not take the handshake: Truecaller would not go on with the flow (assumed).
  if (callbacks[0]?.delivered === true) {
    const body: WebCallbackBody =
      accessToken === null || endpoint === null
        ? { requestId, status: outcome as Exclude<WebSignInOutcome, 'approved'> }
        : { requestId, accessToken, endpoint };
    callbacks.push(await deliverCallback(target, body, rules));
  }
  const posted = callbacks.length === 2;
  return {
    requestId,
    callbackUrl,
    outcome,
    accessToken: posted ? accessToken : null,
    endpoint: posted ? endpoint : null,
    callbacks,
    delivered: posted && callbacks.every((delivery) => delivery.delivered),
  };
}

/**
 * The `endpoint` posted with a token: the mock's own `/v1/default` on a port; in-process (where the base
 * URL is the OAuth host the doors intercept) the documented profile4 URL, which they intercept too.
 */
export function endpointUrl(baseUrl: string): string {
  const base = baseUrl === '' || baseUrl === TRUECALLER_OAUTH_URL ? TRUECALLER_PROFILE_URL : baseUrl;
  return `${base}${MOBILE_WEB_ENDPOINTS.webProfile}`;
}

function allowedHosts(context: ControlContext): readonly string[] {
  return (context.options[ALLOW_CALLBACK_HOSTS] as readonly string[] | undefined) ?? [];
}

// Printable characters only: a request id is echoed in every body and in messages.
const REQUEST_ID = /^[\x20-\x7e]{1,256}$/;
const TOKEN = new RegExp(TOKEN_PATTERN);

interface CheckedInput {
  readonly requestId: string;
  readonly callbackUrl: string;
  readonly outcome: WebSignInOutcome;
  readonly rules: Readonly<DeliveryRules>;
}

/** The input, checked at once: every problem named in one `ERR_OPTIONS_INVALID`. */
function checkInput(input: WebSignInInput, call: string): CheckedInput {
  const given = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const problems: string[] = [];
  const known = ['requestId', 'callbackUrl', 'persona', 'outcome', 'accessToken', 'delivery'];
  for (const key of Object.keys(given))
    if (!known.includes(key)) problems.push(`unknown field "${key}" (it takes ${known.join(', ')})`);
  if (typeof given.requestId !== 'string' || !REQUEST_ID.test(given.requestId))
    problems.push('requestId must be the deep link\u2019s requestNonce: 1 to 256 printable ASCII characters');
  if (typeof given.callbackUrl !== 'string') problems.push('callbackUrl must be a URL, a string');
  const outcome = given.outcome ?? 'approved';
  if (!WEB_SIGN_IN_OUTCOMES.includes(outcome as WebSignInOutcome))
    problems.push(
      `outcome must be one of ${WEB_SIGN_IN_OUTCOMES.join(', ')}, got ${JSON.stringify(outcome)}`,
    );
  if (given.persona !== undefined && typeof given.persona !== 'string')
    problems.push('persona must be a persona id');
  const token = given.accessToken;
  if (token !== undefined && (typeof token !== 'string' || token.length > 512 || !TOKEN.test(token)))
    problems.push('accessToken must be a bearer token (RFC 6750 b64token, at most 512 characters)');
  const rules = deliveryRules(given.delivery, problems);
  if (problems.length > 0) throw new KitError('ERR_OPTIONS_INVALID', `${call}: ${problems.join('; ')}.`);
  return {
    requestId: given.requestId as string,
    callbackUrl: given.callbackUrl as string,
    outcome: outcome as WebSignInOutcome,
    rules,
  };
}

function deliveryRules(given: unknown, problems: string[]): Readonly<DeliveryRules> {
  if (given === undefined) return DEFAULT_DELIVERY_RULES;
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    problems.push('delivery must be an object: { timeoutMs, retries, retryDelayMs }');
    return DEFAULT_DELIVERY_RULES;
  }
  const rules: Record<string, number> = { ...DEFAULT_DELIVERY_RULES };
  for (const [key, value] of Object.entries(given as Record<string, unknown>)) {
    const limits = DELIVERY_RULE_LIMITS[key as keyof DeliveryRules] as readonly [number, number] | undefined;
    if (limits === undefined)
      problems.push(`delivery.${key}: unknown (it takes timeoutMs, retries, retryDelayMs)`);
    else if (!Number.isInteger(value) || (value as number) < limits[0] || (value as number) > limits[1])
      problems.push(`delivery.${key} must be a whole number from ${limits[0]} to ${limits[1]}`);
    else rules[key] = value as number;
  }
  return rules as unknown as DeliveryRules;
}
