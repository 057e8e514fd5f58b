/**
 * The in-process doors against the least they could be, in the same run: `mock.fetch` for the `valid`
 * userinfo against a bare function returning a prebuilt `Response` of the same bytes, and the MSW
 * handlers against an MSW handler returning a static `HttpResponse`. Each side reads the body, as a
 * client does; alternating rounds average out the machine's drift.
 */
import { performance } from 'node:perf_hooks';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { createMock } from '../../mock/index.js';
import { truecallerHandlers } from '../../mock/msw/index.js';
import { ENDPOINTS } from '../../src/endpoints.js';
import { TRUECALLER_OAUTH_URL } from '../../src/hosts.js';
import { type Figure, median, type SectionResult } from './figures.js';

const ROUND_MS = Number(process.env.BENCH_IN_PROCESS_ROUND_MS ?? 1000);
const ROUNDS = 6;
const INIT: RequestInit = { headers: { authorization: 'Bearer valid' } };

type Call = () => Promise<Response>;

/** Calls per second of `call`, awaited one after another (body read) for `ROUND_MS`. */
async function rate(call: Call): Promise<number> {
  let calls = 0;
  const started = performance.now();
  const until = started + ROUND_MS;
  while (performance.now() < until) {
    await (await call()).arrayBuffer();
    calls++;
  }
  return calls / ((performance.now() - started) / 1000);
}

/** Each side's calls/s per alternating round, after a warm-up of each. */
async function compare(door: Call, bare: Call): Promise<{ door: number[]; bare: number[] }> {
  await rate(door);
  await rate(bare);
  const rounds = { door: [] as number[], bare: [] as number[] };
  for (let round = 0; round < ROUNDS; round++) {
    rounds.door.push(await rate(door));
    rounds.bare.push(await rate(bare));
  }
  return rounds;
}

/** The median round's ratio of door to baseline: the acceptance figure (issue 14: at least 0.8x). */
function figure(name: string, { door, bare }: { door: number[]; bare: number[] }): Figure {
  const rounds = door.map((calls, round) => calls / (bare[round] ?? Number.NaN));
  return { name, value: median(rounds), unit: 'x', atLeast: 0.8, rounds };
}

function row(
  label: string,
  against: string,
  sides: { door: number[]; bare: number[] },
  ratio: Figure,
): string {
  return `| ${label} | ${median(sides.door).toFixed(0)} | ${against} | ${median(sides.bare).toFixed(0)} | **${ratio.value.toFixed(2)}x** |`;
}

/** Each in-process door's calls/s, its baseline's, and the ratio of the two. */
export async function benchInProcess(): Promise<SectionResult> {
  const mock = createMock();
  const url = `${TRUECALLER_OAUTH_URL}${ENDPOINTS.userinfo}`;
  const prepared = await mock.fetch(url, INIT);
  const body = new Uint8Array(await prepared.arrayBuffer());
  const headers = [...prepared.headers.entries()];
  const fetchDoor = await compare(
    () => mock.fetch(url, INIT),
    () => Promise.resolve(new Response(body, { status: 200, headers })),
  );

  const staticUrl = `https://static.example${ENDPOINTS.userinfo}`;
  const server = setupServer(
    ...truecallerHandlers(mock),
    http.get(staticUrl, () => new HttpResponse(body, { status: 200, headers })),
  );
  server.listen({ onUnhandledRequest: 'error' });
  try {
    const mswDoor = await compare(
      () => fetch(url, INIT),
      () => fetch(staticUrl, INIT),
    );
    const figures = [
      figure('mock.fetch / a prebuilt Response', fetchDoor),
      figure('MSW door / a static MSW handler', mswDoor),
    ];
    const [fetchFigure, mswFigure] = figures as [Figure, Figure];
    return {
      lines: [
        '| door (GET /v1/userinfo, Bearer valid) | calls/s | baseline | calls/s | door/baseline (median round) |',
        '|---|---|---|---|---|',
        row('`mock.fetch`', 'a function returning a prebuilt `Response`', fetchDoor, fetchFigure),
        row(
          'MSW (`truecallerHandlers`)',
          'an MSW handler returning a static `HttpResponse`',
          mswDoor,
          mswFigure,
        ),
      ],
      figures,
    };
  } finally {
    server.close();
    await mock.close();
  }
}
