import { describe, expect, it } from 'vitest';
import { PERSONAS } from '../../../fixtures/personas.js';
import { ENDPOINTS } from '../../../src/endpoints.js';
import { getExampleValue, loadApiDocument } from '../../../src/openapi/api-document.js';
import { SCENARIOS } from '../../../src/operations/userinfo/scenarios.js';
import { filterClaimsByScopes, type Scope } from '../../../src/scopes.js';
import { startMock } from '../../support/doors.js';

const WRITES = 200;
const READS = 2000;
const IN_FLIGHT = 64;

const mock = await startMock({ journalSize: 0 });

// Two complete states the flipping token moves between; any answer mixing them is torn.
const first = PERSONAS[0];
const other = {
  id: 'other',
  claims: { ...first?.claims, sub: '1', given_name: 'Other', phone_number: '14155550100' },
};
const claimsOf = { [first?.id ?? '']: first?.claims ?? {}, other: other.claims };
const states = [
  { persona: first?.id ?? '', scopes: ['openid', 'profile', 'email'] as Scope[] },
  { persona: other.id, scopes: ['openid', 'phone', 'profile'] as Scope[] },
];
const stateAnswers = states.map((state) =>
  JSON.stringify(filterClaimsByScopes(claimsOf[state.persona] ?? {}, state.scopes)),
);

function write(method: string, path: string, body: unknown): Promise<{ status: number }> {
  return mock.request(path, {
    method,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

// The OAuth error of the answer any token the mock does not know gets (the `invalid` scenario's).
const invalid = SCENARIOS.find((scenario) => scenario.name === 'invalid');
const unknownTokenError = (
  getExampleValue(loadApiDocument(), ENDPOINTS.userinfo, 'get', 401, invalid?.example ?? '') as {
    error: string;
  }
).error;
function isUnknownToken(body: unknown): boolean {
  return (body as { error?: unknown } | null)?.error === unknownTokenError;
}

async function runAll(tasks: (() => Promise<void>)[]): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < tasks.length) await tasks[next++]?.();
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
}

describe('admin writes interleaved with userinfo reads', () => {
  it(`loses none of ${WRITES} concurrent writes and serves no torn state across ${READS} reads`, async () => {
    expect((await write('POST', '/__admin/personas', other)).status).toBe(201);
    expect(new Set(stateAnswers).size).toBe(2);
    await write('POST', '/__admin/tokens', { id: 'flip', ...states[0] });
    const created = Array.from({ length: WRITES / 2 }, (_, index) => `w-${index}`);
    const expectedOf = (id: string): string => stateAnswers[Number(id.slice(2)) % 2] ?? '';
    const writeStatuses: number[] = [];
    const tornAnswers: string[] = [];
    // Tokens whose creation the mock has acknowledged: from then on, no read may find them unknown.
    const acknowledged = new Set<string>();
    const tasks: (() => Promise<void>)[] = [];

    for (const [index, id] of created.entries()) {
      tasks.push(async () => {
        const { status } = await write('POST', '/__admin/tokens', { id, ...states[index % 2] });
        writeStatuses.push(status);
        if (status === 201) acknowledged.add(id);
      });
      tasks.push(async () => {
        writeStatuses.push((await write('PATCH', '/__admin/tokens/flip', states[(index + 1) % 2])).status);
      });
    }
    for (let index = 0; index < READS; index++) {
      const token = index % 2 === 0 ? 'flip' : (created[index % created.length] ?? '');
      tasks.push(async () => {
        // A 401 is right only for a token whose creation was not yet acknowledged when the read was sent.
        const mayBeUnknown = token !== 'flip' && !acknowledged.has(token);
        const response = await mock.request('/v1/userinfo', {
          headers: { authorization: `Bearer ${token}` },
        });
        if (response.status === 200) {
          const expected = token === 'flip' ? stateAnswers : [expectedOf(token)];
          if (!expected.includes(response.text)) tornAnswers.push(`${token}: ${response.text}`);
        } else if (!(mayBeUnknown && response.status === 401 && isUnknownToken(response.json))) {
          tornAnswers.push(`${token}: ${response.status} ${response.text}`);
        }
      });
    }
    // Interleave writes and reads deterministically: every 11th task is a write.
    const writesFirst = tasks.slice(0, WRITES);
    const reads = tasks.slice(WRITES);
    const interleaved: (() => Promise<void>)[] = [];
    for (let read = 0; read < reads.length; read++) {
      const task = reads[read];
      if (task) interleaved.push(task);
      const paired = read % 10 === 0 ? writesFirst[read / 10] : undefined;
      if (paired) interleaved.push(paired);
    }
    await runAll(interleaved);

    expect(writeStatuses.filter((status) => status >= 300)).toEqual([]);
    expect(writeStatuses).toHaveLength(WRITES);
    expect(tornAnswers).toEqual([]);
    const listed = await mock.request('/__admin/tokens');
    const ids = new Set((listed.json as { id: string }[]).map((token) => token.id));
    expect(created.filter((id) => !ids.has(id))).toEqual([]);
    for (const id of created) {
      const response = await mock.request('/v1/userinfo', {
        headers: { authorization: `Bearer ${id}` },
      });
      expect(response.text, id).toBe(expectedOf(id));
    }
  });
});
