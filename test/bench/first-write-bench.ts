/**
 * The first admin write's stall (hardening): on a fresh mock (the built bin), a `GET /v1/userinfo` sent
 * right after the first `POST /__admin/tokens` waits as long as that write holds the event loop. It once
 * loaded Ajv and compiled the config schema there (about 150 ms); the record checks now come compiled.
 * The userinfo leaves a millisecond after the write; the mock's CPU time over the pair (schedstat) says
 * the same without the machine's noise or the race of the two requests.
 * Each round starts a new mock, measures the userinfo alone (its baseline on that mock), then the first
 * write and the userinfo behind it, then the same for the second write. The figure is the median, over
 * the rounds, of the userinfo's latency behind the first write above its baseline.
 */
import { readFileSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';
import { type Figure, median, type SectionResult } from './figures.js';
import { KIT_BIN, startServer, stopServer } from './servers.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
/** The goal: a concurrent userinfo waits less than this behind the first admin write. */
const GOAL_MS = 10;

/** One request on `agent` (a connection of its own, kept open); resolves with its latency in ms. */
function timed(agent: Agent, url: string, method: string, headers: Record<string, string>, body?: string) {
  return new Promise<number>((resolve, reject) => {
    const started = performance.now();
    const outgoing = httpRequest(url, { method, headers, agent }, (incoming) => {
      incoming.resume();
      incoming.on('end', () => resolve(performance.now() - started));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

interface Round {
  readonly baseline: number;
  readonly firstWrite: number;
  readonly behindFirst: number;
  readonly behindSecond: number;
  /** CPU time of the mock's main thread over the first write and its userinfo: the stall without the machine's noise. */
  readonly firstCpu: number;
  readonly secondCpu: number;
}

/** CPU time of a process's main thread so far, in ms (Linux schedstat, nanoseconds; NaN elsewhere). */
function mainThreadCpuMs(pid: number | undefined): number {
  try {
    return Number(readFileSync(`/proc/${pid}/task/${pid}/schedstat`, 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return Number.NaN;
  }
}

async function round(): Promise<Round> {
  const server = await startServer([KIT_BIN, 'mock', '--port', '0', '--quiet']);
  const api = new Agent({ keepAlive: true, maxSockets: 1 });
  const admin = new Agent({ keepAlive: true, maxSockets: 1 });
  const userinfo = (): Promise<number> =>
    timed(api, `${server.url}/v1/userinfo`, 'GET', { authorization: 'Bearer valid' });
  const write = (id: string): Promise<number> =>
    timed(
      admin,
      `${server.url}/__admin/tokens`,
      'POST',
      { 'content-type': 'application/json' },
      JSON.stringify({ id }),
    );
  // A millisecond after the write went out: the mock has it in hand, and the userinfo arrives behind it.
  const behind = (): Promise<number> => new Promise((resolve) => setTimeout(resolve, 1)).then(userinfo);
  try {
    // Both connections open and the userinfo path warm; the admin connection only reads the clock.
    await timed(admin, `${server.url}/__admin/clock`, 'GET', {});
    const warm: number[] = [];
    for (let index = 0; index < 30; index++) warm.push(await userinfo());
    const baseline = median(warm.slice(10));
    const pid = server.child.pid;
    const before = mainThreadCpuMs(pid);
    const [firstWrite, behindFirst] = await Promise.all([write('first'), behind()]);
    const between = mainThreadCpuMs(pid);
    const [, behindSecond] = await Promise.all([write('second'), behind()]);
    const after = mainThreadCpuMs(pid);
    return {
      baseline,
      firstWrite,
      behindFirst,
      behindSecond,
      firstCpu: between - before,
      secondCpu: after - between,
    };
  } finally {
    api.destroy();
    admin.destroy();
    await stopServer(server);
  }
}

/** The part of `npm run bench`: the stall per round, and the figure. */
export async function benchFirstWrite(): Promise<SectionResult> {
  const rounds: Round[] = [];
  for (let index = 0; index < ROUNDS; index++) rounds.push(await round());
  const stalls = rounds.map((each) => Math.max(0, each.behindFirst - each.baseline));
  const figure: Figure = {
    name: "a userinfo behind a fresh mock's first admin write, above its baseline",
    value: median(stalls),
    unit: 'ms',
    atMost: GOAL_MS,
    rounds: stalls,
  };
  const ms = (value: number): string => value.toFixed(1);
  const column = (pick: (each: Round) => number): string => ms(median(rounds.map(pick)));
  return {
    lines: [
      `| ${ROUNDS} fresh mocks (the bin), ms | userinfo alone | first POST /__admin/tokens | userinfo behind it | mock CPU, first write + userinfo | userinfo behind the second write | mock CPU, second |`,
      '|---|---|---|---|---|---|---|',
      `| median of the rounds | ${column((each) => each.baseline)} | ${column((each) => each.firstWrite)} | ${column((each) => each.behindFirst)} | ${column((each) => each.firstCpu)} | ${column((each) => each.behindSecond)} | ${column((each) => each.secondCpu)} |`,
      ...rounds.map(
        (each, index) =>
          `| round ${index + 1} | ${ms(each.baseline)} | ${ms(each.firstWrite)} | ${ms(each.behindFirst)} | ${ms(each.firstCpu)} | ${ms(each.behindSecond)} | ${ms(each.secondCpu)} |`,
      ),
    ],
    figures: [figure],
  };
}
