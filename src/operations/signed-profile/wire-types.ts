/** The shapes of signed profiles and their keys that cross the wire, and the records the control plane serves. */
import type { Fault } from '../../faults.js';
import type { KeySetScenarioName } from './scenarios.js';

/** One entry of `GET /v1/key` (the `PublicKey` schema): documented as `{ "key": ..., "keyType": "RSA" }`. */
export interface PublicKeyEntry {
  /** Base64 of the DER of an X.509 SubjectPublicKeyInfo (what `openssl rsa -pubout -outform DER` writes). */
  key: string;
  /** `RSA`. */
  keyType: string;
}

/** An error body of `GET /v1/key` (the `KeysError` schema, the `{code, message}` shape seen on its host). */
export interface KeyEndpointErrorBody {
  code: number;
  message: string;
}

/**
 * A signed profile as the SDK hands it to the app, and the app to its backend (the `SignedProfile`
 * schema): the three strings, unchanged.
 */
export interface SignedProfile {
  /** Base64 of the JSON of `SignedProfilePayload`: the signed bytes are this string's, not the JSON's. */
  payload: string;
  /** Base64 of the SHA512withRSA (PKCS#1 v1.5) signature of the ASCII bytes of `payload`. */
  signature: string;
  /** `SHA512withRSA` (documented); the iOS SDK once sent an empty string (seen). */
  signatureAlgorithm: string;
}

/**
 * What `payload` decodes to (the `SignedProfilePayload` schema): the documented fields, each optional
 * because real samples leave some out (one has no `requestTime`).
 */
export interface SignedProfilePayload {
  /** The nonce the app passed to the SDK (docs: 8 to 64 URL-safe characters). */
  requestNonce?: string;
  /** When the profile was requested, epoch **seconds**. */
  requestTime?: number;
  /** With `+` and the calling code: `+918146814184`. */
  phoneNumber?: string;
  firstName?: string;
  lastName?: string;
  /** `M`, `F` or `N` (not set). */
  gender?: string;
  /** ISO 3166-1 alpha-2, lower case: `in`. */
  countryCode?: string;
  email?: string;
  isTrueName?: boolean;
  isAmbassador?: boolean;
  avatarUrl?: string;
  street?: string;
  city?: string;
  zipcode?: string;
  companyName?: string;
  jobTitle?: string;
  /** SDK 2.x: HMAC-SHA256 of the app's package name with the app key as secret. */
  verifier?: string;
}

/** One key of the mock's signed profiles: its private half (a test double's), and whether `/v1/key` serves it. */
export interface ProfileKeyRecord {
  id: string;
  /** PKCS#8 PEM of an RSA private key: the kit's TEST key, a configured one or one made for the process. */
  privateKey: string;
  /** Whether `/v1/key` lists its public half (in the order of the store). */
  served: boolean;
}

/** The state of `GET /v1/key` in the mock: what it answers, and its own fault. */
export interface KeyEndpointRecord {
  id: string;
  /** `keys` (the served keys) or `keys-server-error` (500). */
  scenario: KeySetScenarioName;
  /** Replaces the global fault for the key endpoint's answers. */
  fault?: Fault;
}

/** The collections of the store signed profiles own. */
export interface SignedProfileStoreData {
  /** The keys profiles are signed with, served or not. */
  profileKeys: ProfileKeyRecord[];
  /** The state of the key endpoint (one record). */
  keyEndpoints: KeyEndpointRecord[];
}
