/**
 * What every route of the mock is built from (a test double, not for production). A route is a function
 * from a transport-free request to a prepared answer; the engine builds each once, with this context.
 */
import type { OpenAPIV3_1 } from 'openapi-types';
import type { IdTokenSettings } from '../config/store-source.js';
import type { MockRequest } from '../http/mock-request.js';
import type { PreparedResponse, ResponseContext } from '../http/responses.js';
import type { Clock } from '../state/clock.js';
import type { MockStore } from '../state/store.js';

/** The answer to one request: ready at once on the hot path, a promise where a body is read. */
export type RouteHandler = (request: MockRequest) => PreparedResponse | Promise<PreparedResponse>;

/** The state and settings routes answer from. */
export interface RouteContext {
  readonly store: MockStore;
  /** `openapi.yaml`: the statuses, named examples and headers routes answer with. */
  readonly document: OpenAPIV3_1.Document;
  /** Headers every answer carries. */
  readonly answers: ResponseContext;
  /** The time tokens and codes expire against. */
  readonly clock: Clock;
  /** `expires_in` of issued access tokens, in seconds. */
  readonly tokenLifetimeSeconds: number;
  /** The base URL the mock answers on (`http://127.0.0.1:4010`), for a request that names no host. */
  readonly baseUrl: () => string;
  /** Whether ID tokens are issued at all, and the key they are signed with (the config in force). */
  readonly idTokens: () => IdTokenSettings;
}
