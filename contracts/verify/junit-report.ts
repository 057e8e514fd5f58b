import type { VerificationReport } from './verify-pacts.js';

/**
 * The report as JUnit XML, the format CI test reporters read: a test suite per pact, a test case per
 * interaction, a `<failure>` holding its problems.
 *
 * @example
 * writeFileSync('reports/pacts.xml', formatJUnitReport(await verifyPacts({ pacts })));
 */
export function formatJUnitReport(report: VerificationReport): string {
  const all = report.pacts.flatMap((pact) => pact.interactions);
  const failures = (interactions: typeof all): number => interactions.filter((i) => !i.passed).length;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="truecaller-oauth-kit verify" tests="${all.length}" failures="${failures(all)}">`,
  ];
  for (const pact of report.pacts) {
    const suite = `${pact.consumer} -> ${pact.provider}`;
    lines.push(
      `  <testsuite name="${xml(suite)}" tests="${pact.interactions.length}" failures="${failures(pact.interactions)}" file="${xml(pact.source)}">`,
    );
    for (const interaction of pact.interactions) {
      const states =
        interaction.providerStates.length > 0 ? ` [${interaction.providerStates.join('; ')}]` : '';
      const testcase = `    <testcase classname="${xml(suite)}" name="${xml(`${interaction.description}${states}`)}"`;
      if (interaction.passed) {
        lines.push(`${testcase}/>`);
        continue;
      }
      lines.push(
        `${testcase}>`,
        `      <failure message="${xml(interaction.problems[0] ?? 'failed')}">${xml(interaction.problems.join('\n'))}</failure>`,
        '    </testcase>',
      );
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return lines.join('\n');
}

/**
 * A run that could not verify (a pact it cannot read or replay, a missing dependency, no pact given) as
 * JUnit XML: one failed test case holding the error, so a CI reporter reading the file sees the failure
 * rather than an empty file.
 *
 * @example
 * formatJUnitError('Cannot read the pact pacts/app.json: no such file or folder.', ['pacts/app.json']);
 */
export function formatJUnitError(message: string, pacts: readonly string[]): string {
  const suite = 'truecaller-oauth-kit verify';
  const oneLine = message.replace(/\s*\n\s*/g, ' ').trim();
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${suite}" tests="1" failures="1">`,
    `  <testsuite name="${suite}" tests="1" failures="1">`,
    `    <testcase classname="${suite}" name="${xml(['verify', ...pacts].join(' '))}">`,
    `      <failure message="${xml(oneLine)}">${xml(message)}</failure>`,
    '    </testcase>',
    '  </testsuite>',
    '</testsuites>',
  ].join('\n');
}

const ENTITIES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

// The control characters XML 1.0 forbids (tab, line feed and carriage return are allowed).
// eslint-disable-next-line no-control-regex
const FORBIDDEN_IN_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

// Text for an XML attribute or element: markup escaped, forbidden characters dropped.
function xml(text: string): string {
  return text.replace(FORBIDDEN_IN_XML, '').replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);
}
