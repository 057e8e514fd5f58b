import { USERINFO_ENDPOINTS } from './endpoints.js';
import type { UserInfo } from '../../user-info.js';
import { callApi, invalid, isJsonObject, rejected } from '../../clients/api-call.js';

/** How `getUserInfo` reaches the server. */
export interface UserInfoClientOptions {
  /** Where the API lives: the mock's URL in tests, `https://oauth-account-noneu.truecaller.com` in production. */
  baseUrl: string;
  /** The fetch to use (`mock.fetch`, a test's or an instrumented one); the global `fetch` by default. */
  fetch?: typeof fetch;
  /** Aborts the call. */
  signal?: AbortSignal;
}

/**
 * The reference client of `GET /v1/userinfo`: sends `Authorization: Bearer <token>` and resolves with the
 * profile. Any other answer throws a `KitError` (see `api-call.ts`, the model every client shares):
 * `ERR_API_REJECTED` carrying `response` (status, OAuth `error`, parsed `WWW-Authenticate`),
 * `ERR_API_INVALID` for a 200 that is not a JSON object, `ERR_API_UNREACHABLE` when no answer came. A
 * `null` token sends no `Authorization` header at all.
 *
 * @example
 * try {
 *   const profile = await getUserInfo(accessToken, { baseUrl: 'http://127.0.0.1:4010' });
 * } catch (error) {
 *   if (error instanceof KitError && error.response?.status === 401) await refreshLogin();
 * }
 */
export async function getUserInfo(token: string | null, options: UserInfoClientOptions): Promise<UserInfo> {
  const url = new URL(USERINFO_ENDPOINTS.userinfo, options.baseUrl).href;
  const label = `GET ${url}`;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const send = options.fetch ?? fetch;
  const answer = await callApi(label, () =>
    send(url, { headers, ...(options.signal ? { signal: options.signal } : {}) }),
  );
  if (!answer.response.ok) throw rejected(label, answer);
  if (!isJsonObject(answer.body)) throw invalid(label, answer, 'a JSON object');
  return answer.body;
}
