import { describe, expect, it } from 'vitest';
import { WEB_PROFILE_PROVIDER_STATES } from '../../../contracts/operations/mobile-web/index.js';
import { webProfileProblems } from '../../../contracts/operations/mobile-web/pact-checks.js';
import type { PactInteraction } from '../../../contracts/pact/pact-file.js';
import { createStateHandlers, findProviderState } from '../../../contracts/pact/provider-states.js';
import { mockStateRegistrars } from '../../../contracts/pact/token-registrar.js';
import { getWebProfile } from '../../../src/operations/mobile-web/client.js';
import { WEB_PROFILE_SCENARIOS } from '../../../src/operations/mobile-web/scenarios.js';
import { startMock } from '../../support/doors.js';
import { readmeSection } from '../../support/readme.js';

const mock = await startMock();

/** An interaction of GET /v1/default, as a client team's pact might hold it. */
function interaction(state: string, change: Partial<PactInteraction> = {}): PactInteraction {
  return {
    description: 'a profile fetch',
    providerStates: [{ name: state, params: {} }],
    method: 'GET',
    path: '/v1/default',
    requestHeaders: { authorization: 'Bearer their-own-token' },
    requestBody: undefined,
    status: 200,
    responseHeaders: {},
    responseBody: { id: '1', userId: 2, phoneNumbers: [919812345678] },
    type: 'Synchronous/HTTP',
    ...change,
  };
}

describe('provider states of the profile fetch', () => {
  it.each(WEB_PROFILE_SCENARIOS)(
    'hands out a token that gets status $status for "$providerState"',
    async (scenario) => {
      expect(WEB_PROFILE_PROVIDER_STATES[scenario.name]).toBe(scenario.providerState);
      const documented = scenario.documented ? 'documented' : 'assumed';
      expect(readmeSection('## Provider states')).toContain(
        `| \`${scenario.providerState}\` | \`${scenario.name}\` | ${scenario.status} | none | ${documented} |`,
      );
      expect(findProviderState(scenario.providerState)?.params).toEqual([]);
      const handler = createStateHandlers(mockStateRegistrars(mock.server))[scenario.providerState];
      const { token = '' } = (await handler?.({})) ?? {};
      const status = await getWebProfile(token, { endpoint: `${mock.url}/v1/default` }).then(
        () => 200,
        (error: { response?: { status: number } }) => error.response?.status,
      );
      expect(status).toBe(scenario.status);
    },
  );
});

describe('verify’s own checks of a profile fetch', () => {
  it('passes a fetch with a bearer token expecting the table’s types', () => {
    expect(webProfileProblems(interaction(WEB_PROFILE_PROVIDER_STATES.profile))).toEqual([]);
  });

  it('names a string where the table types a number, unless the state asks for the sample’s strings', () => {
    const body = { id: '1', userId: '2', isActive: 'True' };
    expect(
      webProfileProblems(interaction(WEB_PROFILE_PROVIDER_STATES.profile, { responseBody: body })),
    ).toEqual([
      expect.stringMatching(/^response body \$\.userId: a string, as the documentation's sample writes it/),
      expect.stringMatching(/^response body \$\.isActive: a string/),
    ]);
    const strings = interaction(WEB_PROFILE_PROVIDER_STATES['profile-strings'], { responseBody: body });
    expect(webProfileProblems(strings)).toEqual([]);
  });

  it('names an attribute the web profile does not have, and a fetch without a bearer token', () => {
    const problems = webProfileProblems(
      interaction(WEB_PROFILE_PROVIDER_STATES.profile, {
        requestHeaders: {},
        responseBody: { id: '1', phone_number: '91' },
      }),
    );
    expect(problems).toEqual([
      expect.stringMatching(/^request header Authorization: missing or not Bearer/),
      expect.stringMatching(/^response body \$\.phone_number: not sent; the web profile has id, userId/),
    ]);
    const unauthorized = interaction(WEB_PROFILE_PROVIDER_STATES.unauthorized, {
      requestHeaders: {},
      status: 401,
      responseBody: { status: 40101, message: 'Unauthorized' },
    });
    expect(webProfileProblems(unauthorized)).toEqual([]);
  });
});
