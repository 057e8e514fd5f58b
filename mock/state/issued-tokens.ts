/**
 * The bound on what `POST /v1/token` issues (a test double, not for production): a day-long CI run
 * exchanging codes must not grow the store without end. Issued access tokens, with the refresh tokens
 * issued alongside, are dropped once they have been expired for a grace period.
 */
import type { MockStore } from './store.js';
import type { TokenRecord } from '../../src/wire-types.js';

/**
 * Assumed (Truecaller documents no refresh token lifetime): how long after its expiry an issued access
 * token is kept (answering 401 `expired`) and its refresh token still works: an hour, or the access token
 * lifetime if longer.
 */
export const ISSUED_TOKEN_GRACE_SECONDS = 3600;

/** The grace for a given access token lifetime. */
export function issuedTokenGraceMs(tokenLifetimeSeconds: number): number {
  return Math.max(ISSUED_TOKEN_GRACE_SECONDS, tokenLifetimeSeconds) * 1000;
}

// Compacting the queue only when its dropped head is this long and over half of it keeps that O(1) too.
const COMPACT_AFTER = 1024;

/**
 * Remembers issued tokens in issue order, which is the order they fall due (one lifetime, a clock that
 * only moves on). Nothing runs on `GET /v1/userinfo`: the token route calls `issued()`, which drops the
 * overdue ones in one batch when they are at least a quarter of the tokens, so the O(n) removal and the
 * caches it invalidates cost O(1) per issued token, amortised.
 */
export class IssuedTokens {
  readonly #store: MockStore;
  readonly #graceMs: number;
  #queue: { readonly id: string; readonly dropAt: number }[] = [];
  #head = 0;
  // Entries before this index are due (dropAt has passed); it only moves forward.
  #due = 0;

  constructor(store: MockStore, graceMs: number) {
    this.#store = store;
    this.#graceMs = graceMs;
  }

  /** Notes a token just issued (it carries `expiresAt`), then drops the overdue ones if enough are. */
  issued(record: TokenRecord & { expiresAt: number }, now: number): void {
    this.#queue.push({ id: record.id, dropAt: record.expiresAt + this.#graceMs });
    while (this.#due < this.#queue.length && (this.#queue[this.#due]?.dropAt ?? Infinity) <= now) this.#due++;
    const overdue = this.#due - this.#head;
    if (overdue === 0 || overdue * 4 < this.#store.data.tokens.length) return;
    this.#drop(now);
  }

  #drop(now: number): void {
    const tokens = new Set<string>();
    const refreshTokens = new Set<string>();
    for (let at = this.#head; at < this.#due; at++) {
      const id = this.#queue[at]?.id ?? '';
      // The token may be gone (revoked, reset) or changed by the admin API: drop only what is still overdue.
      const current = this.#store.findToken(id);
      if (current?.expiresAt === undefined || current.expiresAt + this.#graceMs > now) continue;
      tokens.add(id);
      if (current.refreshToken !== undefined) refreshTokens.add(current.refreshToken);
    }
    this.#store.remove('tokens', tokens);
    this.#store.remove('refreshTokens', refreshTokens);
    this.#head = this.#due;
    if (this.#head >= COMPACT_AFTER && this.#head * 2 >= this.#queue.length) {
      this.#queue = this.#queue.slice(this.#head);
      this.#due -= this.#head;
      this.#head = 0;
    }
  }
}
