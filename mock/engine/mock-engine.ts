/**
 * The engine of the mock (a test double of Truecaller's OAuth API, not for production): it owns all the
 * state (store, clock, codes, issued tokens, faults, journal) and answers a transport-free request with
 * a prepared answer. The doors (`node:http`, `fetch`, MSW) hand it requests and deliver its answers;
 * nothing here knows a socket.
 */
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { KitError } from '../../src/errors.js';
import type { Fault, FaultTarget } from '../../src/faults.js';
import { loadApiDocument } from '../../src/openapi/api-document.js';
import { ADMIN_SCENARIO_PREFIX, createAdminApi } from '../admin/admin-api.js';
import { isAdminPath } from '../admin/admin-paths.js';
import { createRecordWriter, type WriteResult } from '../admin/record-writes.js';
import type { MockOptions } from '../config/options.js';
import { openStore } from '../config/store-source.js';
import { corsHeadersForAnyOrigin } from '../http/cors.js';
import { DEFAULT_JSON_BODY_LIMIT } from '../http/json-body.js';
import type { MockRequest } from '../http/mock-request.js';
import { pathOf } from '../http/request-path.js';
import type { PreparedResponse, ResponseContext } from '../http/responses.js';
import type { OpenAPIV3_1 } from 'openapi-types';
import { COLLECTION_DEFINITIONS, MOCK_OPERATIONS, type OperationControls } from '../operations/index.js';
import type { MockOperation, OperationContext, OperationSettings } from '../operations/operation.js';
import { createApiDocumentRoutes } from '../routes/api-document-route.js';
import { createAnswerCache } from '../state/answer-cache.js';
import { storeAccess } from '../state/store-access.js';
import { MockClock } from '../state/clock.js';
import { ExpiryQueue } from '../state/expiry-queue.js';
import { RequestJournal } from '../state/journal.js';
import type { Collection, MockStore } from '../state/store.js';
import { createLogLineFormatter } from './log-line.js';
import { createRouteTable, internalError, methodNotAllowed, notFound } from './route-table.js';

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
  /** Stops watching the config file and ends every reader waiting on the journal. */
  close(): void;
}

/** Creates the engine for options already checked by `resolveMockOptions` (or the server's variant). */
export function createMockEngine(settings: Readonly<MockOptions>): MockEngine {
  const document = loadApiDocument();
  const events = new EventEmitter();
  const source = openStore(settings, events);
  const { store } = source;
  const clock = new MockClock(settings.clock);
  const journal = settings.admin
    ? new RequestJournal(settings.journalSize, settings.journalMaxBytes, credentialInPath)
    : null;
  const answers: ResponseContext = { commonHeaders: corsHeadersForAnyOrigin(settings.cors) };
  const expiries = new ExpiryQueue(
    store,
    COLLECTION_DEFINITIONS.flatMap(({ name, expiry }) =>
      expiry === undefined
        ? []
        : [{ collection: name, graceMs: expiry.graceMs(settings.tokenLifetimeSeconds), keeps: expiry.keeps }],
    ),
  );
  const writer = createRecordWriter(store, clock, expiries);
  const operationControls = Object.assign(
    {},
    ...MOCK_OPERATIONS.map((operation) =>
      operation.controls?.({
        create: (collection, input, caller) => writer.create(collection, input, caller),
        clock,
      }),
    ),
  ) as OperationControls;
  const { log } = settings;
  const logLine = createLogLineFormatter();
  const timed = journal !== null || log !== null;

  const operationSettings: OperationSettings = {
    tokenLifetimeSeconds: settings.tokenLifetimeSeconds,
    baseUrl: () => engine.baseUrl,
    idTokens: source.idTokenSettings,
  };
  const routes = createRouteTable(
    [
      ...MOCK_OPERATIONS.flatMap((operation) =>
        operation.createRoutes(
          operationContext(operation, {
            store,
            document,
            answers,
            clock,
            expiries,
            settings: operationSettings,
          }),
        ),
      ),
      ...createApiDocumentRoutes({ document, answers }),
    ],
    answers,
  );
  const admin =
    journal === null
      ? undefined
      : createAdminApi({
          store,
          journal,
          writer,
          clock,
          answers,
          adminToken: settings.adminToken,
          bodyLimit: DEFAULT_JSON_BODY_LIMIT,
          reset: source.reset,
          afterChange: source.persist,
        });

  function saved(result: WriteResult, call: string): void {
    if (!result.ok) throw new KitError('ERR_FAULT_INVALID', `${call}: ${result.problem}`);
    source.persist();
  }

  const controls: MockControls = {
    store,
    clock,
    journal,
    events,
    ...operationControls,
    setFault: (fault, target) => {
      if (target === undefined) {
        saved(writer.setFault({ ...fault }, false), 'setFault');
        return;
      }
      const { collection, id } = faultTargetOf(target);
      saved(writer.patch(collection, id, { fault }), 'setFault');
    },
    clearFault: (target) => controls.setFault({}, target),
    reset: () => {
      source.reset();
      journal?.clear();
    },
  };
  const engine: MockEngine = {
    ...controls,
    controls,
    baseUrl: '',
    arrival: () => (timed ? performance.now() : 0),

    handle(request) {
      const path = pathOf(request.url);
      const route = routes.find(path);
      if (route === undefined) {
        // Only a path no route serves is checked for the admin prefix: the hot path never pays for it.
        if (admin !== undefined && isAdminPath(path))
          return admin(request).catch((error: unknown) => internalError(answers, error));
        return notFound(answers, request.method, path, routes.paths);
      }
      if (request.method === 'OPTIONS') return route.preflight;
      const handler = route.handlers.get(request.method);
      if (handler === undefined) return methodNotAllowed(answers, request.method, path, route.allow);
      try {
        const answer = handler(request);
        return answer instanceof Promise
          ? answer.catch((error: unknown) => internalError(answers, error))
          : answer;
      } catch (error) {
        // A bug (or a record the checks missed) answers 500 for this request; it never ends the process.
        return internalError(answers, error);
      }
    },

    answered(request, answer, started) {
      // Nothing records (no journal, no log): no clock reading either.
      if (!timed) return;
      // One clock reading for the journal and the log: it is a fair part of what recording costs.
      const now = performance.now();
      const arrived = started === ANSWERED_AT_ONCE ? now : started;
      const latencyMs = now - arrived;
      // The journal records the mocked API, not the control plane reading it (a dashboard polls it).
      if (journal !== null && !answer.scenario.startsWith(ADMIN_SCENARIO_PREFIX))
        journal.record(request, answer, arrived, latencyMs);
      if (log !== null) log(logLine(request, answer.status, answer.scenario, latencyMs));
    },

    close() {
      source.close();
      journal?.close();
    },
  };
  return engine;
}

/** What every operation's context shares: the engine's state and settings. */
interface EngineParts {
  readonly store: MockStore;
  readonly document: OpenAPIV3_1.Document;
  readonly answers: ResponseContext;
  readonly clock: MockClock;
  readonly expiries: ExpiryQueue;
  readonly settings: OperationSettings;
}

/**
 * The context of one operation: the store as far as it declared it, and caches the engine drops when
 * what the operation reads changes.
 */
function operationContext(operation: MockOperation, parts: EngineParts): OperationContext {
  const { store, ...shared } = parts;
  return {
    ...shared,
    state: storeAccess(store, operation.api.name, operation),
    cache: (keyedBy) => createAnswerCache(store, operation.reads, keyedBy),
  };
}

/** The collections a fault may be set on, by the key a `FaultTarget` names them with (`token`, `code`, ...). */
const FAULT_TARGETS: ReadonlyMap<string, Collection> = new Map(
  COLLECTION_DEFINITIONS.flatMap(({ name, faultTarget }) =>
    faultTarget === undefined ? [] : [[faultTarget, name] as const],
  ),
);

/** The record a fault target names; a target of no known kind throws, naming the kinds there are. */
function faultTargetOf(target: FaultTarget): { collection: Collection; id: string } {
  const entries = Object.entries(target as Record<string, unknown>);
  const [key = '', id] = entries[0] ?? [];
  const collection = FAULT_TARGETS.get(key);
  if (entries.length !== 1 || collection === undefined || typeof id !== 'string') {
    const kinds = [...FAULT_TARGETS.keys()].map((kind) => `{ ${kind}: '...' }`).join(', ');
    throw new KitError('ERR_FAULT_INVALID', `setFault: the target must be one of ${kinds}.`);
  }
  return { collection, id };
}

/** The token a request carries in its path, for the operations whose credential travels there. */
function credentialInPath(path: string): string | null {
  for (const operation of MOCK_OPERATIONS) {
    const credential = operation.credentialInPath?.(path) ?? null;
    if (credential !== null) return credential;
  }
  return null;
}

/** The controls of `engine` as a plain object, for a door to hand its users beside its own members. */
export function controlsOf(engine: MockEngine): MockControls {
  return engine.controls;
}
