/**
 * What a day-long run leaves behind (hardening): the heap after 100,000 codes registered at run time,
 * half exchanged (each issuing a token) and half left to expire, once the mock's clock has passed their
 * lifetime and grace and one more code is registered. Codes and tokens that can no longer be used are
 * dropped, so the heap comes back to where it started, within a stated bound.
 */
import { createMock } from '../../mock/index.js';
import { ENDPOINTS } from '../../src/endpoints.js';
import { TRUECALLER_OAUTH_URL } from '../../src/hosts.js';
import { DEFAULT_CLIENT_ID, EXAMPLE_CODE_VERIFIER } from '../../src/operations/token/grants.js';
import type { Figure, SectionResult } from './figures.js';
import { heapMiB } from './heap.js';

const CODES = Number(process.env.BENCH_GROWTH_CODES ?? 100_000);
/** The stated bound: what may stay of 100,000 codes once none of them can be used. */
const BOUND_MIB = 1;

/** The growth table and its figure. */
export async function benchGrowth(): Promise<SectionResult> {
  const mock = createMock({ admin: false });
  const token = `${TRUECALLER_OAUTH_URL}${ENDPOINTS.token}`;
  const exchange = (code: string): Promise<Response> =>
    mock.fetch(token, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=authorization_code&client_id=${DEFAULT_CLIENT_ID}&code=${code}&code_verifier=${EXAMPLE_CODE_VERIFIER}`,
    });
  // What the first use loads once (the record checks' validators, the ID token's key) is not growth.
  await (await exchange(mock.registerCode())).arrayBuffer();
  const start = heapMiB();
  for (let index = 0; index < CODES; index++) {
    const code = mock.registerCode();
    if (index % 2 === 0) await (await exchange(code)).arrayBuffer();
  }
  const live = heapMiB();
  const held = { codes: mock.store.size('codes'), tokens: mock.store.size('tokens') };
  // Past every code's lifetime and grace, and every issued token's expiry and grace: nothing can be used.
  mock.clock.advance(3 * 3600 * 1000);
  mock.registerCode();
  await (await exchange(mock.registerCode())).arrayBuffer();
  const after = heapMiB();
  const left = { codes: mock.store.size('codes'), tokens: mock.store.size('tokens') };
  await mock.close();
  const figure: Figure = {
    name: `heap after ${CODES.toLocaleString('en')} codes used or expired, above the start`,
    value: after - start,
    unit: 'MiB',
    atMost: BOUND_MIB,
    rounds: [after - start],
  };
  return {
    lines: [
      `| ${CODES.toLocaleString('en')} run-time codes, half exchanged | heap MiB | codes held | tokens held |`,
      '|---|---|---|---|',
      `| at the start | ${start.toFixed(2)} | | |`,
      `| all registered (none expired yet) | ${live.toFixed(2)} | ${held.codes} | ${held.tokens} |`,
      `| past their lifetime and grace, after one more | ${after.toFixed(2)} | ${left.codes} | ${left.tokens} |`,
    ],
    figures: [figure],
  };
}
