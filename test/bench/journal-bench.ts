/**
 * The request journal's memory, measured after a full GC: with its defaults after 100,000 ordinary
 * requests, and at its largest size (100,000 entries) after 100,000 requests carrying 15 KiB tokens, each
 * with its own header strings as the HTTP parser makes them. A bounded journal stays within its byte
 * budget plus its preallocated columns; the cost of one `record()` is shown too.
 */
import { performance } from 'node:perf_hooks';
import { type MockRequest, requestWithBody } from '../../mock/http/mock-request.js';
import { prepareJson } from '../../mock/http/responses.js';
import {
  DEFAULT_JOURNAL_MAX_BYTES,
  DEFAULT_JOURNAL_SIZE,
  MAX_JOURNAL_SIZE,
  RequestJournal,
} from '../../mock/state/journal.js';
import { heapMiB } from './heap.js';

const EMPTY = new Uint8Array();
const REQUESTS = 100_000;
const TOKEN_BYTES = 15 * 1024;
// One prepared answer shared by every entry, as the userinfo route's cached answer is.
const ANSWER = prepareJson({ commonHeaders: [] }, 200, { sub: '1', given_name: 'A' }, { scenario: 'valid' });

function headersOf(authorization: string): Record<string, string> {
  return { host: '127.0.0.1:4010', 'user-agent': 'curl/8.5.0', accept: '*/*', authorization };
}

function ordinaryRequest(index: number): MockRequest {
  return requestWithBody('GET', `/v1/userinfo?n=${index}`, headersOf(`Bearer token-${index}`), EMPTY);
}

// A fresh flat 15 KiB string per request, as the HTTP parser makes one from the socket's bytes.
const tokenBytes = Buffer.alloc(TOKEN_BYTES, 'a');
function bigTokenRequest(index: number): MockRequest {
  tokenBytes.write(index.toString(36).padStart(8, '0'), 0, 'latin1');
  return requestWithBody('GET', '/v1/userinfo', headersOf(`Bearer ${tokenBytes.toString('latin1')}`), EMPTY);
}

const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(2);

/** Markdown lines: the journal's heap with its defaults and at its largest size with 15 KiB tokens. */
export async function journalBench(): Promise<string[]> {
  const before = heapMiB();
  const journal = new RequestJournal(DEFAULT_JOURNAL_SIZE);
  const empty = heapMiB();
  for (let index = 0; index < journal.size; index++) journal.record(ordinaryRequest(index), ANSWER, 0);
  const full = heapMiB();
  const started = performance.now();
  for (let index = journal.size; index < REQUESTS; index++) journal.record(ordinaryRequest(index), ANSWER, 0);
  const elapsed = performance.now() - started;
  const after = heapMiB();
  const held = journal.length;
  journal.clear();

  const large = new RequestJournal(MAX_JOURNAL_SIZE, DEFAULT_JOURNAL_MAX_BYTES);
  const largeEmpty = heapMiB();
  for (let index = 0; index < REQUESTS; index++) large.record(bigTokenRequest(index), ANSWER, 0);
  const largeAfter = heapMiB();
  const growth = (largeAfter - largeEmpty) * 2 ** 20;
  // The bound stated in the README: the byte budget plus 1 MiB for the structures the count leaves out.
  const bound = DEFAULT_JOURNAL_MAX_BYTES + 2 ** 20;
  await Promise.resolve();
  return [
    `| journal | heap MiB |`,
    '|---|---|',
    `| before creating it | ${before.toFixed(2)} |`,
    `| defaults (size ${DEFAULT_JOURNAL_SIZE}), created, empty (columns preallocated) | ${empty.toFixed(2)} |`,
    `| full (${DEFAULT_JOURNAL_SIZE} ordinary requests) | ${full.toFixed(2)} |`,
    `| after ${REQUESTS.toLocaleString('en')} ordinary requests | ${after.toFixed(2)} (growth since full: ${(after - full).toFixed(2)} MiB; holds ${held} entries, ${held <= journal.size ? 'within' : 'OVER'} its bound) |`,
    `| record() cost, including building the fake request | ${((elapsed * 1e6) / (REQUESTS - journal.size)).toFixed(0)} ns |`,
    `| size ${MAX_JOURNAL_SIZE.toLocaleString('en')}, created, empty | ${largeEmpty.toFixed(2)} |`,
    `| after ${REQUESTS.toLocaleString('en')} requests with 15 KiB tokens | ${largeAfter.toFixed(2)} (growth: ${mib(growth)} MiB for ${large.length} entries held, ${mib(large.bytes)} MiB as counted; bound ${mib(bound)} MiB: ${growth <= bound ? 'within' : 'OVER'}) |`,
  ];
}
