/**
 * How the mock posts a callback body to the partner, as Truecaller's server would (a test double, not
 * for production): JSON by POST, a 2xx expected within 3 seconds (documented), a 500 tried again
 * (documented; how often and how far apart is the kit's choice). Redirects are not followed, and only the
 * start of an answer is read, so a hostile or broken partner cannot hold the mock or fill its memory.
 */
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type {
  WebCallbackAttempt,
  WebCallbackBody,
  WebCallbackDelivery,
} from '../../../src/operations/mobile-web/wire-types.js';
import type { CallbackTarget } from './callback-target.js';

/** How a body is delivered. */
export interface DeliveryRules {
  /** The time an attempt may take, answer read included (documented: 3 s). */
  readonly timeoutMs: number;
  /** Attempts after the first when one fails: a 5xx, a timeout or no answer (assumed: 2). */
  readonly retries: number;
  /** The wait before the first retry, doubled before each next one (assumed: 1 s, then 2 s). */
  readonly retryDelayMs: number;
}

/** Truecaller's documented 3 seconds, and the kit's choice of 2 retries 1 s then 2 s apart. */
export const DEFAULT_DELIVERY_RULES: Readonly<DeliveryRules> = Object.freeze({
  timeoutMs: 3000,
  retries: 2,
  retryDelayMs: 1000,
});

/** The bounds a caller may set the rules within. */
export const DELIVERY_RULE_LIMITS: Readonly<Record<keyof DeliveryRules, readonly [number, number]>> =
  Object.freeze({ timeoutMs: [1, 30_000], retries: [0, 5], retryDelayMs: [0, 10_000] });

/** How much of a partner's answer is read and kept: the rest is not waited for. */
export const MAX_ANSWER_BYTES = 4096;

/**
 * Posts `body` to `target` until an attempt gets a 2xx, a 4xx (or a 3xx) ends it, or the retries are
 * spent; resolves with every attempt. Never rejects: a failure is an attempt's `error`.
 */
export async function deliverCallback(
  target: CallbackTarget,
  body: WebCallbackBody,
  rules: Readonly<DeliveryRules>,
): Promise<WebCallbackDelivery> {
  const payload = Buffer.from(JSON.stringify(body), 'utf8');
  const attempts: WebCallbackAttempt[] = [];
  for (let attempt = 0; attempt <= rules.retries; attempt++) {
    // The waits do not keep a process alive that has nothing else to do (a test suite that is done).
    if (attempt > 0) await sleep(rules.retryDelayMs * 2 ** (attempt - 1), undefined, { ref: false });
    const result = await postOnce(target, payload, rules.timeoutMs);
    attempts.push(result);
    if (result.error === null && result.status !== null && result.status < 500) break;
  }
  const last = attempts.at(-1);
  const delivered = last?.error === null && last.status !== null && last.status >= 200 && last.status < 300;
  return { body, attempts, delivered };
}

/** One POST: the status and the start of the answer, or why none counts. */
function postOnce(target: CallbackTarget, payload: Buffer, timeoutMs: number): Promise<WebCallbackAttempt> {
  const started = performance.now();
  const { url } = target;
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    let status: number | null = null;
    const chunks: Buffer[] = [];
    let read = 0;
    let settled = false;
    const finish = (error: string | null): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      request.destroy();
      const body = status === null ? null : Buffer.concat(chunks).toString('utf8');
      resolve({ status, body, error, durationMs: Math.round(performance.now() - started) });
    };
    const request = send({
      // The address checked for the URL, never the name again: it cannot resolve elsewhere in between.
      host: target.address,
      family: target.family,
      port: url.port === '' ? undefined : Number(url.port),
      path: `${url.pathname}${url.search}`,
      method: 'POST',
      headers: {
        host: url.host,
        'content-type': 'application/json; charset=utf-8',
        'content-length': String(payload.length),
        'user-agent': 'truecaller-oauth-kit mock (a test double of Truecaller)',
      },
      agent: false,
      ...(target.servername === undefined ? {} : { servername: target.servername }),
    });
    const timer = setTimeout(() => finish(`no whole answer within ${timeoutMs} ms`), timeoutMs).unref();
    request.on('response', (response: IncomingMessage) => {
      status = response.statusCode ?? null;
      response.on('data', (chunk: Buffer) => {
        const room = MAX_ANSWER_BYTES - read;
        chunks.push(chunk.subarray(0, room));
        read += Math.min(room, chunk.length);
        // Enough of it: the rest is neither read nor waited for.
        if (read >= MAX_ANSWER_BYTES) finish(null);
      });
      response.on('end', () => finish(null));
      response.on('error', (error) => finish(error.message));
    });
    request.on('error', (error) => finish(error.message));
    request.end(payload);
  });
}
