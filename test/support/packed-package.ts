import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, watch, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type CliProcess, ROOT, watchCli } from './spawn-cli.js';

const run = promisify(execFile);

/** How long a scratch project's `npm install` may take: from a cold cache, minutes. */
export const INSTALL_TIMEOUT_MS = 600_000;

/**
 * How long one test may take that runs a tool in a scratch project (tsc, Jest, Pact's core): seconds
 * alone, longer on a shared and busy machine. A limit against a hang, not a speed check.
 */
export const TOOL_TIMEOUT_MS = 180_000;

/**
 * The environment a scratch project runs in: `npm test` hands its children npm_config_* variables
 * pointing at this repository (local_prefix among them), which would make npm install into the repo.
 */
export const SCRATCH_ENV: Readonly<Record<string, string>> = Object.freeze({
  ...Object.fromEntries(
    Object.entries(process.env).filter(
      (entry): entry is [string, string] =>
        entry[1] !== undefined && !entry[0].toLowerCase().startsWith('npm_'),
    ),
  ),
  PACT_DO_NOT_TRACK: 'true',
  NO_COLOR: '1',
});

// The folder the global setup made for this run; every test file of the run shares what it holds.
function runFolder(): string {
  const folder = process.env.KIT_TEST_RUN_DIR;
  if (folder === undefined)
    throw new Error('KIT_TEST_RUN_DIR is unset: run the tests through vitest.config.ts.');
  return folder;
}

/**
 * dist/ as the `prepare` script builds it (`npm run build`) from this working tree, built once per test
 * run however many files ask: the packed package's and the bin's (`runBuiltBin`).
 */
export async function builtPackage(): Promise<void> {
  await onceInRun('build', async () => {
    await run('npm', ['run', 'build'], { cwd: ROOT, env: SCRATCH_ENV, maxBuffer: 64 << 20 });
  });
}

/**
 * The package as `npm pack` makes it, packed once per test run however many files ask. Its `prepare`
 * script is the build `builtPackage` ran already in this run, so the pack does not run it again.
 */
export async function packedTarball(): Promise<string> {
  await builtPackage();
  const folder = await onceInRun('pack', async (into) => {
    const { stdout } = await run('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', into], {
      cwd: ROOT,
      env: SCRATCH_ENV,
      maxBuffer: 64 << 20,
    });
    const [{ filename }] = JSON.parse(stdout) as [{ filename: string }];
    writeFileSync(join(into, 'tarball.txt'), filename);
  });
  return join(folder, readFileSync(join(folder, 'tarball.txt'), 'utf8'));
}

/**
 * Runs the package's bin (`npx truecaller-oauth-kit`: dist/contracts/bin.js, built in this run) under
 * Node, as a user's project runs it.
 */
export async function runBuiltBin(
  args: readonly string[],
  options: { env?: Readonly<Record<string, string | undefined>> } = {},
): Promise<CliProcess> {
  await builtPackage();
  return watchCli(
    spawn(process.execPath, [join(ROOT, 'dist/contracts/bin.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, PACT_DO_NOT_TRACK: 'true', NO_COLOR: '1', ...options.env },
    }),
  );
}

/**
 * What the README's projects install beside the kit, in one project of the run: Pact and the comparator,
 * the test runners (vitest, Jest), msw, axios, oauth4webapi, TypeScript and Node's types.
 */
const SHARED_PACKAGES = [
  '@pact-foundation/pact@^16.5.0',
  '@pactflow/openapi-pact-comparator@^1.7.0',
  'vitest@^4',
  'jest@^30',
  'msw@^2',
  'axios@^1',
  'oauth4webapi@^3',
  'typescript@^5',
  '@types/node@^20',
];

/**
 * Gives `project` a copy of the node_modules of the run's shared install (the packed kit and
 * SHARED_PACKAGES, installed once however many files ask). The project's own `npm install` then makes
 * that copy exactly what its package.json asks, removing the rest, as from scratch; it only saves
 * unpacking every package again. Call it after `npm init` (which would list a node_modules it finds as
 * dependencies) and before the project's first install.
 */
export async function warmNodeModules(project: string): Promise<void> {
  const shared = await onceInRun('shared-install', async (into) => {
    writeFileSync(
      join(into, 'package.json'),
      JSON.stringify({ name: 'shared-install', version: '1.0.0', private: true }),
    );
    await npmInstall(into, [await packedTarball(), ...SHARED_PACKAGES]);
  });
  // A copy, not links: what one project changes in its node_modules stays its own.
  await run('cp', ['-a', join(shared, 'node_modules'), join(project, 'node_modules')]);
}

/**
 * Something a test run makes once, however many test files ask: the first to ask makes it in a folder
 * of the run (KIT_TEST_RUN_DIR/<name>), the others wait for the file it announces. Resolves with the
 * folder; rejects, in every file that asked, when making it failed.
 */
async function onceInRun(name: string, make: (folder: string) => Promise<void>): Promise<string> {
  const folder = join(runFolder(), name);
  const announced = join(runFolder(), `${name}.done.json`);
  let maker = false;
  try {
    mkdirSync(folder);
    maker = true;
  } catch {
    // Another test file makes it; wait below.
  }
  if (maker) {
    const result = await make(folder).then(
      () => ({}),
      (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }),
    );
    writeFileSync(`${announced}.tmp`, JSON.stringify(result));
    renameSync(`${announced}.tmp`, announced);
  }
  await untilExists(runFolder(), announced);
  const { error } = JSON.parse(readFileSync(announced, 'utf8')) as { error?: string };
  if (error !== undefined) throw new Error(`${name} failed: ${error}`);
  return folder;
}

function untilExists(folder: string, file: string): Promise<void> {
  return new Promise((resolve) => {
    const watcher = watch(folder, () => {
      if (!existsSync(file)) return;
      watcher.close();
      resolve();
    });
    // It may have appeared before the watcher started.
    if (existsSync(file)) {
      watcher.close();
      resolve();
    }
  });
}

/** An empty folder of this test run's, removed when the run ends: for a project the test sets up itself. */
export function scratchFolder(name: string): Promise<string> {
  return mkdtemp(join(runFolder(), `${name}-`));
}

/** A scratch project: an empty folder with the given package.json, as `npm init -y` would make it. */
export async function scratchProject(name: string, manifest: Record<string, unknown> = {}): Promise<string> {
  const folder = await scratchFolder(name);
  writeFileSync(
    join(folder, 'package.json'),
    JSON.stringify({ name, version: '1.0.0', private: true, ...manifest }, null, 2),
  );
  return folder;
}

/** Runs `npm` in a scratch project; resolves with what it printed. */
export async function npm(
  project: string,
  args: readonly string[],
): Promise<{ stdout: string; stderr: string }> {
  return run('npm', [...args], { cwd: project, env: SCRATCH_ENV, maxBuffer: 64 << 20 });
}

/** `npm install` of `packages` (the tarball among them) into a scratch project. */
export function npmInstall(
  project: string,
  packages: readonly string[],
): Promise<{ stdout: string; stderr: string }> {
  return npm(project, ['install', '--no-audit', '--no-fund', '--prefer-offline', ...packages]);
}

/** Every installed copy of `name` in a scratch project, by folder, as `npm ls --all` finds them. */
export async function installedCopies(project: string, name: string): Promise<string[]> {
  const { stdout } = await npm(project, ['ls', name, '--all', '--parseable']);
  return stdout.split('\n').filter((line) => line.endsWith(`node_modules/${name}`));
}
