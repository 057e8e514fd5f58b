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

/** A table with a caption, column headings and rows of cells; wide tables scroll inside their own box. */
export function table(
  caption: string,
  headings: readonly string[],
  rows: readonly (readonly Child[])[],
): HTMLElement {
  const head = element('tr', {}, ...headings.map((heading) => element('th', { scope: 'col' }, heading)));
  const body = rows.map((cells) => element('tr', {}, ...cells.map((cell) => element('td', {}, cell))));
  return element(
    'div',
    { class: 'scroll', role: 'region', 'aria-label': caption, tabindex: '0' },
    element(
      'table',
      {},
      element('caption', {}, caption),
      element('thead', {}, head),
      element('tbody', {}, ...body),
    ),
  );
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
    pairs.map(([name, value]) => [element('code', {}, name), value]),
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

/** A `<code>` line and a button that copies it (the clipboard where the browser allows, else a selection). */
export function copyable(text: string, label: string): HTMLElement {
  const code = element('code', { class: 'copy-text' }, text);
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
