/**
 * Start-up: the built bin (`npx truecaller-oauth-kit mock`) from spawn to its first 200 against a bare
 * node:http server's; and the mock in-process (import, `createMockServer`, `start`) against a bare
 * server's own import, `createServer` and `listen`, both timed from the start of their process.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { type Figure, median, type SectionResult } from './figures.js';
import {
  alternate,
  BARE_SERVER,
  captureAnswer,
  KIT_BIN,
  nodeOnServerCore,
  ROOT,
  startServer,
  stopServer,
  userInfoRequest,
} from './servers.js';

const RUNS = 7;
const PROBE = join(ROOT, 'test/bench/start-probe.mjs');
const MOCK_MODULE = pathToFileURL(join(ROOT, 'dist/mock/index.js')).href;

async function timeToFirst200(args: readonly string[]): Promise<number> {
  const server = await startServer(args);
  try {
    const response = await fetch(`${server.url}/v1/userinfo`, {
      headers: { authorization: 'Bearer valid' },
    });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`cold start: ${args.join(' ')} answered ${response.status}`);
    return performance.now() - server.spawnedAt;
  } finally {
    await stopServer(server);
  }
}

interface Probe {
  /** Milliseconds from the start of the process until it listened. */
  ready: number;
  importMs: number;
}

function probe(kind: 'mock' | 'bare'): Probe {
  const [file, args] = nodeOnServerCore([PROBE, kind, MOCK_MODULE]);
  const output = execFileSync(file, args, { encoding: 'utf8' });
  return JSON.parse(output) as Probe;
}

/** The start-up table and its two acceptance figures. */
export async function benchColdStart(): Promise<SectionResult> {
  const capture = await startServer([KIT_BIN, 'mock', '--port', '0', '--quiet']);
  const bareFile = await captureAnswer(capture.url, userInfoRequest('Bearer valid'));
  await stopServer(capture);

  const [bin = [], bare = []] = await alternate(RUNS, [
    () => timeToFirst200([KIT_BIN, 'mock', '--port', '0', '--quiet']),
    () => timeToFirst200([BARE_SERVER, bareFile]),
  ]);
  const [mock = [], node = []] = await alternate(RUNS, [() => probe('mock'), () => probe('bare')]);
  const above = mock.map((run, round) => run.ready - (node[round]?.ready ?? Number.NaN));

  const figures: Figure[] = [
    {
      name: 'cold start of the bin, spawn to first 200 / bare node:http (median of 7)',
      value: median(bin) / median(bare),
      unit: 'x',
      atMost: 2,
      rounds: bin.map((time, round) => time / (bare[round] ?? Number.NaN)),
    },
    {
      name: 'import + createMockServer + start in-process, above bare node:http (median of 7)',
      value: median(above),
      unit: 'ms',
      atMost: 100,
      rounds: above,
    },
  ];
  const ms = (values: readonly number[]): string => `${median(values).toFixed(0)} ms`;
  return {
    lines: [
      `| start-up (median of ${RUNS}, alternating) | mock | bare node:http | mock/bare |`,
      '|---|---|---|---|',
      `| spawn to first 200: \`node dist/contracts/bin.js mock\` vs \`node bare-server.mjs\` | ${ms(bin)} | ${ms(bare)} | **${(median(bin) / median(bare)).toFixed(2)}x** |`,
      `| in-process, process start to listening | ${ms(mock.map((run) => run.ready))} | ${ms(node.map((run) => run.ready))} | **+${median(above).toFixed(0)} ms** |`,
      `| of which \`import\` (the module graph; node:http alone for bare) | ${ms(mock.map((run) => run.importMs))} | ${ms(node.map((run) => run.importMs))} | |`,
    ],
    figures,
  };
}
