/**
 * The query of `GET /__admin/requests` (a test double, not for production): which entries, and how long
 * to wait for a newer one. Checked before the journal is read; a bad value is a 400 naming it.
 */
import { printable } from '../http/printable.js';
import type { JournalFilter } from '../state/journal.js';

/** The longest a reader may wait for a newer entry: under the 60 s idle timeouts of common proxies. */
const MAX_JOURNAL_WAIT_SECONDS = 30;

const KNOWN = ['token', 'path', 'after', 'wait', '_delay'];

/** A checked query, or what is wrong with it. */
export type JournalQuery =
  | { readonly ok: true; readonly filter: JournalFilter; readonly waitSeconds: number }
  | { readonly ok: false; readonly problem: string };

/** Reads `token`, `path`, `after` (a `seq`) and `wait` (seconds) from a query string. */
export function checkJournalQuery(search: string): JournalQuery {
  const params = new URLSearchParams(search);
  const unknown = [...params.keys()].filter((name) => !KNOWN.includes(name));
  if (unknown.length > 0) {
    return {
      ok: false,
      problem: `/__admin/requests takes token, path, after and wait, not ${unknown.map((name) => printable(name, 32)).join(', ')}.`,
    };
  }
  const after = params.get('after');
  if (after !== null && !/^\d{1,15}$/.test(after)) {
    return {
      ok: false,
      problem: `after must be the seq of an entry (a whole number), got "${printable(after, 32)}".`,
    };
  }
  const wait = params.get('wait');
  if (wait !== null && (!/^\d{1,2}$/.test(wait) || Number(wait) > MAX_JOURNAL_WAIT_SECONDS)) {
    return {
      ok: false,
      problem: `wait must be whole seconds from 0 to ${MAX_JOURNAL_WAIT_SECONDS}, got "${printable(wait, 32)}".`,
    };
  }
  return {
    ok: true,
    filter: {
      token: params.get('token') ?? undefined,
      path: params.get('path') ?? undefined,
      after: after === null ? undefined : Number(after),
    },
    waitSeconds: wait === null ? 0 : Number(wait),
  };
}
