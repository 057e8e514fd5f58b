import { OPERATIONS } from '../../../src/operations/index.js';
import { PHONE_NUMBER_SCENARIOS } from '../../../src/operations/phone-number/scenarios.js';
import { describe, expect, it } from 'vitest';
import { MAX_CLOCK_ADVANCE_MS } from '../../../mock/admin/clock-control.js';
import { CODE_SCENARIO_NAMES, EXCHANGE_OUTCOMES } from '../../../src/operations/token/outcomes.js';
import { FAULT_FAILURES } from '../../../src/faults.js';
import { SCENARIOS, TOKEN_SCENARIO_NAMES } from '../../../src/operations/userinfo/scenarios.js';
import { CLAIMS_BY_SCOPE } from '../../../src/scopes.js';
import type { ClockState, ScenarioCatalogue } from '../../../src/wire-types.js';
import type { TokenResponse } from '../../../src/operations/token/wire-types.js';
import { adminRequest, openApiProblems, request } from '../../support/http.js';
import { startMock } from '../../support/doors.js';
import { postCodeExchange } from '../../support/token.js';

const STOPPED = Date.UTC(2030, 0, 1);
const mock = await startMock({ clock: { now: () => STOPPED } });

describe('the clock through the admin API', () => {
  it('reads the mock time and how far it was moved', async () => {
    const response = await request(`${mock.url}/__admin/clock`);
    expect(openApiProblems('/__admin/clock', 'get', response)).toEqual([]);
    const clock = response.json as ClockState;
    expect(clock.nowMs).toBe(STOPPED + mock.server.clock.offsetMs);
    expect(Date.parse(clock.now)).toBe(clock.nowMs);
  });

  it('moves forward by advanceMs and expires an issued token', async () => {
    const issued = (await postCodeExchange(mock.url, 'valid-code')).json as TokenResponse;
    const userInfo = () =>
      request(`${mock.url}/v1/userinfo`, { headers: { authorization: `Bearer ${issued.access_token}` } });
    expect((await userInfo()).status).toBe(200);
    const before = mock.server.clock.offsetMs;
    const moved = await adminRequest(mock.url, 'POST', '/__admin/clock', {
      advanceMs: issued.expires_in * 1000,
    });
    expect(moved.status).toBe(200);
    expect(openApiProblems('/__admin/clock', 'post', moved)).toEqual([]);
    expect((moved.json as ClockState).offsetMs).toBe(before + issued.expires_in * 1000);
    const after = await userInfo();
    expect(after.status).toBe(401);
    expect(after.json).toMatchObject({ error: 'invalid_token' });
  });

  it.each([
    [{ advanceMs: -1 }, /advanceMs must be a whole number/],
    [{ advanceMs: 1.5 }, /advanceMs must be a whole number/],
    [{ advanceMs: '10' }, /advanceMs must be a whole number/],
    [{ advanceMs: MAX_CLOCK_ADVANCE_MS + 1 }, /ten years/],
    [{}, /advanceMs must be/],
    [{ advanceMs: 1, back: true }, /takes only "advanceMs"; got back/],
    ['[1]', /must be a JSON object/],
  ])('refuses %j with a 400 naming what is wrong, and does not move', async (body, message) => {
    const before = mock.server.clock.offsetMs;
    const response = await adminRequest(mock.url, 'POST', '/__admin/clock', body);
    expect(response.status).toBe(400);
    expect(openApiProblems('/__admin/clock', 'post', response)).toEqual([]);
    expect((response.json as { error_description: string }).error_description).toMatch(message);
    expect(mock.server.clock.offsetMs).toBe(before);
  });
});

describe('GET /__admin/scenarios', () => {
  it('lists the scenario and exchange-outcome tables, the scopes and the failures as the code holds them', async () => {
    const response = await request(`${mock.url}/__admin/scenarios`);
    expect(openApiProblems('/__admin/scenarios', 'get', response)).toEqual([]);
    const catalogue = response.json as ScenarioCatalogue;
    expect(catalogue.operations.map((operation) => operation.name)).toEqual(
      OPERATIONS.map((operation) => operation.name),
    );
    const scenariosOf = (name: string) =>
      catalogue.operations.find((operation) => operation.name === name)?.scenarios ?? [];
    expect(scenariosOf('userinfo').map((row) => [row.name, row.status, row.documented, row.builtIn])).toEqual(
      SCENARIOS.map((row) => [row.name, row.status, row.documented, row.token]),
    );
    expect(
      scenariosOf('userinfo')
        .filter((row) => row.assignable)
        .map((row) => row.name),
    ).toEqual([...TOKEN_SCENARIO_NAMES]);
    expect(scenariosOf('token').map((row) => [row.name, row.status, row.builtIn])).toEqual(
      EXCHANGE_OUTCOMES.map((row) => [row.name, row.status, row.code]),
    );
    expect(
      scenariosOf('token')
        .filter((row) => row.assignable)
        .map((row) => row.name),
    ).toEqual([...CODE_SCENARIO_NAMES]);
    expect(scenariosOf('phone-number').map((row) => [row.name, row.status, row.builtIn])).toEqual(
      PHONE_NUMBER_SCENARIOS.map((row) => [row.name, row.status, row.token]),
    );
    expect(Object.fromEntries(catalogue.scopes.map(({ scope, claims }) => [scope, claims]))).toEqual(
      CLAIMS_BY_SCOPE,
    );
    expect(catalogue.failures).toEqual([...FAULT_FAILURES]);
  });

  it('takes no query parameters', async () => {
    const response = await request(`${mock.url}/__admin/scenarios?x=1`);
    expect(response.status).toBe(400);
    expect(openApiProblems('/__admin/scenarios', 'get', response)).toEqual([]);
  });
});
