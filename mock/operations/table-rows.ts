/** How the CLI prints an operation's table of credentials at start-up (a test double, not for production). */

/** One row: name, status, what it simulates. */
export type TableRow = readonly [string, string, string];

/** How many records besides the built-in ones a table lists; the rest are counted (a store may hold millions). */
export const TABLE_MAX_OTHER_ROWS = 20;

/** What a table of records is made from. */
export interface TableSource<R> {
  /** The heading row. */
  readonly heading: TableRow;
  /** The records, in the store's order. */
  readonly records: Iterable<R>;
  /** Whether a record is a built-in one (always listed). */
  isBuiltIn(record: R): boolean;
  /** The row of a record; made only for the records listed. */
  row(record: R): TableRow;
  /** The row after the records (what anything else gets). */
  readonly last: TableRow;
  /** What the records are, plural (`tokens`), for the line counting those not listed. */
  readonly plural: string;
}

/**
 * The table of `source`: the heading, every built-in record, the first `TABLE_MAX_OTHER_ROWS` others, a
 * line counting the rest, and the last row. One pass over the records, whatever their number.
 */
export function formatRecordTable<R>(source: TableSource<R>): string {
  const rows: TableRow[] = [source.heading];
  let others = 0;
  for (const record of source.records) {
    if (source.isBuiltIn(record)) rows.push(source.row(record));
    else if (++others <= TABLE_MAX_OTHER_ROWS) rows.push(source.row(record));
  }
  const hidden = others - TABLE_MAX_OTHER_ROWS;
  if (hidden > 0)
    rows.push(['...', '', `${hidden.toLocaleString('en')} more ${source.plural}, not listed here`]);
  rows.push(source.last);
  return formatRows(rows);
}

/** Up to `TABLE_MAX_OTHER_ROWS` of `items`, joined by `separator`, then a count of the rest. */
export function summarise(items: Iterable<string>, separator: string, plural: string): string {
  const shown: string[] = [];
  let count = 0;
  for (const item of items) if (++count <= TABLE_MAX_OTHER_ROWS) shown.push(item);
  const hidden = count - shown.length;
  return hidden > 0
    ? `${shown.join(separator)}${separator}and ${hidden.toLocaleString('en')} more ${plural}`
    : shown.join(separator);
}

/** Three columns (name, status, text) aligned for a terminal; the first row is the heading. */
export function formatRows(rows: readonly TableRow[]): string {
  // A loop, not Math.max(...rows): spreading a long list overflows the stack.
  let longest = 0;
  for (const [name] of rows) longest = Math.max(longest, name.length);
  const width = Math.min(32, longest);
  return rows
    .map(([name, status, text]) => `  ${name.padEnd(width)}  ${status.padEnd(6)}  ${text}`)
    .join('\n');
}
