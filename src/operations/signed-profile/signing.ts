/**
 * How a signed profile is made and checked, byte for byte as the legacy SDKs do it: the payload is the
 * base64 of a JSON object, and the signature is SHA512withRSA (RSA PKCS#1 v1.5 over SHA-512) of the ASCII
 * bytes of that base64 string, not of the JSON (documented; the test vector of the reference shows it).
 */
import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';
import type { UserInfo } from '../../user-info.js';
import type { PublicKeyEntry, SignedProfile, SignedProfilePayload } from './wire-types.js';

/** The only `signatureAlgorithm` the SDKs document. */
export const SIGNATURE_ALGORITHM = 'SHA512withRSA';

/** The docs' nonce: 8 to 64 characters of URL-safe base64 (a UUID is one). */
export const REQUEST_NONCE_PATTERN = '^[A-Za-z0-9_-]{8,64}$';

/** A persona, as far as a payload is made from it. */
export interface PayloadPersona {
  /** ISO 3166-1 alpha-2 of the persona's phone number. */
  readonly country?: string | undefined;
  readonly claims: Readonly<UserInfo>;
}

/** The payload fields a persona holds, in the order real payloads list them (nonce and time first). */
export function payloadOfPersona(
  persona: PayloadPersona,
  request: { readonly requestNonce: string; readonly requestTime: number },
): SignedProfilePayload {
  const { claims } = persona;
  const country = persona.country ?? claims.phone_number_country_code;
  const payload: SignedProfilePayload = {
    requestNonce: request.requestNonce,
    requestTime: request.requestTime,
  };
  if (claims.phone_number !== undefined) payload.phoneNumber = `+${claims.phone_number}`;
  if (claims.given_name !== undefined) payload.firstName = claims.given_name;
  if (claims.family_name !== undefined) payload.lastName = claims.family_name;
  payload.gender = claims.gender === 'male' ? 'M' : claims.gender === 'female' ? 'F' : 'N';
  if (country !== undefined) payload.countryCode = country.toLowerCase();
  if (claims.email !== undefined) payload.email = claims.email;
  // Assumed: the personas' names are their own; no persona is an ambassador.
  payload.isTrueName = true;
  payload.isAmbassador = false;
  if (claims.picture !== undefined) payload.avatarUrl = claims.picture;
  if (claims.address?.locality !== undefined) payload.city = claims.address.locality;
  if (claims.address?.postal_code !== undefined) payload.zipcode = claims.address.postal_code;
  return payload;
}

/** The `payload` string of a decoded payload: base64 (with padding) of its JSON. */
export function encodePayload(payload: SignedProfilePayload): string {
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64');
}

/** The key `privateKey` (a PEM, or a key already read) names; throws when it is not a private key. */
export function privateKeyOf(privateKey: string | KeyObject): KeyObject {
  return typeof privateKey === 'string' ? createPrivateKey(privateKey) : privateKey;
}

/** The base64 SHA512withRSA signature of the ASCII bytes of `payload` (the base64 string). */
export function signPayload(payload: string, privateKey: string | KeyObject): string {
  return sign('sha512', Buffer.from(payload, 'ascii'), privateKeyOf(privateKey)).toString('base64');
}

/**
 * A signed profile of `payload`, as the SDK hands it to the app.
 *
 * @example
 * const profile = signProfilePayload({ requestNonce: 'n0nce-123', requestTime: 1767225600 }, KIT_TEST_PRIVATE_KEY);
 */
export function signProfilePayload(
  payload: SignedProfilePayload,
  privateKey: string | KeyObject,
): SignedProfile {
  const encoded = encodePayload(payload);
  return {
    payload: encoded,
    signature: signPayload(encoded, privateKey),
    signatureAlgorithm: SIGNATURE_ALGORITHM,
  };
}

/** The `/v1/key` entry of a key (its public half): base64 of the DER SubjectPublicKeyInfo, `keyType: RSA`. */
export function publicKeyEntry(privateKey: string | KeyObject): PublicKeyEntry {
  const der = createPublicKey(privateKeyOf(privateKey)).export({ format: 'der', type: 'spki' });
  return { key: der.toString('base64'), keyType: 'RSA' };
}

/** Whether `signature` (base64) is a SHA512withRSA signature of `payload` by the key of entry `key`; false for a key that cannot be read. */
export function verifiesWith(payload: string, signature: string, key: string): boolean {
  try {
    const publicKey = createPublicKey({ key: Buffer.from(key, 'base64'), format: 'der', type: 'spki' });
    return verify('sha512', Buffer.from(payload, 'ascii'), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}
