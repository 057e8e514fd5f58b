import { request, type TestResponse } from './http.js';

/** Posts `fields` as a form to `url`, the way a backend calls `POST /v1/token`. */
export function postForm(url: string, fields: Readonly<Record<string, string>>): Promise<TestResponse> {
  return request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields),
  });
}
