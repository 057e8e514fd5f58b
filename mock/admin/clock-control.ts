/**
 * The mock's clock through the control plane (a test double, not for production): read it, and move it
 * forward so issued tokens and codes expire without waiting.
 */
import type { ClockState } from '../../src/wire-types.js';
import type { MockClock } from '../state/clock.js';

/** The most one `POST /__admin/clock` moves the clock: ten years, far past any token's lifetime. */
export const MAX_CLOCK_ADVANCE_MS = 10 * 365 * 24 * 3600 * 1000;

/** The clock as `GET /__admin/clock` answers it. */
export function clockState(clock: MockClock): ClockState {
  const nowMs = clock.now();
  return { now: new Date(nowMs).toISOString(), nowMs, offsetMs: clock.offsetMs };
}

/** Moves `clock` by the body's `advanceMs`, or says what is wrong with the body. */
export function advanceClock(
  clock: MockClock,
  body: object,
): { readonly ok: true } | { readonly ok: false; readonly problem: string } {
  const { advanceMs, ...rest } = body as { advanceMs?: unknown };
  const unknown = Object.keys(rest);
  if (unknown.length > 0)
    return {
      ok: false,
      problem: `The clock takes only "advanceMs"; got ${unknown.join(', ').slice(0, 200)}.`,
    };
  if (
    !Number.isSafeInteger(advanceMs) ||
    (advanceMs as number) < 0 ||
    (advanceMs as number) > MAX_CLOCK_ADVANCE_MS
  ) {
    return {
      ok: false,
      problem: `advanceMs must be a whole number of milliseconds from 0 to ${MAX_CLOCK_ADVANCE_MS} (ten years), got ${JSON.stringify(advanceMs) ?? 'nothing'}; time only moves forward.`,
    };
  }
  clock.advance(advanceMs as number);
  return { ok: true };
}
