/**
 * Replicas sharing a store (`--store`, `--workers`): `GET /v1/userinfo` requests per second and the token
 * flow's exchanges per second of 1, 2 and N processes on one Redis, each against one process on the same
 * store, and one process on the store against one in memory, in alternating rounds. Every side runs its
 * processes on any core and the load too (servers of several processes need more than one core), so on
 * a 2-core machine the load generator takes a core the servers would use: the figures say what this
 * machine can show, and a machine with more cores shows more.
 */
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { REDIS_SERVER, startRedisServer } from '../support/redis-process.js';
import { missingTools, whatToRun } from '../support/tools.js';
import { type Figure, median, type SectionResult } from './figures.js';
import {
  alternate,
  KIT_BIN,
  loadRequest,
  type LoadShape,
  ROOT,
  scratchDir,
  type Server,
  startServer,
  stopServer,
  userInfoRequest,
} from './servers.js';

const SECONDS = Number(process.env.BENCH_DURATION ?? 2);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 12);
/** Exchanges use a code each: fewer rounds keep the codes a config can hold enough (see CODES). */
const EXCHANGE_ROUNDS = Math.max(2, Math.round(ROUNDS / 2));
/** Codes in the config every side loads: enough for 8,000 exchanges a second per side. */
const CODES = 100_000;
const USERINFO_SHAPE: LoadShape = { connections: 32, pipelining: 8, seconds: SECONDS };
const EXCHANGE_CONNECTIONS = 16;
const EXCHANGE_LOAD = join(ROOT, 'test/bench/exchange-load.mjs');

/** One side: how many processes, on which store (undefined: in memory). */
interface Side {
  readonly label: string;
  readonly processes: number;
  readonly store: boolean;
}

function sidesFor(cores: number): Side[] {
  const sides: Side[] = [
    { label: '1 process, in memory', processes: 1, store: false },
    { label: '1 process on the store', processes: 1, store: true },
    { label: '2 processes on the store (--workers 2)', processes: 2, store: true },
  ];
  if (cores > 2)
    sides.push({ label: `${cores} processes on the store (--workers auto)`, processes: cores, store: true });
  return sides;
}

/** Starts a side's mock: the bin, `--quiet`, its own key prefix on the store, `--workers` past one. */
function startSide(side: Side, index: number, storeUrl: string, extra: readonly string[]): Promise<Server> {
  const args = [KIT_BIN, 'mock', '--port', '0', '--quiet', ...extra];
  if (side.store) args.push('--store', storeUrl, '--store-prefix', `bench-${index}-${Date.now()}`);
  if (side.processes > 1) args.push('--workers', String(side.processes));
  return startServer(args, undefined, 'any');
}

/** Runs `measure` on every side once untimed, then in alternating rounds; each side's value per round. */
async function measureSides(
  sides: readonly Side[],
  storeUrl: string,
  extra: readonly string[],
  rounds: number,
  measure: (server: Server, side: number) => number,
): Promise<number[][]> {
  const servers: Server[] = [];
  try {
    for (const [index, side] of sides.entries()) servers.push(await startSide(side, index, storeUrl, extra));
    // A warm-up of each (JIT, sockets, every worker): in a run without it, the first two rounds of
    // --workers 2 ran at 0.13x of one process and the later ones at 0.55x to 2.05x.
    for (const [index, server] of servers.entries()) measure(server, index);
    return await alternate(
      rounds,
      servers.map((server, index) => () => measure(server, index)),
    );
  } finally {
    await Promise.all(servers.map((server) => stopServer(server)));
  }
}

/** Exchanges per second of one load run, each of a code not used before on that side. */
function exchangesPerSecond(server: Server, next: number[], side: number): number {
  const output = execFileSync(
    process.execPath,
    [EXCHANGE_LOAD, server.url, String(next[side] ?? 0), String(SECONDS), String(EXCHANGE_CONNECTIONS)],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const result = JSON.parse(output) as { '2xx': number; non2xx: number; errors: number; next: number };
  if (result.errors > 0 || result.non2xx > 0)
    throw new Error(`exchanges against ${server.url}: ${result.errors} errors, ${result.non2xx} not 200`);
  next[side] = result.next;
  return result['2xx'] / SECONDS;
}

/** A table row per side: its mean, and its rounds' ratios to the side it is compared with. */
function rows(title: string, sides: readonly Side[], values: readonly number[][]): string[] {
  return sides.map((side, index) => {
    const own = values[index] ?? [];
    const base = index === 0 ? undefined : index === 1 ? values[0] : values[1];
    const against = index === 0 ? '' : index === 1 ? 'in memory' : '1 process on the store';
    const ratios = base === undefined ? [] : own.map((value, round) => value / (base[round] ?? Number.NaN));
    const mean = own.reduce((sum, value) => sum + value, 0) / own.length;
    const ratio =
      base === undefined
        ? ''
        : `**${median(ratios).toFixed(2)}x** of ${against} (rounds ${ratios.map((value) => value.toFixed(2)).join(' ')})`;
    return `| ${title} | ${side.label} | ${mean.toFixed(0)} | ${ratio} |`;
  });
}

/** Each side's per-round ratio to its comparison side, as acceptance figures without goals. */
function figuresOf(what: string, sides: readonly Side[], values: readonly number[][]): Figure[] {
  return sides.slice(1).map((side, at) => {
    const index = at + 1;
    const base = (index === 1 ? values[0] : values[1]) ?? [];
    const rounds = (values[index] ?? []).map((value, round) => value / (base[round] ?? Number.NaN));
    const against = index === 1 ? '1 process in memory' : '1 process on the store';
    return { name: `${what}: ${side.label} / ${against}`, value: median(rounds), unit: 'x', rounds };
  });
}

/** The replicas' table and figures; without redis-server, a line saying how to get it. */
export async function benchReplicas(): Promise<SectionResult> {
  if (REDIS_SERVER === undefined)
    return { lines: [`not run: ${whatToRun(missingTools(['redis-server']))}`], figures: [] };
  const redis = await startRedisServer();
  try {
    const cores = availableParallelism();
    const sides = sidesFor(cores);
    const userinfo = await measureSides(sides, redis.url, [], ROUNDS, (server) => {
      const load = loadRequest(server, userInfoRequest('Bearer valid'), USERINFO_SHAPE, 'any');
      if (load.non2xx > 0) throw new Error(`userinfo against ${server.url}: ${load.non2xx} not 200`);
      return load.rps;
    });
    const config = join(scratchDir(), 'codes.json');
    const codes = Object.fromEntries(
      Array.from({ length: CODES }, (_, at) => [`c${String(at).padStart(6, '0')}`, {}]),
    );
    writeFileSync(config, JSON.stringify({ idToken: false, codes }));
    const next = sides.map(() => 0);
    const exchanges = await measureSides(
      sides,
      redis.url,
      ['--config', config],
      EXCHANGE_ROUNDS,
      (server, side) => exchangesPerSecond(server, next, side),
    );
    return {
      lines: [
        `${cores} cores; servers and load on any core. userinfo: Bearer valid, ${SECONDS}s x ${ROUNDS} alternating rounds, ${USERINFO_SHAPE.connections} connections x ${USERINFO_SHAPE.pipelining} pipelined. Exchanges: authorization_code, each of a code not used before (no ID token; a refresh token each), ${SECONDS}s x ${EXCHANGE_ROUNDS} rounds, ${EXCHANGE_CONNECTIONS} connections. Redis on this machine, append-only file on.`,
        '',
        '| load | side | per second (mean) | ratio: median of the rounds |',
        '|---|---|---|---|',
        ...rows('GET /v1/userinfo (req/s)', sides, userinfo),
        ...rows('POST /v1/token exchanges (/s)', sides, exchanges),
      ],
      figures: [
        ...figuresOf('userinfo req/s', sides, userinfo),
        ...figuresOf('exchanges/s', sides, exchanges),
      ],
    };
  } finally {
    await redis.stop();
  }
}
