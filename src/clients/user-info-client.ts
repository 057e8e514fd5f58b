import { KitError, type KitErrorResponse } from '../errors.js';
import { type UserInfo } from '../user-info.js';
import { parseChallenge } from '../www-authenticate.js';
import { ENDPOINTS } from '../endpoints.js';

/** How `getUserInfo` reaches the server. */
export interface UserInfoClientOptions {
  /** Where the API lives: the mock's URL in tests, `https://oauth-account-noneu.truecaller.com` in production. */
  baseUrl: string;
  /** The fetch to use (a test's or an instrumented one); the global `fetch` by default. */
  fetch?: typeof fetch;
  /** Aborts the call. */
  signal?: AbortSignal;
}

/**
 * The reference client of `GET /v1/userinfo`: sends `Authorization: Bearer <token>` and resolves with the
 * profile. Any other answer throws a `KitError`: `ERR_USERINFO_REJECTED` carrying `response` (status,
 * OAuth `error`, parsed `WWW-Authenticate`), `ERR_USERINFO_INVALID` for a 200 that is not a JSON object,
 * `ERR_USERINFO_UNREACHABLE` when no answer came. A `null` token sends no `Authorization` header at all.
 *
 * @example
 * try {
 *   const profile = await getUserInfo(accessToken, { baseUrl: 'http://127.0.0.1:4010' });
 * } catch (error) {
 *   if (error instanceof KitError && error.response?.status === 401) await refreshLogin();
 * }
 */
export async function getUserInfo(token: string | null, options: UserInfoClientOptions): Promise<UserInfo> {
  const url = new URL(ENDPOINTS.userinfo, options.baseUrl).href;
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token !== null) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, {
      headers,
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new KitError('ERR_USERINFO_UNREACHABLE', `GET ${url} got no answer: ${reason}.`, { cause });
  }
  const text = await response.text();
  const body = parseJson(text);
  if (response.ok) {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      throw new KitError(
        'ERR_USERINFO_INVALID',
        `GET ${url} answered ${response.status} without a JSON object: ${text.slice(0, 200)}`,
      );
    }
    return body;
  }
  const details = rejection(response, body);
  const reason = details.error
    ? ` ${details.error}${details.errorDescription ? `: ${details.errorDescription}` : ''}`
    : '';
  throw new KitError('ERR_USERINFO_REJECTED', `GET ${url} answered ${response.status}${reason}`, {
    response: details,
  });
}

function rejection(response: Response, body: unknown): KitErrorResponse {
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const challenge = parseChallenge(response.headers.get('www-authenticate'));
  return {
    status: response.status,
    ...(typeof fields.error === 'string' ? { error: fields.error } : {}),
    ...(typeof fields.error_description === 'string' ? { errorDescription: fields.error_description } : {}),
    ...(challenge ? { challenge } : {}),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
