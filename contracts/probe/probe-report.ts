/**
 * A probe report for people: a terminal table and a Markdown report (for a CI job's summary). Both are
 * made from the report alone, which holds no token and no personal data.
 */
import type { ProbeAssumptionResult, ProbeReport } from './probe.js';

const OUTCOME_WORDS = { held: 'held', differs: 'DIFFERS', 'not-checked': 'not checked' } as const;

/** One line per assumption, then what each differing one showed. */
export function formatProbeTable(report: ProbeReport): string {
  const rows = report.assumptions.map((assumption) => [
    assumption.id,
    assumption.label,
    OUTCOME_WORDS[assumption.outcome],
    summary(assumption),
  ]);
  const widths = [0, 1, 2].map((column) =>
    Math.max(
      ...[['assumption', 'label', 'outcome'][column]!, ...rows.map((row) => row[column]!)].map(
        (cell) => cell.length,
      ),
    ),
  );
  const line = (cells: string[]): string =>
    cells
      .map((cell, column) => (column < 3 ? cell.padEnd(widths[column]!) : cell))
      .join('  ')
      .trimEnd();
  const lines = [
    `Probe of ${report.baseUrl} at ${report.time}`,
    '',
    line(['assumption', 'label', 'outcome', 'what was seen']),
    ...rows.map(line),
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
        `| \`${assumption.id}\`: ${cell(assumption.title)} | ${assumption.label} | ${OUTCOME_WORDS[assumption.outcome]} | ${cell(summary(assumption))} |`,
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

function summary(assumption: ProbeAssumptionResult): string {
  if (assumption.seen.length === 0)
    return 'no request showed it (pass --token, or --code, --verifier and --client-id)';
  const shown = assumption.seen.find((seen) => seen.outcome === assumption.outcome) ?? assumption.seen[0]!;
  const more = assumption.seen.length > 1 ? ` (${assumption.seen.length} answers)` : '';
  return `${shown.detail}${more}`;
}
