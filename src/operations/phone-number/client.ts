import { fillPath } from '../../paths.js';
import { PHONE_NUMBER_CALLS, PHONE_NUMBER_PATTERN, type PhoneNumberSdk } from './calls.js';
import { callApi, invalid, isJsonObject, rejected } from '../../clients/api-call.js';

/** How `validatePhoneNumberToken` reaches the server. */
export interface PhoneNumberClientOptions {
  /** Where the call lives: the mock's URL in tests, `TRUECALLER_OTP_URL` in production. */
  baseUrl: string;
  /** The app's client id (the `clientId` header); with `sdk: '2.8'`, its app key (the `appKey` header). */
  clientId: string;
  /** Which documented form of the call: `'3'` (SDK 3.x, the default) or `'2.8'`. */
  sdk?: PhoneNumberSdk;
  /** The fetch to use (`mock.fetch`, a test's or an instrumented one); the global `fetch` by default. */
  fetch?: typeof fetch;
  /** Aborts the call. */
  signal?: AbortSignal;
}

/** What the validation call tells a backend about a user verified without the Truecaller app. */
export interface VerifiedPhoneNumber {
  /** Calling code and national number, digits only, whether the answer held a JSON number or a string. */
  phoneNumber: string;
  /** ISO 3166-1 alpha-2 (`IN`). */
  countryCode: string;
}

const DIGITS = new RegExp(PHONE_NUMBER_PATTERN);

/**
 * The reference client of the validation call of users verified without the Truecaller app (drop call
 * or OTP): sends the SDK's access token in the path and the partner credentials in the header, and
 * resolves with the phone number as a string (the documented answer holds a bare JSON number; a string
 * is read as well). Any other answer throws a `KitError` (see `api-call.ts`, the model every client
 * shares): `ERR_API_REJECTED` carrying `response.status` and the body's numeric `code` (404 invalid
 * partner credentials, 1404 invalid access token, 500) and `message`; `ERR_API_INVALID` for a 200 without
 * a phone number and a country; `ERR_API_UNREACHABLE` when no answer came.
 *
 * @example
 * try {
 *   const { phoneNumber } = await validatePhoneNumberToken(accessToken, { baseUrl: TRUECALLER_OTP_URL, clientId });
 * } catch (error) {
 *   if (error instanceof KitError && error.response?.code === 1404) await askToVerifyAgain();
 * }
 */
export async function validatePhoneNumberToken(
  accessToken: string,
  options: PhoneNumberClientOptions,
): Promise<VerifiedPhoneNumber> {
  const call = PHONE_NUMBER_CALLS[options.sdk ?? '3'];
  const url = new URL(fillPath(call.path, accessToken), options.baseUrl).href;
  const label = `GET ${url}`;
  const headers = { accept: 'application/json', [call.credentialHeader]: options.clientId };
  const send = options.fetch ?? fetch;
  const answer = await callApi(label, () =>
    send(url, { headers, ...(options.signal ? { signal: options.signal } : {}) }),
  );
  if (!answer.response.ok) throw rejected(label, answer);
  const body = answer.body;
  const phoneNumber = isJsonObject(body) ? digitsOf(body.phoneNumber) : undefined;
  if (!isJsonObject(body) || phoneNumber === undefined || typeof body.countryCode !== 'string') {
    throw invalid(label, answer, 'a phoneNumber (digits, as a number or a string) and a countryCode');
  }
  return { phoneNumber, countryCode: body.countryCode };
}

// A bare JSON number as documented, or the same digits as a string.
function digitsOf(value: unknown): string | undefined {
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  return typeof text === 'string' && DIGITS.test(text) ? text : undefined;
}
