/**
 * The request journal of the mock (a test double, not for production): a ring buffer of what the mock
 * received. Recording stores references and numbers in preallocated columns, so it allocates nothing
 * and formats nothing per request; entries are built only when someone reads them.
 */
import { performance } from 'node:perf_hooks';
import { phoneNumberTokenInPath } from '../../src/phone-number-scenarios.js';
import type { JournalEntry } from '../../src/wire-types.js';
import { readBearerToken } from '../http/authorization.js';
import { headerValue, type MockRequest } from '../http/mock-request.js';
import { pathOf } from '../http/request-path.js';

/** Which entries to list: those whose token or path equal the given ones. */
export interface JournalFilter {
  token?: string | undefined;
  path?: string | undefined;
}

/** The default number of requests the journal keeps; older ones are overwritten. */
export const DEFAULT_JOURNAL_SIZE = 1000;

/** A bounded journal: the last `size` requests, oldest first. */
export class RequestJournal {
  readonly size: number;
  #next = 0;
  #count = 0;
  readonly #started: Float64Array;
  readonly #latency: Float64Array;
  readonly #status: Uint16Array;
  readonly #method: string[];
  readonly #url: string[];
  readonly #authorization: (string | undefined)[];
  readonly #scenario: string[];

  constructor(size: number = DEFAULT_JOURNAL_SIZE) {
    this.size = size;
    this.#started = new Float64Array(size);
    this.#latency = new Float64Array(size);
    this.#status = new Uint16Array(size);
    this.#method = new Array<string>(size).fill('');
    this.#url = new Array<string>(size).fill('');
    this.#authorization = new Array<string | undefined>(size).fill(undefined);
    this.#scenario = new Array<string>(size).fill('');
  }

  /** How many entries it holds now (at most `size`). */
  get length(): number {
    return this.#count;
  }

  /** Records one answered request; `started` is its `performance.now()` on arrival. */
  record(request: MockRequest, status: number, scenario: string, started: number): void {
    if (this.size === 0) return;
    const at = this.#next;
    this.#started[at] = started;
    this.#latency[at] = performance.now() - started;
    this.#status[at] = status;
    this.#method[at] = request.method;
    this.#url[at] = request.url;
    this.#authorization[at] = headerValue(request, 'authorization');
    this.#scenario[at] = scenario;
    this.#next = at + 1 === this.size ? 0 : at + 1;
    if (this.#count < this.size) this.#count++;
  }

  /** The entries, oldest first, that match `filter`. */
  entries(filter: JournalFilter = {}): JournalEntry[] {
    const list: JournalEntry[] = [];
    const first = this.#count < this.size ? 0 : this.#next;
    for (let offset = 0; offset < this.#count; offset++) {
      const at = (first + offset) % this.size;
      const url = this.#url[at] ?? '';
      const path = pathOf(url);
      if (filter.path !== undefined && filter.path !== path) continue;
      // The validation call of users without the Truecaller app carries its token in the path.
      const token = readBearerToken(this.#authorization[at]) ?? phoneNumberTokenInPath(path);
      if (filter.token !== undefined && filter.token !== token) continue;
      list.push({
        time: new Date(performance.timeOrigin + (this.#started[at] ?? 0)).toISOString(),
        method: this.#method[at] ?? '',
        path,
        token,
        scenario: this.#scenario[at] ?? '',
        status: this.#status[at] ?? 0,
        latencyMs: Math.round((this.#latency[at] ?? 0) * 1000) / 1000,
      });
    }
    return list;
  }

  /** Forgets every entry (and the strings it kept alive). */
  clear(): void {
    this.#next = 0;
    this.#count = 0;
    this.#method.fill('');
    this.#url.fill('');
    this.#authorization.fill(undefined);
    this.#scenario.fill('');
  }
}
