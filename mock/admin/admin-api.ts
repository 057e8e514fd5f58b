/**
 * The control plane of the mock (a test double, not for production): `/__admin`. Every request passes
 * one gate (the secret, the path, the method, the body's size and shape) before it reads or writes the
 * store; lists run json-server's query features over a snapshot. It answers in the API's error shape,
 * always JSON, and never reaches `GET /v1/userinfo`'s hot path.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { readBearerToken } from '../http/authorization.js';
import { headerValue, type MockRequest } from '../http/mock-request.js';
import { printable } from '../http/printable.js';
import { pathOf } from '../http/request-path.js';
import { type PreparedResponse, type ResponseContext, withHeaders } from '../http/responses.js';
import type { MockClock } from '../state/clock.js';
import type { JournalReader } from '../state/journal-reader.js';
import type { MockStore } from '../state/store.js';
import { createAdminAnswers } from './admin-answers.js';
import {
  adminCorsHeaders,
  type AdminOriginPolicy,
  adminPreflightHeaders,
  checkAdminOrigin,
  isJsonType,
  notJsonProblem,
} from './admin-origin.js';
import { ADMIN_METHODS, resolveAdminPath, type ResolvedAdminPath } from './admin-paths.js';
import { createAdminReads } from './admin-reads.js';
import { type AdminActions, createAdminWrites } from './admin-writes.js';
import type { RecordWriter } from './record-writes.js';

export type { AdminActions } from './admin-writes.js';

/** The realm of the admin API's bearer challenge, apart from the mocked API's. */
export const ADMIN_REALM = 'truecaller-oauth-kit-admin';

/** What the admin API works on. */
export interface AdminApiOptions {
  readonly store: MockStore;
  /** This process's journal, or every replica's with a shared store. */
  readonly journal: JournalReader;
  readonly writer: RecordWriter;
  /** The clock `POST /__admin/clock` moves forward. */
  readonly clock: MockClock;
  /** Headers every admin answer carries: none of the API's CORS headers (the admin API is same-origin). */
  readonly answers: ResponseContext;
  /** Which browser pages may call it besides the mock's own, and which `Host` names this machine. */
  readonly origins: AdminOriginPolicy;
  /** The shared secret every request must carry as `Authorization: Bearer <secret>`; undefined: none. */
  readonly adminToken: string | undefined;
  /** The largest JSON body a write may carry. */
  readonly bodyLimit: number;
  /** Restores the store as it was at start (or at the last config reload). */
  reset(): void | Promise<void>;
  /**
   * Runs after every change the admin API made, before it answers: the `--db` log is flushed to disk, or
   * the change is written to the shared store. Throws (or rejects) when it fails.
   */
  afterChange(): void | Promise<void>;
  /** The operations' actions (`POST /__admin/<name>`), by name. */
  readonly actions: AdminActions;
}

export { ADMIN_SCENARIO_PREFIX } from './admin-answers.js';

/** Answers requests under `/__admin`. */
export type AdminApi = (request: MockRequest) => Promise<PreparedResponse>;

/**
 * The admin API of one mock: one gate (the page's origin, the secret, the path, the method, a write's
 * media type), then a read or a write.
 */
export function createAdminApi(options: AdminApiOptions): AdminApi {
  const { store, journal, clock } = options;
  const answers = createAdminAnswers(options.answers);
  const { error } = answers;
  const secret = options.adminToken === undefined ? undefined : digest(options.adminToken);
  const unauthorized = error(
    401,
    'invalid_token',
    `The admin API needs Authorization: Bearer <the --admin-token secret>.`,
    ['WWW-Authenticate', `Bearer realm="${ADMIN_REALM}"`],
  );
  const read = createAdminReads({ answers, common: options.answers, store, journal, clock });
  const writes = createAdminWrites({ ...options, answers });

  /** The answer to a request whose origin may call: the secret, the path, the method, the body's type. */
  function answerAllowed(request: MockRequest, path: string, resolved: ResolvedAdminPath) {
    // The pages' own files hold no state and are the package's public files: a browser, which cannot send
    // a bearer token when it opens a URL, loads them and then asks for the secret; all they read and
    // write goes through the gate below.
    const isPage = resolved.ok && resolved.target.kind === 'page';
    if (!isPage && secret !== undefined && !authorized(headerValue(request, 'authorization'), secret))
      return unauthorized;
    if (!resolved.ok)
      return error(
        resolved.status,
        resolved.status === 404 ? 'not_found' : 'invalid_request',
        resolved.problem,
      );
    const { target } = resolved;
    const allowed = ADMIN_METHODS[target.kind];
    if (!allowed.includes(request.method)) {
      const allow = allowed.join(', ');
      const refused = `${printable(path)} answers ${allow}, not ${printable(request.method, 20)}.`;
      return error(405, 'method_not_allowed', refused, ['Allow', allow]);
    }
    switch (request.method) {
      case 'GET':
      case 'HEAD':
        return read(request, target);
      case 'DELETE':
        return writes.remove(target);
      default: {
        // A page of another origin can POST only text/plain, a form or multipart without asking first.
        const contentType = headerValue(request, 'content-type');
        if (!isJsonType(contentType))
          return error(415, 'unsupported_media_type', notJsonProblem(request.method, path, contentType));
        return target.kind === 'reset' ? writes.reset() : writes.write(request, target);
      }
    }
  }

  return async function answerAdmin(request) {
    const path = pathOf(request.url);
    const resolved = resolveAdminPath(path);
    const isPage = resolved.ok && resolved.target.kind === 'page';
    // Before the secret: a preflight carries none, and a page of another origin is refused whatever it sends.
    const verdict = checkAdminOrigin(request, options.origins, isPage);
    if (!verdict.ok) return error(403, 'forbidden', verdict.problem);
    const { corsOrigin } = verdict;
    if (corsOrigin !== undefined && request.method === 'OPTIONS')
      return answers.noContentWith(adminPreflightHeaders(corsOrigin));
    try {
      const answer = await answerAllowed(request, path, resolved);
      return corsOrigin === undefined ? answer : withHeaders(answer, adminCorsHeaders(corsOrigin));
    } catch (failure) {
      // A bug answers 500 for this request, in the admin API's own headers (no CORS for any origin).
      return error(
        500,
        'server_error',
        `The mock failed: ${printable(String((failure as Error)?.message ?? failure), 300)}`,
      );
    }
  };
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

// Comparing digests of equal length in constant time: the secret leaks neither its length nor a prefix.
function authorized(header: string | undefined, secret: Buffer): boolean {
  const token = readBearerToken(header);
  return token !== null && timingSafeEqual(digest(token), secret);
}
