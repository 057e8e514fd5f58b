/**
 * `node test/support/run-together.mjs <script>...`: runs the given npm scripts at once (the checks of
 * `npm test`, each a single process: together they use the cores one after the other would leave
 * idle), prints each one's output whole when it ends, and exits non-zero when any failed, naming it.
 */
import { spawn } from 'node:child_process';

const scripts = process.argv.slice(2);
const npm = process.env.npm_execpath;

const runs = scripts.map(
  (script) =>
    new Promise((resolve) => {
      // The npm that runs `npm test`, when it does; otherwise the one on the PATH.
      const child =
        npm === undefined
          ? spawn('npm', ['run', '--silent', script], { shell: process.platform === 'win32' })
          : spawn(process.execPath, [npm, 'run', '--silent', script]);
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      child.on('error', (error) => {
        output += `${error.message}\n`;
      });
      child.on('close', (code) => {
        process.stdout.write(`> npm run ${script}\n${output}`);
        resolve({ script, code: code ?? 1 });
      });
    }),
);

const failed = (await Promise.all(runs)).filter(({ code }) => code !== 0);
for (const { script, code } of failed) console.error(`npm run ${script} failed (exit ${code})`);
process.exitCode = failed.length > 0 ? 1 : 0;
