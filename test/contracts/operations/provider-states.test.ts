import { describe, expect, it } from 'vitest';
import { FORM_TYPE } from '../../../mock/http/form-body.js';
import { EXCHANGE_PROVIDER_STATES } from '../../../contracts/operations/token/index.js';
import { PROVIDER_STATES } from '../../../contracts/operations/userinfo/index.js';
import {
  createStateHandlers,
  findProviderState,
  PROVIDER_STATE_DEFINITIONS,
} from '../../../contracts/pact/provider-states.js';
import type { StateHandler } from '../../../contracts/pact/provider-state.js';
import { mockStateRegistrars, type StateRegistrars } from '../../../contracts/pact/token-registrar.js';
import { EXAMPLE_CODE_VERIFIER } from '../../../src/operations/token/grants.js';
import { EXCHANGE_OUTCOMES } from '../../../src/operations/token/outcomes.js';
import { SCENARIOS } from '../../../src/operations/userinfo/scenarios.js';
import { exchangeCode } from '../../../src/operations/token/client.js';
import { getUserInfo } from '../../../src/operations/userinfo/client.js';
import { startMock } from '../../support/doors.js';
import { openApiProblems, request } from '../../support/http.js';
import { readmeSection } from '../../support/readme.js';

const readme = readmeSection('## Provider states');
const UNUSED_REGISTRARS = { token: () => Promise.resolve('unused'), code: () => Promise.resolve('unused') };

/** The handler of `state`; fails the test when there is none. */
function handlerOf(register: StateRegistrars, state: string): StateHandler {
  const handler = createStateHandlers(register)[state];
  if (handler === undefined) throw new Error(`no state handler for "${state}"`);
  return handler;
}

describe('provider states', () => {
  it.each(SCENARIOS)(
    'names state "$providerState" for scenario $name, and the README lists it',
    (scenario) => {
      expect(PROVIDER_STATES[scenario.name]).toBe(scenario.providerState);
      expect(findProviderState(scenario.providerState)?.name).toBe(scenario.providerState);
      expect(readme).toContain(
        `| \`${scenario.providerState}\` | \`${scenario.name}\` | ${scenario.status} |`,
      );
    },
  );

  it('has one handler per state', () => {
    const handlers = createStateHandlers(UNUSED_REGISTRARS);
    expect(Object.keys(handlers).sort()).toEqual(
      PROVIDER_STATE_DEFINITIONS.map((state) => state.name).sort(),
    );
  });

  it.each(SCENARIOS)('hands out a token that gets status $status for "$providerState"', async (scenario) => {
    const { server, url: baseUrl } = await startMock();
    const values = await handlerOf(mockStateRegistrars(server), scenario.providerState)({});
    // A token exactly when the scenario has one: the no-Bearer state's request goes without.
    expect(values.token === undefined).toBe(scenario.token === null);
    const token = values.token ?? null;
    const outcome = await getUserInfo(token, { baseUrl }).then(
      () => 200,
      (error: { response?: { status: number } }) => error.response?.status,
    );
    expect(outcome).toBe(scenario.status);
  });

  it('registers a fresh token with the scopes and persona given as parameters', async () => {
    const { server, url: baseUrl } = await startMock({
      config: { personas: { ravi: { sub: '42', given_name: 'Ravi' } } },
    });
    const handler = handlerOf(mockStateRegistrars(server), PROVIDER_STATES.valid);
    const { token = '' } = await handler({ scopes: ['openid', 'profile'], persona: 'ravi' });
    expect(token).toMatch(/^pact-/);
    expect(await getUserInfo(token, { baseUrl })).toEqual({ sub: '42', given_name: 'Ravi' });
  });

  it.each([
    [PROVIDER_STATES.valid, { scopes: ['openid', 'wallet'] }, 'parameter "scopes" must be'],
    [PROVIDER_STATES.valid, { persona: 7 }, 'parameter "persona" must be a persona id'],
    [PROVIDER_STATES.valid, { colour: 'red' }, 'unknown parameter "colour" (it takes scopes, persona)'],
    [PROVIDER_STATES.expired, { scopes: 'openid' }, 'takes no parameters, got "scopes"'],
  ])('rejects parameters of "%s" it cannot use: %j', async (state, params, message) => {
    await expect(handlerOf(UNUSED_REGISTRARS, state)(params)).rejects.toThrow(message);
  });

  it('rejects a persona the mock does not know, naming the known ones', async () => {
    const { server } = await startMock('fetch');
    const handler = handlerOf(mockStateRegistrars(server), PROVIDER_STATES.valid);
    const known = server.store.ids('personas').join(', ');
    await expect(handler({ persona: 'nobody-here' })).rejects.toThrow(
      `Unknown persona "nobody-here" in the provider state parameters; known personas: ${known}.`,
    );
  });
});

describe('provider states of POST /v1/token', () => {
  it.each(EXCHANGE_OUTCOMES)(
    'names state "$providerState" for outcome $name, and the README lists it',
    (outcome) => {
      expect(EXCHANGE_PROVIDER_STATES[outcome.name]).toBe(outcome.providerState);
      expect(findProviderState(outcome.providerState)?.params).toEqual(
        outcome.status === 200 ? ['scopes', 'persona'] : [],
      );
      expect(readme).toContain(`| \`${outcome.providerState}\` | \`${outcome.name}\` | ${outcome.status} |`);
    },
  );

  // The state's values take the place of the outcome's own form fields, as a pact's generators do.
  it.each(EXCHANGE_OUTCOMES)(
    'sets up an exchange that gets status $status for "$providerState"',
    async (outcome) => {
      const { server, url: baseUrl } = await startMock();
      const values = await handlerOf(mockStateRegistrars(server), outcome.providerState)({});
      const form = new URLSearchParams(outcome.form);
      if (values.code !== undefined) form.set('code', values.code);
      if (values.codeVerifier !== undefined) form.set('code_verifier', values.codeVerifier);
      const response = await request(new URL('/v1/token', baseUrl).href, {
        method: 'POST',
        headers: { 'content-type': FORM_TYPE },
        body: form,
      });
      expect(response.status).toBe(outcome.status);
      expect(openApiProblems('/v1/token', 'post', response)).toEqual([]);
    },
  );

  it('binds the success state’s fresh code to its verifier, refusing the example verifier', async () => {
    const { server, url: baseUrl } = await startMock();
    const state = EXCHANGE_OUTCOMES.find((outcome) => outcome.status === 200);
    const values = await handlerOf(mockStateRegistrars(server), state?.providerState ?? '')({});
    expect(values.code).toEqual(expect.any(String));
    expect(values.codeVerifier).toEqual(expect.any(String));
    expect(values.codeVerifier).not.toBe(EXAMPLE_CODE_VERIFIER);
    const response = await request(new URL('/v1/token', baseUrl).href, {
      method: 'POST',
      headers: { 'content-type': FORM_TYPE },
      body: new URLSearchParams({
        ...state?.form,
        code: values.code ?? '',
        code_verifier: EXAMPLE_CODE_VERIFIER,
      }),
    });
    expect(response.status).toBe(
      EXCHANGE_OUTCOMES.find((outcome) => outcome.name === 'invalid-verifier')?.status,
    );
    expect(openApiProblems('/v1/token', 'post', response)).toEqual([]);
  });

  it('registers the success state’s code for the scopes and persona given as parameters', async () => {
    const { server, url: baseUrl } = await startMock({
      config: { personas: { ravi: { sub: '42', given_name: 'Ravi' } } },
    });
    const handler = handlerOf(mockStateRegistrars(server), EXCHANGE_PROVIDER_STATES.issued);
    const { code = '', codeVerifier = '' } = await handler({
      scopes: ['openid', 'profile'],
      persona: 'ravi',
    });
    const token = await exchangeCode({ baseUrl, code, codeVerifier });
    expect(token.scope).toBe('openid profile');
    expect(await getUserInfo(token.access_token, { baseUrl })).toEqual({
      sub: '42',
      given_name: 'Ravi',
    });
  });

  it.each([
    [EXCHANGE_PROVIDER_STATES.issued, { scopes: ['openid', 'wallet'] }, 'parameter "scopes" must be'],
    [EXCHANGE_PROVIDER_STATES['expired-code'], { persona: 'full-in' }, 'takes no parameters, got "persona"'],
  ])('rejects parameters of "%s" it cannot use: %j', async (state, params, message) => {
    await expect(handlerOf(UNUSED_REGISTRARS, state)(params)).rejects.toThrow(message);
  });
});
