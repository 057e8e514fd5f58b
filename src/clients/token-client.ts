import { ENDPOINTS } from '../endpoints.js';
import { DEFAULT_CLIENT_ID } from '../exchange-outcomes.js';
import type { ErrorBody, TokenResponse } from '../wire-types.js';

/**
 * What `exchangeCode` saw: the token on a 200, else the status, the error body and any `Retry-After`.
 * An answer that is not JSON becomes the error `invalid_response` with the start of the text.
 */
export type TokenExchangeResult =
  | { ok: true; status: 200; token: TokenResponse }
  | { ok: false; status: number; error: ErrorBody; retryAfter: string | null };

/** Where and what to exchange. */
export interface ExchangeCodeInput {
  /** The API's base URL: the mock's `url`, or Truecaller's host. */
  baseUrl: string;
  code: string;
  codeVerifier: string;
  /** Default: the mock's built-in client, `DEFAULT_CLIENT_ID`. */
  clientId?: string;
  /** Default: the global `fetch`. */
  fetch?: typeof fetch;
}

/**
 * Exchanges an authorization code the way a backend does (Truecaller's "Fetching User Token": a
 * form-encoded POST to `/v1/token`) and reads the answer.
 *
 * @example
 * const { codeVerifier, codeChallenge } = createPkcePair();
 * const code = mock.registerCode({ persona: 'full-in', scopes: ['openid', 'phone'], codeChallenge });
 * const result = await exchangeCode({ baseUrl: mock.url, code, codeVerifier });
 * if (result.ok) console.log(result.token.access_token);
 */
export async function exchangeCode(input: ExchangeCodeInput): Promise<TokenExchangeResult> {
  const send = input.fetch ?? fetch;
  const response = await send(new URL(ENDPOINTS.token, input.baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: input.clientId ?? DEFAULT_CLIENT_ID,
      code: input.code,
      code_verifier: input.codeVerifier,
    }),
  });
  const text = await response.text();
  const body = parseJson(text);
  const retryAfter = response.headers.get('retry-after');
  if (body === undefined) {
    // A proxy's HTML error page, say: keep the answer readable instead of throwing a SyntaxError.
    const error = { error: 'invalid_response', error_description: `Not JSON: ${text.slice(0, 200)}` };
    return { ok: false, status: response.status, error, retryAfter };
  }
  if (response.status === 200) return { ok: true, status: 200, token: body as TokenResponse };
  return { ok: false, status: response.status, error: body as ErrorBody, retryAfter };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
