import { describe, expect, it } from 'vitest';
import { GRANT_TYPES } from '../../src/operations/token/grants.js';
import { getExampleValue, loadApiDocument } from '../../src/openapi/api-document.js';
import { SCOPES } from '../../src/scopes.js';
import { openApiProblems, rawRequest } from '../support/http.js';
import { startMock } from '../support/doors.js';

const DISCOVERY = '/.well-known/openid-configuration';
const document = loadApiDocument();

const mock = await startMock();

describe('GET /.well-known/openid-configuration (undocumented)', () => {
  it('points the issuer and every endpoint at the base URL the client called', async () => {
    const response = await mock.request(DISCOVERY);
    expect(response.status).toBe(200);
    expect(openApiProblems(DISCOVERY, 'get', response)).toEqual([]);
    expect(response.json).toMatchObject({
      issuer: mock.url,
      token_endpoint: `${mock.url}/v1/token`,
      userinfo_endpoint: `${mock.url}/v1/userinfo`,
      revocation_endpoint: `${mock.url}/v1/revoke`,
      scopes_supported: [...SCOPES],
      grant_types_supported: [...GRANT_TYPES],
      code_challenge_methods_supported: ['S256'],
    });
  });

  it('follows the Host header, so a client calling localhost gets localhost URLs', async () => {
    const port = new URL(mock.url).port;
    const response = await rawRequest(
      mock.url,
      `GET ${DISCOVERY} HTTP/1.1\r\nHost: localhost:${port}\r\nConnection: close\r\n\r\n`,
    );
    expect((response.json as { issuer: string }).issuer).toBe(`http://localhost:${port}`);
  });

  it('answers a Host header it cannot build a URL from with 400', async () => {
    const response = await rawRequest(
      mock.url,
      `GET ${DISCOVERY} HTTP/1.1\r\nHost: evil.example/path?x\r\nConnection: close\r\n\r\n`,
    );
    expect(response.status).toBe(400);
    expect(openApiProblems(DISCOVERY, 'get', response)).toEqual([]);
    expect(response.json).toEqual(getExampleValue(document, DISCOVERY, 'get', 400, 'invalidHost'));
  });
});
