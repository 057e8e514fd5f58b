import { describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../../src/endpoints.js';
import { EXCHANGE_OUTCOMES } from '../../src/operations/token/outcomes.js';
import { SCENARIOS } from '../../src/operations/userinfo/scenarios.js';
import { DOORS, startMock, type DoorName, type DoorUnderTest } from '../support/doors.js';
import { openApiProblems, type TestResponse } from '../support/http.js';

// Every door at once: MSW intercepts the real host while the server answers on 127.0.0.1.
const doors = Object.fromEntries(
  await Promise.all(DOORS.map(async (name) => [name, await startMock(name)] as const)),
) as Record<DoorName, DoorUnderTest>;

// Made afresh for each exchange (an ID token also names the base URL it was issued on, which differs by door).
const FRESH_TOKENS = new Set(['access_token', 'refresh_token', 'id_token']);

// What a socket adds (and CORS, which a browser sees only over the node:http door): not part of the answer.
const TRANSPORT_HEADERS = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding']);

/**
 * Status, headers and body as the engine made them, with what differs by nature masked: fresh tokens,
 * and so the length of a body that holds them.
 */
function essence(response: TestResponse): unknown {
  const json = typeof response.json === 'object' && response.json !== null ? response.json : undefined;
  const fresh = json !== undefined && Object.keys(json).some((key) => FRESH_TOKENS.has(key));
  const headers = Object.fromEntries(
    Object.entries(response.headers).filter(
      ([name]) =>
        !TRANSPORT_HEADERS.has(name) &&
        !name.startsWith('access-control-') &&
        !(fresh && name === 'content-length'),
    ),
  );
  const body =
    json === undefined
      ? response.text
      : Object.fromEntries(
          Object.entries(json).map(([key, value]) =>
            FRESH_TOKENS.has(key) ? [key, '<fresh token>'] : [key, value],
          ),
        );
  return { status: response.status, headers, body };
}

async function onEveryDoor(send: (door: DoorUnderTest) => Promise<TestResponse>) {
  return Promise.all(DOORS.map((name) => send(doors[name])));
}

describe('every door answers alike', () => {
  it.each(SCENARIOS)(
    'GET /v1/userinfo, scenario $name: the same status, headers and body on each',
    async (scenario) => {
      const answers = await onEveryDoor((door) =>
        door.request(ENDPOINTS.userinfo, { headers: { authorization: scenario.authorization } }),
      );
      for (const answer of answers) {
        expect(answer.status).toBe(scenario.status);
        expect(openApiProblems(ENDPOINTS.userinfo, 'get', answer)).toEqual([]);
      }
      const [first, ...others] = answers.map(essence);
      for (const other of others) expect(other).toEqual(first);
    },
  );

  it.each(EXCHANGE_OUTCOMES)(
    'POST /v1/token, outcome $name: the same status, headers and body on each',
    async (outcome) => {
      const answers = await onEveryDoor((door) => door.postForm(ENDPOINTS.token, outcome.form));
      for (const answer of answers) {
        expect(answer.status).toBe(outcome.status);
        expect(openApiProblems(ENDPOINTS.token, 'post', answer)).toEqual([]);
      }
      const [first, ...others] = answers.map(essence);
      for (const other of others) expect(other).toEqual(first);
    },
  );

  it('answers an unknown path with the same JSON 404 on each', async () => {
    const answers = await onEveryDoor((door) => door.request('/v1/nothing-here'));
    const [first, ...others] = answers.map(essence);
    expect(answers.map((answer) => answer.status)).toEqual([404, 404, 404]);
    for (const other of others) expect(other).toEqual(first);
  });
});
