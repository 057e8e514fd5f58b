import type { Reporter, TestModule } from 'vitest/node';

/**
 * A vitest reporter, beside the one that shows progress: at the very end of the run, one line per suite
 * left out because a tool it needs is missing (see `describeWith` in test/support/tools.ts), naming the
 * tool and the command that installs it. A file left out whole is named alone; a file that ran in part
 * names the suites left out.
 *
 * @example
 * not run: test/ui/dashboard.test.ts — no Chromium at /usr/bin/chromium; run: sudo apt-get install chromium (or .ci/run)
 */
export default class NotRunReporter implements Reporter {
  onTestRunEnd(testModules: readonly TestModule[]): void {
    const lines = testModules.flatMap((module) => notRunLines(module));
    if (lines.length > 0) process.stdout.write(`\n${lines.join('\n')}\n`);
  }
}

function notRunLines(module: TestModule): string[] {
  const byReason = new Map<string, string[]>();
  for (const suite of module.children.allSuites()) {
    const reason = suite.meta().notRun;
    if (reason === undefined || suite.state() !== 'skipped') continue;
    // A suite inside one left out for the same reason is named by its parent.
    if (suite.parent.type === 'suite' && suite.parent.meta().notRun === reason) continue;
    byReason.set(reason, [...(byReason.get(reason) ?? []), suite.name]);
  }
  const wholeFile = module.state() === 'skipped';
  return [...byReason].map(
    ([reason, suites]) =>
      `not run: ${module.relativeModuleId}${wholeFile ? '' : ` (${suites.join('; ')})`} — ${reason}`,
  );
}
