import { describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../../src/endpoints.js';
import { fillPath, pathTemplatePattern } from '../../src/paths.js';
import { TRUECALLER_OAUTH_URL } from '../../src/hosts.js';
import { DEFAULT_CLIENT_ID } from '../../src/operations/token/grants.js';
import { startMock } from '../support/doors.js';

describe('path templates of the route table', () => {
  it.each([
    [
      '/v1/otp/client/installation/phoneNumberDetail/{accessToken}',
      '/v1/otp/client/installation/phoneNumberDetail/otp-valid',
      true,
    ],
    [
      '/v1/otp/client/installation/phoneNumberDetail/{accessToken}',
      '/v1/otp/client/installation/phoneNumberDetail/',
      false,
    ],
    [
      '/v1/otp/client/installation/phoneNumberDetail/{accessToken}',
      '/v1/otp/client/installation/phoneNumberDetail/a/b',
      false,
    ],
    [
      '/v1/otp/client/installation/phoneNumberDetail/{accessToken}',
      '/v1/otp/clientXinstallation/phoneNumberDetail/a',
      false,
    ],
    ['/.well-known/{clientId}/jwks.json', '/.well-known/kit-test-client/jwks.json', true],
    ['/.well-known/{clientId}/jwks.json', '/.well-known//jwks.json', false],
    ['/.well-known/{clientId}/jwks.json', '/.well-known/a/b/jwks.json', false],
    ['/.well-known/{clientId}/jwks.json', '/.well-known/a/jwksXjson', false],
  ])('matches %s against %s: %s', (template, path, matches) => {
    expect(pathTemplatePattern(template).test(path)).toBe(matches);
  });
});

describe('the route table remembers the last route found', () => {
  it('finds each path’s own route whatever came before it, the same path repeated or not', async () => {
    const mock = await startMock('fetch');
    const phoneNumber = (token: string): string => fillPath(ENDPOINTS.phoneNumberDetail, token);
    const steps: [path: string, status: number][] = [
      [ENDPOINTS.userinfo, 200],
      [ENDPOINTS.userinfo, 200],
      [ENDPOINTS.token, 405], // the token route, which answers POST only
      ['/v1/nothing', 404],
      [ENDPOINTS.userinfo, 200],
      [phoneNumber('otp-valid'), 200],
      [phoneNumber('no-such-token'), 404], // the same template, another parameter, read from this path
      ['/v1/nothing', 404],
      ['/v1/nothing', 404],
      [ENDPOINTS.userinfo, 200],
    ];
    const statuses: number[] = [];
    for (const [path] of steps) {
      const response = await mock.fetch(`${TRUECALLER_OAUTH_URL}${path}`, {
        headers: { authorization: 'Bearer valid', clientId: DEFAULT_CLIENT_ID },
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual(steps.map(([, status]) => status));
  });
});
