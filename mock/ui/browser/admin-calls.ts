/**
 * How the dashboard talks to the mock: only through its admin API (`/__admin/...`), with the admin token
 * when the mock has one. The token arrives in the page's address (`/__admin/ui#token=<secret>`, a
 * fragment the browser never sends) or from the page's own form, and stays in this tab's session storage.
 */
import type { Journal } from '../../../src/wire-types.js';

const TOKEN_KEY = 'truecaller-oauth-kit:admin-token';
const ADMIN = '/__admin';

/** The admin API refused the call: `status` 401 means the admin token is missing or wrong. */
export class AdminCallError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/** Takes `#token=...` out of the address (and the history) into the session; returns the rest of the fragment. */
export function takeTokenFromAddress(): void {
  const fragment = new URLSearchParams(location.hash.slice(1));
  const token = fragment.get('token');
  if (token === null) return;
  sessionStorage.setItem(TOKEN_KEY, token);
  history.replaceState(null, '', `${location.pathname}${location.search}`);
}

/** Keeps `token` for this tab's later calls. */
export function rememberToken(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
}

/** Calls `method /__admin<path>` and resolves with the parsed JSON answer (undefined for none). */
export async function adminCall<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token !== null) headers.authorization = `Bearer ${token}`;
  const init: RequestInit = { method, headers, cache: 'no-store' };
  if (body !== undefined) {
    headers['content-type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  const response = await fetch(`${ADMIN}${path}`, init);
  const text = await response.text();
  const parsed: unknown = text === '' ? undefined : JSON.parse(text);
  if (!response.ok) {
    const description = (parsed as { error_description?: string } | undefined)?.error_description;
    throw new AdminCallError(response.status, description ?? `${method} ${path} answered ${response.status}`);
  }
  return parsed as T;
}

/** How long one journal read waits for something new, in seconds (the admin API allows up to 30). */
const WAIT_SECONDS = 25;

/**
 * Follows the journal live: each read waits on the mock until a request is recorded (or the journal is
 * cleared), so a new entry arrives as it happens, without polling on a timer. Stops when `onError`
 * returns false.
 */
export async function followJournal(
  onJournal: (journal: Journal) => void,
  onError: (error: unknown) => Promise<boolean>,
): Promise<void> {
  let after = 0;
  // The first read answers at once with what the journal holds; each later one waits for what is new.
  let wait = 0;
  for (;;) {
    try {
      const journal = await adminCall<Journal>('GET', `/requests?after=${after}&wait=${wait}`);
      wait = WAIT_SECONDS;
      // A restarted mock counts from 1 again: start over rather than wait for numbers it will not reach soon.
      if (journal.lastSeq < after) {
        after = 0;
        continue;
      }
      onJournal(journal);
      after = journal.lastSeq;
    } catch (error) {
      if (!(await onError(error))) return;
    }
  }
}
