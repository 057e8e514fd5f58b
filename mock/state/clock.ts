/**
 * The mock's sense of time (a test double, not for production): issued tokens and codes expire against
 * it, and a test moves it forward instead of sleeping.
 */
import { KitError } from '../../src/errors.js';

/** Anything that tells the time in epoch milliseconds, like `Date`. */
export interface Clock {
  now(): number;
}

/** The real time. */
export const SYSTEM_CLOCK: Clock = Object.freeze({ now: () => Date.now() });

/**
 * A clock a test can move: another clock's time plus an offset that only grows.
 *
 * @example
 * const mock = createMockServer();
 * mock.clock.advance(3_600_000); // every token issued an hour ago has now expired
 */
export class MockClock implements Clock {
  readonly #base: Clock;
  #offset = 0;
  readonly #advanced = new Set<(ms: number) => void>();

  constructor(base: Clock = SYSTEM_CLOCK) {
    this.#base = base;
  }

  /** The base clock's time plus every `advance` so far. */
  now(): number {
    return this.#base.now() + this.#offset;
  }

  /** How far `advance` has moved it ahead of the base clock, in milliseconds. */
  get offsetMs(): number {
    return this.#offset;
  }

  /** Moves time forward by `ms` milliseconds. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new KitError(
        'ERR_OPTIONS_INVALID',
        `clock.advance(ms) takes a finite number of milliseconds >= 0, got ${String(ms)}; time only moves forward.`,
      );
    }
    this.#offset += ms;
    for (const listener of this.#advanced) listener(ms);
  }

  /** Calls `listener` with the milliseconds of every `advance` (a shared store passes them on). */
  onAdvance(listener: (ms: number) => void): void {
    this.#advanced.add(listener);
  }

  /**
   * Moves to `offsetMs` ahead of the base clock if that is further than it is: the offset replicas
   * share, which only grows. Not an `advance`: nothing is passed on.
   */
  follow(offsetMs: number): void {
    if (Number.isFinite(offsetMs) && offsetMs > this.#offset) this.#offset = offsetMs;
  }
}
