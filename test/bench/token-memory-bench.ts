/**
 * Memory per issued token, by the size of the token request (hardening): a mock issues tokens for forms
 * of 1 KiB and of 16 KiB (the limit), padded with a field the route ignores, and the heap and RSS they
 * hold are divided by their number. What a token keeps must not depend on the request it came from: a
 * client id sliced out of a 16 KiB body kept all 16 KiB alive. Each size is measured in a process of its
 * own (`tsx test/bench/token-memory-bench.ts 16384`, printing JSON), so neither inherits the memory the
 * other's process grew; the bench part and a test both run it so.
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { createMock } from '../../mock/index.js';
import { isMainModule } from '../../src/is-main-module.js';
import { TRUECALLER_OAUTH_URL } from '../../src/hosts.js';
import { ENDPOINTS } from '../../src/endpoints.js';
import { DEFAULT_CLIENT_ID, EXAMPLE_CODE_VERIFIER } from '../../src/operations/token/grants.js';
import type { Figure, SectionResult } from './figures.js';
import { heapMiB } from './heap.js';

const TOKENS = Number(process.env.BENCH_TOKEN_MEMORY_TOKENS ?? 20_000);
/** The body sizes compared: a padded ordinary request, and the largest the route reads. */
export const BODY_SIZES = Object.freeze([1024, 16 * 1024]);
const CODE = 'memory-code';

/** What `tokens` issued tokens hold, per token, for requests of `bodyBytes` bytes. */
export interface TokenMemory {
  readonly bodyBytes: number;
  readonly tokens: number;
  /** Heap after a full collection, per live token, in bytes. */
  readonly heapPerToken: number;
  /** Resident set growth per live token, in bytes (noisier: the allocator keeps what it freed). */
  readonly rssPerToken: number;
}

/** A token request of exactly `bytes` bytes: the exchange, then a `redirect_uri` padded to size. */
function formOf(bytes: number): string {
  const fields = `grant_type=authorization_code&client_id=${DEFAULT_CLIENT_ID}&code=${CODE}&code_verifier=${EXAMPLE_CODE_VERIFIER}&redirect_uri=https%3A%2F%2Fapp.example%2Fcb%3Fpad%3D`;
  return `${fields}${'x'.repeat(Math.max(0, bytes - fields.length))}`;
}

/**
 * Issues `tokens` tokens in-process for requests of `bodyBytes` bytes (a reusable code without `openid`:
 * no ID token to sign, no code used up) and measures what they hold. No journal: it would hold bodies.
 * A quarter as many are issued first and not counted: what the first requests grow once (V8's young
 * generation, the allocator's arenas) would otherwise show as RSS per token, and differ by body size.
 */
export async function measureTokenMemory(bodyBytes: number, tokens: number = TOKENS): Promise<TokenMemory> {
  const mock = createMock({
    admin: false,
    config: { codes: { [CODE]: { reusable: true, scopes: 'phone' } } },
  });
  const url = `${TRUECALLER_OAUTH_URL}${ENDPOINTS.token}`;
  const init: RequestInit = {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: formOf(bodyBytes),
  };
  const exchange = async (): Promise<void> => {
    const response = await mock.fetch(url, init);
    if (response.status !== 200) throw new Error(`the exchange answered ${response.status}`);
    await response.arrayBuffer();
  };
  const warmUp = Math.ceil(tokens / 4);
  for (let issued = 0; issued < warmUp; issued++) await exchange();
  const heapBefore = heapMiB();
  const rssBefore = process.memoryUsage().rss;
  for (let issued = 0; issued < tokens; issued++) await exchange();
  const heapAfter = heapMiB();
  const rssAfter = process.memoryUsage().rss;
  if (mock.store.size('tokens') < warmUp + tokens)
    throw new Error('issued tokens were dropped while measuring');
  await mock.close();
  return {
    bodyBytes,
    tokens,
    heapPerToken: ((heapAfter - heapBefore) * 2 ** 20) / tokens,
    rssPerToken: (rssAfter - rssBefore) / tokens,
  };
}

/** Measures `bodyBytes` in a process of its own (this module run with tsx), with `tokens` tokens. */
export function measureTokenMemoryApart(bodyBytes: number, tokens: number = TOKENS): TokenMemory {
  const output = execFileSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), String(bodyBytes)],
    {
      cwd: fileURLToPath(new URL('../../', import.meta.url)),
      encoding: 'utf8',
      env: { ...process.env, BENCH_TOKEN_MEMORY_TOKENS: String(tokens) },
    },
  );
  const [measured] = JSON.parse(output) as TokenMemory[];
  if (measured === undefined) throw new Error(`no measure for ${bodyBytes} bytes: ${output}`);
  return measured;
}

/** The bench part: heap and RSS per token at each body size, and the difference as a figure. */
export function benchTokenMemory(): Promise<SectionResult> {
  const measured = BODY_SIZES.map((size) => measureTokenMemoryApart(size));
  const [small, large] = measured as [TokenMemory, TokenMemory];
  const kib = (bytes: number): string => (bytes / 1024).toFixed(2);
  const difference = (pick: (each: TokenMemory) => number): number => (pick(large) - pick(small)) / 1024;
  const heap = difference((each) => each.heapPerToken);
  const rss = difference((each) => each.rssPerToken);
  const figures: Figure[] = [
    {
      name: 'heap per live issued token, for a 16 KiB token request above a 1 KiB one',
      value: heap,
      unit: 'KiB',
      atMost: 0.5,
      rounds: [heap],
    },
    {
      // Noisier (the allocator keeps what it freed); the defect it holds was 15 KiB or more.
      name: 'RSS per live issued token, for a 16 KiB token request above a 1 KiB one',
      value: rss,
      unit: 'KiB',
      atMost: 4,
      rounds: [rss],
    },
  ];
  return Promise.resolve({
    lines: [
      `| ${TOKENS.toLocaleString('en')} live issued tokens (after ${Math.ceil(TOKENS / 4).toLocaleString('en')} not counted), by request size, a process each | heap KiB per token | RSS KiB per token |`,
      '|---|---|---|',
      ...measured.map(
        (entry) =>
          `| POST /v1/token with a ${kib(entry.bodyBytes)} KiB form | ${kib(entry.heapPerToken)} | ${kib(entry.rssPerToken)} |`,
      ),
    ],
    figures,
  });
}

if (isMainModule(import.meta.url)) {
  const sizes = process.argv.slice(2).map(Number);
  const results: TokenMemory[] = [];
  for (const size of sizes.length > 0 ? sizes : BODY_SIZES) results.push(await measureTokenMemory(size));
  console.log(JSON.stringify(results));
}
