/**
 * The few DOM helpers the dashboard is built with: elements made from data (text is always text, never
 * HTML), tables, and a polite status line for screen readers.
 */

type Child = Node | string | null | undefined | false;

/** An element with attributes (`false`/`undefined` leave one out) and children (strings become text). */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const made = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === true) made.setAttribute(name, '');
    else if (typeof value === 'string') made.setAttribute(name, value);
  }
  for (const child of children)
    if (child !== null && child !== undefined && child !== false) made.append(child);
  return made;
}

/** The element with this id; a page without it is a bug in the page, not a user's mistake. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`The page has no #${id}`);
  return found as T;
}

/**
 * How narrow a table's box may get before its rows are shown one under another, each cell under its
 * heading (see `ui.css`): `wide` for the tables of many columns that hold tokens and `curl` lines, `narrow`
 * for the rest.
 */
export type StackBelow = 'wide' | 'narrow';

/**
 * A table with a caption, column headings and rows of cells (a string cell as `words`, an empty one
 * empty). Where its box is too narrow for the columns, each row becomes a block of its cells, each cell
 * labelled with its column's heading (`data-label`).
 */
export function table(
  caption: string,
  headings: readonly string[],
  rows: readonly (readonly Child[])[],
  stackBelow: StackBelow = 'narrow',
): HTMLElement {
  const head = element('tr', {}, ...headings.map((heading) => element('th', { scope: 'col' }, heading)));
  const body = rows.map((cells) =>
    element(
      'tr',
      {},
      ...cells.map((cell, index) =>
        element(
          'td',
          { 'data-label': headings[index] },
          ...(typeof cell === 'string' ? words(cell) : [cell]),
        ),
      ),
    ),
  );
  return element(
    'div',
    { class: 'scroll', 'data-stack': stackBelow, role: 'region', 'aria-label': caption, tabindex: '0' },
    element(
      'table',
      {},
      element('caption', {}, caption),
      element('thead', {}, head),
      element('tbody', {}, ...body),
    ),
  );
}

/**
 * `text` with each word (a token, a URL, a date: what lies between spaces) in a box of its own: a line
 * breaks between words, never inside one, unless a word alone is wider than the line (`.word` in
 * `ui.css`). A character of `breakAfter` ends a word too (`=` in a curl line, `/` in a path), so a line
 * may also break after it.
 */
export function words(text: string, breakAfter: '=' | '/' | '' = ''): Node[] {
  const nodes: Node[] = [];
  for (const piece of text.split(/(\s+)/)) {
    if (piece === '') continue;
    if (/^\s+$/.test(piece)) {
      nodes.push(document.createTextNode(piece));
      continue;
    }
    const parts = breakAfter === '' ? [piece] : piece.split(new RegExp(`(?<=${breakAfter})(?!$)`));
    parts.forEach((part, index) => {
      if (index > 0) nodes.push(element('wbr'));
      nodes.push(element('span', { class: 'word' }, part));
    });
  }
  return nodes;
}

/** Name/value pairs (headers, form fields) as a two-column table, or a note when there are none. */
export function pairsTable(
  caption: string,
  pairs: readonly (readonly [string, string])[] | null,
): HTMLElement {
  if (pairs === null || pairs.length === 0) return element('p', { class: 'muted' }, `${caption}: none`);
  return table(
    caption,
    ['name', 'value'],
    pairs.map(([name, value]) => [
      element('code', { class: 'word' }, name),
      element('code', {}, ...words(value)),
    ]),
  );
}

/** Says `message` in the page's status line (read out by screen readers); `problem` marks a failure. */
export function announce(message: string, problem = false): void {
  const status = byId('status');
  status.textContent = message;
  status.classList.toggle('problem', problem);
}

/** A form field's text; empty when absent (or a file, which no form here has). */
export function fieldText(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === 'string' ? value.trim() : '';
}

/** The values of the checked boxes named `name` inside `root`. */
export function checkedValues(root: ParentNode, name: string): string[] {
  return [...root.querySelectorAll<HTMLInputElement>(`input[name="${name}"]:checked`)].map(
    (box) => box.value,
  );
}

/** Replaces the options of a select, keeping the chosen value when it is still offered (else the first). */
export function setOptions(select: HTMLSelectElement, options: readonly (readonly [string, string])[]): void {
  const chosen = select.options.length > 0 ? select.value : undefined;
  select.replaceChildren(...options.map(([value, label]) => element('option', { value }, label)));
  if (options.some(([value]) => value === chosen)) select.value = chosen as string;
}

/**
 * A `<code>` line (a shell command: it wraps between its words and after an `=`) and a button that copies
 * it (the clipboard where the browser allows, else a selection).
 */
export function copyable(text: string, label: string): HTMLElement {
  const code = element('code', { class: 'copy-text' }, ...words(text, '='));
  const button = element('button', { type: 'button', class: 'small', 'aria-label': `Copy ${label}` }, 'Copy');
  button.addEventListener('click', () => {
    const selectIt = (): void => {
      const range = document.createRange();
      range.selectNodeContents(code);
      getSelection()?.removeAllRanges();
      getSelection()?.addRange(range);
      announce('Selected: copy it with Ctrl+C (the browser does not allow the clipboard here).');
    };
    if (navigator.clipboard === undefined) selectIt();
    else navigator.clipboard.writeText(text).then(() => announce(`Copied ${label}.`), selectIt);
  });
  return element('span', { class: 'copy' }, code, button);
}

/** A moment as ISO 8601, kept whole on its line (a `<time>` word). */
export function isoTime(epochMs: number): HTMLTimeElement {
  const iso = new Date(epochMs).toISOString();
  return element('time', { class: 'word', datetime: iso }, iso);
}
