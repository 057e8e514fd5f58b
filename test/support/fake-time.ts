import { vi } from 'vitest';

// Real I/O (sockets, promises) still runs while setTimeout is faked; setImmediate is left real for this.
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** Lets real I/O run until `condition` holds (fails after `turns` event-loop turns). */
export async function untilTrue(condition: () => boolean, what: string, turns = 20_000): Promise<void> {
  for (let turn = 0; turn < turns; turn++) {
    if (condition()) return;
    await nextTurn();
  }
  throw new Error(`gave up waiting for ${what}`);
}

/**
 * Sends a request while `setTimeout` is faked and measures, in fake time, how long the mock holds the
 * answer: once the mock has asked for a timer of `delayMs`, time moves on 1 ms short of it (the answer
 * must still be pending), then by the last millisecond (the answer must come). No real waiting and no
 * timing threshold: the mock's own timer decides. Other timers (a client's) may run meanwhile.
 */
export async function answerHeldFor<T>(
  send: () => Promise<T>,
  delayMs: number,
): Promise<{ early: boolean; answer: T }> {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const fakeSetTimeout = globalThis.setTimeout;
  const asked: number[] = [];
  globalThis.setTimeout = ((handler: () => void, ms?: number) => {
    asked.push(ms ?? 0);
    return fakeSetTimeout(handler, ms);
  }) as typeof setTimeout;
  try {
    let settled = false;
    const pending = send().finally(() => {
      settled = true;
    });
    await untilTrue(
      () => asked.includes(delayMs) || settled,
      `the mock to hold the answer for ${delayMs} ms`,
    );
    vi.advanceTimersByTime(delayMs - 1);
    for (let turn = 0; turn < 50; turn++) await nextTurn();
    const early = settled;
    vi.advanceTimersByTime(1);
    return { early, answer: await pending };
  } finally {
    globalThis.setTimeout = fakeSetTimeout;
    vi.useRealTimers();
  }
}
