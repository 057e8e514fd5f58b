import { performance } from 'node:perf_hooks';
import { vi } from 'vitest';
import type { MockControls } from '../../mock/index.js';

/** Fake time for `setTimeout` (and `performance.now`), while real I/O (sockets, promises) runs on. */
export interface FakeTimeouts {
  /** Resolves once the code under test has asked for a timer of `ms` (at once if it already has). */
  asked(ms: number): Promise<void>;
  /** Moves fake time on by `ms`, running the timers due meanwhile, each at its own time. */
  advance(ms: number): void;
}

/**
 * Runs `use` with `setTimeout`, `clearTimeout` and `performance.now` faked, and puts them back after it,
 * however it ends. Time moves only when `advance` says: a timer fires, and `performance.now()` (which
 * the mock's journal times answers with) moves, exactly by what the test gives, never by the machine's
 * speed. `setImmediate` and I/O stay real, so sockets still work.
 */
export async function withFakeTimeouts<T>(use: (time: FakeTimeouts) => Promise<T>): Promise<T> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const origin = fakeNow();
  // The journal reads node:perf_hooks' own object, which faking the global would not reach.
  const now = vi.spyOn(performance, 'now').mockImplementation(() => fakeNow() - origin);
  const fakeSetTimeout = globalThis.setTimeout;
  const askedFor = new Set<number>();
  const waiting = new Map<number, (() => void)[]>();
  globalThis.setTimeout = ((handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const delay = ms ?? 0;
    askedFor.add(delay);
    for (const resolve of waiting.get(delay) ?? []) resolve();
    waiting.delete(delay);
    return fakeSetTimeout<unknown[]>(handler, delay, ...args);
  }) as typeof setTimeout;
  try {
    return await use({
      asked: (ms) =>
        askedFor.has(ms)
          ? Promise.resolve()
          : new Promise((resolve) => waiting.set(ms, [...(waiting.get(ms) ?? []), resolve])),
      advance: (ms) => vi.advanceTimersByTime(ms),
    });
  } finally {
    globalThis.setTimeout = fakeSetTimeout;
    now.mockRestore();
    vi.useRealTimers();
  }
}

function fakeNow(): number {
  const time = vi.getMockedSystemTime();
  if (time === null) throw new Error('fake time is not on');
  return time.getTime();
}

/**
 * Sends a request with time faked and reads from `mock`'s own journal how long the mock held the answer.
 * Once the mock has asked for its timer of `delayMs` (or has answered without one), fake time moves on by
 * `delayMs`; the journal's `latencyMs` is then the fake time the mock kept the answer: `delayMs` when
 * its delay timer let it go, less when anything let it go sooner, 0 when it answered at once. No real
 * waiting, no counting of event-loop turns, no threshold. The mock must keep a journal.
 */
export async function answerHeldFor<T>(
  mock: MockControls,
  send: () => Promise<T>,
  delayMs: number,
): Promise<{ answer: T; latencyMs: number | undefined }> {
  const journal = mock.journal;
  if (journal === null) throw new Error('answerHeldFor reads the journal: start the mock with one');
  return withFakeTimeouts(async (time) => {
    const before = journal.lastSeq;
    const pending = send();
    const settled = pending.then(
      () => undefined,
      () => undefined,
    );
    await Promise.race([time.asked(delayMs), settled]);
    time.advance(delayMs);
    const answer = await pending;
    const recorded = journal.entries({ after: before });
    if (recorded.length !== 1)
      throw new Error(`expected one answer in the journal, found ${recorded.length}`);
    return { answer, latencyMs: recorded[0]?.latencyMs };
  });
}
