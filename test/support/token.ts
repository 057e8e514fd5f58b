import { DEFAULT_CLIENT_ID, EXAMPLE_CODE_VERIFIER } from '../../src/exchange-outcomes.js';
import { request, type TestResponse } from './http.js';

/** Posts `fields` as a form to `url`, the way a backend calls `POST /v1/token`. */
export function postForm(url: string, fields: Readonly<Record<string, string>>): Promise<TestResponse> {
  return request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  });
}

/** Posts an `authorization_code` exchange of `code`: the built-in client and a valid verifier unless given. */
export function postCodeExchange(
  baseUrl: string,
  code: string,
  { clientId = DEFAULT_CLIENT_ID, codeVerifier = EXAMPLE_CODE_VERIFIER } = {},
): Promise<TestResponse> {
  return postForm(`${baseUrl}/v1/token`, {
    grant_type: 'authorization_code',
    client_id: clientId,
    code,
    code_verifier: codeVerifier,
  });
}
