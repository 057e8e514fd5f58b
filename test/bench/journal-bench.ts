/**
 * The request journal's memory: heap after the ring is full and after 100,000 requests, each with its own
 * URL and token strings (as the HTTP parser makes them), measured after a full GC. A bounded journal
 * holds the same heap at both points; speed per record is shown too.
 */
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { type MockRequest, requestWithBody } from '../../mock/http/mock-request.js';
import { DEFAULT_JOURNAL_SIZE, RequestJournal } from '../../mock/state/journal.js';

const EMPTY = new Uint8Array();

const REQUESTS = 100_000;

// `--expose-gc` for this process only, without changing how `npm run bench` starts node.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function heapMiB(): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function requestNumber(index: number): MockRequest {
  return requestWithBody('GET', `/v1/userinfo?n=${index}`, { authorization: `Bearer token-${index}` }, EMPTY);
}

/** Markdown lines: the journal's heap before, when full, after 100,000 requests, and ns per record. */
export async function journalBench(): Promise<string[]> {
  const before = heapMiB();
  const journal = new RequestJournal(DEFAULT_JOURNAL_SIZE);
  const empty = heapMiB();
  for (let index = 0; index < journal.size; index++) journal.record(requestNumber(index), 200, 'valid', 0);
  const full = heapMiB();
  const started = performance.now();
  for (let index = journal.size; index < REQUESTS; index++) {
    journal.record(requestNumber(index), 200, 'valid', 0);
  }
  const elapsed = performance.now() - started;
  const after = heapMiB();
  const held = journal.length;
  await Promise.resolve();
  return [
    `| journal (size ${journal.size}) | heap MiB |`,
    '|---|---|',
    `| before creating it | ${before.toFixed(2)} |`,
    `| created, empty (columns preallocated) | ${empty.toFixed(2)} |`,
    `| full (${journal.size} requests) | ${full.toFixed(2)} |`,
    `| after ${REQUESTS.toLocaleString('en')} requests | ${after.toFixed(2)} (growth since full: ${(after - full).toFixed(2)} MiB; holds ${held} entries, ${held <= journal.size ? 'within' : 'OVER'} its bound) |`,
    `| record() cost, including building the fake request | ${((elapsed * 1e6) / (REQUESTS - journal.size)).toFixed(0)} ns |`,
  ];
}
