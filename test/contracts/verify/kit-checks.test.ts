import { describe, expect, it } from 'vitest';
import type { PactInteraction } from '../../../contracts/pact/pact-file.js';
import { kitProblems } from '../../../contracts/verify/pact-checks.js';

/** An HTTP interaction with no state, no headers and no body, on `method path`. */
function interaction(method: string, path: string): PactInteraction {
  return {
    description: `${method} ${path}`,
    providerStates: [],
    method,
    path,
    requestHeaders: {},
    requestBody: undefined,
    status: 200,
    responseHeaders: {},
    responseBody: undefined,
    type: 'Synchronous/HTTP',
  };
}

describe('the kit’s own checks, picked by the operation whose path an interaction is on', () => {
  it.each([
    [
      'GET',
      '/v1/userinfo',
      'request header Authorization: missing; GET /v1/userinfo needs "Bearer <ACCESS_TOKEN>"',
    ],
    [
      'POST',
      '/v1/token',
      'request header Content-Type: missing; POST /v1/token is sent as application/x-www-form-urlencoded',
    ],
    [
      'GET',
      '/v1/otp/client/installation/phoneNumberDetail/a-token',
      'request header clientId: missing; the SDK 3 form of the call sends the partner credentials as clientId (use the state "the partner credentials are invalid" to expect the 404 without them)',
    ],
    [
      'GET',
      '/v1/otp/installation/phoneNumberDetail/a-token',
      'request header appKey: missing; the SDK 2.8 form of the call sends the partner credentials as appKey (use the state "the partner credentials are invalid" to expect the 404 without them)',
    ],
  ])('holds %s %s to its operation’s checks', (method, path, first) => {
    expect(kitProblems(interaction(method, path))[0]).toBe(first);
  });

  it.each([
    ['GET', '/.well-known/openid-configuration'],
    ['POST', '/v1/revoke'],
    ['GET', '/v1/no-such-path'],
  ])('holds %s %s to no other operation’s checks', (method, path) => {
    expect(kitProblems(interaction(method, path))).toEqual([]);
  });
});
