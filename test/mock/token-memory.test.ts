/**
 * What an issued token keeps does not depend on the request it came from (hardening): tokens issued for
 * 1 KiB and for 16 KiB token requests hold the same memory each, heap and RSS. Each size is measured in
 * a process of its own, where a full collection can be forced, nothing else shares the heap, and neither
 * size inherits the memory the other grew.
 */
import { describe, expect, it } from 'vitest';
import type { TokenMemory } from '../bench/token-memory-bench.js';
import { runTsCli } from '../support/spawn-cli.js';

const TOKENS = 8000;

async function measure(bodyBytes: number): Promise<TokenMemory> {
  const child = runTsCli('test/bench/token-memory-bench.ts', [String(bodyBytes)], {
    env: { BENCH_TOKEN_MEMORY_TOKENS: String(TOKENS) },
  });
  expect(await child.exited, child.stderr()).toBe(0);
  const [measured] = JSON.parse(child.stdout()) as [TokenMemory];
  expect(measured.tokens).toBe(TOKENS);
  return measured;
}

describe('memory per issued token', () => {
  it('is the same for 1 KiB and 16 KiB token requests, and far below 16 KiB', async () => {
    const small = await measure(1024);
    const large = await measure(16 * 1024);
    // A token once kept its whole 16 KiB form alive: 15 KiB more per token than for a 1 KiB form in the
    // heap, 18 KiB more in the RSS (26 KiB per token). The bounds leave room for a collector's noise and
    // an allocator's (RSS moves by tens of MiB at random, up to 8 KiB per token at 6,000 tokens).
    expect(large.heapPerToken - small.heapPerToken).toBeLessThan(2048);
    expect(large.heapPerToken).toBeLessThan(4096);
    expect(large.rssPerToken - small.rssPerToken).toBeLessThan(10 * 1024);
    expect(large.rssPerToken).toBeLessThan(10 * 1024);
  }, 120_000);
});
