/**
 * What the engine of the mock is (a test double, not for production): the controls a test uses on every
 * door, and what the doors call. `mock-engine.ts` makes one.
 */
import type { EventEmitter } from 'node:events';
import type { Fault, FaultTarget } from '../../src/faults.js';
import type { MockRequest } from '../http/mock-request.js';
import type { PreparedResponse } from '../http/responses.js';
import type { OperationControls } from '../operations/index.js';
import type { MockClock } from '../state/clock.js';
import type { RequestJournal } from '../state/journal.js';
import type { MockStore } from '../state/store.js';

/**
 * What a test does with a mock, the same on every door: register tokens and codes (each operation adds
 * its own `register...`), set faults, move the clock, read the journal, reset.
 */
export type MockControls = CoreControls & OperationControls;

/** The controls every mock has, whatever its operations. */
export interface CoreControls {
  /** The tokens, personas, codes and clients it answers from. */
  readonly store: MockStore;
  /** The time tokens and codes expire against; `clock.advance(ms)` reaches an expiry without waiting. */
  readonly clock: MockClock;
  /** The last requests it answered; null with `admin: false`. */
  readonly journal: RequestJournal | null;
  /**
   * `config-reloaded` after a watched `--config` file changed and applied; `config-rejected` with the
   * `KitError` when the change was invalid and the previous config stays.
   */
  readonly events: EventEmitter;
  /** Sets the global fault, or one token's or code's (which replaces the global one for it). */
  readonly setFault: (fault: Fault, target?: FaultTarget) => void;
  /** Clears the global fault, or sets a token's or code's to none. */
  readonly clearFault: (target?: FaultTarget) => void;
  /** Back to the config (or the `--db` file as it was at start), the journal cleared. */
  readonly reset: () => void;
  /**
   * Resolves once every change made so far (`registerToken`, `setFault`, `clock.advance`, ...) is where
   * the store keeps it: written to the store replicas share (`store` option), or flushed to the `--db`
   * file; at once for a store in memory. Rejects with the store's error when one could not be.
   *
   * @example
   * const token = replicaA.registerToken();
   * await replicaA.synced(); // replica B finds it now
   */
  readonly synced: () => Promise<void>;
}

/**
 * The `started` of an answer sent in the same turn its request arrived (the hot path): one clock reading
 * then serves as both its arrival and its answer, and its latency is 0. A reading costs about 50 ns,
 * half a percent of a `GET /v1/userinfo`; the engine's own microsecond is not what a latency here is
 * for (delays, bodies read, faults), and the next turn's reading would not be more honest.
 */
export const ANSWERED_AT_ONCE = -1;

/** The engine: the controls, plus what the doors call. */
export interface MockEngine extends MockControls {
  /** The controls alone, for a door to hand its users beside its own members. */
  readonly controls: MockControls;
  /** Answers a request: at once on the hot path, a promise where a body is read or the admin API runs. */
  handle(request: MockRequest): PreparedResponse | Promise<PreparedResponse>;
  /**
   * `performance.now()` if answered requests are timed (the journal or the log is on), else 0: what a
   * door passes to `answered` as the arrival of a request it could not answer in the turn it arrived.
   */
  arrival(): number;
  /**
   * Records an answered request in the journal and the log: `answer` is what was sent (a broken
   * connection's status-0 answer for a fault), `started` is `arrival()` when the request arrived, or
   * `ANSWERED_AT_ONCE` for an answer sent in that same turn.
   */
  answered(request: MockRequest, answer: PreparedResponse, started: number): void;
  /** The base URL answers name (discovery's issuer) when a request names no host; a door sets it. */
  baseUrl: string;
  /**
   * Resolves once the engine can answer: at once, but with a shared store once it is connected and read;
   * rejects with a one-line `KitError` (`ERR_STORE_UNAVAILABLE`) when it cannot be reached.
   */
  ready(): Promise<void>;
  /** Stops watching the config file, ends every reader waiting on the journal, lets go of the store. */
  close(): Promise<void>;
}
