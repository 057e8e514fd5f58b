import { setTimeout as pause } from 'node:timers/promises';
import { getFfiLib } from '@pact-foundation/pact-core';
import { unpooledFetch } from './unpooled-fetch.js';

/**
 * The fetch of the kit's consumer tests, for a client talking to Pact's mock server: the request goes
 * over a TCP connection of its own (no pool, no keep-alive), and its answer is handed over only once the
 * mock server has recorded the request.
 *
 * - Pact starts a mock server per interaction on a fresh port; a pooled socket from an earlier one must
 *   never carry the next request (pact-foundation/pact-js-core#470, seen here under load).
 * - Pact's mock server (pact-core 19) answers a request first and records the match through a queue
 *   another thread empties; `executeTest` reads that record as soon as the test function returns. On a
 *   busy machine it read it too early and reported "expected but not received" for a request that had
 *   been answered (pact-foundation/pact-core-mock-server#13). Waiting here for the record makes what
 *   `executeTest` reads the same on every run.
 */
export async function pactMockFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const request = new Request(input, init);
  const response = await unpooledFetch(request);
  const { port, pathname } = new URL(request.url);
  await untilRecorded(Number(port), request.method, pathname);
  return response;
}

// Pact's mock server lists the expected requests it has not had ("missing-request") and those it refused
// ("request-not-found", "request-mismatch"): a request is recorded once it left the first list for good
// or entered the second. Its own thread does the recording: this only gives it the CPU meanwhile.
async function untilRecorded(port: number, method: string, path: string): Promise<void> {
  const ffi = getFfiLib();
  for (;;) {
    const entries = JSON.parse(ffi.pactffiMockServerMismatches(port)) as {
      type: string;
      method?: string;
      path?: string;
    }[];
    const mine = entries.filter((entry) => entry.method === method && entry.path === path);
    if (mine.length === 0 || mine.some((entry) => entry.type !== 'missing-request')) return;
    await pause(1);
  }
}
