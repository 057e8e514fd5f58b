/**
 * The bounded path from a local miss to Redis (a test double, not for production). A token this process
 * does not hold may have been issued on another replica a moment ago, so it is asked of Redis once
 * before the answer says "unknown". A client sending the same unknown token again and again, or random
 * tokens at full speed, must not turn each request into a round trip without end:
 *
 * - one look-up per id at a time: requests for an id already being looked up wait for that one;
 * - an id found unknown is remembered as unknown for `NEGATIVE_TTL_MS`, or until the change channel
 *   brings news of it (then forgotten at once), and at most `NEGATIVE_ENTRIES` ids are remembered;
 * - at most `MAX_IN_FLIGHT` look-ups at once; more wait their turn.
 */

/** How long an id found unknown answers "unknown" without asking again, unless a change names it first. */
export const NEGATIVE_TTL_MS = 1000;

/** The most ids remembered as unknown; past it, the memory starts afresh. */
export const NEGATIVE_ENTRIES = 10_000;

/** The most look-ups sent to Redis at once. */
export const MAX_IN_FLIGHT = 128;

/** Look-ups of ids this process does not hold, bounded as the module header says. */
export class MissLookups<R> {
  readonly #ask: (key: string) => Promise<R | undefined>;
  readonly #unknown = new Map<string, number>();
  readonly #pending = new Map<string, Promise<R | undefined>>();
  /** Keys a change named while their look-up was on its way: its "unknown" may be older than the change. */
  readonly #changedMeanwhile = new Set<string>();
  readonly #waiting: (() => void)[] = [];
  #inFlight = 0;

  /** `ask` looks a key up in Redis; it is called at most once at a time per key. */
  constructor(ask: (key: string) => Promise<R | undefined>) {
    this.#ask = ask;
  }

  /** The record of `key`: undefined at once if it was found unknown a moment ago, else a promise. */
  find(key: string): Promise<R | undefined> | undefined {
    const until = this.#unknown.get(key);
    if (until !== undefined) {
      if (performance.now() < until) return undefined;
      this.#unknown.delete(key);
    }
    let pending = this.#pending.get(key);
    if (pending === undefined) {
      pending = this.#lookUp(key).finally(() => this.#pending.delete(key));
      this.#pending.set(key, pending);
    }
    return pending;
  }

  /** A change named `key`: what was known of it no longer holds. */
  forget(key: string): void {
    this.#unknown.delete(key);
    if (this.#pending.has(key)) this.#changedMeanwhile.add(key);
  }

  /** Everything may have changed (a reset, a reload). */
  forgetAll(): void {
    this.#unknown.clear();
    for (const key of this.#pending.keys()) this.#changedMeanwhile.add(key);
  }

  async #lookUp(key: string): Promise<R | undefined> {
    if (this.#inFlight >= MAX_IN_FLIGHT) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#inFlight += 1;
    const asked = performance.now();
    try {
      const found = await this.#ask(key);
      if (found === undefined && !this.#changedMeanwhile.has(key)) this.#rememberUnknown(key, asked);
      return found;
    } finally {
      this.#changedMeanwhile.delete(key);
      this.#inFlight -= 1;
      this.#waiting.shift()?.();
    }
  }

  #rememberUnknown(key: string, asked: number): void {
    if (this.#unknown.size >= NEGATIVE_ENTRIES) this.#unknown.clear();
    this.#unknown.set(key, asked + NEGATIVE_TTL_MS);
  }
}
