/**
 * `npm run build:standalone [-- --out <folder>]`: the mock and the fixtures CLI as one executable for
 * linux-x64 that needs no Node installed (a Node single executable application), written to
 * `<folder>/truecaller-oauth-kit` (default folder: dist/standalone).
 *
 * 1. esbuild bundles mock/cli/standalone-main.ts and everything it loads (json-server, Ajv, faker, ...)
 *    into one CommonJS file, the only form a Node 20 single executable runs (json-server's unused
 *    errorhandler, which reads a file beside itself as it loads, gets a stand-in). The kit's lazy
 *    `createRequire(import.meta.url)` loaders become the bundle's own `require`, so what they load is
 *    bundled too; `import.meta.url` becomes a fixed URL that is no file on disk, so no command mistakes
 *    itself for the main module.
 * 2. Node turns the bundle and the files the kit reads at run time (EMBEDDED_FILES of
 *    src/package-files.ts) into a preparation blob (`--experimental-sea-config`).
 * 3. A copy of this Node binary gets the blob injected with postject.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { inject } from 'postject';

const root = join(import.meta.dirname, '../..');
const { values } = parseArgs({
  options: { out: { type: 'string', default: join(root, 'dist/standalone') } },
});
const out = resolve(values.out);

if (process.platform !== 'linux' || process.arch !== 'x64') {
  console.error(
    `build:standalone makes a linux-x64 executable and must run on linux-x64, not ${process.platform}-${process.arch}.`,
  );
  process.exit(1);
}

// The loader line the bundle replaces; a source that spells it otherwise would stay unbundled, so each
// one found is counted and a missing one fails the build.
const CREATE_REQUIRE = /^const require = createRequire\(import\.meta\.url\);$/m;

const work = mkdtempSync(join(tmpdir(), 'kit-standalone-'));
try {
  const bundle = join(work, 'standalone.cjs');
  const rewritten = [];
  await build({
    entryPoints: [join(root, 'mock/cli/standalone-main.ts')],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    define: { 'import.meta.url': JSON.stringify('file:///truecaller-oauth-kit/standalone.cjs') },
    logLevel: 'warning',
    // express looks up view engines by name at run time; the kit renders no views.
    logOverride: { 'unsupported-require-call': 'silent', 'unsupported-dynamic-import': 'silent' },
    plugins: [
      {
        // json-server's index loads its defaults() (never called by the kit), which load errorhandler,
        // which reads a stylesheet beside itself as it loads: a file the executable does not have.
        name: 'errorhandler-stand-in',
        setup(esbuild) {
          esbuild.onResolve({ filter: /^errorhandler$/ }, () => ({
            path: 'errorhandler',
            namespace: 'stand-in',
          }));
          esbuild.onLoad({ filter: /.*/, namespace: 'stand-in' }, () => ({
            contents: 'module.exports = () => (error, request, response, next) => next(error);',
            loader: 'js',
          }));
        },
      },
      {
        name: 'bundle-lazy-requires',
        setup(esbuild) {
          esbuild.onLoad({ filter: /\.ts$/ }, (args) => {
            const source = readFileSync(args.path, 'utf8');
            if (!CREATE_REQUIRE.test(source)) {
              if (!source.includes('createRequire(')) return undefined;
              return {
                errors: [
                  {
                    text: `createRequire in a form the standalone build does not bundle; write it as "const require = createRequire(import.meta.url);" at the top level`,
                  },
                ],
              };
            }
            rewritten.push(relative(root, args.path));
            return { contents: source.replace(CREATE_REQUIRE, ''), loader: 'ts' };
          });
        },
      },
    ],
  });
  const embedded = readEmbeddedFiles();
  const seaConfig = join(work, 'sea-config.json');
  const blob = join(work, 'standalone.blob');
  writeFileSync(
    seaConfig,
    JSON.stringify({
      main: bundle,
      output: blob,
      disableExperimentalSEAWarning: true,
      useCodeCache: true,
      assets: Object.fromEntries(embedded.map((name) => [name, join(root, name)])),
    }),
  );
  run(process.execPath, ['--experimental-sea-config', seaConfig]);

  mkdirSync(out, { recursive: true });
  const executable = join(out, 'truecaller-oauth-kit');
  rmSync(executable, { force: true });
  copyFileSync(process.execPath, executable);
  await withoutNoteNameWarnings(() =>
    inject(executable, 'NODE_SEA_BLOB', readFileSync(blob), {
      sentinelFuse: 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2',
    }),
  );
  console.log(
    `build:standalone: wrote ${executable} (Node ${process.version}, linux-x64; lazy requires bundled from ${rewritten.join(', ')}; embedded ${embedded.join(', ')}).`,
  );
} catch (error) {
  // A step that failed has said why (its own output, then this line); no stack trace for it.
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode ||= 1;
} finally {
  rmSync(work, { recursive: true, force: true });
}

/**
 * Runs `work` (postject's `inject`) without the one warning its ELF writer prints for each note section
 * it writes: postject runs LIEF, compiled to WebAssembly, whose messages go to `console.warn`. Adding the
 * blob, LIEF rewrites the binary's notes as sections of their own (`.note.100`, ...) whose names it does
 * not put in the section-name table, so it says "Can't find string offset for section name" nine times
 * and leaves those sections unnamed. Nothing reads those names: the loader, and Node looking for its blob
 * (postject's lookup walks the PT_NOTE segments), find the notes through the program headers, and the
 * executable runs as test/package/standalone.test.ts shows. Any other message of LIEF still shows.
 */
async function withoutNoteNameWarnings(work) {
  const warn = console.warn;
  console.warn = (...args) => {
    if (!/^warning: Can't find string offset for section name '\.note/.test(String(args[0]))) warn(...args);
  };
  try {
    return await work();
  } finally {
    console.warn = warn;
  }
}

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) {
    // Set, not exit(): the finally above still removes the work folder.
    process.exitCode = result.status ?? 1;
    throw new Error(`build:standalone: ${[command, ...args].join(' ')} failed.`);
  }
}

// The list lives in src/package-files.ts beside the code that reads the files; read it from there.
function readEmbeddedFiles() {
  const source = readFileSync(join(root, 'src/package-files.ts'), 'utf8');
  const list = /export const EMBEDDED_FILES = \[([^\]]*)\]/.exec(source)?.[1];
  if (list === undefined)
    throw new Error('build:standalone: EMBEDDED_FILES not found in src/package-files.ts');
  return [...list.matchAll(/'([^']+)'/g)].map(([, name]) => name);
}
