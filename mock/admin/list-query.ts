/**
 * Lists of the control plane (a test double, not for production): json-server 0.17's query features over
 * one collection of the store, behind a check. json-server compiles `_like` as a regular expression and
 * turns `a[b]=c` into objects; here every parameter is checked first, those that could stall or break it
 * are refused with a JSON 400, and json-server gets a query rebuilt from what passed.
 */
import { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { Socket } from 'node:net';
import { printable } from '../http/printable.js';
import type { MockStore } from '../state/store.js';
import { ADMIN_COLLECTIONS, type AdminCollection } from './admin-paths.js';
import { COLLECTION_DEFINITIONS } from '../operations/index.js';

/** The fields a list may be filtered and sorted by, per collection (dotted for nested ones). */
export const LIST_FIELDS: Readonly<Record<string, readonly string[]>> = Object.freeze(
  Object.fromEntries(COLLECTION_DEFINITIONS.map((definition) => [definition.name, definition.listFields])),
);

const PAGING = new Set(['_page', '_limit', '_start', '_end']);
const OPERATORS = ['_ne', '_gte', '_lte'] as const;
const MAX_VALUE_LENGTH = 512;

/** A checked query, ready for json-server; or what is wrong with it. */
export type CheckedQuery =
  { readonly ok: true; readonly query: string } | { readonly ok: false; readonly problem: string };

/**
 * Checks a list's query string: paging (`_page`, `_limit`, `_start`, `_end`), `_sort`/`_order` by known
 * fields, `q` (substring), and filters `<field>`, `<field>_ne`, `_gte`, `_lte` on known fields. `_delay`
 * is ignored; `_like` (a regular expression), `_embed`/`_expand` and anything else are refused.
 */
export function checkListQuery(collection: AdminCollection, search: string): CheckedQuery {
  const fields = new Set(LIST_FIELDS[collection]);
  const kept = new URLSearchParams();
  const seen = new Set<string>();
  for (const [key, value] of new URLSearchParams(search)) {
    if (key === '_delay') continue; // json-server would hold the request on a timer close() cannot clear
    const problem = parameterProblem(key, value, fields, seen);
    if (problem !== undefined) return { ok: false, problem };
    seen.add(key);
    kept.append(key, value);
  }
  return { ok: true, query: kept.toString() };
}

function parameterProblem(
  key: string,
  value: string,
  fields: ReadonlySet<string>,
  seen: ReadonlySet<string>,
): string | undefined {
  const name = printable(key, 64);
  if (value.length > MAX_VALUE_LENGTH)
    return `The value of ${name} is longer than ${MAX_VALUE_LENGTH} characters.`;
  const single = PAGING.has(key) || key === '_sort' || key === '_order' || key === 'q';
  if (single && seen.has(key)) return `${name} is given more than once.`;
  if (PAGING.has(key))
    return /^\d{1,6}$/.test(value)
      ? undefined
      : `${name} must be a whole number, got "${printable(value, 32)}".`;
  if (key === 'q') return undefined;
  if (key === '_sort') {
    const unknown = value.split(',').filter((field) => !fields.has(field));
    return unknown.length === 0
      ? undefined
      : `_sort names unknown fields: ${unknown.map((field) => printable(field, 64)).join(', ')}.`;
  }
  if (key === '_order') {
    return value.split(',').every((order) => /^(asc|desc)$/i.test(order))
      ? undefined
      : '_order must be asc or desc (comma-separated, one per _sort field).';
  }
  if (key.endsWith('_like')) {
    return `${name}: regular-expression filters are not served (a pattern can backtrack for seconds). Filter by equality (${key.slice(0, -5)}=value) or use q= for a substring.`;
  }
  if (key === '_embed' || key === '_expand')
    return `${name}: embedding other collections is not served; read them with their own GET.`;
  const field = OPERATORS.reduce(
    (base, operator) => (base.endsWith(operator) ? base.slice(0, -operator.length) : base),
    key,
  );
  if (fields.has(field)) return undefined;
  return `${name} is not a field or a parameter of this list. Filter by ${[...fields].join(', ')} (also with _ne, _gte, _lte); page with _page, _limit, _start, _end; sort with _sort, _order; search with q.`;
}

/** What json-server's list gave: the records, and its paging headers. */
export interface ListResult {
  readonly records: unknown[];
  /** `X-Total-Count` and `Link`, when json-server set them. */
  readonly headers: readonly string[];
}

interface JsonServerRouter {
  (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void): void;
  db: { getState(): object; setState(state: object): void };
  render: (request: IncomingMessage, response: ServerResponse & { locals: Record<string, unknown> }) => void;
}

const require = createRequire(import.meta.url);
let loaded:
  { app: (request: IncomingMessage, response: ServerResponse) => void; router: JsonServerRouter } | undefined;

/** json-server and express, loaded on the first list: a mock nobody lists from never pays for them. */
function jsonServerApp(): NonNullable<typeof loaded> {
  if (loaded) return loaded;
  const jsonServer = require('json-server') as {
    create(): ((request: IncomingMessage, response: ServerResponse) => void) & {
      use(...handlers: unknown[]): void;
      disable(name: string): void;
    };
    router(state: object, options: object): JsonServerRouter;
  };
  const app = jsonServer.create();
  app.disable('x-powered-by');
  app.disable('etag');
  // No foreign keys: a suffix no field name ends with.
  // json-server routes the collections its state holds when made: every one the admin API serves.
  const router = jsonServer.router(Object.fromEntries(ADMIN_COLLECTIONS.map((name) => [name, []])), {
    foreignKeySuffix: '\u0000',
  });
  router.render = (_request, response) =>
    (response.locals.done as (data: unknown) => void)(response.locals.data);
  app.use(router);
  // Whatever json-server throws becomes the caller's rejection, never express's HTML page.
  // Express finds error handlers by their four parameters.
  app.use(
    (
      error: unknown,
      _request: unknown,
      response: ServerResponse & { locals: Record<string, unknown> },
      _next: unknown,
    ) => (response.locals.fail as (error: unknown) => void)(error),
  );
  loaded = { app, router };
  return loaded;
}

/**
 * Runs json-server's list over a snapshot of one collection, in memory (no socket): `query` must come
 * from `checkListQuery`. Records are copies, or the store's own (frozen) for the whole list.
 */
export function listRecords(
  store: MockStore,
  collection: AdminCollection,
  query: string,
): Promise<ListResult> {
  // The whole list, as json-server would give it, without its deep copy of every record (the records are
  // frozen): at a million tokens that copy held the event loop for seconds.
  if (query === '') return Promise.resolve({ records: [...store.values(collection)], headers: [] });
  const { app, router } = jsonServerApp();
  // This collection only, the others kept as they are: lists run concurrently over the one router, and one
  // list's records must not replace another's before json-server reads them (nor copy a large store's
  // tokens to list its clients).
  router.db.setState({ ...router.db.getState(), [collection]: [...store.values(collection)] });
  return new Promise((resolve, reject) => {
    const request = new IncomingMessage(new Socket());
    request.method = 'GET';
    request.url = query === '' ? `/${collection}` : `/${collection}?${query}`;
    request.headers = { host: 'mock' };
    request.push(null);
    const response = new ServerResponse(request) as ServerResponse & { locals: Record<string, unknown> };
    const finish = (data: unknown): void => {
      const headers: string[] = [];
      for (const name of ['X-Total-Count', 'Link']) {
        const value = response.getHeader(name);
        if (value !== undefined) headers.push(name, String(value));
      }
      resolve({ records: Array.isArray(data) ? data : [], headers });
    };
    // Express adds `locals` when it takes the response over; these are read back by `render` and the error handler.
    const locals = { done: finish, fail: reject };
    Object.defineProperty(response, 'locals', {
      get: () => locals,
      set: (value: Record<string, unknown>) => Object.assign(locals, value, { done: finish, fail: reject }),
    });
    Object.assign(response, {
      end: (): ServerResponse => {
        reject(new Error(`json-server answered ${response.statusCode} outside its list`));
        return response;
      },
    });
    app(request, response);
  });
}
