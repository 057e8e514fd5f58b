/**
 * How every door delivers the engine's answer (a test double, not for production): at once, or after its
 * delay, or by breaking the connection as its fault says; then recorded in the journal and the log. One
 * path for `node:http` and `fetch` (and MSW, which rides on `fetch`), so a fault or a delay means the same
 * whichever door a test uses; each door says only how it sends, breaks and waits.
 */
import { type BrokenConnection, deliveryOf } from '../http/faults.js';
import type { MockRequest } from '../http/mock-request.js';
import type { PreparedResponse } from '../http/responses.js';
import { ANSWERED_AT_ONCE, type MockEngine } from './engine-types.js';

/**
 * What a door does with an answer. `Request` is the engine's request as the door made it; `Context` what
 * it sends on (a `ServerResponse`, a fetch call); `Sent` what sending gives (the answer written, a `Response`).
 */
export interface Door<Request extends MockRequest, Context, Sent> {
  /** Sends `answer` now. */
  send(context: Context, answer: PreparedResponse, request: Request): Sent;
  /** What the journal records for a send that gave `sent`: `answer`, unless the door had to send another. */
  recorded(sent: Sent, answer: PreparedResponse): PreparedResponse;
  /** Breaks the connection instead of answering (after the journal recorded it); may throw. */
  breakConnection(context: Context, failure: BrokenConnection): Sent;
  /** Resolves after `ms`; rejects when the wait is cut short (the mock closed, the caller aborted). */
  wait(context: Context, ms: number): Promise<void>;
  /** True when the other side went away while the answer waited: nothing is sent or recorded. */
  gone(context: Context): boolean;
}

/**
 * Delivers `answer` to `request` through `door`: in this turn on the hot path (no fault, no delay), else
 * after its drawn delay. `started` is the engine's `arrival()` reading, or `ANSWERED_AT_ONCE`.
 */
export function deliver<Request extends MockRequest, Context, Sent>(
  engine: MockEngine,
  door: Door<Request, Context, Sent>,
  request: Request,
  context: Context,
  answer: PreparedResponse,
  started: number,
): Sent | Promise<Sent | undefined> {
  if (answer.fault === null && answer.delayMs === 0) {
    const sent = door.send(context, answer, request);
    engine.answered(request, door.recorded(sent, answer), started);
    return sent;
  }
  // Off the hot path: only answers that carry a delay or a fault come here.
  const arrived = started === ANSWERED_AT_ONCE ? engine.arrival() : started;
  const delivery = deliveryOf(answer);
  const act = (): Sent | undefined => {
    if (door.gone(context)) return undefined;
    if (delivery.kind === 'break') {
      engine.answered(request, delivery.answer, arrived);
      return door.breakConnection(context, delivery.failure);
    }
    const sent = door.send(context, delivery.answer, request);
    engine.answered(request, door.recorded(sent, delivery.answer), arrived);
    return sent;
  };
  return delivery.delayMs > 0 ? door.wait(context, delivery.delayMs).then(act) : Promise.resolve().then(act);
}
