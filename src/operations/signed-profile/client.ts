import { callApi, invalid, rejected } from '../../clients/api-call.js';
import { KitError } from '../../errors.js';
import { SIGNED_PROFILE_ENDPOINTS, TRUECALLER_KEYS_URL } from './endpoints.js';
import { SIGNATURE_ALGORITHM, verifiesWith } from './signing.js';
import type { PublicKeyEntry, SignedProfile, SignedProfilePayload } from './wire-types.js';

/** The age of `requestTime` public verifiers allow by default: ten minutes. */
export const DEFAULT_MAX_PROFILE_AGE_SECONDS = 600;

/** How `verifySignedProfile` fetches the keys and judges the payload. */
export interface VerifySignedProfileOptions {
  /** The nonce your backend issued for this sign-in: the payload's `requestNonce` must be it. */
  expectedNonce: string;
  /** Where the keys are: `https://api4.truecaller.com/v1/key` (the default), or the mock's `${url}/v1/key`. */
  keysUrl?: string;
  /** The fetch to use (`mock.fetch`, a test's); the global `fetch` by default (which MSW intercepts). */
  fetch?: typeof fetch;
  /** The oldest (and furthest ahead) `requestTime` accepted, in seconds; default 600. `null`: not checked. */
  maxAgeSeconds?: number | null;
  /** The time to judge `requestTime` against, epoch ms; default `Date.now()`. */
  now?: number;
  /** Aborts the key fetch. */
  signal?: AbortSignal;
}

/**
 * The kit's reference verifier of a signed profile (iOS TrueSDK, Android SDK 2.x), as Truecaller's docs
 * describe it: `signatureAlgorithm` must be `SHA512withRSA`; the keys are fetched from `/v1/key` and each
 * is tried in turn (the docs say loop; a key rotation serves two); the payload must decode to a JSON
 * object whose `requestNonce` is the nonce you issued and whose `requestTime` (epoch seconds) is at most
 * `maxAgeSeconds` away from now. Resolves with the decoded payload. Throws a `KitError`:
 * `ERR_SIGNATURE_ALGORITHM`, `ERR_SIGNATURE_INVALID` (no served key verifies it), `ERR_PAYLOAD_INVALID`,
 * `ERR_NONCE_MISMATCH`, `ERR_PROFILE_STALE`; and as every client of the kit does for the key fetch
 * (`api-call.ts`): `ERR_API_REJECTED` (a 500, a 503), `ERR_API_INVALID` (not an array of keys),
 * `ERR_API_UNREACHABLE` (no answer).
 *
 * @example
 * const payload = await verifySignedProfile(profileFromTheApp, { expectedNonce: session.nonce });
 * await signIn(payload.phoneNumber);
 */
export async function verifySignedProfile(
  profile: SignedProfile,
  options: VerifySignedProfileOptions,
): Promise<SignedProfilePayload> {
  if (profile.signatureAlgorithm !== SIGNATURE_ALGORITHM) {
    throw new KitError(
      'ERR_SIGNATURE_ALGORITHM',
      `The signed profile's signatureAlgorithm is ${JSON.stringify(profile.signatureAlgorithm)}, not ${SIGNATURE_ALGORITHM}.`,
    );
  }
  const keys = await fetchPublicKeys(options);
  if (!keys.some(({ key }) => verifiesWith(profile.payload, profile.signature, key))) {
    throw new KitError(
      'ERR_SIGNATURE_INVALID',
      `No key of the ${keys.length} served verifies the signed profile: its payload was changed, or another key signed it.`,
    );
  }
  const payload = decodePayload(profile.payload);
  if (payload.requestNonce !== options.expectedNonce) {
    throw new KitError(
      'ERR_NONCE_MISMATCH',
      `The signed profile's requestNonce ${JSON.stringify(payload.requestNonce)} is not the nonce issued (${JSON.stringify(options.expectedNonce)}).`,
    );
  }
  checkAge(payload, options);
  return payload;
}

/**
 * The keys of `/v1/key`, as the reference verifier reads them: a JSON array of `{ key, keyType }`.
 *
 * @example
 * const keys = await fetchPublicKeys({ keysUrl: `${mock.url}/v1/key` });
 */
export async function fetchPublicKeys(
  options: Pick<VerifySignedProfileOptions, 'keysUrl' | 'fetch' | 'signal'> = {},
): Promise<PublicKeyEntry[]> {
  const url = options.keysUrl ?? `${TRUECALLER_KEYS_URL}${SIGNED_PROFILE_ENDPOINTS.publicKeys}`;
  const label = `GET ${url}`;
  const send = options.fetch ?? fetch;
  const answer = await callApi(label, () =>
    send(url, {
      headers: { accept: 'application/json' },
      ...(options.signal ? { signal: options.signal } : {}),
    }),
  );
  if (!answer.response.ok) throw rejected(label, answer);
  const { body } = answer;
  const isKey = (entry: unknown): entry is PublicKeyEntry =>
    typeof entry === 'object' && entry !== null && typeof (entry as PublicKeyEntry).key === 'string';
  if (!Array.isArray(body) || !body.every(isKey))
    throw invalid(
      label,
      answer,
      'a JSON array of { key, keyType } (some code wrongly expects { keys: [...] })',
    );
  return body;
}

/** The JSON object `payload` (base64) holds; `ERR_PAYLOAD_INVALID` when it holds none. */
export function decodePayload(payload: string): SignedProfilePayload {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
  } catch (cause) {
    throw new KitError('ERR_PAYLOAD_INVALID', "The signed profile's payload is not base64 of JSON.", {
      cause,
    });
  }
  if (typeof decoded !== 'object' || decoded === null || Array.isArray(decoded))
    throw new KitError('ERR_PAYLOAD_INVALID', "The signed profile's payload is not base64 of a JSON object.");
  return decoded;
}

function checkAge(payload: SignedProfilePayload, options: VerifySignedProfileOptions): void {
  const maxAge =
    options.maxAgeSeconds === undefined ? DEFAULT_MAX_PROFILE_AGE_SECONDS : options.maxAgeSeconds;
  if (maxAge === null) return;
  const { requestTime } = payload;
  if (typeof requestTime !== 'number' || !Number.isFinite(requestTime)) {
    throw new KitError(
      'ERR_PROFILE_STALE',
      'The signed profile has no requestTime (epoch seconds) to judge its age by; pass maxAgeSeconds: null to accept it.',
    );
  }
  const ageSeconds = ((options.now ?? Date.now()) - requestTime * 1000) / 1000;
  if (Math.abs(ageSeconds) > maxAge) {
    const when =
      ageSeconds > 0 ? `${Math.round(ageSeconds)} s old` : `${Math.round(-ageSeconds)} s ahead of now`;
    throw new KitError(
      'ERR_PROFILE_STALE',
      `The signed profile's requestTime ${requestTime} is ${when}, more than the ${maxAge} s allowed (it is epoch seconds, not milliseconds).`,
    );
  }
}
