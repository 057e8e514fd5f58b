/** How the CLI prints an operation's table of credentials at start-up (a test double, not for production). */

/** Three columns (name, status, text) aligned for a terminal; the first row is the heading. */
export function formatRows(rows: readonly (readonly [string, string, string])[]): string {
  const width = Math.min(32, Math.max(...rows.map(([name]) => name.length)));
  return rows
    .map(([name, status, text]) => `  ${name.padEnd(width)}  ${status.padEnd(6)}  ${text}`)
    .join('\n');
}
