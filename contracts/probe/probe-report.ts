/**
 * A probe report for people: a terminal table and a Markdown report (for a CI job's summary). Both are
 * made from the report alone, which holds no token and no personal data.
 */
import type { ProbeAssumptionResult, ProbeReport } from './probe.js';

const OUTCOME_WORDS = { held: 'held', differs: 'DIFFERS', 'not-checked': 'not checked' } as const;

/**
 * A line per assumption, and one more for each further request that showed it: what each request got.
 * Then, for each differing assumption, what `openapi.yaml` states and what differed.
 */
export function formatProbeTable(report: ProbeReport): string {
  const rows = report.assumptions.map((assumption) => ({
    cells: [assumption.id, assumption.label, OUTCOME_WORDS[assumption.outcome]],
    seen: seenLines(assumption),
  }));
  const widths = [0, 1, 2].map((column) =>
    Math.max(
      ...[['assumption', 'label', 'outcome'][column]!, ...rows.map((row) => row.cells[column]!)].map(
        (cell) => cell.length,
      ),
    ),
  );
  const line = (cells: string[], seen: string): string =>
    [...cells.map((cell, column) => cell.padEnd(widths[column]!)), seen].join('  ').trimEnd();
  const lines = [
    `Probe of ${report.baseUrl} at ${report.time}`,
    '',
    line(['assumption', 'label', 'outcome'], 'what was seen'),
    ...rows.flatMap(({ cells, seen }) => [
      line(cells, seen[0] ?? ''),
      ...seen.slice(1).map((more) => line(['', '', ''], more)),
    ]),
  ];
  const differing = report.assumptions.filter((assumption) => assumption.outcome === 'differs');
  for (const assumption of differing) {
    lines.push('', `${assumption.id}: ${assumption.title}`, `  openapi.yaml: ${assumption.statement}`);
    for (const seen of assumption.seen.filter((entry) => entry.outcome === 'differs')) {
      lines.push(`  ${seen.request}: ${seen.detail}`);
    }
  }
  lines.push(
    '',
    differing.length === 0
      ? 'Every assumption checked held.'
      : `${differing.length} assumption${differing.length === 1 ? '' : 's'} differ${differing.length === 1 ? 's' : ''}: the mock answers otherwise than this host.`,
  );
  return lines.join('\n');
}

/** The same as Markdown: a table per assumption and a section per request. */
export function formatProbeMarkdown(report: ProbeReport): string {
  const cell = (text: string): string => text.replaceAll('|', '\\|').replaceAll('\n', ' ');
  const lines = [
    `## truecaller-oauth-kit probe of ${report.baseUrl}`,
    '',
    `${report.time}: ${report.differs ? '**differences found**' : 'every assumption checked held'}.`,
    '',
    '| assumption | documented or assumed | outcome | what was seen |',
    '|---|---|---|---|',
    ...report.assumptions.map(
      (assumption) =>
        `| \`${assumption.id}\`: ${cell(assumption.title)} | ${assumption.label} | ${OUTCOME_WORDS[assumption.outcome]} | ${seenLines(assumption).map(cell).join('<br>')} |`,
    ),
    '',
    '### Requests',
    '',
  ];
  for (const check of report.checks) {
    lines.push(
      `- **${cell(check.request)}**: ${check.status === null ? 'no answer' : `status ${check.status}`}`,
    );
    for (const seen of check.observations) {
      lines.push(`  - \`${seen.assumption}\` ${OUTCOME_WORDS[seen.outcome]}: ${cell(seen.detail)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

// What each request that showed the assumption got, one line each; a line saying none did otherwise.
function seenLines(assumption: ProbeAssumptionResult): string[] {
  if (assumption.seen.length === 0)
    return ['no request showed it (pass --token, or --code, --verifier and --client-id)'];
  return assumption.seen.map((seen) => `${seen.request}: ${seen.detail}`);
}
