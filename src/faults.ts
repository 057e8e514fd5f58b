/**
 * Faults the mock can inject, per token (or code) and globally: a delay, and instead of the answer a
 * broken connection or a throttling status. Not part of Truecaller's API: the kit's own test lever.
 */

/** What can replace an answer. The 429 and 503 bodies are named examples in `openapi.yaml`. */
export const FAULT_FAILURES = [
  'connection-reset',
  'empty-response',
  'truncated-json',
  'too-many-requests',
  'service-unavailable',
] as const;

/** One kind of failure a fault injects. */
export type FaultFailure = (typeof FAULT_FAILURES)[number];

/**
 * The status and the named example of `openapi.yaml` (under `/v1/userinfo`, `x-documented: false`) of
 * each failure that is an HTTP answer.
 */
export const FAULT_RESPONSES = Object.freeze({
  'too-many-requests': Object.freeze({ status: 429, example: 'tooManyRequests' }),
  'service-unavailable': Object.freeze({ status: 503, example: 'serviceUnavailable' }),
} as const);

/** A random delay, drawn anew for every request, from `min` to `max` milliseconds. */
export interface DelayRange {
  min: number;
  max: number;
}

/**
 * A fault: every field optional, `{}` is none. A token's or code's fault replaces the global one.
 *
 * @example
 * const slowThenThrottled: Fault = { delayMs: { min: 50, max: 200 }, failure: 'too-many-requests', retryAfterS: 3 };
 */
export interface Fault {
  /** Wait this long (or a random time in the range) before answering or failing. */
  delayMs?: number | DelayRange;
  /**
   * Instead of the answer: reset the TCP connection, close it without a byte, send the JSON cut in half
   * (with a matching `Content-Length`), or answer 429 / 503 with `Retry-After`.
   */
  failure?: FaultFailure;
  /** The `Retry-After` seconds of a 429 or 503; default 1. */
  retryAfterS?: number;
}

/** What a fault is set on: the global fault when absent, else one token's, one code's, one phone-number token's or one web token's. */
export type FaultTarget =
  { token: string } | { code: string } | { phoneNumberToken: string } | { webToken: string };

/** The longest delay a fault may ask for: ten minutes. */
export const MAX_DELAY_MS = 600_000;

/** JSON schema of a `Fault`, shared by the config file and the admin API's checks. */
export const FAULT_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    delayMs: {
      oneOf: [
        { type: 'integer', minimum: 0, maximum: MAX_DELAY_MS },
        {
          type: 'object',
          additionalProperties: false,
          required: ['min', 'max'],
          properties: {
            min: { type: 'integer', minimum: 0, maximum: MAX_DELAY_MS },
            max: { type: 'integer', minimum: 0, maximum: MAX_DELAY_MS },
          },
        },
      ],
    },
    failure: { enum: FAULT_FAILURES },
    retryAfterS: { type: 'integer', minimum: 0, maximum: 86_400 },
  },
} as const;

/**
 * Reads a `--delay` flag: `250` (fixed) or `100-400` (random in the range); null when it is neither.
 *
 * @example
 * parseDelay('100-400'); // { min: 100, max: 400 }
 */
export function parseDelay(text: string): number | DelayRange | null {
  const match = /^(\d{1,6})(?:-(\d{1,6}))?$/.exec(text);
  if (!match) return null;
  const min = Number(match[1]);
  if (match[2] === undefined) return min <= MAX_DELAY_MS ? min : null;
  const max = Number(match[2]);
  return min <= max && max <= MAX_DELAY_MS ? { min, max } : null;
}
