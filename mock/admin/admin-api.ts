/**
 * The control plane of the mock (a test double, not for production): `/__admin`, served by json-server's
 * router over the very `StoreData` object the mock answers from, plus the journal, reset and auth. Only
 * requests under `/__admin` reach it; `GET /v1/userinfo` never runs a line of express.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import jsonServer from 'json-server';
import type { Request, Response, NextFunction } from 'express';
import { readBearerToken } from '../http/authorization.js';
import { pathOf } from '../http/request-path.js';
import type { MockStore } from '../state/store.js';
import type { StoreData } from '../../src/wire-types.js';
import type { RequestJournal } from '../state/journal.js';
import { BodyError, readJsonBody } from './read-json-body.js';
import { newRecordId, type RecordInput, recordCheck } from '../config/record-checks.js';
import { ENDPOINTS } from '../../src/endpoints.js';

/** The realm of the admin API's bearer challenge, apart from the mocked API's. */
export const ADMIN_REALM = 'truecaller-oauth-kit-admin';

/** What the admin API works on. */
export interface AdminApiOptions {
  store: MockStore;
  journal: RequestJournal;
  /** The shared secret every request must carry as `Authorization: Bearer <secret>`; undefined: none. */
  adminToken: string | undefined;
  bodyLimit: number;
  /** Restores the store as it was at start (or at the last config reload). */
  reset(): void;
  /** Runs after every change the admin API made (the `--db` file is saved here). */
  afterChange(): void;
}

const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** A `node:http` handler for requests under `/__admin`. */
export function createAdminApi(
  options: AdminApiOptions,
): (request: IncomingMessage, response: ServerResponse) => void {
  const { store, journal } = options;
  const secret = options.adminToken === undefined ? undefined : digest(options.adminToken);
  const app = jsonServer.create();
  app.disable('x-powered-by');
  app.disable('etag');

  const changed = (): void => {
    store.changed();
    options.afterChange();
  };

  app.get(`${ENDPOINTS.admin}/requests`, (req, res) => {
    const token = typeof req.query.token === 'string' ? req.query.token : undefined;
    const path = typeof req.query.path === 'string' ? req.query.path : undefined;
    res.json({ capacity: journal.size, requests: journal.entries({ token, path }) });
  });
  app.delete(`${ENDPOINTS.admin}/requests`, (_req, res) => {
    journal.clear();
    res.status(204).end();
  });
  app.post(`${ENDPOINTS.admin}/reset`, (_req, res) => {
    options.reset();
    journal.clear();
    res.status(204).end();
  });

  // Issued refresh tokens are credentials minted for one client and ended by POST /v1/revoke: served here they
  // could be read, or written with no check at all, behind the token endpoint's back. Not nested or embedded
  // either (`/clients/x/refreshTokens`, `?_embed=refreshTokens`).
  app.use(ENDPOINTS.admin, (req, res, next) => {
    const internal = internalCollectionNamed(req.originalUrl);
    if (internal === undefined) next();
    else
      sendError(
        res,
        404,
        'not_found',
        `${internal} are the mock's internal state and not served by the admin API; end one with POST /v1/revoke, or all with POST ${ENDPOINTS.admin}/reset.`,
      );
  });

  // json-server's own `/db` would hand out every collection, internal ones too.
  app.get(`${ENDPOINTS.admin}/db`, (_req, res) => {
    const served = Object.fromEntries(
      Object.entries(store.data).filter(([name]) => !INTERNAL_COLLECTIONS.has(name)),
    );
    res.json(served);
  });

  // No foreign keys: json-server would otherwise delete every record whose `clientId` names a deleted
  // client (issued tokens, codes) on a DELETE, scanning the whole store each time.
  const router = jsonServer.router<StoreData>(store.data, { foreignKeySuffix: NO_FOREIGN_KEYS });
  const render = (req: Request, res: Response): void => {
    if (res.statusCode === 404) {
      sendError(res, 404, 'not_found', `Nothing at ${req.method} ${req.originalUrl.split('?')[0] ?? ''}.`);
      return;
    }
    if (WRITES.has(req.method) && res.statusCode < 400) {
      try {
        changed();
      } catch (error) {
        // The store changed but the --db file could not be written: say so rather than answer success.
        sendError(
          res,
          500,
          'server_error',
          `The change is in memory but was not saved: ${(error as Error).message}`,
        );
        return;
      }
    }
    res.json(res.locals.data);
  };
  // json-server's documented hook for shaping answers; @types/json-server does not declare it.
  Object.assign(router, { render });
  app.use(
    ENDPOINTS.admin,
    (req, res, next) => {
      // The store may have been swapped (reset, config reload): point the router at the live object.
      router.db.setState(store.data);
      // json-server's `?_delay=` would hold the request on a timer that close() cannot clear.
      delete (req.query as Record<string, unknown>)._delay;
      checkWrite(req, res, next, store.data);
    },
    router,
  );
  // Whatever escapes the checks still answers in the kit's error shape, never an HTML stack trace.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- express finds error handlers by their four parameters
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    sendError(
      res,
      500,
      'server_error',
      `The admin API failed: ${error instanceof Error ? error.message : String(error)}`,
    );
  });

  return function answerAdmin(request, response) {
    response.setHeader('Cache-Control', 'no-store');
    if (secret !== undefined && !authorized(request.headers.authorization, secret)) {
      response.setHeader('WWW-Authenticate', `Bearer realm="${ADMIN_REALM}"`);
      writeError(
        response,
        401,
        'invalid_token',
        'The admin API needs Authorization: Bearer <the --admin-token secret>.',
      );
      return;
    }
    // Express would let a header turn a POST into a DELETE behind the checks' back.
    delete request.headers['x-http-method-override'];
    if (!WRITES.has(request.method ?? 'GET') || request.method === 'DELETE') {
      app(request as Request, response as Response);
      return;
    }
    readJsonBody(request, options.bodyLimit).then(
      (body) => {
        Object.assign(request, { body: body ?? {}, _body: true });
        app(request as Request, response as Response);
      },
      (error: unknown) => {
        const status = error instanceof BodyError ? error.status : 400;
        writeError(
          response,
          status,
          status === 413 ? 'request_too_large' : 'invalid_request',
          (error as Error).message,
        );
      },
    );
  };
}

// Validates a write before json-server's router touches the store, and hands the router the normalised record.
function checkWrite(req: Request, res: Response, next: NextFunction, data: StoreData): void {
  const [collection = '', id, ...more] = req.path.split('/').slice(1).map(decodeSafely);
  // json-server's nested routes (`POST /personas/x/tokens`) would write around the checks below.
  if (more.length > 0) {
    sendError(
      res,
      404,
      'not_found',
      `Nested routes are not served: use ${ENDPOINTS.admin}/<collection> or ${ENDPOINTS.admin}/<collection>/<id>.`,
    );
    return;
  }
  if (req.method !== 'POST' && req.method !== 'PUT' && req.method !== 'PATCH') {
    next();
    return;
  }
  // Own keys only: `/__admin/__proto__` must not reach Object.prototype.
  const stored = Object.hasOwn(data, collection)
    ? (data as unknown as Record<string, unknown>)[collection]
    : undefined;
  if (stored === undefined) {
    next();
    return;
  }
  const body = req.body as unknown;
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    sendError(
      res,
      400,
      'invalid_request',
      `The body of ${req.method} ${req.originalUrl} must be a JSON object.`,
    );
    return;
  }
  let merged: RecordInput;
  if (Array.isArray(stored)) {
    const records = stored as RecordInput[];
    if (req.method === 'POST') {
      if (id !== undefined) {
        next();
        return;
      }
      merged = { ...(body as RecordInput) };
      merged.id ??= newRecordId();
      if (records.some((record) => record.id === merged.id)) {
        sendError(
          res,
          409,
          'conflict',
          `${collection} already has "${String(merged.id)}"; change it with PUT or PATCH ${ENDPOINTS.admin}/${collection}/${String(merged.id)}.`,
        );
        return;
      }
    } else {
      const existing = records.find((record) => record.id === id);
      if (id === undefined || existing === undefined) {
        next();
        return;
      }
      merged =
        req.method === 'PATCH'
          ? { ...existing, ...(body as RecordInput), id }
          : { ...(body as RecordInput), id };
    }
  } else {
    merged =
      req.method === 'PATCH'
        ? { ...(stored as RecordInput), ...(body as RecordInput) }
        : { ...(body as RecordInput) };
  }
  const result = recordCheck(collection)(merged, data);
  if ('problems' in result) {
    sendError(
      res,
      400,
      'invalid_request',
      `${req.method} ${req.originalUrl}: ${result.problems.join('; ')}.`,
    );
    return;
  }
  // PATCH merges what it is given: give it the whole checked record, so nothing unchecked slips in.
  req.body = result.record;
  next();
}

// A suffix no field name ends with.
const NO_FOREIGN_KEYS = '\u0000';

const INTERNAL_COLLECTIONS: ReadonlySet<string> = new Set<keyof StoreData>(['refreshTokens']);

// The internal collection a URL names as a path segment or in json-server's `_embed`/`_expand`, if any.
function internalCollectionNamed(url: string): string | undefined {
  const path = pathOf(url);
  const query = new URLSearchParams(url.slice(path.length + 1));
  const names = [
    ...path.split('/').map(decodeSafely),
    ...[...query.getAll('_embed'), ...query.getAll('_expand')].flatMap((value) => value.split(',')),
  ];
  return names.find((name) => INTERNAL_COLLECTIONS.has(name));
}

function decodeSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function sendError(res: Response, status: number, error: string, description: string): void {
  res.status(status).json({ error, error_description: description });
}

function writeError(response: ServerResponse, status: number, error: string, description: string): void {
  const body = JSON.stringify({ error, error_description: description });
  response.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  });
  response.end(body);
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

// Comparing digests of equal length in constant time: the secret leaks neither its length nor a prefix.
function authorized(header: string | undefined, secret: Buffer): boolean {
  const token = readBearerToken(header);
  return token !== null && timingSafeEqual(digest(token), secret);
}
