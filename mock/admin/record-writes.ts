/**
 * The writes of the control plane (a test double, not for production): every record that reaches the
 * store through `/__admin`, `registerCode`, `registerToken` or `registerPhoneNumberToken` passes the
 * config file's checks here, and no delete leaves a record pointing at nothing (which would make a
 * `--db` file unloadable).
 */
import { CODE_LIFETIME_SECONDS } from '../../src/operations/token/outcomes.js';
import { ENDPOINTS } from '../../src/endpoints.js';
import { type KnownIds, newRecordId, type RecordInput, recordCheck } from '../config/record-checks.js';
import type { Clock } from '../state/clock.js';
import type { ExpiryQueue } from '../state/expiry-queue.js';
import type { MockStore, RecordOf } from '../state/store.js';
import type { AdminCollection } from './admin-paths.js';

/** What a write gave: the stored record (and whether it is new), or a status with why not. */
export type WriteResult =
  | { readonly ok: true; readonly record: unknown; readonly created: boolean }
  | { readonly ok: false; readonly status: 400 | 404 | 409; readonly problem: string };

/** The store and what a write needs besides it. */
export interface RecordWriter {
  /** Adds a record; `caller` names the call in a problem (default: the admin API's POST). */
  create(collection: AdminCollection, body: RecordInput, caller?: string): WriteResult;
  replace(collection: AdminCollection, id: string, body: RecordInput): WriteResult;
  patch(collection: AdminCollection, id: string, body: RecordInput): WriteResult;
  remove(collection: AdminCollection, id: string): WriteResult;
  setFault(body: RecordInput, merge: boolean): WriteResult;
}

/** The writer of one mock's store. */
export function createRecordWriter(store: MockStore, clock: Clock, expiries: ExpiryQueue): RecordWriter {
  const known = (): KnownIds => ({ personas: store.ids('personas'), clients: store.ids('clients') });

  function checkAndStore(
    collection: AdminCollection,
    input: RecordInput,
    created: boolean,
    where: string,
  ): WriteResult {
    const check = recordCheck(collection);
    const result = check ? check(input, known()) : { problems: [`no collection ${collection}`] };
    if ('problems' in result)
      return { ok: false, status: 400, problem: `${where}: ${result.problems.join('; ')}.` };
    const record = result.record as unknown as RecordOf<AdminCollection>;
    store.set(collection, record);
    if (collection === 'tokens' || collection === 'codes' || collection === 'phoneNumberTokens') {
      expiries.dropDue(clock.now());
      expiries.schedule(collection, record as RecordOf<'tokens' | 'codes' | 'phoneNumberTokens'>);
    }
    return { ok: true, record, created };
  }

  return {
    create(collection, body, caller = `POST ${ENDPOINTS.admin}/${collection}`) {
      const input: RecordInput = { ...body };
      input.id ??= newRecordId();
      const id = String(input.id);
      if (typeof input.id === 'string' && store.has(collection, input.id)) {
        return {
          ok: false,
          status: 409,
          problem: `${collection} already has "${id}"; change it with PUT or PATCH ${ENDPOINTS.admin}/${collection}/${encodeURIComponent(id)}.`,
        };
      }
      // A single-use code made at run time expires as a registered one does, so used codes do not pile up.
      if (collection === 'codes' && input.expiresAt === undefined && input.reusable !== true) {
        input.expiresAt = clock.now() + CODE_LIFETIME_SECONDS * 1000;
      }
      return checkAndStore(collection, input, true, caller);
    },
    replace(collection, id, body) {
      if (!store.has(collection, id)) return missing(collection, id);
      return checkAndStore(collection, { ...body, id }, false, `PUT ${ENDPOINTS.admin}/${collection}/${id}`);
    },
    patch(collection, id, body) {
      const existing = store.get(collection, id);
      if (existing === undefined) return missing(collection, id);
      const merged = { ...(existing as unknown as RecordInput), ...body, id };
      return checkAndStore(collection, merged, false, `PATCH ${ENDPOINTS.admin}/${collection}/${id}`);
    },
    remove(collection, id) {
      if (!store.has(collection, id)) return missing(collection, id);
      const referrers = referrersOf(store, collection, id);
      if (collection === 'personas' && referrers.length > 0) {
        const shown = referrers.slice(0, 5).join(', ');
        return {
          ok: false,
          status: 409,
          problem: `Persona "${id}" is still named by ${shown}${referrers.length > 5 ? ` and ${referrers.length - 5} more` : ''}; point them at another persona (or delete them) first.`,
        };
      }
      // A code bound to a deleted client can never be exchanged: it goes with the client (the README says so).
      if (collection === 'clients')
        for (const code of referrers) store.delete('codes', code.slice('codes/'.length));
      store.delete(collection, id);
      return { ok: true, record: {}, created: false };
    },
    setFault(body, merge) {
      const input = merge ? { ...store.fault, ...body } : body;
      const check = recordCheck('fault');
      const result = check ? check(input, known()) : { problems: ['no fault check'] };
      if ('problems' in result)
        return {
          ok: false,
          status: 400,
          problem: `${ENDPOINTS.admin}/fault: ${result.problems.join('; ')}.`,
        };
      store.fault = result.record;
      return { ok: true, record: store.fault, created: false };
    },
  };
}

function missing(collection: string, id: string): WriteResult {
  return { ok: false, status: 404, problem: `${collection} has no "${id}".` };
}

/** The records that name this persona (tokens, codes) or client (codes), as `collection/id`. */
function referrersOf(store: MockStore, collection: AdminCollection, id: string): string[] {
  const found: string[] = [];
  if (collection === 'personas') {
    for (const token of store.values('tokens')) if (token.persona === id) found.push(`tokens/${token.id}`);
    for (const code of store.values('codes')) if (code.persona === id) found.push(`codes/${code.id}`);
  } else if (collection === 'clients') {
    for (const code of store.values('codes')) if (code.clientId === id) found.push(`codes/${code.id}`);
  }
  return found;
}
