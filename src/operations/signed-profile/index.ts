/**
 * Signed profiles of the legacy flows (iOS TrueSDK, Android SDK 2.x): the payload, signature and algorithm
 * the app hands its backend, and `GET /v1/key` on `TRUECALLER_KEYS_URL`, the keys they verify with
 * (documented).
 */
import { defineOperation } from '../operation.js';
import { SIGNED_PROFILE_ENDPOINTS, TRUECALLER_KEYS_URL } from './endpoints.js';
import { SIGNED_PROFILE_SCENARIOS } from './scenarios.js';

/** Signed profiles and their keys, as the list of operations holds them. */
export const SIGNED_PROFILE = defineOperation({
  name: 'signed-profile',
  summary: 'GET /v1/key: the keys the signed profiles of iOS and SDK 2.x apps verify with',
  host: TRUECALLER_KEYS_URL,
  endpoints: SIGNED_PROFILE_ENDPOINTS,
  scenarios: SIGNED_PROFILE_SCENARIOS.map((scenario) => ({
    name: scenario.name,
    status: scenario.status,
    simulates: scenario.simulates,
    documented: scenario.documented,
    // No credential reaches a scenario: a profile is signed on demand, the key endpoint has one record.
    builtIn: null,
    assignable: scenario.kind === 'key-set',
    providerState: scenario.providerState,
    example: scenario.example,
  })),
});

export { SIGNED_PROFILE_ENDPOINTS, TRUECALLER_KEYS_URL } from './endpoints.js';
export {
  getSignedProfileScenario,
  KEY_SET_SCENARIO_NAMES,
  PROFILE_SCENARIO_NAMES,
  SIGNED_PROFILE_SCENARIOS,
  STALE_PROFILE_AGE_SECONDS,
  type KeySetScenarioName,
  type ProfileScenarioName,
  type SignedProfileScenario,
  type SignedProfileScenarioKind,
  type SignedProfileScenarioName,
} from './scenarios.js';
export {
  encodePayload,
  payloadOfPersona,
  publicKeyEntry,
  REQUEST_NONCE_PATTERN,
  SIGNATURE_ALGORITHM,
  signPayload,
  signProfilePayload,
  verifiesWith,
  type PayloadPersona,
} from './signing.js';
export {
  KIT_ROTATION_KEY_ID,
  KIT_ROTATION_PRIVATE_KEY,
  KIT_TEST_KEY_ID,
  KIT_TEST_PRIVATE_KEY,
  KIT_UNSERVED_PRIVATE_KEY,
} from './test-keys.js';
export {
  decodePayload,
  DEFAULT_MAX_PROFILE_AGE_SECONDS,
  fetchPublicKeys,
  verifySignedProfile,
  type VerifySignedProfileOptions,
} from './client.js';
export type {
  KeyEndpointErrorBody,
  KeyEndpointRecord,
  ProfileKeyRecord,
  PublicKeyEntry,
  SignedProfile,
  SignedProfilePayload,
  SignedProfileStoreData,
} from './wire-types.js';
