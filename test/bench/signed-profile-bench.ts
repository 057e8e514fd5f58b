/**
 * Signed profiles against the least they could be, in the same run: `mock.signProfile` against Node's
 * `crypto.sign` of the same payload with the same key (what signing a profile is, bare), in alternating
 * rounds in-process; and `GET /v1/key` on the mock (`--quiet`) against a bare node:http server answering
 * the same bytes, with autocannon, servers on CPU 0 and load on CPU 1.
 */
import { createPrivateKey, sign } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { createMock } from '../../mock/index.js';
import { SIGNED_PROFILE_ENDPOINTS } from '../../src/operations/signed-profile/endpoints.js';
import { KIT_TEST_PRIVATE_KEY } from '../../src/operations/signed-profile/test-keys.js';
import { type Figure, median, type SectionResult } from './figures.js';
import {
  alternate,
  BARE_SERVER,
  type BenchRequest,
  captureAnswer,
  KIT_BIN,
  type Load,
  loadRequest,
  type LoadShape,
  startServer,
  stopServer,
} from './servers.js';

const ROUND_MS = Number(process.env.BENCH_SIGN_ROUND_MS ?? 1000);
const SIGN_ROUNDS = 6;
const KEY_ROUNDS = Number(process.env.BENCH_ROUNDS ?? 12);
const SHAPE: LoadShape = { connections: 32, pipelining: 8, seconds: Number(process.env.BENCH_DURATION ?? 2) };
const KEYS: BenchRequest = {
  path: SIGNED_PROFILE_ENDPOINTS.publicKeys,
  header: ['Accept', 'application/json'],
};

/** Calls per second of `call`, one after another for `ROUND_MS`. */
function rate(call: () => unknown): number {
  let calls = 0;
  const started = performance.now();
  const until = started + ROUND_MS;
  while (performance.now() < until) {
    call();
    calls++;
  }
  return calls / ((performance.now() - started) / 1000);
}

/** `signProfile` and the bare `crypto.sign` of its payload, calls/s per alternating round. */
async function benchSigning(): Promise<{ line: string; figure: Figure }> {
  const mock = createMock();
  const input = { persona: 'full-in', requestNonce: 'bench-nonce-1', requestTime: 1767225600 };
  const { payload } = mock.signProfile(input);
  const bytes = Buffer.from(payload, 'ascii');
  const key = createPrivateKey(KIT_TEST_PRIVATE_KEY);
  const sides = [() => rate(() => mock.signProfile(input)), () => rate(() => sign('sha512', bytes, key))];
  for (const side of sides) side(); // JIT
  const [signed = [], bare = []] = await alternate(SIGN_ROUNDS, sides);
  await mock.close();
  const rounds = signed.map((calls, round) => calls / (bare[round] ?? Number.NaN));
  const figure: Figure = {
    name: 'mock.signProfile / crypto.sign of the same payload (signatures/s)',
    value: median(rounds),
    unit: 'x',
    atLeast: 0.9,
    rounds,
  };
  return {
    line: `| signing a profile (RSA-2048, SHA-512) | ${median(signed).toFixed(0)} | crypto.sign of the payload | ${median(bare).toFixed(0)} | **${figure.value.toFixed(2)}x** (rounds ${rounds.map((value) => value.toFixed(2)).join(' ')}) |`,
    figure,
  };
}

/** `GET /v1/key` on the mock against a bare node:http server answering the same bytes, req/s per round. */
async function benchKeyEndpoint(): Promise<{ line: string; figure: Figure }> {
  const mock = await startServer([KIT_BIN, 'mock', '--port', '0', '--quiet']);
  const bare = await startServer([BARE_SERVER, await captureAnswer(mock.url, KEYS)]);
  try {
    for (const server of [bare, mock]) loadRequest(server, KEYS, { ...SHAPE, seconds: 2 });
    const [bareLoads = [], mockLoads = []] = await alternate<Load>(KEY_ROUNDS, [
      () => loadRequest(bare, KEYS, SHAPE),
      () => loadRequest(mock, KEYS, SHAPE),
    ]);
    const rounds = mockLoads.map((load, round) => load.rps / (bareLoads[round]?.rps ?? Number.NaN));
    const mean = (loads: readonly Load[]): number =>
      loads.reduce((sum, load) => sum + load.rps, 0) / loads.length;
    const figure: Figure = {
      name: 'GET /v1/key, mock --quiet / bare node:http (req/s)',
      value: median(rounds),
      unit: 'x',
      atLeast: 0.9,
      rounds,
    };
    const non2xx = mockLoads.reduce((sum, load) => sum + load.non2xx, 0);
    return {
      line: `| GET /v1/key (200), ${SHAPE.seconds}s x ${KEY_ROUNDS} rounds, ${SHAPE.connections} connections x ${SHAPE.pipelining} pipelined | ${mean(mockLoads).toFixed(0)} | bare node:http, the same bytes | ${mean(bareLoads).toFixed(0)} | **${figure.value.toFixed(2)}x** (rounds ${rounds.map((value) => value.toFixed(2)).join(' ')})${non2xx > 0 ? `; ${non2xx} non-2xx!` : ''} |`,
      figure,
    };
  } finally {
    await Promise.all([stopServer(mock), stopServer(bare)]);
  }
}

/** Signing a profile and serving the keys, each against its bare operation. */
export async function benchSignedProfile(): Promise<SectionResult> {
  const signing = await benchSigning();
  const keys = await benchKeyEndpoint();
  return {
    lines: [
      '| signed profiles | mock, per s | baseline | baseline, per s | mock/baseline (median round) |',
      '|---|---|---|---|---|',
      signing.line,
      keys.line,
    ],
    figures: [signing.figure, keys.figure],
  };
}
