/**
 * The hot paths: `GET /v1/userinfo` (and the validation call of users without the Truecaller app, and
 * the profile fetch of a mobile website's sign-in)
 * against a bare node:http server serving the same bytes, with the defaults a user gets from
 * `npx truecaller-oauth-kit mock` (the request log on, to a file here) and with `--quiet`. All servers run side by side and take turns, round by round.
 */
import { join } from 'node:path';
import { ENDPOINTS } from '../../src/endpoints.js';
import { fillPath } from '../../src/paths.js';
import { DEFAULT_CLIENT_ID } from '../../src/operations/token/grants.js';
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
  scratchDir,
  type Server,
  startServer,
  stopServer,
  userInfoRequest,
} from './servers.js';

const SHAPE: LoadShape = {
  connections: 32,
  // One autocannon process on one core cannot saturate a Node server without pipelining: the server sat
  // ~27% idle at -p 1, so the figure measured the load generator. With 8 in flight per connection it is busy.
  pipelining: 8,
  seconds: Number(process.env.BENCH_DURATION ?? 2),
};
// This VM's throughput drifts by +-15% between seconds, and a single round by more: many short
// alternating rounds, whose median a few bad ones do not move, say more than a few long ones (the same
// 24 s per server as 6 rounds of 4 s).
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 12);
const WARM_UP: LoadShape = { ...SHAPE, seconds: 2 };

interface Side {
  readonly label: string;
  readonly server: Server;
}

async function compare(
  title: string,
  request: BenchRequest,
  mockSides: readonly { label: string; args: readonly string[]; logFile?: string }[],
): Promise<{ lines: string[]; ratios: number[][]; cpuRatios: number[][] }> {
  const probe = await startServer([KIT_BIN, 'mock', '--port', '0', '--quiet']);
  const bareFile = await captureAnswer(probe.url, request);
  await stopServer(probe);

  const sides: Side[] = [{ label: 'bare node:http', server: await startServer([BARE_SERVER, bareFile]) }];
  for (const side of mockSides)
    sides.push({ label: side.label, server: await startServer([KIT_BIN, ...side.args], side.logFile) });
  try {
    for (const side of sides) loadRequest(side.server, request, WARM_UP); // JIT, sockets
    const runs = await alternate(
      ROUNDS,
      sides.map((side) => () => loadRequest(side.server, request, SHAPE)),
    );
    const bare = runs[0] as Load[];
    const mean = (loads: readonly Load[], key: 'rps' | 'p99' | 'cpuMicros'): number =>
      loads.reduce((sum, load) => sum + load[key], 0) / loads.length;
    const lines: string[] = [];
    const ratios: number[][] = [];
    const cpuRatios: number[][] = [];
    sides.forEach((side, index) => {
      const loads = runs[index] as Load[];
      const perRound = loads.map((load, round) => load.rps / (bare[round]?.rps ?? Number.NaN));
      ratios.push(perRound);
      cpuRatios.push(loads.map((load, round) => (bare[round]?.cpuMicros ?? Number.NaN) / load.cpuMicros));
      const unexpected = loads.reduce((sum, load) => sum + load.non2xx, 0);
      const ratio =
        index === 0
          ? '1.00x'
          : `**${median(perRound).toFixed(2)}x** (rounds ${perRound.map((value) => value.toFixed(2)).join(' ')}); CPU ${(mean(bare, 'cpuMicros') / mean(loads, 'cpuMicros')).toFixed(2)}x`;
      lines.push(
        `| ${title} | ${side.label} | ${mean(loads, 'rps').toFixed(0)} | ${mean(loads, 'p99').toFixed(1)} | ${mean(loads, 'cpuMicros').toFixed(1)} | ${ratio} |`,
      );
      if (index > 0 && title.includes('(200)') && unexpected > 0)
        lines.push(`| ${title} | ${side.label} answered ${unexpected} non-2xx! | | | | |`);
    });
    return { lines, ratios, cpuRatios };
  } finally {
    await Promise.all(sides.map((side) => stopServer(side.server)));
  }
}

/** The hot path's table and its two acceptance figures. */
export async function benchHotPath(): Promise<SectionResult> {
  const logFile = join(scratchDir(), 'requests.log');
  const valid = await compare('GET /v1/userinfo, Bearer valid (200)', userInfoRequest('Bearer valid'), [
    { label: 'mock, defaults (request log to a file)', args: ['mock', '--port', '0'], logFile },
    { label: 'mock --quiet', args: ['mock', '--port', '0', '--quiet'] },
  ]);
  const expired = await compare('GET /v1/userinfo, Bearer expired (401)', userInfoRequest('Bearer expired'), [
    { label: 'mock --quiet', args: ['mock', '--port', '0', '--quiet'] },
  ]);
  // The validation call of users without the Truecaller app: its token in the path, its client in a header.
  const phoneNumber = await compare(
    'GET phoneNumberDetail, otp-valid (200)',
    {
      path: fillPath(ENDPOINTS.phoneNumberDetail, 'otp-valid'),
      header: ['clientId', DEFAULT_CLIENT_ID],
    },
    [{ label: 'mock, defaults (request log to a file)', args: ['mock', '--port', '0'], logFile }],
  );
  // The profile endpoint of a mobile website's sign-in: a bearer token, a persona's web profile.
  const webProfile = await compare(
    'GET /v1/default, Bearer web-valid (200)',
    { path: ENDPOINTS.webProfile, header: ['Authorization', 'Bearer web-valid'] },
    [{ label: 'mock, defaults (request log to a file)', args: ['mock', '--port', '0'], logFile }],
  );
  const [, logged = [], quiet = []] = valid.ratios;
  const [, phoneNumberLogged = []] = phoneNumber.ratios;
  const [, webProfileLogged = []] = webProfile.ratios;
  const [, loggedCpu = [], quietCpu = []] = valid.cpuRatios;
  const figure = (name: string, rounds: number[], atLeast?: number): Figure => ({
    name,
    value: median(rounds),
    unit: 'x',
    ...(atLeast === undefined ? {} : { atLeast }),
    rounds,
  });
  // Requests per second is the figure; CPU time per request (bare/mock) is shown beside it, without a
  // goal of its own: it says whether a low ratio is the mock's own work or the machine's.
  const figures: Figure[] = [
    figure('`valid` hot path, default request log to a file / bare node:http (req/s)', logged, 0.9),
    figure('the same, bare/mock CPU time per request', loggedCpu),
    figure('`valid` hot path, `--quiet` / bare node:http (req/s)', quiet, 0.95),
    figure('the same, bare/mock CPU time per request', quietCpu),
    figure(
      'the validation call (otp-valid), default request log to a file / bare node:http (req/s)',
      phoneNumberLogged,
      0.85,
    ),
    figure(
      'the profile fetch of a mobile website (web-valid), default request log to a file / bare node:http (req/s)',
      webProfileLogged,
      0.85,
    ),
  ];
  return {
    lines: [
      `${SHAPE.seconds}s x ${ROUNDS} alternating rounds per server, ${SHAPE.connections} connections x ${SHAPE.pipelining} pipelined`,
      '',
      '| request | server | req/s | p99 ms | CPU µs/req | mock/bare: median of the rounds (req/s); CPU per request |',
      '|---|---|---|---|---|---|',
      ...valid.lines,
      ...expired.lines,
      ...phoneNumber.lines,
      ...webProfile.lines,
    ],
    figures,
  };
}
