/**
 * The reads of the control plane (a test double, not for production): lists (json-server's query
 * features over a snapshot), records, the fault, the store, the journal (waiting for what is new), the
 * clock, the scenario catalogue and the pages.
 */
import type { MockRequest } from '../http/mock-request.js';
import { printable } from '../http/printable.js';
import { pathOf } from '../http/request-path.js';
import type { PreparedResponse, ResponseContext } from '../http/responses.js';
import type { MockClock } from '../state/clock.js';
import type { JournalReader } from '../state/journal-reader.js';
import type { MockStore } from '../state/store.js';
import type { PageFiles } from '../ui/page-files.js';
import { ADMIN_SCENARIO_PREFIX, type AdminAnswers } from './admin-answers.js';
import { ADMIN_COLLECTIONS, type AdminTarget } from './admin-paths.js';
import { clockState } from './clock-control.js';
import { checkJournalQuery } from './journal-query.js';
import { checkListQuery, listRecords } from './list-query.js';
import { scenarioCatalogue } from './scenario-catalogue.js';

/** What the reads work on. */
export interface AdminReadContext {
  readonly answers: AdminAnswers;
  /** The headers every answer carries, for the pages' own answers. */
  readonly common: ResponseContext;
  readonly store: MockStore;
  /** This process's journal, or every replica's with a shared store. */
  readonly journal: JournalReader;
  readonly clock: MockClock;
}

/** Answers a GET or HEAD of the control plane. */
export type AdminRead = (request: MockRequest, target: AdminTarget) => Promise<PreparedResponse>;

/** The reads of the control plane with `context`. */
export function createAdminReads(context: AdminReadContext): AdminRead {
  const { answers, store, journal, clock } = context;
  const { json, error } = answers;
  // The pages' module is imported on the first request for a page: a mock nobody looks at never loads it.
  let pages: Promise<PageFiles> | undefined;

  async function page(file: string): Promise<PreparedResponse> {
    pages ??= import('../ui/page-files.js').then((module) =>
      module.createPageFiles(context.common, `${ADMIN_SCENARIO_PREFIX}page`),
    );
    const served = await (await pages).answer(file);
    return served.ok ? served.answer : error(served.status, served.code, served.problem);
  }

  /** The journal's entries, at once or, with `wait`, as soon as there is something newer (or the wait is over). */
  async function requests(search: string): Promise<PreparedResponse> {
    const query = checkJournalQuery(search);
    if (!query.ok) return error(400, 'invalid_request', query.problem);
    const { filter, waitSeconds } = query;
    let list = await journal.entries(filter);
    if (list.length === 0 && waitSeconds > 0) {
      if (await journal.changed(waitSeconds * 1000)) list = await journal.entries(filter);
    }
    const { capacity, maxBytes, bytes, lastSeq, oldestSeq } = await journal.figures();
    return json(200, { capacity, maxBytes, bytes, lastSeq, oldestSeq, requests: list });
  }

  async function list(target: Extract<AdminTarget, { kind: 'collection' }>, search: string) {
    const query = checkListQuery(target.collection, search);
    if (!query.ok) return error(400, 'invalid_request', query.problem);
    const listed = await listRecords(store, target.collection, query.query);
    return json(200, listed.records, listed.headers);
  }

  return async function read(request, target) {
    const search = queryOf(request.url);
    if (target.kind !== 'collection' && target.kind !== 'requests' && target.kind !== 'page') {
      const refused = unexpectedQuery(search);
      if (refused !== undefined)
        return error(400, 'invalid_request', `${printable(pathOf(request.url))} ${refused}`);
    }
    switch (target.kind) {
      case 'collection':
        return list(target, search);
      case 'record': {
        const record = store.get(target.collection, target.id);
        return record === undefined
          ? error(404, 'not_found', `${target.collection} has no "${printable(target.id)}".`)
          : json(200, record);
      }
      case 'fault':
        return json(200, store.fault);
      case 'db':
        return json(200, servedStore(store));
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
  };
}

/** The store as `GET /__admin/db` serves it: the served collections and the fault (internal state, such as refresh tokens, is a credential). */
function servedStore(store: MockStore): Record<string, unknown> {
  const snapshot = store.snapshot() as unknown as Record<string, unknown>;
  return Object.fromEntries([...ADMIN_COLLECTIONS, 'fault'].map((name) => [name, snapshot[name]]));
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
