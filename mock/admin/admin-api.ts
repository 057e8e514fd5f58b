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
import type { PreparedResponse, ResponseContext } from '../http/responses.js';
import type { MockClock } from '../state/clock.js';
import type { JournalReader } from '../state/journal-reader.js';
import type { MockStore } from '../state/store.js';
import { createAdminAnswers } from './admin-answers.js';
import { ADMIN_METHODS, resolveAdminPath } from './admin-paths.js';
import { createAdminReads } from './admin-reads.js';
import { createAdminWrites } from './admin-writes.js';
import type { RecordWriter } from './record-writes.js';

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
  readonly answers: ResponseContext;
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
}

export { ADMIN_SCENARIO_PREFIX } from './admin-answers.js';

/** Answers requests under `/__admin`. */
export type AdminApi = (request: MockRequest) => Promise<PreparedResponse>;

/** The admin API of one mock: one gate (the secret, the path, the method), then a read or a write. */
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

  return async function answerAdmin(request) {
    const path = pathOf(request.url);
    const resolved = resolveAdminPath(path);
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
      default:
        return target.kind === 'reset' ? writes.reset() : writes.write(request, target);
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
