import { ENDPOINTS } from '../../src/endpoints.js';
import { DEFAULT_CLIENT_ID, EXAMPLE_CODE_VERIFIER } from '../../src/operations/token/grants.js';
import { request, type TestResponse } from './http.js';

/** Who exchanges a code, and with which verifier: the built-in client and a verifier of valid syntax unless given. */
export interface CodeExchangeOptions {
  clientId?: string;
  codeVerifier?: string;
}

/** Posts `fields` as a form to `url`, the way a backend calls `POST /v1/token`. */
export function postForm(
  url: string,
  fields: Readonly<Record<string, string>>,
  send: typeof fetch = fetch,
): Promise<TestResponse> {
  return request(
    url,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields),
    },
    send,
  );
}

/** Posts an `authorization_code` exchange of `code` to the API at `baseUrl`. */
export function postCodeExchange(
  baseUrl: string,
  code: string,
  { clientId = DEFAULT_CLIENT_ID, codeVerifier = EXAMPLE_CODE_VERIFIER }: CodeExchangeOptions = {},
  send: typeof fetch = fetch,
): Promise<TestResponse> {
  const form = { grant_type: 'authorization_code', client_id: clientId, code, code_verifier: codeVerifier };
  return postForm(`${baseUrl}${ENDPOINTS.token}`, form, send);
}
