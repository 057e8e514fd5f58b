/**
 * How the engine answers a request and records the answer (a test double, not for production): the route
 * of its path and method, else the control plane, a 404 or a 405; a failing handler answers 500 for that
 * request and never ends the process. Recording takes one clock reading for the journal and the log.
 */
import { performance } from 'node:perf_hooks';
import { ADMIN_SCENARIO_PREFIX, type AdminApi } from '../admin/admin-api.js';
import { isAdminPath } from '../admin/admin-paths.js';
import type { MockRequest } from '../http/mock-request.js';
import { pathOf } from '../http/request-path.js';
import type { PreparedResponse, ResponseContext } from '../http/responses.js';
import type { RequestJournal } from '../state/journal.js';
import { createLogLineFormatter } from './log-line.js';
import { ANSWERED_AT_ONCE, type MockEngine } from './engine-types.js';
import { internalError, methodNotAllowed, notFound, type RouteTable } from './route-table.js';

/** The engine's `handle`. */
export function createRequestHandler(
  routes: RouteTable,
  admin: AdminApi | undefined,
  answers: ResponseContext,
): MockEngine['handle'] {
  return function handle(request: MockRequest): PreparedResponse | Promise<PreparedResponse> {
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
  };
}

/** The engine's `answered`: the journal and the log, or nothing (and no clock reading) without either. */
export function createAnswerRecorder(
  journal: RequestJournal | null,
  log: ((line: string) => void) | null,
): MockEngine['answered'] {
  if (journal === null && log === null) return () => undefined;
  const logLine = createLogLineFormatter();
  return function answered(request, answer, started) {
    // One clock reading for the journal and the log: it is a fair part of what recording costs.
    const now = performance.now();
    const arrived = started === ANSWERED_AT_ONCE ? now : started;
    const latencyMs = now - arrived;
    // The journal records the mocked API, not the control plane reading it (a dashboard polls it).
    if (journal !== null && !answer.scenario.startsWith(ADMIN_SCENARIO_PREFIX))
      journal.record(request, answer, arrived, latencyMs);
    if (log !== null) log(logLine(request, answer.status, answer.scenario, latencyMs));
  };
}
