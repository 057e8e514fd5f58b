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

// A box is held back until it closes; it is dropped, with the blank line on each side of it, only when
// it is the Node.js end-of-life notice. Blank lines wait for the next line to know which.
const END_OF_LIFE = /Node\.js \d+ (support is ending|reached end-of-life)/;
let box = null;
let blanks = 0;
let afterDroppedBox = false;
const write = (text) => process.stderr.write(`${text}\n`);
createInterface({ input: child.stderr, crlfDelay: Infinity }).on('line', (line) => {
  if (box === null && line.includes('╔')) box = [];
  if (box !== null) {
    box.push(line);
    if (!line.includes('╚')) return;
    const text = box.join('\n');
    box = null;
    if (END_OF_LIFE.test(text)) {
      blanks = 0;
      afterDroppedBox = true;
    } else write(`${'\n'.repeat(blanks)}${text}`);
    return;
  }
  if (line.trim() === '') {
    if (afterDroppedBox) afterDroppedBox = false;
    else blanks++;
    return;
  }
  afterDroppedBox = false;
  write(`${'\n'.repeat(blanks)}${line}`);
  blanks = 0;
});
child.on('close', (code, signal) => {
  if (box !== null) write(box.join('\n'));
  process.exitCode = code ?? (signal ? 1 : 0);
});
