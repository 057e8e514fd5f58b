/**
 * What an issued token keeps does not depend on the request it came from (hardening): tokens issued for
 * 1 KiB and for 16 KiB token requests hold the same memory each. Measured in a process of its own, where
 * a full collection can be forced and nothing else shares the heap.
 */
import { describe, expect, it } from 'vitest';
import type { TokenMemory } from '../bench/token-memory-bench.js';
import { runTsCli } from '../support/spawn-cli.js';

const TOKENS = 3000;

describe('memory per issued token', () => {
  it('is the same for 1 KiB and 16 KiB token requests, and far below 16 KiB', async () => {
    const child = runTsCli('test/bench/token-memory-bench.ts', ['1024', '16384'], {
      env: { BENCH_TOKEN_MEMORY_TOKENS: String(TOKENS) },
    });
    expect(await child.exited, child.stderr()).toBe(0);
    const [small, large] = JSON.parse(child.stdout()) as [TokenMemory, TokenMemory];
    expect(large.tokens).toBe(TOKENS);
    // A token once kept its whole 16 KiB form alive: 15 KiB more per token than for a 1 KiB form.
    // The bounds leave room for a collector's noise (a few hundred bytes per token at this count).
    expect(large.heapPerToken - small.heapPerToken).toBeLessThan(2048);
    expect(large.heapPerToken).toBeLessThan(4096);
  }, 120_000);
});
