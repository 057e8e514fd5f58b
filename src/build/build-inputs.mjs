/**
 * What `npm run build` makes dist/ from, as one digest: the sources it compiles and copies, the files
 * that configure it and the versions of the tools that do the work. dist/ keeps the digest of the build
 * that made it (BUILD_INPUTS_FILE); a build that finds its inputs unchanged has nothing to do.
 *
 * Why: npm runs `prepare` twice for an install from git, in the same clone (once after its `npm install`
 * there, once more as it packs the folder), and a second compile of an unchanged tree costs seconds of
 * every such install.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, sep } from 'node:path';

/** The digest's file in dist/, left out of the package ("files" in package.json). */
export const BUILD_INPUTS_FILE = '.build-inputs';

/** The folders whose every file the build may read (tsconfig.build.json, the pages, the data). */
const SOURCE_FOLDERS = ['src', 'mock', 'fixtures', 'contracts'];
/** The files of the root it reads or that change what it makes. */
const ROOT_FILES = [
  'openapi.yaml',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
];
/** The packages that compile or are copied into dist/: another version makes other files. */
const TOOLS = ['typescript', 'tsx', 'redoc', 'ajv', 'ajv-formats'];
/** What the build or the tests write into the source folders (.gitignore's list): outputs, not inputs. */
const GENERATED = [/\.prepared\.(json|cjs)$/, /^mock\/ui\/public\/.*\.(js|txt)$/];

/** The digest of the inputs of a build of the package at `root`. */
export function buildInputsDigest(root) {
  const hash = createHash('sha256');
  const add = (name, content) => {
    hash.update(`${name}\0${content.length}\0`);
    hash.update(content);
  };
  for (const name of [...ROOT_FILES, ...SOURCE_FOLDERS.flatMap((folder) => filesUnder(root, folder))]) {
    const path = join(root, name);
    if (existsSync(path)) add(name, readFileSync(path));
  }
  const require = createRequire(join(root, 'package.json'));
  for (const tool of TOOLS) {
    const manifest = require.resolve(`${tool}/package.json`);
    add(tool, JSON.parse(readFileSync(manifest, 'utf8')).version);
  }
  return hash.digest('hex');
}

/** The files under `folder` of `root`, by path relative to `root` with `/`, sorted; generated ones left out. */
function filesUnder(root, folder) {
  if (!existsSync(join(root, folder))) return [];
  return readdirSync(join(root, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .filter((name) => !GENERATED.some((pattern) => pattern.test(name)))
    .sort();
}
