/**
 * `npm run build`: the package as it is published, in dist/. Plain Node, no shell, so it runs the same on
 * every platform and from `prepare` (which npm runs for a git install as well as before `npm pack`).
 *
 * 0. When dist/ was built from the same inputs (src/build/build-inputs.mjs: the sources, the config files,
 *    the tools' versions), there is nothing to do: npm runs `prepare` twice for an install from git.
 * 1. dist/ is removed, so a renamed or deleted source leaves nothing behind.
 * 2. tsc compiles src/, mock/, fixtures/ and contracts/ (tsconfig.build.json): ES modules and their .d.ts.
 * 3. openapi.yaml is copied into dist/, beside the code that reads it, with its prepared form (the parsed
 *    document and the hash of the YAML it came from, which the mock loads instead of parsing at start).
 * 3a. The dashboard's and the API reference's files are made (mock/ui/build-pages.ts: the pages' scripts,
 *    Redoc's bundle) and copied to dist/mock/ui/public, which the mock serves.
 * 3b. The record checks' validators are compiled ahead of time (Ajv's standalone code, beside their
 *    loader in dist/src/openapi), so a mock's first admin write loads no Ajv and compiles nothing.
 * 4. Every .d.ts gets a .d.cts twin, its relative imports pointing at the twins and its type imports of
 *    packages marked as ES module imports: the types a CommonJS TypeScript project (module node16 or
 *    commonjs) resolves through the "require" condition. At run time require() loads the ES modules
 *    themselves (Node 20.19+), so there is one copy of the code.
 * 5. The inputs' digest is written last (dist/.build-inputs), so only a build that finished is trusted.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { BUILD_INPUTS_FILE, buildInputsDigest } from './build-inputs.mjs';

const root = join(import.meta.dirname, '../..');
const dist = join(root, 'dist');
const inputsFile = join(dist, BUILD_INPUTS_FILE);

const inputs = buildInputsDigest(root);
if (existsSync(inputsFile) && readFileSync(inputsFile, 'utf8') === inputs) {
  console.error(
    'build: dist/ is already built from these sources and tools; nothing to do (remove dist/ to build again).',
  );
  process.exit(0);
}

rmSync(dist, { recursive: true, force: true });

const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
// Everything goes to stderr: `npm pack --json` runs this (prepare) and its stdout must stay JSON.
const compiled = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], {
  cwd: root,
  stdio: ['ignore', 2, 2],
});
if (compiled.status !== 0) {
  console.error('build: tsc failed (see above); dist/ is incomplete.');
  process.exit(compiled.status ?? 1);
}

copyFileSync(join(root, 'openapi.yaml'), join(dist, 'openapi.yaml'));
runNode(['dist/src/openapi/prepare-api-document.js'], 'writing the prepared document');
runNode(['dist/mock/config/prepare-validators.js'], 'writing the prepared validators');
runNode(['--import', 'tsx', 'mock/ui/build-pages.ts'], 'making the pages');
cpSync(join(root, 'mock/ui/public'), join(dist, 'mock/ui/public'), { recursive: true });

/** Runs node with `args` in the package root, its output to stderr; exits when it fails. */
function runNode(args, what) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 2, 2] });
  if (result.status !== 0) {
    console.error(`build: ${what} failed (see above); dist/ is incomplete.`);
    process.exit(result.status ?? 1);
  }
}

// `from './x.js'`, `import('./x.js')`: relative specifiers of a declaration file.
const RELATIVE_JS = /((?:from\s+|import\s*\(\s*)['"])(\.{1,2}\/[^'"]+)\.js(['"])/g;
// `import type ... from 'package'`: read as an ES module import, so a package whose types are ES modules
// only (faker) resolves from a CommonJS declaration too (TS1541 otherwise). TypeScript 5.3 and newer.
const TYPE_IMPORT_OF_PACKAGE = /^(import type [^;]*? from ')((?!node:)[^.'][^']*)(');$/gm;
let twins = 0;
for (const name of readdirSync(dist, { recursive: true, encoding: 'utf8' })) {
  if (!name.endsWith('.d.ts')) continue;
  const text = readFileSync(join(dist, name), 'utf8')
    .replace(RELATIVE_JS, '$1$2.cjs$3')
    .replace(TYPE_IMPORT_OF_PACKAGE, "$1$2$3 with { 'resolution-mode': 'import' };");
  writeFileSync(join(dist, name.replace(/\.d\.ts$/, '.d.cts')), text);
  twins++;
}
writeFileSync(inputsFile, inputs);
console.error(
  `build: dist/ compiled, openapi.yaml copied and prepared, the validators prepared, the pages made, ${twins} .d.cts declaration twins written.`,
);
