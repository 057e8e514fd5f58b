/**
 * Files the kit ships beside its code (`openapi.yaml`, `package.json`), read where the package keeps them
 * or, in the standalone executable (a Node single executable application), from the copies embedded in
 * it as assets under the same names.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The files the standalone executable embeds; its build reads this list. */
export const EMBEDDED_FILES = ['openapi.yaml', 'package.json'] as const;

/** One file the kit reads at run time. */
export type PackageFile = (typeof EMBEDDED_FILES)[number];

const PACKAGE_NAME = 'truecaller-oauth-kit';

interface SeaModule {
  isSea(): boolean;
  getAsset(key: string, encoding: 'utf8'): string;
}

// `node:sea` exists from Node 20.12; a runner with a module system of its own (Jest) may not offer it.
const require = createRequire(import.meta.url);
let standalone: SeaModule | null | undefined;

function standaloneAssets(): SeaModule | null {
  if (standalone === undefined) {
    try {
      const sea = require('node:sea') as SeaModule;
      standalone = sea.isSea() ? sea : null;
    } catch {
      standalone = null;
    }
  }
  return standalone;
}

/** Whether this is the standalone executable (a single executable application), not the npm package. */
export function isStandalone(): boolean {
  return standaloneAssets() !== null;
}

/**
 * Reads a file the package ships, by its name at the package root; `openapi.yaml` also sits in `dist/`
 * once built, beside the code that reads it.
 *
 * @example
 * const text = readPackageFile('openapi.yaml');
 */
export function readPackageFile(name: PackageFile): string {
  const assets = standaloneAssets();
  if (assets) return assets.getAsset(name, 'utf8');
  return readFileSync(join(packageRoot(), name), 'utf8');
}

/**
 * The kit's version, from its `package.json`.
 *
 * @example
 * kitVersion(); // '0.1.0'
 */
export function kitVersion(): string {
  return (JSON.parse(readPackageFile('package.json')) as { version: string }).version;
}

let root: string | undefined;

// The folder holding the kit's package.json: the repository root from source, the installed package's
// folder once built (the code sits in its dist/).
function packageRoot(): string {
  if (root !== undefined) return root;
  let folder = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(folder, 'package.json');
    if (
      existsSync(manifest) &&
      (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === PACKAGE_NAME
    ) {
      root = folder;
      return folder;
    }
    const parent = dirname(folder);
    if (parent === folder)
      throw new Error(`No package.json of ${PACKAGE_NAME} above ${fileURLToPath(import.meta.url)}.`);
    folder = parent;
  }
}
