import { connect } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { FORM_BODY_LIMIT } from '../../mock/index.js';
import { DEFAULT_CLIENT_ID, EXAMPLE_CODE_VERIFIER } from '../../src/operations/token/grants.js';
import { getExampleValue, loadApiDocument } from '../../src/openapi/api-document.js';
import type { ErrorBody } from '../../src/wire-types.js';
import { openApiProblems, rawRequest, type TestResponse } from '../support/http.js';
import { startMock } from '../support/doors.js';

const TOKEN = '/v1/token';
const document = loadApiDocument();
const emptyParameters = getExampleValue(document, TOKEN, 'post', 400, 'emptyParameters') as ErrorBody;
const validForm = new URLSearchParams({
  grant_type: 'authorization_code',
  client_id: DEFAULT_CLIENT_ID,
  code: 'valid-code',
  code_verifier: EXAMPLE_CODE_VERIFIER,
}).toString();

const logLines: string[] = [];
const mock = await startMock({ log: (line) => logLines.push(line) });

/** The documented 400 "some parameters are empty", with a description that says what was wrong. */
function expectEmptyParameters(response: TestResponse, why: RegExp): void {
  expect(response.status).toBe(400);
  expect(openApiProblems(TOKEN, 'post', response)).toEqual([]);
  const body = response.json as ErrorBody;
  expect(body.error).toBe(emptyParameters.error);
  expect(body.error_description.startsWith(emptyParameters.error_description)).toBe(true);
  expect(body.error_description).toMatch(why);
}

async function expectStillServing(): Promise<void> {
  const response = await mock.request(TOKEN, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: validForm,
  });
  expect(response.status).toBe(200);
}

describe('POST /v1/token with a body that is not a form', () => {
  it.each([
    ['a JSON body', 'application/json', JSON.stringify({ grant_type: 'authorization_code' })],
    ['a text body', 'text/plain', validForm],
    ['a multipart content type', 'multipart/form-data; boundary=x', validForm],
  ])('answers %s with the documented 400 naming the content type', async (_, contentType, body) => {
    const response = await mock.request(TOKEN, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body,
    });
    expectEmptyParameters(response, /Content-Type must be application\/x-www-form-urlencoded/);
  });

  it('answers a body with no content type with the documented 400', async () => {
    const response = await rawRequest(
      mock.url,
      `POST ${TOKEN} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: ${validForm.length}\r\n\r\n${validForm}`,
    );
    expectEmptyParameters(response, /got none/);
  });

  it('accepts a form content type with a charset and odd letter case', async () => {
    const response = await mock.request(TOKEN, {
      method: 'POST',
      headers: { 'content-type': 'Application/X-WWW-Form-Urlencoded; charset=UTF-8' },
      body: validForm,
    });
    expect(response.status).toBe(200);
  });
});

describe('POST /v1/token with missing or repeated fields', () => {
  it('names every missing field at once for an empty form', async () => {
    const response = await mock.request(TOKEN, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
    expectEmptyParameters(response, /grant_type, client_id, code, code_verifier/);
  });

  it('refuses a field sent twice (RFC 6749 §3.2)', async () => {
    const response = await mock.request(TOKEN, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `${validForm}&code=other`,
    });
    expectEmptyParameters(response, /more than once: code/);
  });

  it('refuses an optional field sent twice too: one rule for every field of the form', async () => {
    const response = await mock.request(TOKEN, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `${validForm}&redirect_uri=https://a.example/cb&redirect_uri=https://b.example/cb`,
    });
    expectEmptyParameters(response, /Sent more than once: redirect_uri\.$/);
  });

  it('answers bytes that are not UTF-8 and broken percent escapes without failing', async () => {
    const body = Buffer.concat([Buffer.from('grant_type=%zz%ff&client_id='), Buffer.from([0xff, 0xfe])]);
    const response = await mock.request(TOKEN, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body,
    });
    expect(response.status).toBe(400);
    expect(openApiProblems(TOKEN, 'post', response)).toEqual([]);
    expect((response.json as ErrorBody).error).toBe('unsupported_grant_type');
  });
});

describe('POST /v1/token with a body past the limit', () => {
  it('answers a body over the limit with the documented 400 and keeps serving', async () => {
    const response = await mock.request(TOKEN, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `${validForm}&padding=${'x'.repeat(FORM_BODY_LIMIT * 4)}`,
    });
    expectEmptyParameters(response, /larger than 16 KiB/);
    await expectStillServing();
  });

  it('answers a declared gigabyte before any of it arrives', async () => {
    const response = await rawRequest(
      mock.url,
      `POST ${TOKEN} HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1073741824\r\n\r\n`,
    );
    expectEmptyParameters(response, /larger than 16 KiB/);
    expect(response.headers.connection).toBe('close');
  });

  it('stops reading a chunked body once it passes the limit', async () => {
    const chunk = 'x'.repeat(4096);
    const chunks = Array.from({ length: 6 }, () => `${chunk.length.toString(16)}\r\n${chunk}\r\n`).join('');
    const response = await rawRequest(
      mock.url,
      `POST ${TOKEN} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
        `Transfer-Encoding: chunked\r\n\r\n${chunks}0\r\n\r\n`,
    );
    expectEmptyParameters(response, /larger than 16 KiB/);
    await expectStillServing();
  });
});

describe('POST /v1/token from a client that hangs up mid-body', () => {
  it('gives up on the body, answers into the void and keeps serving', async () => {
    const socket = connect(Number(new URL(mock.url).port), '127.0.0.1');
    await new Promise((resolve) => socket.once('connect', resolve));
    socket.write(
      `POST ${TOKEN} HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n` +
        `Content-Length: 500\r\n\r\ngrant_type=author`,
    );
    socket.destroy();
    await vi.waitFor(() =>
      expect(logLines.join('\n')).toMatch(/POST \/v1\/token token:empty-parameters 400/),
    );
    await expectStillServing();
  });
});

describe('other methods and the revoke route', () => {
  it('answers GET /v1/token with 405 and Allow: POST', async () => {
    const response = await mock.request(TOKEN);
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('POST, OPTIONS');
  });

  it('answers a JSON body to /v1/revoke with 400 naming the content type', async () => {
    const response = await mock.request('/v1/revoke', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"token":"x"}',
    });
    expect(response.status).toBe(400);
    expect(openApiProblems('/v1/revoke', 'post', response)).toEqual([]);
    expect((response.json as ErrorBody).error_description).toMatch(/Content-Type/);
  });

  it('refuses a /v1/revoke form with token sent twice, as /v1/token refuses repeated fields', async () => {
    const issued = (await mock.postForm(TOKEN, Object.fromEntries(new URLSearchParams(validForm)))).json as {
      access_token: string;
    };
    const response = await mock.request('/v1/revoke', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `token=${issued.access_token}&token=other`,
    });
    expect(response.status).toBe(400);
    expect(openApiProblems('/v1/revoke', 'post', response)).toEqual([]);
    expect(response.json).toEqual({
      error: 'invalid_request',
      error_description: 'Sent more than once: token.',
    });
    // Nothing was revoked: the first token still answers.
    expect((await mock.userInfo(issued.access_token)).status).toBe(200);
  });
});
