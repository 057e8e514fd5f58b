/**
 * The writes of the control plane (a test double, not for production): every record that reaches the
 * store through `/__admin` or a `register...` call passes its collection's checks here, and no delete
 * leaves a record pointing at nothing (which would make a `--db` file unloadable).
 */
import { KIT_ENDPOINTS } from '../../src/endpoints.js';
import { type KnownIds, newRecordId, type RecordInput, recordCheck } from '../config/record-checks.js';
import type { CollectionDefinition } from '../operations/collection.js';
import { COLLECTION_DEFINITIONS } from '../operations/index.js';
import type { Clock } from '../state/clock.js';
import type { ExpiryQueue } from '../state/expiry-queue.js';
import type { Collection, MockStore, RecordOf } from '../state/store.js';

/**
 * What a write gave: the stored record (and whether it is new), or a status with why not: `problem` in
 * the admin API's words, and for a 400 each of the record's `problems` (dotted paths, as in a config
 * file), for a caller that words them its own way.
 */
export type WriteResult =
  | { readonly ok: true; readonly record: unknown; readonly created: boolean }
  | {
      readonly ok: false;
      readonly status: 400 | 404 | 409;
      readonly problem: string;
      readonly problems?: readonly string[];
    };

/** The store and what a write needs besides it. */
export interface RecordWriter {
  /** Adds a record; `caller` names the call in a problem (default: the admin API's POST). */
  create(collection: Collection, body: RecordInput, caller?: string): WriteResult;
  replace(collection: Collection, id: string, body: RecordInput): WriteResult;
  patch(collection: Collection, id: string, body: RecordInput): WriteResult;
  remove(collection: Collection, id: string): WriteResult;
  setFault(body: RecordInput, merge: boolean): WriteResult;
}

const DEFINITIONS: ReadonlyMap<string, CollectionDefinition> = new Map(
  COLLECTION_DEFINITIONS.map((definition) => [definition.name, definition]),
);

/** The writer of one mock's store. */
export function createRecordWriter(store: MockStore, clock: Clock, expiries: ExpiryQueue): RecordWriter {
  const known = (): KnownIds => ({
    personas: new Set(store.ids('personas')),
    clients: new Set(store.ids('clients')),
  });

  function checkAndStore(
    collection: Collection,
    input: RecordInput,
    created: boolean,
    where: string,
  ): WriteResult {
    const check = recordCheck(collection);
    const result = check ? check(input, known()) : { problems: [`no collection ${collection}`] };
    if ('problems' in result) {
      const { problems } = result;
      return { ok: false, status: 400, problem: `${where}: ${problems.join('; ')}.`, problems };
    }
    const record = result.record as unknown as RecordOf<Collection>;
    // What has expired goes first, so records added at run time keep the store bounded; the queue
    // schedules the new record itself, as it does every record set.
    if (DEFINITIONS.get(collection)?.expiry !== undefined) expiries.dropDue(clock.now());
    store.set(collection, record);
    return { ok: true, record, created };
  }

  return {
    create(collection, body, caller = `POST ${KIT_ENDPOINTS.admin}/${collection}`) {
      const input: RecordInput = { ...body };
      input.id ??= newRecordId();
      const id = String(input.id);
      if (typeof input.id === 'string' && store.has(collection, input.id)) {
        return {
          ok: false,
          status: 409,
          problem: `${collection} already has "${id}"; change it with PUT or PATCH ${KIT_ENDPOINTS.admin}/${collection}/${encodeURIComponent(id)}.`,
        };
      }
      const lifetimeMs = DEFINITIONS.get(collection)?.expiry?.defaultLifetimeMs?.(input);
      if (input.expiresAt === undefined && lifetimeMs !== undefined)
        input.expiresAt = clock.now() + lifetimeMs;
      return checkAndStore(collection, input, true, caller);
    },
    replace(collection, id, body) {
      if (!store.has(collection, id)) return missing(collection, id);
      return checkAndStore(
        collection,
        { ...body, id },
        false,
        `PUT ${KIT_ENDPOINTS.admin}/${collection}/${id}`,
      );
    },
    patch(collection, id, body) {
      const existing = store.get(collection, id);
      if (existing === undefined) return missing(collection, id);
      const merged = { ...(existing as unknown as RecordInput), ...body, id };
      return checkAndStore(collection, merged, false, `PATCH ${KIT_ENDPOINTS.admin}/${collection}/${id}`);
    },
    remove: (collection, id) => removeRecord(store, collection, id),
    setFault(body, merge) {
      const input = merge ? { ...store.fault, ...body } : body;
      const check = recordCheck('fault');
      const result = check ? check(input, known()) : { problems: ['no fault check'] };
      if ('problems' in result) {
        const { problems } = result;
        return {
          ok: false,
          status: 400,
          problem: `${KIT_ENDPOINTS.admin}/fault: ${problems.join('; ')}.`,
          problems,
        };
      }
      store.fault = result.record;
      return { ok: true, record: store.fault, created: false };
    },
  };
}

/**
 * Removes a record, unless it is a persona still named by a record; a client's records that go with it
 * (its codes) go too. No delete leaves a record pointing at nothing.
 */
function removeRecord(store: MockStore, collection: Collection, id: string): WriteResult {
  if (!store.has(collection, id)) return missing(collection, id);
  if (collection === 'personas') {
    const referrers = referrersOf(store, 'persona', id);
    if (referrers.length > 0) {
      const shown = referrers.slice(0, 5).map(({ collection: from, id: of }) => `${from}/${of}`);
      const more = referrers.length > 5 ? ` and ${referrers.length - 5} more` : '';
      return {
        ok: false,
        status: 409,
        problem: `Persona "${id}" is still named by ${shown.join(', ')}${more}; point them at another persona (or delete them) first.`,
      };
    }
  }
  // A record bound to a deleted client can never be used: it goes with the client (the README says so).
  if (collection === 'clients') {
    for (const referrer of referrersOf(store, 'client', id))
      if (DEFINITIONS.get(referrer.collection)?.goesWithItsClient === true)
        store.delete(referrer.collection, referrer.id);
  }
  store.delete(collection, id);
  return { ok: true, record: {}, created: false };
}

function missing(collection: string, id: string): WriteResult {
  return { ok: false, status: 404, problem: `${collection} has no "${id}".` };
}

/** The records that name this persona or client, by the references each collection declares. */
function referrersOf(
  store: MockStore,
  kind: 'persona' | 'client',
  id: string,
): { collection: Collection; id: string }[] {
  const found: { collection: Collection; id: string }[] = [];
  for (const definition of COLLECTION_DEFINITIONS) {
    const named = definition.references?.[kind];
    if (named === undefined) continue;
    for (const record of store.values(definition.name))
      if (named(record) === id) found.push({ collection: definition.name, id: record.id });
  }
  return found;
}
