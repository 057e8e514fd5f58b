/**
 * The engine of the mock (a test double of Truecaller's OAuth API, not for production): it owns all the
 * state (store, clock, codes, issued tokens, faults, journal) and answers a transport-free request with
 * a prepared answer. The doors (`node:http`, `fetch`, MSW) hand it requests and deliver its answers;
 * nothing here knows a socket.
 */
import { performance } from 'node:perf_hooks';
import type { MockOptions } from '../config/options.js';
import { createControls } from './controls.js';
import { openEngineState } from './engine-state.js';
import type { MockControls, MockEngine } from './engine-types.js';
import { createOperationRoutes } from './operation-routes.js';
import { createAnswerRecorder, createRequestHandler } from './request-handler.js';

/**
 * Creates the engine for options already checked by `resolveMockOptions` (or the server's variant);
 * `listenHost` is the address a server door listens on (undefined in-process).
 */
export function createMockEngine(settings: Readonly<MockOptions>, listenHost?: string): MockEngine {
  const state = openEngineState(settings, () => engine.baseUrl, listenHost);
  const controls = createControls(state);
  const routes = createOperationRoutes(state, {
    tokenLifetimeSeconds: settings.tokenLifetimeSeconds,
    baseUrl: () => engine.baseUrl,
    idTokens: state.source.idTokenSettings,
  });
  const timed = state.journal !== null || settings.log !== null;
  const engine: MockEngine = {
    ...controls,
    controls,
    baseUrl: '',
    arrival: () => (timed ? performance.now() : 0),
    handle: createRequestHandler(routes, state.admin, state.answers),
    answered: createAnswerRecorder(state.journal, settings.log),
    ready: state.ready,
    close: state.close,
  };
  return engine;
}

/** The controls of `engine` as a plain object, for a door to hand its users beside its own members. */
export function controlsOf(engine: MockEngine): MockControls {
  return engine.controls;
}
