import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMockServer } from '../../mock/index.js';
import { KitError } from '../../src/errors.js';
import { getExampleValue, loadApiDocument } from '../../src/openapi/api-document.js';
import { openApiProblems, rawRequest, schemaProblems } from '../support/http.js';
import { startMock } from '../support/doors.js';
import { kitErrorThrownBy } from '../support/errors.js';

const USERINFO = '/v1/userinfo';
const document = loadApiDocument();
const example = (status: number, name: string): unknown =>
  getExampleValue(document, USERINFO, 'get', status, name);

const mock = await startMock();

async function expectStillServing(): Promise<void> {
  const response = await mock.request(USERINFO, { headers: { authorization: 'Bearer valid' } });
  expect(response.status).toBe(200);
}

describe('malformed Authorization headers', () => {
  it.each([
    ['no header at all', undefined, 401, 'notBearer'],
    ['another scheme', 'Basic dXNlcjpwYXNz', 401, 'notBearer'],
    ['Bearer with no token', 'Bearer', 401, 'notBearer'],
    ['Bearer and spaces only', 'Bearer    ', 401, 'notBearer'],
    ['a token with no scheme', 'valid', 401, 'notBearer'],
    ['a token with a space in it', 'Bearer valid extra', 401, 'invalid'],
    ['a token of unreserved odd characters', 'Bearer !$%&*()', 401, 'invalid'],
  ])('answers %s with the documented 401', async (_, authorization, status, name) => {
    const headers: Record<string, string> = authorization === undefined ? {} : { authorization };
    const response = await mock.request(USERINFO, { headers });
    expect(response.status).toBe(status);
    expect(response.json).toEqual(example(status, name));
    expect(openApiProblems(USERINFO, 'get', response)).toEqual([]);
  });

  it.each([
    ['a lower-case scheme (RFC 7235: case-insensitive)', 'bearer valid'],
    ['an upper-case scheme', 'BEARER valid'],
    ['several spaces after the scheme', 'Bearer     valid'],
    ['spaces around the value', '   Bearer valid   '],
  ])('accepts %s', async (_, authorization) => {
    const response = await mock.request(USERINFO, { headers: { authorization } });
    expect(response.status).toBe(200);
  });

  it('answers a token of non-ASCII bytes as an invalid token and keeps serving', async () => {
    const raw = Buffer.concat([
      Buffer.from('GET /v1/userinfo HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer '),
      Buffer.from([0xc3, 0xa9, 0xff, 0x80]),
      Buffer.from('\r\n\r\n'),
    ]);
    const response = await rawRequest(mock.url, raw);
    expect(response.status).toBe(401);
    expect(response.json).toEqual(example(401, 'invalid'));
    await expectStillServing();
  });

  // Any spelling of a header name, and a repeated header as Node reads it (the first Authorization; other
  // names joined by ", ").
  it.each([
    ['an upper-case header name', 'AUTHORIZATION: Bearer valid', 200],
    ['a mixed-case header name', 'aUtHoRiZaTiOn: Bearer expired', 401],
    [
      'a repeated Authorization (the first counts)',
      'Authorization: Bearer valid\r\nAuthorization: Bearer expired',
      200,
    ],
    [
      'a repeated Authorization, the first expired',
      'authorization: Bearer expired\r\nAuthorization: Bearer valid',
      401,
    ],
  ])('reads %s as Node does', async (_, lines, status) => {
    const raw = `GET /v1/userinfo HTTP/1.1\r\nHost: x\r\nConnection: close\r\n${lines}\r\n\r\n`;
    const response = await rawRequest(mock.url, raw);
    expect(response.status).toBe(status);
    expect(openApiProblems(USERINFO, 'get', response)).toEqual([]);
  });

  it('joins a repeated clientId header as Node does, so two client ids are no known client', async () => {
    const path = '/v1/otp/client/installation/phoneNumberDetail/otp-valid';
    const once = await rawRequest(
      mock.url,
      `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nCLIENTID: kit-test-client\r\n\r\n`,
    );
    expect(once.status).toBe(200);
    const twice = await rawRequest(
      mock.url,
      `GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nclientId: kit-test-client\r\nclientid: kit-test-client\r\n\r\n`,
    );
    expect(twice.status).toBe(404);
    expect(twice.json).toMatchObject({ code: 404 });
  });

  it('answers a control character in a header with a JSON 400 and keeps serving', async () => {
    const response = await rawRequest(
      mock.url,
      'GET /v1/userinfo HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer va\x01lid\r\n\r\n',
    );
    expect(response.status).toBe(400);
    expect(schemaProblems('Error', response.json)).toEqual([]);
    await expectStillServing();
  });

  it("answers a header over Node's size limit with a JSON 431 and keeps serving", async () => {
    const token = 'a'.repeat(20 * 1024);
    const response = await rawRequest(
      mock.url,
      `GET /v1/userinfo HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer ${token}\r\n\r\n`,
    );
    expect(response.status).toBe(431);
    expect(schemaProblems('Error', response.json)).toEqual([]);
    await expectStillServing();
  });

  it('answers a request line that is not HTTP with a JSON 400 and keeps serving', async () => {
    const response = await rawRequest(mock.url, 'HELLO\r\n\r\n');
    expect(response.status).toBe(400);
    await expectStillServing();
  });

  it('answers the error bodies of unknown paths and methods in the Error schema', async () => {
    const unknownPath = await mock.request('/%00%ff/\u00e9');
    const wrongMethod = await mock.request(USERINFO, { method: 'DELETE' });
    expect(schemaProblems('Error', unknownPath.json)).toEqual([]);
    expect(schemaProblems('Error', wrongMethod.json)).toEqual([]);
  });
});

describe('broken config', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tok-config-'));
  const file = (name: string, text: string | Uint8Array): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const configError = (config: string | object): KitError =>
    kitErrorThrownBy(() => createMockServer({ config }));

  it('names a config file that does not exist', () => {
    const error = configError(join(dir, 'missing.json'));
    expect(error.code).toBe('ERR_CONFIG_UNREADABLE');
    expect(error.message).toContain('missing.json');
  });

  it('names the file and the JSON syntax error', () => {
    const path = file('broken.json', '{ "tokens": { "a": { } ');
    const error = configError(path);
    expect(error.code).toBe('ERR_CONFIG_INVALID');
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/not valid JSON/);
  });

  it('reads a config saved with a UTF-8 byte-order mark, as Windows editors save one', async () => {
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const path = file('bom.json', Buffer.concat([bom, Buffer.from('{"tokens":{"bom-token":{}}}')]));
    const server = createMockServer({ config: path, log: null });
    const url = await server.start();
    try {
      const response = await fetch(`${url}${USERINFO}`, { headers: { authorization: 'Bearer bom-token' } });
      expect(response.status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it.each([
    [
      'UTF-16 (little-endian)',
      Buffer.from('\ufeff{"tokens":{}}', 'utf16le'),
      /UTF-16 text .*save it as UTF-8/,
    ],
    [
      'UTF-16 (big-endian)',
      Buffer.from('\ufeff{"tokens":{}}', 'utf16le').swap16(),
      /UTF-16 text .*save it as UTF-8/,
    ],
    ['Latin-1', Buffer.from('{"personas":{"caf\u00e9":{}}}', 'latin1'), /not UTF-8 text; save it as UTF-8/],
  ])('names a config saved as %s and how to save it', (_name, bytes, words) => {
    const path = file('encoded.json', bytes);
    const error = configError(path);
    expect(error.code).toBe('ERR_CONFIG_UNREADABLE');
    expect(error.message).toContain(path);
    expect(error.message).toMatch(words);
  });

  it('names a JSON syntax error in one printable line, whatever bytes the file quotes', () => {
    const error = configError(file('lines.json', 'x\ny\u001b[2J'));
    expect(error.code).toBe('ERR_CONFIG_INVALID');
    expect(error.message).not.toContain('\n');
    expect(error.message).not.toContain('\u001b');
  });

  it('names every field at fault in one message', () => {
    const path = file(
      'invalid.json',
      JSON.stringify({
        tokens: {
          a: { scopes: ['openid', 'phne'] },
          b: { scenario: 'teapot' },
          c: { persona: 'nobody' },
          d: { delayMs: -5 },
          e: { persona: { phone_number: '+91 98450' } },
          'bad token': {},
        },
        extra: true,
      }),
    );
    const { message } = configError(path);
    expect(message).toContain(path);
    expect(message).toMatch(/tokens\.a\.scopes/);
    expect(message).toMatch(/tokens\.b\.scenario: must be one of valid, expired/);
    expect(message).toMatch(/tokens\.c\.persona: no persona "nobody"/);
    expect(message).toMatch(/tokens\.d\.delayMs/);
    expect(message).toMatch(/tokens\.e\.persona\.phone_number/);
    expect(message).toMatch(/"bad token" is not a valid bearer token/);
    expect(message).toMatch(/unknown field "extra"/);
  });

  it('rejects a persona whose claims break the UserInfo schema', () => {
    const { message } = configError({ personas: { odd: { sub: 'abc', email: 'not-an-email' } } });
    expect(message).toMatch(/personas\.odd\.sub/);
    expect(message).toMatch(/personas\.odd\.email/);
  });

  it('rejects options it does not know, naming them all', () => {
    expect(() => createMockServer({ port: 70000, host: 'not a host' })).toThrow(
      /port must be .*host must be/,
    );
  });
});

describe('a port already in use', () => {
  it('rejects start() with ERR_PORT_IN_USE and a way out', async () => {
    const port = Number(new URL(mock.url).port);
    const second = createMockServer({ port });
    const failure = await second.start().then(
      () => undefined,
      (error: unknown) => error,
    );
    await second.close();
    expect(failure).toBeInstanceOf(KitError);
    expect((failure as KitError).code).toBe('ERR_PORT_IN_USE');
    expect((failure as KitError).message).toMatch(new RegExp(`Port ${port} .* already in use.*--port 0`));
    await expectStillServing();
  });
});
