import { TOKEN_ENDPOINTS } from './endpoints.js';
import { DEFAULT_CLIENT_ID } from './grants.js';
import type { TokenResponse } from './wire-types.js';
import { callApi, invalid, isJsonObject, rejected } from '../../clients/api-call.js';

/** Where and what to exchange. */
export interface ExchangeCodeInput {
  /** The API's base URL: the mock's `url`, or Truecaller's host. */
  baseUrl: string;
  code: string;
  codeVerifier: string;
  /** Default: the mock's built-in client, `DEFAULT_CLIENT_ID`. */
  clientId?: string;
  /** Default: the global `fetch` (`mock.fetch` answers in-process). */
  fetch?: typeof fetch;
}

/**
 * Exchanges an authorization code the way a backend does (Truecaller's "Fetching User Token": a
 * form-encoded POST to `/v1/token`) and resolves with the token response. Any other answer throws a
 * `KitError`, as every reference client does: `ERR_API_REJECTED` with `response.status`, `.error`,
 * `.errorDescription` and `.retryAfter`; `ERR_API_INVALID` for a 200 without an access token;
 * `ERR_API_UNREACHABLE` when no answer came.
 *
 * @example
 * const { codeVerifier, codeChallenge } = createPkcePair();
 * const code = mock.registerCode({ persona: 'full-in', scopes: ['openid', 'phone'], codeChallenge });
 * const { access_token } = await exchangeCode({ baseUrl: mock.url, code, codeVerifier });
 */
export async function exchangeCode(input: ExchangeCodeInput): Promise<TokenResponse> {
  const url = new URL(TOKEN_ENDPOINTS.token, input.baseUrl).href;
  const label = `POST ${url}`;
  const send = input.fetch ?? fetch;
  const answer = await callApi(label, () =>
    send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: input.clientId ?? DEFAULT_CLIENT_ID,
        code: input.code,
        code_verifier: input.codeVerifier,
      }),
    }),
  );
  if (answer.response.status !== 200) throw rejected(label, answer);
  if (!isJsonObject(answer.body) || typeof answer.body.access_token !== 'string') {
    throw invalid(label, answer, 'a token response (a JSON object with access_token)');
  }
  return answer.body as unknown as TokenResponse;
}
