/**
 * The one place that decides which paths of the control plane exist (a test double, not for production),
 * and which methods each takes. Names are matched exactly, as stored: `/__admin/TOKENS` is not
 * `/__admin/tokens`, and nothing reaches the store by another spelling.
 */
import { ENDPOINTS } from '../../src/endpoints.js';
import { printable } from '../http/printable.js';
import { COLLECTION_DEFINITIONS, MOCK_OPERATIONS } from '../operations/index.js';
import type { Collection } from '../state/store.js';

/** The collections the admin API serves; internal ones (refresh tokens) are served by none. */
export const ADMIN_COLLECTIONS: readonly Collection[] = Object.freeze(
  COLLECTION_DEFINITIONS.filter((definition) => definition.admin.served).map((definition) => definition.name),
);

/** One collection of the admin API. */
export type AdminCollection = Collection;

/** Why each internal collection is not served, and where it is changed instead. */
const INTERNAL: ReadonlyMap<string, string> = new Map(
  COLLECTION_DEFINITIONS.flatMap(({ name, admin }) => (admin.served ? [] : [[name, admin.why] as const])),
);

/** The operations' actions (`POST /__admin/<name>`: `signedProfiles`, ...), which store no record. */
export const ADMIN_ACTIONS: ReadonlySet<string> = new Set(
  MOCK_OPERATIONS.flatMap((operation) => (operation.adminActions ?? []).map((action) => action.name)),
);

/** The admin paths that name one thing each (`/__admin/<name>`). */
type Single = 'fault' | 'requests' | 'reset' | 'db' | 'clock' | 'scenarios';

/**
 * The browser pages: `/__admin/ui` (the dashboard) and `/__admin/docs` (the API reference), and the
 * files they load, `/__admin/ui/<file>`. Each names the file it is served from.
 */
const ADMIN_PAGES = Object.freeze({ ui: 'dashboard.html', docs: 'docs.html' });

/** What an admin path names. */
export type AdminTarget =
  | { readonly kind: 'collection'; readonly collection: AdminCollection }
  | { readonly kind: 'record'; readonly collection: AdminCollection; readonly id: string }
  | { readonly kind: Single }
  | { readonly kind: 'action'; readonly name: string }
  | { readonly kind: 'page'; readonly file: string };

/** The methods each kind of target answers (HEAD wherever GET is). */
export const ADMIN_METHODS: Readonly<Record<AdminTarget['kind'], readonly string[]>> = Object.freeze({
  collection: ['GET', 'HEAD', 'POST'],
  record: ['GET', 'HEAD', 'PUT', 'PATCH', 'DELETE'],
  fault: ['GET', 'HEAD', 'PUT', 'PATCH'],
  requests: ['GET', 'HEAD', 'DELETE'],
  reset: ['POST'],
  db: ['GET', 'HEAD'],
  clock: ['GET', 'HEAD', 'POST'],
  scenarios: ['GET', 'HEAD'],
  action: ['POST'],
  page: ['GET', 'HEAD'],
});

export const ADMIN_SINGLES: ReadonlySet<string> = new Set<Single>([
  'fault',
  'requests',
  'reset',
  'db',
  'clock',
  'scenarios',
]);
const COLLECTIONS: ReadonlySet<string> = new Set(ADMIN_COLLECTIONS);

/** A target, or why the path names none: 404 (no such path) or 400 (an id that is not valid UTF-8). */
export type ResolvedAdminPath =
  | { readonly ok: true; readonly target: AdminTarget }
  | { readonly ok: false; readonly status: 400 | 404; readonly problem: string };

/** Whether `path` (no query) lies under the control plane's prefix. */
export function isAdminPath(path: string): boolean {
  return path === ENDPOINTS.admin || path.startsWith(`${ENDPOINTS.admin}/`);
}

/**
 * What `path` (under `/__admin`, no query) names. A trailing slash is ignored; an id is percent-decoded
 * once; anything deeper than `<collection>/<id>` (json-server's nested routes) names nothing.
 */
export function resolveAdminPath(path: string): ResolvedAdminPath {
  const segments = path.slice(ENDPOINTS.admin.length).split('/').slice(1);
  while (segments.length > 0 && segments.at(-1) === '') segments.pop();
  const [name = '', rawId, ...deeper] = segments;
  const internal = INTERNAL.get(name);
  if (internal !== undefined) return notFound(internal);
  if (ADMIN_SINGLES.has(name) && rawId === undefined) return { ok: true, target: { kind: name as Single } };
  if (ADMIN_ACTIONS.has(name) && rawId === undefined) return { ok: true, target: { kind: 'action', name } };
  if ((name === 'ui' || name === 'docs') && rawId === undefined)
    return { ok: true, target: { kind: 'page', file: ADMIN_PAGES[name] } };
  // A file of the pages: the name as it stands (no decoding); the pages' module serves only its own list.
  if (name === 'ui' && rawId !== undefined && deeper.length === 0)
    return { ok: true, target: { kind: 'page', file: rawId } };
  if (!COLLECTIONS.has(name) || deeper.length > 0) {
    const hint =
      deeper.length > 0
        ? `Nested routes are not served: use ${ENDPOINTS.admin}/<collection> or ${ENDPOINTS.admin}/<collection>/<id>.`
        : `The admin API serves ${[...ADMIN_COLLECTIONS, ...ADMIN_SINGLES, ...ADMIN_ACTIONS, ...Object.keys(ADMIN_PAGES)].map((known) => `${ENDPOINTS.admin}/${known}`).join(', ')} (names spelled exactly as listed).`;
    return notFound(`Nothing at ${printable(path)}. ${hint}`);
  }
  const collection = name as AdminCollection;
  if (rawId === undefined) return { ok: true, target: { kind: 'collection', collection } };
  let id: string;
  try {
    id = decodeURIComponent(rawId);
  } catch {
    return {
      ok: false,
      status: 400,
      problem: `The id in ${printable(path)} is not valid percent-encoded UTF-8.`,
    };
  }
  return { ok: true, target: { kind: 'record', collection, id } };
}

function notFound(problem: string): ResolvedAdminPath {
  return { ok: false, status: 404, problem };
}
