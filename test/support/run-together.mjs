/**
 * `node test/support/run-together.mjs <script>... [--live <script> [arg...]]`: runs the given npm scripts
 * at once (the checks and the test suites of `npm test`: each check is one process, and together with
 * the suites they fill the cores that one after the other would leave idle). The `--live` script prints
 * as it goes and gets the arguments after it, so `npm test -- test/mock` passes `test/mock` to the
 * suites; each other script's output is printed whole when it ends. Exits non-zero when any failed,
 * naming each failed script last.
 */
import { spawn } from 'node:child_process';

const args = process.argv.slice(2);
const liveAt = args.indexOf('--live');
const scripts = liveAt === -1 ? args : args.slice(0, liveAt);
const live = liveAt === -1 ? undefined : args[liveAt + 1];
const liveArgs = liveAt === -1 ? [] : args.slice(liveAt + 2);
const npm = process.env.npm_execpath;

/** Runs `npm run --silent <script> -- <extra>`, its output piped (or the terminal's, when `inherit`). */
function npmRun(script, inherit, extra) {
  const args = ['run', '--silent', script, ...(extra.length > 0 ? ['--', ...extra] : [])];
  const stdio = inherit ? 'inherit' : 'pipe';
  // The npm that runs `npm test`, when it does; otherwise the one on the PATH.
  return npm === undefined
    ? spawn('npm', args, { stdio, shell: process.platform === 'win32' })
    : spawn(process.execPath, [npm, ...args], { stdio });
}

const runs = [...(live === undefined ? [] : [live]), ...scripts].map(
  (script) =>
    new Promise((resolve) => {
      const child = npmRun(script, script === live, script === live ? liveArgs : []);
      let output = '';
      child.stdout?.on('data', (chunk) => (output += chunk));
      child.stderr?.on('data', (chunk) => (output += chunk));
      child.on('error', (error) => {
        output += `${error.message}\n`;
      });
      child.on('close', (code) => {
        // On a line of its own: the live script may be mid-line (a row of progress dots).
        if (script !== live)
          process.stdout.write(`${live === undefined ? '' : '\n'}> npm run ${script}\n${output}`);
        else if (output !== '') process.stdout.write(output);
        resolve({ script, code: code ?? 1 });
      });
    }),
);

const failed = (await Promise.all(runs)).filter(({ code }) => code !== 0);
for (const { script, code } of failed) console.error(`npm run ${script} failed (exit ${code})`);
process.exitCode = failed.length > 0 ? 1 : 0;
