/**
 * `npm run build:ui`: makes the files of the mock's browser pages in `mock/ui/public/` (a test double's
 * tooling, not shipped as code). The pages' TypeScript (`mock/ui/browser/`, type-checked by
 * `npm run typecheck`) is compiled file by file with TypeScript's own compiler, and Redoc's standalone
 * bundle is copied from `node_modules`, so the package serves both from its own files, offline.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { isMainModule } from '../../src/is-main-module.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const BROWSER = join(HERE, 'browser');
const PUBLIC = join(HERE, 'public');

// Redoc's footer shows Redocly's logo from their CDN: the one request the bundle would make elsewhere.
// It becomes an empty image; the footer's "API docs by Redocly" link stays.
const CDN_LOGO = '"https://cdn.redoc.ly/redoc/logo-mini.svg"';
const NO_IMAGE = `"data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' width='1' height='1'/%3E"`;
// The bundle names its source map, which the package does not ship.
const SOURCE_MAP_LINE = /\n\/\/# sourceMappingURL=redoc\.standalone\.js\.map\s*$/;

/** Compiles the pages' scripts and copies Redoc; returns the files written, by name. */
export function buildPages(): string[] {
  mkdirSync(PUBLIC, { recursive: true });
  return [...compileScripts(), ...copyRedoc()];
}

function compileScripts(): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(BROWSER, 'tsconfig.json'),
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    },
  );
  if (config === undefined) throw new Error(`Cannot read ${BROWSER}/tsconfig.json.`);
  const names = readdirSync(BROWSER).filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'));
  return names.map((name) => {
    const source = readFileSync(join(BROWSER, name), 'utf8');
    const { outputText } = ts.transpileModule(source, { compilerOptions: config.options, fileName: name });
    const output = name.replace(/\.ts$/, '.js');
    writeIfChanged(join(PUBLIC, output), outputText);
    return output;
  });
}

function copyRedoc(): string[] {
  const require = createRequire(import.meta.url);
  const bundle = require.resolve('redoc/bundles/redoc.standalone.js');
  const text = readFileSync(bundle, 'utf8');
  if (!text.includes(CDN_LOGO)) {
    throw new Error(
      `Redoc's bundle no longer loads ${CDN_LOGO}: check what the new version fetches, then update build-pages.ts.`,
    );
  }
  writeIfChanged(
    join(PUBLIC, 'redoc.standalone.js'),
    text.replaceAll(CDN_LOGO, NO_IMAGE).replace(SOURCE_MAP_LINE, '\n'),
  );
  writeIfChanged(
    join(PUBLIC, 'redoc.standalone.js.LICENSE.txt'),
    readFileSync(`${bundle}.LICENSE.txt`, 'utf8'),
  );
  writeIfChanged(
    join(PUBLIC, 'redoc-LICENSE.txt'),
    readFileSync(join(dirname(bundle), '..', 'LICENSE'), 'utf8'),
  );
  return ['redoc.standalone.js', 'redoc.standalone.js.LICENSE.txt', 'redoc-LICENSE.txt'];
}

/**
 * Writes `text` to `file` unless it holds it already: a running mock (a test's, say) may be reading the
 * file while `npm run mock` or the build makes the pages again, and must never read it half-written.
 */
function writeIfChanged(file: string, text: string): void {
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return;
  writeFileSync(file, text);
}

// Silent on success, like tsc: `npm pack --json` runs it and its stdout must stay JSON.
if (isMainModule(import.meta.url)) buildPages();
