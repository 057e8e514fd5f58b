import { KitError } from '../../errors.js';
import { callApi, invalid, isJsonObject, rejected } from '../../clients/api-call.js';
import type { WebProfile } from './wire-types.js';

/** How `getWebProfile` reaches the server. */
export interface WebProfileClientOptions {
  /**
   * The `endpoint` Truecaller posted to your callback with the token (in production
   * `https://profile4-noneu.truecaller.com/v1/default`; the mock's own URL in tests). Check its host
   * against those you trust before calling it: the callback's body is only as trustworthy as its sender.
   */
  endpoint: string;
  /** The fetch to use (`mock.fetch`, a test's or an instrumented one); the global `fetch` by default. */
  fetch?: typeof fetch;
  /** Aborts the call. */
  signal?: AbortSignal;
}

/**
 * The reference client of a mobile website's profile fetch: sends `Authorization: Bearer <accessToken>`
 * (and `Cache-Control: no-cache`, as the documented cURL does) to the callback's `endpoint` and resolves
 * with the profile. Any other answer throws a `KitError` (see `api-call.ts`, the model every client
 * shares): `ERR_API_REJECTED` carrying `response.status` and the body's numeric `status` as
 * `response.code` (`40101` for credentials that are not valid) and its `message`; `ERR_API_INVALID` for a
 * 200 without an `id` and a list of `phoneNumbers`; `ERR_API_UNREACHABLE` when no answer came.
 *
 * @example
 * try {
 *   const profile = await getWebProfile(body.accessToken, { endpoint: body.endpoint });
 * } catch (error) {
 *   if (error instanceof KitError && error.response?.status === 401) await askToSignInAgain();
 * }
 */
export async function getWebProfile(
  accessToken: string,
  options: WebProfileClientOptions,
): Promise<WebProfile> {
  const url = new URL(options.endpoint).href;
  const label = `GET ${url}`;
  const headers = {
    accept: 'application/json',
    authorization: `Bearer ${accessToken}`,
    'cache-control': 'no-cache',
  };
  const send = options.fetch ?? fetch;
  const answer = await callApi(label, () =>
    send(url, { headers, ...(options.signal ? { signal: options.signal } : {}) }),
  );
  if (!answer.response.ok) throw withBodyStatus(rejected(label, answer), answer.body);
  const body = answer.body;
  if (!isJsonObject(body) || typeof body.id !== 'string' || !Array.isArray(body.phoneNumbers))
    throw invalid(label, answer, 'an id and a list of phoneNumbers');
  return body as unknown as WebProfile;
}

// The profile endpoint's error body carries its code as `status` (`{"status": 40101, ...}`), not `code`.
function withBodyStatus(error: KitError, body: unknown): KitError {
  const code = isJsonObject(body) ? body.status : undefined;
  if (error.response === undefined || !Number.isInteger(code) || error.response.code !== undefined)
    return error;
  const message = error.response.message === undefined ? '' : `: ${error.response.message}`;
  const text = error.message.replace(/ answered (\d+)$/, ` answered $1 status ${String(code)}${message}`);
  return new KitError(error.code, text, { response: { ...error.response, code: code as number } });
}
