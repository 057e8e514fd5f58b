/**
 * The dashboard's Requests section: the journal, newest first, kept up to date as requests arrive; a
 * selected entry shows the request as it arrived and the answer the mock sent.
 */
import type { Journal, JournalEntry } from '../../../src/wire-types.js';
import { adminCall } from './admin-calls.js';
import { announce, byId, element, pairsTable, words } from './dom.js';
import type { DashboardPart } from './mock-state.js';

/** The entries on the page, by `seq`, and the rows that show them. */
const shown = new Map<number, { entry: JournalEntry; row: HTMLLIElement }>();
let selected: number | undefined;

/** Adds what is new in `journal` (at the top) and drops what the mock no longer holds. */
export function showJournal(journal: Journal): void {
  const list = byId<HTMLOListElement>('request-list');
  for (const [seq, { row }] of shown) {
    if (seq >= journal.oldestSeq) continue;
    row.remove();
    shown.delete(seq);
  }
  for (const entry of journal.requests) {
    if (shown.has(entry.seq)) continue;
    const row = element('li', {}, entryButton(entry));
    list.prepend(row);
    shown.set(entry.seq, { entry, row });
  }
  if (selected !== undefined && !shown.has(selected)) select(undefined);
  const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;
  byId('journal-summary').textContent =
    `Live: ${shown.size} shown of the last ${journal.capacity} kept (${kib(journal.bytes)} of ${kib(journal.maxBytes)}).`;
}

function entryButton(entry: JournalEntry): HTMLButtonElement {
  const time = new Date(entry.time).toLocaleTimeString();
  const statusClass =
    entry.status === 0 || entry.status >= 500 ? 'bad' : entry.status >= 400 ? 'warn' : 'good';
  const button = element(
    'button',
    { type: 'button', class: 'request', 'aria-pressed': 'false', 'data-seq': String(entry.seq) },
    element('span', { class: `status ${statusClass}` }, entry.status === 0 ? 'none' : String(entry.status)),
    element('span', { class: 'method' }, entry.method),
    element('span', { class: 'path' }, entry.path),
    element(
      'span',
      { class: 'meta' },
      `${time} · ${entry.scenario}${entry.token === null ? '' : ` · ${short(entry.token)}`}`,
    ),
  );
  button.addEventListener('click', () => select(entry.seq));
  return button;
}

function short(token: string): string {
  return token.length > 24 ? `${token.slice(0, 21)}…` : token;
}

function select(seq: number | undefined): void {
  selected = seq;
  for (const button of document.querySelectorAll<HTMLButtonElement>('#request-list button.request')) {
    button.setAttribute('aria-pressed', String(button.dataset.seq === String(seq)));
  }
  const detail = byId('request-detail');
  const entry = seq === undefined ? undefined : shown.get(seq)?.entry;
  if (entry === undefined) {
    detail.replaceChildren(
      element(
        'p',
        { class: 'muted' },
        'Select a request to see it as it arrived and what the mock answered.',
      ),
    );
    return;
  }
  detail.replaceChildren(...entryDetail(entry));
}

function entryDetail(entry: JournalEntry): Node[] {
  const { request, response } = entry;
  const answerLine =
    entry.status === 0
      ? `No answer: ${entry.scenario} (the connection was broken on purpose)`
      : `${entry.status} · ${entry.scenario} · ${entry.latencyMs} ms`;
  return [
    element('h2', {}, 'Request'),
    element(
      'p',
      {},
      element('code', {}, ...words(`${entry.method} ${request.url}`)),
      element(
        'span',
        { class: 'muted' },
        ' at ',
        element('time', { class: 'word', datetime: entry.time }, entry.time),
      ),
    ),
    pairsTable('Request headers', request.headers),
    request.form === null ? bodyBlock('Request body', request.body) : pairsTable('Form fields', request.form),
    element('h2', {}, 'Answer'),
    element('p', {}, answerLine),
    pairsTable('Answer headers', response.headers),
    bodyBlock('Answer body', response.body),
  ];
}

function bodyBlock(label: string, body: string | null): HTMLElement {
  if (body === null || body === '') return element('p', { class: 'muted' }, `${label}: none`);
  return element(
    'div',
    {},
    element('h3', {}, label),
    element('pre', { class: 'json', tabindex: '0', 'aria-label': label }, pretty(body)),
  );
}

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}

/** Wires the Clear button. */
function wireRequests(): void {
  byId('clear-journal').addEventListener('click', () => {
    adminCall('DELETE', '/requests')
      .then(() => announce('The journal is cleared.'))
      .catch((error: unknown) => announce(`Not cleared: ${(error as Error).message}`, true));
  });
}

/** The Requests section (the journal itself follows the mock: `showJournal`). */
export const requestsPart: DashboardPart = { wire: wireRequests };
