/**
 * The controls of signed profiles on every door (a test double, not for production): `signProfile`, and
 * `setKeyEndpoint` for what `/v1/key` serves and answers.
 */
import { KitError } from '../../../src/errors.js';
import type { Fault } from '../../../src/faults.js';
import type { KeySetScenarioName } from '../../../src/operations/signed-profile/scenarios.js';
import type { SignedProfile } from '../../../src/operations/signed-profile/wire-types.js';
import type { ControlContext } from '../operation.js';
import { KEY_ENDPOINT_ID } from './key-endpoints.js';
import { serveRotationKey, type SignProfileInput, signProfileWith } from './sign-profile.js';

/** The state of `/v1/key` to set. Every field is optional; what is left out goes back to its default. */
export interface SetKeyEndpointInput {
  /** `keys` (default: the served keys), or `keys-server-error` (500). */
  scenario?: KeySetScenarioName;
  /** A fault its answers get instead of the global one (a 503, a delay, a dropped connection). Default: none. */
  fault?: Fault;
  /** The ids of the keys to serve (the others stop being served), listed in the order of the store. Default: unchanged. */
  served?: readonly string[];
  /**
   * `true`: a key rotation, the kit's rotation key served after the others (what `signProfile({ scenario:
   * 'key-rotation' })` starts); `false`: that key not served. Default: unchanged.
   */
  rotation?: boolean;
}

/** The controls of signed profiles, on every door. */
export interface SignedProfileControls {
  /**
   * A signed profile of a persona, as the SDK hands it to the app (`{ payload, signature,
   * signatureAlgorithm }`): signed with the first served key, `requestTime` the mock's clock in epoch
   * seconds; or, with `scenario`, one a backend must reject (`tampered-payload`, `unserved-key`, ...).
   *
   * @example
   * const profile = mock.signProfile({ persona: 'full-in', requestNonce: session.nonce });
   */
  readonly signProfile: (input?: SignProfileInput) => SignedProfile;
  /**
   * Sets what `GET /v1/key` answers: its scenario, its own fault, which keys it serves.
   *
   * @example
   * mock.setKeyEndpoint({ fault: { failure: 'service-unavailable' } }); // 503 from /v1/key alone
   */
  readonly setKeyEndpoint: (input?: SetKeyEndpointInput) => void;
}

/** The signed-profile controls of one mock. */
export function signedProfileControls(context: ControlContext): SignedProfileControls {
  return {
    signProfile: (input = {}) => signProfileWith(context, input),
    setKeyEndpoint: (input = {}) => setKeyEndpointWith(context, input),
  };
}

/** Stores the key endpoint's record and the keys' `served`, through the control plane's checks. */
export function setKeyEndpointWith(context: ControlContext, input: SetKeyEndpointInput): void {
  const { scenario = 'keys', fault, served, rotation } = input;
  const problems: string[] = [];
  const keys = [...context.state.values('profileKeys')];
  if (served !== undefined) {
    if (!Array.isArray(served)) problems.push('served: must be a list of key ids');
    else
      for (const id of served)
        if (!keys.some((key) => key.id === id))
          problems.push(`served: no key "${String(id)}" (there are ${keys.map((key) => key.id).join(', ')})`);
  }
  const endpoint = { id: KEY_ENDPOINT_ID, scenario, ...(fault === undefined ? {} : { fault }) };
  if (problems.length === 0) {
    const stored = context.put('keyEndpoints', endpoint);
    if (!stored.ok) problems.push(stored.problem);
  }
  if (problems.length > 0)
    throw new KitError('ERR_OPTIONS_INVALID', `setKeyEndpoint: ${problems.join('; ')}.`);
  if (served !== undefined)
    for (const key of keys) {
      const wanted = served.includes(key.id);
      if (key.served !== wanted) context.put('profileKeys', { ...key, served: wanted });
    }
  if (rotation !== undefined) serveRotationKey(context, rotation, 'setKeyEndpoint');
}
