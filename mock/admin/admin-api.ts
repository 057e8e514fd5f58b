/**
 * The control plane of the mock (a test double, not for production): `/__admin`. Every request passes
 * one gate (the secret, the path, the method, the body's size and shape) before it reads or writes the
 * store; lists run json-server's query features over a snapshot. It answers in the API's error shape,
 * always JSON, and never reaches `GET /v1/userinfo`'s hot path.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { ENDPOINTS } from '../../src/endpoints.js';
import { readBearerToken } from '../http/authorization.js';
import { readJsonBody } from '../http/json-body.js';
import { headerValue, type MockRequest } from '../http/mock-request.js';
import { printable } from '../http/printable.js';
import { pathOf } from '../http/request-path.js';
import { type PreparedResponse, prepareEmpty, prepareJson, type ResponseContext } from '../http/responses.js';
import type { RecordInput } from '../config/record-checks.js';
import type { MockClock } from '../state/clock.js';
import type { RequestJournal } from '../state/journal.js';
import type { MockStore } from '../state/store.js';
import type { PageFiles } from '../ui/page-files.js';
import { ADMIN_METHODS, type AdminTarget, resolveAdminPath } from './admin-paths.js';
import { advanceClock, clockState } from './clock-control.js';
import { checkJournalQuery } from './journal-query.js';
import { checkListQuery, listRecords } from './list-query.js';
import type { RecordWriter, WriteResult } from './record-writes.js';
import { scenarioCatalogue } from './scenario-catalogue.js';

/** The realm of the admin API's bearer challenge, apart from the mocked API's. */
export const ADMIN_REALM = 'truecaller-oauth-kit-admin';

/** What the admin API works on. */
export interface AdminApiOptions {
  readonly store: MockStore;
  readonly journal: RequestJournal;
  readonly writer: RecordWriter;
  /** The clock `POST /__admin/clock` moves forward. */
  readonly clock: MockClock;
  readonly answers: ResponseContext;
  /** The shared secret every request must carry as `Authorization: Bearer <secret>`; undefined: none. */
  readonly adminToken: string | undefined;
  /** The largest JSON body a write may carry. */
  readonly bodyLimit: number;
  /** Restores the store as it was at start (or at the last config reload). */
  reset(): void;
  /** Runs after every change the admin API made (the `--db` log is flushed to disk here); throws when it fails. */
  afterChange(): void;
}

/** The scenario of every admin answer starts with this: the journal leaves them out, the log shows them. */
export const ADMIN_SCENARIO_PREFIX = 'admin:';

/** Answers requests under `/__admin`. */
export type AdminApi = (request: MockRequest) => Promise<PreparedResponse>;

/** The admin API of one mock. */
export function createAdminApi(options: AdminApiOptions): AdminApi {
  const { store, journal, writer, clock, answers } = options;
  const secret = options.adminToken === undefined ? undefined : digest(options.adminToken);
  const json = (status: number, body: unknown, headers: readonly string[] = []): PreparedResponse =>
    prepareJson(answers, status, body, { scenario: `${ADMIN_SCENARIO_PREFIX}${status}`, headers });
  const error = (status: number, code: string, description: string, headers: readonly string[] = []) =>
    json(status, { error: code, error_description: description }, headers);
  const unauthorized = error(
    401,
    'invalid_token',
    `The admin API needs Authorization: Bearer <the --admin-token secret>.`,
    ['WWW-Authenticate', `Bearer realm="${ADMIN_REALM}"`],
  );
  const noContent = prepareEmpty(answers, 204, ['Cache-Control', 'no-store'], `${ADMIN_SCENARIO_PREFIX}204`);
  // The pages' module is imported on the first request for a page: a mock nobody looks at never loads it.
  let pages: Promise<PageFiles> | undefined;

  async function page(file: string): Promise<PreparedResponse> {
    pages ??= import('../ui/page-files.js').then((module) =>
      module.createPageFiles(answers, `${ADMIN_SCENARIO_PREFIX}page`),
    );
    const served = await (await pages).answer(file);
    return served.ok ? served.answer : error(served.status, served.code, served.problem);
  }

  /** The journal's entries, at once or, with `wait`, as soon as there is something newer (or the wait is over). */
  async function requests(search: string): Promise<PreparedResponse> {
    const query = checkJournalQuery(search);
    if (!query.ok) return error(400, 'invalid_request', query.problem);
    const { filter, waitSeconds } = query;
    let list = journal.entries(filter);
    if (list.length === 0 && waitSeconds > 0) {
      if (await journal.changed(waitSeconds * 1000)) list = journal.entries(filter);
    }
    return json(200, {
      capacity: journal.size,
      maxBytes: journal.maxBytes,
      bytes: journal.bytes,
      lastSeq: journal.lastSeq,
      oldestSeq: journal.oldestSeq,
      requests: list,
    });
  }

  /** A write's answer; a successful one is saved first (a failed save is a 500, never a silent success). */
  function written(result: WriteResult, status: number, headers: readonly string[] = []): PreparedResponse {
    if (!result.ok)
      return error(
        result.status,
        result.status === 409 ? 'conflict' : result.status === 404 ? 'not_found' : 'invalid_request',
        result.problem,
      );
    try {
      options.afterChange();
    } catch (cause) {
      return error(
        500,
        'server_error',
        `The change is in memory but was not saved: ${(cause as Error).message}`,
      );
    }
    return json(status, result.record, headers);
  }

  async function write(request: MockRequest, target: AdminTarget): Promise<PreparedResponse> {
    const body = await readJsonBody(request, options.bodyLimit);
    if (!body.ok)
      return error(body.status, body.status === 413 ? 'request_too_large' : 'invalid_request', body.problem);
    const value = body.value ?? {};
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      return error(
        400,
        'invalid_request',
        `The body of ${request.method} ${printable(pathOf(request.url))} must be a JSON object.`,
      );
    }
    if (target.kind === 'clock') {
      const moved = advanceClock(clock, value);
      return moved.ok ? json(200, clockState(clock)) : error(400, 'invalid_request', moved.problem);
    }
    const input = value as RecordInput;
    if (target.kind === 'fault') return written(writer.setFault(input, request.method === 'PATCH'), 200);
    if (target.kind === 'collection') {
      const result = writer.create(target.collection, input);
      const id = result.ok ? String((result.record as { id: unknown }).id) : '';
      return written(
        result,
        201,
        result.ok ? ['Location', `${ENDPOINTS.admin}/${target.collection}/${encodeURIComponent(id)}`] : [],
      );
    }
    if (target.kind !== 'record') return error(405, 'method_not_allowed', 'Not a write target.');
    const result =
      request.method === 'PUT'
        ? writer.replace(target.collection, target.id, input)
        : writer.patch(target.collection, target.id, input);
    return written(result, 200);
  }

  async function read(request: MockRequest, target: AdminTarget): Promise<PreparedResponse> {
    const search = queryOf(request.url);
    if (target.kind !== 'collection' && target.kind !== 'requests' && target.kind !== 'page') {
      const refused = unexpectedQuery(search);
      if (refused !== undefined)
        return error(400, 'invalid_request', `${printable(pathOf(request.url))} ${refused}`);
    }
    switch (target.kind) {
      case 'collection': {
        const query = checkListQuery(target.collection, search);
        if (!query.ok) return error(400, 'invalid_request', query.problem);
        const list = await listRecords(store, target.collection, query.query);
        return json(200, list.records, list.headers);
      }
      case 'record': {
        const record = store.get(target.collection, target.id);
        return record === undefined
          ? error(404, 'not_found', `${target.collection} has no "${printable(target.id)}".`)
          : json(200, record);
      }
      case 'fault':
        return json(200, store.fault);
      case 'db': {
        // Issued refresh tokens are credentials, not served here.
        const { refreshTokens, ...served } = store.snapshot();
        return json(200, served);
      }
      case 'requests':
        return requests(search);
      case 'clock':
        return json(200, clockState(clock));
      case 'scenarios':
        return json(200, scenarioCatalogue());
      case 'page':
        return page(target.file);
      default:
        return error(405, 'method_not_allowed', 'Not a read target.');
    }
  }

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
      return error(
        405,
        'method_not_allowed',
        `${printable(path)} answers ${allow}, not ${printable(request.method, 20)}.`,
        ['Allow', allow],
      );
    }
    switch (request.method) {
      case 'GET':
      case 'HEAD':
        return read(request, target);
      case 'DELETE':
        if (target.kind === 'requests') {
          journal.clear();
          return noContent;
        }
        return target.kind === 'record'
          ? written(writer.remove(target.collection, target.id), 200)
          : error(405, 'method_not_allowed', 'Not deletable.');
      default:
        if (target.kind === 'reset') {
          journal.clear();
          try {
            options.reset();
          } catch (cause) {
            return error(
              500,
              'server_error',
              `The store was reset in memory but not saved: ${(cause as Error).message}`,
            );
          }
          return noContent;
        }
        return write(request, target);
    }
  };
}

// A record, the fault and the store take no query: json-server's `_embed`/`_expand` are not served.
function unexpectedQuery(search: string): string | undefined {
  const names = [...new URLSearchParams(search).keys()].filter((name) => name !== '_delay');
  if (names.length === 0) return undefined;
  const embedding = names.some((name) => name === '_embed' || name === '_expand');
  return `takes no query parameters (got ${names.map((name) => printable(name, 32)).join(', ')})${embedding ? '; embedding other collections is not served, read them with their own GET' : ''}.`;
}

function queryOf(url: string): string {
  const at = url.indexOf('?');
  return at === -1 ? '' : url.slice(at + 1);
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

// Comparing digests of equal length in constant time: the secret leaks neither its length nor a prefix.
function authorized(header: string | undefined, secret: Buffer): boolean {
  const token = readBearerToken(header);
  return token !== null && timingSafeEqual(digest(token), secret);
}
