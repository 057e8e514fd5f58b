/**
 * The request journal of the mock (a test double, not for production): what the mock received and what
 * it answered, newest kept, bounded both in entries and in bytes. Recording stores references (the
 * request's method, target, header object and body; the prepared answer) in preallocated columns and
 * formats nothing; entries are built only when someone reads them.
 */
import { performance } from 'node:perf_hooks';
import type { JournalEntry, NameValue } from '../../src/wire-types.js';
import { readBearerToken } from '../http/authorization.js';
import { isFormType } from '../http/form-body.js';
import { headerValue, type BodyRead, type MockRequest } from '../http/mock-request.js';
import { pathOf } from '../http/request-path.js';
import type { PreparedResponse } from '../http/responses.js';
import { ChangeWaiters } from './change-waiters.js';

/** Which entries to list: those newer than `after` (a `seq`) whose token or path equal the given ones. */
export interface JournalFilter {
  token?: string | undefined;
  path?: string | undefined;
  /** Only entries whose `seq` is greater. */
  after?: number | undefined;
}

/**
 * How many readers may wait for a change at once (`changed()`); a new one past it ends the oldest wait,
 * whose reader (often a closed tab, whose request nobody will read) is answered at once.
 */
export const MAX_JOURNAL_READERS = 32;

/** The default number of requests the journal keeps; older ones are dropped. */
export const DEFAULT_JOURNAL_SIZE = 1000;

/** The most requests a journal may be asked to keep (`journalSize`, `--journal-size`). */
export const MAX_JOURNAL_SIZE = 100_000;

/**
 * The default bytes the journal's entries may hold: 16 MiB. Ordinary requests (1 to 2 KiB each) fill the
 * default 1000 entries long before that, so the entry bound decides; requests with huge headers or
 * bodies (15 KiB tokens, 16 KiB forms) stop at this, whatever `journalSize` says.
 */
export const DEFAULT_JOURNAL_MAX_BYTES = 16 * 2 ** 20;

// What an entry holds beyond its strings and bodies: the header object's own structure and the slots of
// the columns' entries. Estimates, checked against the heap by `test/bench/journal-bench.ts`.
const ENTRY_OVERHEAD = 200;
const HEADER_OVERHEAD = 40;

type RequestHeaders = MockRequest['headers'];
/** A body as the journal keeps it: its bytes, why it was not read in full, or undefined when nobody read it. */
type KeptBody = Uint8Array | 'too-large' | 'aborted' | undefined;

const utf8 = new TextDecoder();

/**
 * A bounded journal of the requests the mock answered. It keeps the last `size` entries and drops the
 * oldest while the entries hold more than `maxBytes` (the newest entry is always kept). A prepared
 * answer that many entries share (every `GET /v1/userinfo` of one token) is counted once.
 *
 * @example
 * const journal = new RequestJournal(1000, 16 * 2 ** 20);
 * journal.record(request, answer, performance.now());
 * journal.entries({ token: 'valid' }); // oldest first
 */
export class RequestJournal {
  readonly size: number;
  readonly maxBytes: number;
  #first = 0;
  #count = 0;
  #lastSeq = 0;
  #bytes = 0;
  readonly #seq: Float64Array;
  readonly #started: Float64Array;
  readonly #latency: Float64Array;
  readonly #cost: Float64Array;
  readonly #method: string[];
  readonly #url: string[];
  readonly #headers: (RequestHeaders | undefined)[];
  readonly #body: KeptBody[];
  readonly #answer: (PreparedResponse | undefined)[];
  /** How many entries hold each answer: an answer's bytes count once, while any entry holds it. */
  readonly #answerUses = new Map<PreparedResponse, { count: number }>();
  readonly #waiters = new ChangeWaiters(MAX_JOURNAL_READERS);
  readonly #credentialInPath: (path: string) => string | null;

  /**
   * `credentialInPath` finds the token a request carries in its path (a call whose credential is not a
   * bearer header), for the entries' `token`.
   */
  constructor(
    size: number = DEFAULT_JOURNAL_SIZE,
    maxBytes: number = DEFAULT_JOURNAL_MAX_BYTES,
    credentialInPath: (path: string) => string | null = () => null,
  ) {
    this.#credentialInPath = credentialInPath;
    this.size = size;
    this.maxBytes = maxBytes;
    this.#seq = new Float64Array(size);
    this.#started = new Float64Array(size);
    this.#latency = new Float64Array(size);
    this.#cost = new Float64Array(size);
    this.#method = new Array<string>(size).fill('');
    this.#url = new Array<string>(size).fill('');
    this.#headers = new Array<RequestHeaders | undefined>(size).fill(undefined);
    this.#body = new Array<KeptBody>(size).fill(undefined);
    this.#answer = new Array<PreparedResponse | undefined>(size).fill(undefined);
  }

  /** How many entries it holds now (at most `size`). */
  get length(): number {
    return this.#count;
  }

  /** The bytes its entries hold now, as it counts them (at most `maxBytes`, or one entry). */
  get bytes(): number {
    return this.#bytes;
  }

  /** The `seq` of the newest entry ever recorded (0 before the first); a clear does not reset it. */
  get lastSeq(): number {
    return this.#lastSeq;
  }

  /** The `seq` of the oldest entry held; `lastSeq + 1` when empty. A reader drops what it has below this. */
  get oldestSeq(): number {
    return this.#count === 0 ? this.#lastSeq + 1 : (this.#seq[this.#first] ?? 0);
  }

  /** How many readers wait for a change (`changed()`). */
  get waiting(): number {
    return this.#waiters.size;
  }

  /**
   * Records one answered request: `answer` is what was sent (status 0 for a broken connection),
   * `started` its `performance.now()` on arrival and `latencyMs` the time it took to answer (now, unless
   * the caller has measured it already for the log as well).
   */
  record(
    request: MockRequest,
    answer: PreparedResponse,
    started: number,
    latencyMs: number = performance.now() - started,
  ): void {
    if (this.size === 0) return;
    if (this.#count === this.size) this.#dropOldest();
    const at = (this.#first + this.#count) % this.size;
    const { headers, url } = request;
    const body = keptBody(request.bodyRead);
    this.#seq[at] = ++this.#lastSeq;
    this.#started[at] = started;
    this.#latency[at] = latencyMs;
    this.#method[at] = request.method;
    this.#url[at] = url;
    this.#headers[at] = headers;
    this.#body[at] = body;
    this.#answer[at] = answer;
    const cost =
      ENTRY_OVERHEAD + url.length + headersCost(headers) + (body instanceof Uint8Array ? body.byteLength : 0);
    this.#cost[at] = cost;
    this.#bytes += cost;
    const uses = this.#answerUses.get(answer);
    if (uses === undefined) {
      this.#answerUses.set(answer, { count: 1 });
      this.#bytes += answerCost(answer);
    } else uses.count++;
    this.#count++;
    while (this.#bytes > this.maxBytes && this.#count > 1) this.#dropOldest();
    this.#waiters.wake(true);
  }

  /** The entries, oldest first, that match `filter`. */
  entries(filter: JournalFilter = {}): JournalEntry[] {
    const list: JournalEntry[] = [];
    const after = filter.after ?? 0;
    // Newest first, so a reader asking only for what is new stops at what it has.
    for (let offset = this.#count - 1; offset >= 0; offset--) {
      const at = (this.#first + offset) % this.size;
      if ((this.#seq[at] ?? 0) <= after) break;
      const url = this.#url[at] ?? '';
      const path = pathOf(url);
      if (filter.path !== undefined && filter.path !== path) continue;
      const headers = this.#headers[at] ?? {};
      // Some calls (users without the Truecaller app) carry their token in the path.
      const token =
        readBearerToken(headerValue({ headers }, 'authorization')) ?? this.#credentialInPath(path);
      if (filter.token !== undefined && filter.token !== token) continue;
      list.push(this.#entryAt(at, url, path, headers, token));
    }
    return list.reverse();
  }

  /**
   * Resolves true when an entry is recorded or the journal is cleared, false after `timeoutMs` or when
   * the journal is closed: how a reader waits for what is new without asking again and again.
   */
  changed(timeoutMs: number): Promise<boolean> {
    return this.#waiters.wait(timeoutMs);
  }

  /** Forgets every entry (and the strings, bodies and answers it kept alive); `seq` goes on counting. */
  clear(): void {
    this.#first = 0;
    this.#count = 0;
    this.#bytes = 0;
    this.#answerUses.clear();
    this.#method.fill('');
    this.#url.fill('');
    this.#headers.fill(undefined);
    this.#body.fill(undefined);
    this.#answer.fill(undefined);
    this.#waiters.wake(true);
  }

  /** Ends every wait at once and refuses new ones: the mock is closing. */
  close(): void {
    this.#waiters.close();
  }

  #dropOldest(): void {
    const at = this.#first;
    this.#bytes -= this.#cost[at] ?? 0;
    const answer = this.#answer[at];
    const uses = answer === undefined ? undefined : this.#answerUses.get(answer);
    if (answer !== undefined && uses !== undefined && --uses.count === 0) {
      this.#answerUses.delete(answer);
      this.#bytes -= answerCost(answer);
    }
    this.#method[at] = '';
    this.#url[at] = '';
    this.#headers[at] = undefined;
    this.#body[at] = undefined;
    this.#answer[at] = undefined;
    this.#first = at + 1 === this.size ? 0 : at + 1;
    this.#count--;
  }

  #entryAt(
    at: number,
    url: string,
    path: string,
    headers: RequestHeaders,
    token: string | null,
  ): JournalEntry {
    const answer = this.#answer[at] as PreparedResponse;
    const method = this.#method[at] ?? '';
    const body = this.#body[at];
    const text = body instanceof Uint8Array ? utf8.decode(body) : null;
    const form =
      text !== null && isFormType(headerValue({ headers }, 'content-type'))
        ? [...new URLSearchParams(text)]
        : null;
    return {
      seq: this.#seq[at] ?? 0,
      time: new Date(performance.timeOrigin + (this.#started[at] ?? 0)).toISOString(),
      method,
      path,
      token,
      scenario: answer.scenario,
      status: answer.status,
      latencyMs: Math.round((this.#latency[at] ?? 0) * 1000) / 1000,
      request: { url, headers: headerPairs(headers), body: text, form },
      response: {
        headers: flatPairs(answer.headers),
        // A broken connection sent nothing; a HEAD answer sends its headers only.
        body: answer.status === 0 ? null : method === 'HEAD' ? '' : utf8.decode(answer.body),
      },
    };
  }
}

// A body is kept as read; a slice of a larger buffer (Node's pool) is copied, so it does not keep the rest alive.
function keptBody(read: BodyRead | undefined): KeptBody {
  if (read === undefined) return undefined;
  if (!read.ok) return read.reason;
  const { bytes } = read;
  return bytes.byteLength === bytes.buffer.byteLength ? bytes : new Uint8Array(bytes);
}

function headersCost(headers: RequestHeaders): number {
  let cost = 0;
  for (const name in headers) {
    const value = headers[name];
    cost += HEADER_OVERHEAD + name.length;
    if (typeof value === 'string') cost += value.length;
    else if (value !== undefined) for (const each of value) cost += HEADER_OVERHEAD + each.length;
  }
  return cost;
}

function answerCost(answer: PreparedResponse): number {
  let cost = ENTRY_OVERHEAD + answer.body.byteLength;
  for (const part of answer.headers) cost += part.length;
  return cost;
}

function headerPairs(headers: RequestHeaders): NameValue[] {
  const pairs: NameValue[] = [];
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === 'string') pairs.push([name, value]);
    else if (value !== undefined) for (const each of value) pairs.push([name, each]);
  }
  return pairs;
}

function flatPairs(flat: readonly string[]): NameValue[] {
  const pairs: NameValue[] = [];
  for (let at = 0; at + 1 < flat.length; at += 2) pairs.push([flat[at] as string, flat[at + 1] as string]);
  return pairs;
}
