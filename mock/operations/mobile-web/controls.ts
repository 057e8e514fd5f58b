/**
 * What the mobile websites' sign-in adds to every door (a test double, not for production):
 * `registerWebToken` and `completeWebSignIn` from code, `POST /__admin/webSignIns` on the control plane,
 * and the `allowCallbackHosts` option.
 */
import { isIP } from 'node:net';
import { KitError } from '../../../src/errors.js';
import type { Fault } from '../../../src/faults.js';
import type { WebTokenScenarioName, WebValuesAs } from '../../../src/operations/mobile-web/scenarios.js';
import type { WebSignInInput, WebSignInResult } from '../../../src/operations/mobile-web/wire-types.js';
import type { RecordInput } from '../collection.js';
import type { AdminAction, ControlContext, OperationFlag, OperationOptions } from '../operation.js';
import { expiryOf, type RegisterCall, registerRecord } from '../registration.js';
import { normaliseHost } from './callback-target.js';
import { WEB_TOKEN_LIFETIME_SECONDS } from './web-tokens.js';
import { ALLOW_CALLBACK_HOSTS, completeWebSignIn } from './web-sign-in.js';

const REGISTER_WEB_TOKEN: RegisterCall = {
  name: 'registerWebToken',
  idField: 'token',
  errorCode: 'ERR_TOKEN_INVALID',
};

/** An access token of a mobile website's sign-in, for `GET /v1/default`. Every field is optional. */
export interface RegisterWebTokenInput {
  /** The token itself. Default: a random one. */
  token?: string;
  /** Whose web profile it answers with. Default: the built-in `full-in`. */
  persona?: string;
  /** Default `profile` (answer with the persona's web profile), or an error. */
  scenario?: WebTokenScenarioName;
  /** How a 200 writes the values typed two ways: `typed` (default, the documentation's table) or `strings` (its sample). */
  valuesAs?: WebValuesAs;
  /** Seconds until it expires on the mock's clock (then the 401). Default: 600, the documented 10 minutes. */
  expiresInSeconds?: number;
  /** A fault its answers get instead of the global one. */
  fault?: Fault;
}

/** The controls of the mobile websites' sign-in, on every door. */
export interface MobileWebControls {
  /**
   * Adds an access token of a mobile website's sign-in and returns it: `GET /v1/default` answers it with
   * its persona's web profile, or its scenario.
   *
   * @example
   * const token = mock.registerWebToken({ persona: 'no-email', valuesAs: 'strings' });
   */
  readonly registerWebToken: (input?: RegisterWebTokenInput) => string;
  /**
   * Does what Truecaller's server does once a user opened your page's deep link: posts
   * `{"requestId", "status": "flow_invoked"}` to your callback, then (for `outcome: 'approved'`, the
   * default) a new 10-minute token of `persona` and the `endpoint` of this mock's `/v1/default`, or the
   * `user_rejected` or `use_another_number` status. Resolves with what was sent and what your callback
   * answered. The callback URL must be loopback or a host of `allowCallbackHosts`: any other is refused
   * with `ERR_CALLBACK_REFUSED` before anything is sent.
   *
   * @example
   * const result = await mock.completeWebSignIn({ requestId: nonce, callbackUrl: 'http://127.0.0.1:3000/truecaller' });
   * expect(result.delivered).toBe(true);
   */
  readonly completeWebSignIn: (input: WebSignInInput) => Promise<WebSignInResult>;
}

/** The mobile websites' controls of one mock. */
export function mobileWebControls(context: ControlContext): MobileWebControls {
  return {
    registerWebToken(input = {}) {
      const { token, expiresInSeconds, ...fields } = input;
      const expiresAt = expiryOf(context, 'registerWebToken', expiresInSeconds, WEB_TOKEN_LIFETIME_SECONDS);
      return registerRecord(context, REGISTER_WEB_TOKEN, 'webTokens', { ...fields, id: token, expiresAt });
    },
    completeWebSignIn: (input) => completeWebSignIn(context, input),
  };
}

/** `POST /__admin/webSignIns`: `completeWebSignIn` on the control plane. */
export const WEB_SIGN_IN_ACTION: AdminAction = {
  name: 'webSignIns',
  async run(context, input: RecordInput) {
    try {
      const result = await completeWebSignIn(
        context,
        input as unknown as WebSignInInput,
        'POST /__admin/webSignIns',
      );
      return { status: 200, body: result };
    } catch (error) {
      if (!(error instanceof KitError)) throw error;
      const refused = error.code === 'ERR_CALLBACK_REFUSED';
      return {
        status: refused ? 403 : 400,
        body: { error: refused ? 'callback_refused' : 'invalid_request', error_description: error.message },
      };
    }
  },
};

/** What the mobile websites' sign-in adds to the options of `createMock` and `createMockServer`. */
export interface MobileWebOptions {
  /**
   * Hosts (names or IP addresses, no port) the mock may post callbacks to besides loopback: your
   * development domain, a staging host. Default: none.
   */
  allowCallbackHosts: readonly string[];
}

const HOST = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/;

/** `--allow-callback-host`, repeatable: the hosts of `allowCallbackHosts`. */
export const ALLOW_CALLBACK_HOST_FLAG: OperationFlag = {
  name: 'allow-callback-host',
  argument: '<host>',
  help: 'a host (besides loopback) the mock may post mobile-web sign-in callbacks to; repeatable',
  option: ALLOW_CALLBACK_HOSTS,
};

/** The option `allowCallbackHosts`: its default, its checks and its flag. */
export const MOBILE_WEB_OPTIONS: OperationOptions = {
  defaults: Object.freeze({ [ALLOW_CALLBACK_HOSTS]: Object.freeze([]) }),
  flags: [ALLOW_CALLBACK_HOST_FLAG],
  problems(options) {
    const hosts = options[ALLOW_CALLBACK_HOSTS];
    if (!Array.isArray(hosts))
      return [`${ALLOW_CALLBACK_HOSTS} must be a list of host names or IP addresses`];
    return hosts
      .filter((host) => typeof host !== 'string' || !(HOST.test(normaliseHost(host)) || isIpLiteral(host)))
      .map(
        (host) =>
          `${ALLOW_CALLBACK_HOSTS} (--${ALLOW_CALLBACK_HOST_FLAG.name}): ${JSON.stringify(host)} is not a host name or an IP address (no scheme, port, path or wildcard)`,
      );
  },
};

function isIpLiteral(host: string): boolean {
  return isIP(normaliseHost(host)) !== 0;
}
