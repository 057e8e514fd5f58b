/**
 * Fault injection of the mock (a test double, not for production): a fault is baked into a prepared
 * answer off the hot path, so an answer without one costs a single field check.
 */
import type { OpenAPIV3_1 } from 'openapi-types';
import { type DelayRange, type Fault, type FaultFailure, FAULT_RESPONSES } from '../../src/faults.js';
import { getExampleValue, type HttpMethod } from '../../src/openapi/api-document.js';
import { type PreparedFault, type PreparedResponse, prepareJson, type ResponseContext } from './responses.js';

/** The bodies of the throttling answers, read from `openapi.yaml` by the route that sends them. */
export interface FaultBodies {
  readonly tooManyRequests: unknown;
  readonly serviceUnavailable: unknown;
}

/** Where a route's throttling bodies are in `openapi.yaml`: the status and named example of each. */
export type FaultExamples = Readonly<
  Record<'too-many-requests' | 'service-unavailable', { readonly status: number; readonly example: string }>
>;

/** Reads a route's 429 and 503 bodies from the named examples of its operation in `openapi.yaml`. */
export function readFaultBodies(
  document: OpenAPIV3_1.Document,
  path: string,
  method: HttpMethod,
  examples: FaultExamples,
): FaultBodies {
  const body = ({ status, example }: { status: number; example: string }): unknown =>
    getExampleValue(document, path, method, status, example);
  return Object.freeze({
    tooManyRequests: body(examples['too-many-requests']),
    serviceUnavailable: body(examples['service-unavailable']),
  });
}

/** Whether the fault answers 429 or 503 instead of the answer, so the request is never acted on. */
export function refusesRequest(fault: Fault): boolean {
  return fault.failure === 'too-many-requests' || fault.failure === 'service-unavailable';
}

/** The journal's scenario name of each failure, made once so recording one formats nothing. */
export const FAULT_SCENARIOS: Readonly<Record<FaultFailure, string>> = Object.freeze({
  'connection-reset': 'fault:connection-reset',
  'empty-response': 'fault:empty-response',
  'truncated-json': 'fault:truncated-json',
  'too-many-requests': 'fault:too-many-requests',
  'service-unavailable': 'fault:service-unavailable',
});

/** `answer` carrying `fault`; the same answer when the fault is absent or empty. */
export function withFault(
  answer: PreparedResponse,
  fault: Fault | undefined,
  bodies: FaultBodies,
  context: ResponseContext,
): PreparedResponse {
  if (fault === undefined || (fault.delayMs === undefined && fault.failure === undefined)) return answer;
  const plain: PreparedResponse = Object.freeze({ ...answer, delayMs: 0, fault: null });
  const prepared: PreparedFault = Object.freeze({
    delayMs: fault.delayMs ?? 0,
    failure: fault.failure,
    then: replacement(plain, fault, bodies, context),
  });
  return Object.freeze({ ...answer, fault: prepared });
}

function replacement(
  plain: PreparedResponse,
  fault: Fault,
  bodies: FaultBodies,
  context: ResponseContext,
): PreparedResponse | null {
  const retryAfter = ['Retry-After', String(fault.retryAfterS ?? 1)];
  switch (fault.failure) {
    case 'connection-reset':
    case 'empty-response':
      return null;
    case 'too-many-requests':
      return prepareJson(context, FAULT_RESPONSES['too-many-requests'].status, bodies.tooManyRequests, {
        scenario: FAULT_SCENARIOS['too-many-requests'],
        headers: retryAfter,
      });
    case 'service-unavailable':
      return prepareJson(context, FAULT_RESPONSES['service-unavailable'].status, bodies.serviceUnavailable, {
        scenario: FAULT_SCENARIOS['service-unavailable'],
        headers: retryAfter,
      });
    case 'truncated-json': {
      // A complete HTTP message whose JSON stops half-way: what a client's parser must survive.
      const body = plain.body.subarray(0, Math.floor(plain.body.length / 2));
      const headers = [...plain.headers];
      const at = headers.indexOf('Content-Length');
      if (at !== -1) headers[at + 1] = String(body.length);
      return Object.freeze({
        ...plain,
        headers: Object.freeze(headers),
        body,
        scenario: FAULT_SCENARIOS['truncated-json'],
      });
    }
    default:
      return plain;
  }
}

/** The milliseconds to wait this time: the fixed delay, or a fresh draw from the range. */
export function drawDelay(delay: number | DelayRange): number {
  return typeof delay === 'number'
    ? delay
    : delay.min + Math.floor(Math.random() * (delay.max - delay.min + 1));
}

/** A failure that leaves no HTTP answer: the door breaks the connection (or rejects the fetch) instead. */
export type BrokenConnection = 'connection-reset' | 'empty-response';

/**
 * What the journal records for a connection broken on purpose: status 0, no headers, no body. Made once,
 * so recording one costs nothing.
 */
export const BROKEN_CONNECTION_ANSWERS: Readonly<Record<BrokenConnection, PreparedResponse>> = Object.freeze({
  'connection-reset': noAnswer(FAULT_SCENARIOS['connection-reset']),
  'empty-response': noAnswer(FAULT_SCENARIOS['empty-response']),
});

function noAnswer(scenario: string): PreparedResponse {
  return Object.freeze({
    status: 0,
    headers: Object.freeze([]),
    body: Buffer.alloc(0),
    scenario,
    delayMs: 0,
    fault: null,
  });
}

/** What a door does with an answer: send one after a delay, or break the connection after a delay. */
export type Delivery =
  | { readonly kind: 'send'; readonly delayMs: number; readonly answer: PreparedResponse }
  | {
      readonly kind: 'break';
      readonly delayMs: number;
      readonly failure: BrokenConnection;
      /** What the journal records instead of an answer (status 0, the failure's scenario). */
      readonly answer: PreparedResponse;
    };

/**
 * How an answer is delivered, its delays drawn (a range is drawn anew each time): the same for every
 * door, so a fault means the same thing whichever door a test uses.
 */
export function deliveryOf(answer: PreparedResponse): Delivery {
  const { fault } = answer;
  if (fault === null) return { kind: 'send', delayMs: answer.delayMs, answer };
  const delayMs = answer.delayMs + drawDelay(fault.delayMs);
  if (fault.then !== null) return { kind: 'send', delayMs, answer: fault.then };
  const failure: BrokenConnection =
    fault.failure === 'connection-reset' ? 'connection-reset' : 'empty-response';
  return { kind: 'break', delayMs, failure, answer: BROKEN_CONNECTION_ANSWERS[failure] };
}
