/**
 * `npm run lint:openapi`: `redocly lint openapi.yaml` (the rules of redocly.yaml), with telemetry and the
 * update notice off, set here rather than as `VAR=x` shell syntax so it runs on every platform. Redocly
 * prints a boxed Node.js 20 end-of-life notice on every run under Node 20, which this kit supports on
 * purpose; that one box is left out, everything else is passed through as it comes.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';

const root = join(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);
const manifest = require.resolve('@redocly/cli/package.json');
const bin = join(dirname(manifest), require(manifest).bin.redocly);

const child = spawn(process.execPath, [bin, 'lint', 'openapi.yaml', '--format', 'stylish'], {
  cwd: root,
  env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  stdio: ['ignore', 'inherit', 'pipe'],
});

// A box is held back until it closes; it is dropped only when it is the Node.js end-of-life notice.
let box = null;
createInterface({ input: child.stderr, crlfDelay: Infinity }).on('line', (line) => {
  if (box === null && line.includes('╔')) box = [];
  if (box === null) {
    process.stderr.write(`${line}\n`);
    return;
  }
  box.push(line);
  if (!line.includes('╚')) return;
  const text = box.join('\n');
  if (!/Node\.js \d+ (support is ending|reached end-of-life)/.test(text)) process.stderr.write(`${text}\n`);
  box = null;
});
child.on('close', (code, signal) => {
  if (box !== null) process.stderr.write(`${box.join('\n')}\n`);
  process.exitCode = code ?? (signal ? 1 : 0);
});
