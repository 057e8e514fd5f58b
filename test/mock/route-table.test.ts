import { describe, expect, it } from 'vitest';
import { pathTemplatePattern } from '../../src/endpoints.js';

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
