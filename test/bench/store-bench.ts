/**
 * The store at scale: a refresh, a revoke, a userinfo right after a revoke and an admin write, one at a
 * time over HTTP, against a mock holding 50,000 live issued tokens and against a fresh one. Both run the
 * built bin with `--db`, as a long-lived shared mock would; they take turns, round by round.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createMock } from '../../mock/index.js';
import { DEFAULT_CLIENT_ID, EXAMPLE_CODE_VERIFIER } from '../../src/operations/token/grants.js';
import { type Figure, median, type SectionResult } from './figures.js';
import { alternate, KIT_BIN, scratchDir, type Server, startServer, stopServer } from './servers.js';

const LIVE_TOKENS = Number(process.env.BENCH_LIVE_TOKENS ?? 50_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 6);
/** Operations of each kind per side and round. */
const PER_ROUND = Number(process.env.BENCH_STORE_OPS ?? 40);

const OPERATIONS = ['refresh', 'revoke', 'userinfo after revoke', 'admin write (--db)'] as const;
type Operation = (typeof OPERATIONS)[number];

const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

/**
 * A `--db` file holding `count` live tokens issued by `POST /v1/token` (each with its refresh token), made
 * by the mock's own issuer in-process, so the records are what a long run leaves behind.
 */
async function writeStoreWithIssuedTokens(file: string, count: number): Promise<void> {
  const mock = createMock();
  const exchange = form({
    grant_type: 'authorization_code',
    client_id: DEFAULT_CLIENT_ID,
    code: 'valid-code',
    code_verifier: EXAMPLE_CODE_VERIFIER,
  });
  for (let issued = 0; issued < count; issued++) {
    const response = await mock.fetch('http://mock/v1/token', exchange);
    if (response.status !== 200) throw new Error(`issuing token ${issued}: ${response.status}`);
  }
  writeFileSync(file, JSON.stringify(mock.store.snapshot(), null, 2));
  await mock.close();
}

async function call(url: string, init?: RequestInit): Promise<{ status: number; body: string; ms: number }> {
  const started = performance.now();
  const response = await fetch(url, init);
  const body = await response.text();
  return { status: response.status, body, ms: performance.now() - started };
}

/** One mock under test, and the refresh token its next refresh uses. */
interface Subject {
  readonly label: string;
  readonly server: Server;
  refreshToken: string;
  written: number;
}

async function firstRefreshToken(url: string): Promise<string> {
  const issued = await call(
    `${url}/v1/token`,
    form({
      grant_type: 'authorization_code',
      client_id: DEFAULT_CLIENT_ID,
      code: 'valid-code',
      code_verifier: EXAMPLE_CODE_VERIFIER,
    }),
  );
  return (JSON.parse(issued.body) as { refresh_token: string }).refresh_token;
}

/** `PER_ROUND` of each operation; the median latency of each, in ms. */
async function round(subject: Subject): Promise<Record<Operation, number>> {
  const { url } = subject.server;
  const times: Record<Operation, number[]> = {
    refresh: [],
    revoke: [],
    'userinfo after revoke': [],
    'admin write (--db)': [],
  };
  const expect = (what: string, status: number, wanted: number): void => {
    if (status !== wanted) throw new Error(`${subject.label}: ${what} answered ${status}, not ${wanted}`);
  };
  for (let index = 0; index < PER_ROUND; index++) {
    const refreshed = await call(
      `${url}/v1/token`,
      form({
        grant_type: 'refresh_token',
        client_id: DEFAULT_CLIENT_ID,
        refresh_token: subject.refreshToken,
      }),
    );
    expect('refresh', refreshed.status, 200);
    times.refresh.push(refreshed.ms);
    const tokens = JSON.parse(refreshed.body) as { access_token: string; refresh_token: string };
    subject.refreshToken = tokens.refresh_token;

    const revoked = await call(`${url}/v1/revoke`, form({ token: tokens.access_token }));
    expect('revoke', revoked.status, 200);
    times.revoke.push(revoked.ms);

    const after = await call(`${url}/v1/userinfo`, {
      headers: { authorization: `Bearer ${tokens.access_token}` },
    });
    expect('userinfo after revoke', after.status, 401);
    times['userinfo after revoke'].push(after.ms);

    const written = await call(`${url}/__admin/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: `bench-${subject.written++}`, scopes: ['openid', 'phone'] }),
    });
    expect('admin write', written.status, 201);
    times['admin write (--db)'].push(written.ms);
  }
  return {
    refresh: median(times.refresh),
    revoke: median(times.revoke),
    'userinfo after revoke': median(times['userinfo after revoke']),
    'admin write (--db)': median(times['admin write (--db)']),
  };
}

/** The store's table and its acceptance figures: each operation's latency at scale over a fresh mock's. */
export async function benchStore(): Promise<SectionResult> {
  const dir = scratchDir();
  const bigFile = join(dir, 'big.json');
  const madeAt = performance.now();
  await writeStoreWithIssuedTokens(bigFile, LIVE_TOKENS);
  const madeMs = performance.now() - madeAt;

  const startedAt = performance.now();
  const big = await startServer([KIT_BIN, 'mock', '--port', '0', '--quiet', '--db', bigFile]);
  const bigStartMs = performance.now() - startedAt;
  const fresh = await startServer([
    KIT_BIN,
    'mock',
    '--port',
    '0',
    '--quiet',
    '--db',
    join(dir, 'fresh.json'),
  ]);
  try {
    const subjects: Subject[] = [
      {
        label: `${LIVE_TOKENS.toLocaleString('en-US')} live tokens`,
        server: big,
        refreshToken: '',
        written: 0,
      },
      { label: 'fresh', server: fresh, refreshToken: '', written: 0 },
    ];
    for (const subject of subjects) subject.refreshToken = await firstRefreshToken(subject.server.url);
    const [atScale = [], atStart = []] = await alternate(
      ROUNDS,
      subjects.map((subject) => () => round(subject)),
    );
    const figures: Figure[] = [];
    const lines = [
      `| ${PER_ROUND} of each per round, ${ROUNDS} alternating rounds, one at a time over HTTP (median ms) | ${subjects[0]?.label} | fresh | scale/fresh |`,
      '|---|---|---|---|',
    ];
    for (const operation of OPERATIONS) {
      const ratios = atScale.map(
        (times, index) => times[operation] / (atStart[index]?.[operation] ?? Number.NaN),
      );
      const scaled = median(atScale.map((times) => times[operation]));
      const base = median(atStart.map((times) => times[operation]));
      lines.push(
        `| ${operation} | ${scaled.toFixed(2)} | ${base.toFixed(2)} | **${median(ratios).toFixed(2)}x** (rounds ${ratios.map((ratio) => ratio.toFixed(2)).join(' ')}) |`,
      );
      figures.push({
        name: `${operation} latency at ${LIVE_TOKENS.toLocaleString('en-US')} live tokens / on a fresh mock`,
        value: median(ratios),
        unit: 'x',
        atMost: 1.5,
        rounds: ratios,
      });
    }
    lines.push(
      '',
      `The ${LIVE_TOKENS.toLocaleString('en-US')}-token store: issued in-process in ${(madeMs / 1000).toFixed(1)} s; the bin started on it (\`--db\`) in ${bigStartMs.toFixed(0)} ms.`,
    );
    return { lines, figures };
  } finally {
    await Promise.all([stopServer(big), stopServer(fresh)]);
  }
}
