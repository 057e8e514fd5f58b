/**
 * Mounts the mock's control plane lazily (a test double, not for production): json-server and express
 * load on the first admin request, so a mock nobody administers starts as fast as one without it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AdminApiOptions } from './admin-api.js';
import { ENDPOINTS } from '../../src/endpoints.js';

/** A handler for admin requests, plus the test for whether a path is one. */
export interface LazyAdmin {
  /** Whether `path` (without query) belongs to the admin API. */
  owns(path: string): boolean;
  handle(request: IncomingMessage, response: ServerResponse): void;
}

/** The admin API, loaded on first use; `onLoadError` answers if loading fails. */
export function lazyAdmin(
  options: AdminApiOptions,
  onLoadError: (request: IncomingMessage, response: ServerResponse, error: unknown) => void,
): LazyAdmin {
  let api: Promise<(request: IncomingMessage, response: ServerResponse) => void> | undefined;
  return {
    owns: (path) => path === ENDPOINTS.admin || path.startsWith(`${ENDPOINTS.admin}/`),
    handle(request, response) {
      api ??= import('./admin-api.js').then(({ createAdminApi }) => createAdminApi(options));
      api.then(
        (answer) => answer(request, response),
        (error: unknown) => onLoadError(request, response, error),
      );
    },
  };
}
