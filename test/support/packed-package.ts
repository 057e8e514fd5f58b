import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, watch, writeFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './spawn-cli.js';

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
 * The package as `npm pack` makes it (the `prepare` build included), packed once per test run however
 * many files ask: the first to ask packs, the others wait for the file it announces.
 */
export async function packedTarball(): Promise<string> {
  const folder = join(runFolder(), 'pack');
  const announced = join(folder, 'tarball.json');
  let packer = false;
  try {
    mkdirSync(folder);
    packer = true;
  } catch {
    // Another test file packs; wait below.
  }
  if (packer) {
    let result: { tarball?: string; error?: string };
    try {
      const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', folder], {
        cwd: ROOT,
        env: SCRATCH_ENV,
        maxBuffer: 64 << 20,
      });
      const [{ filename }] = JSON.parse(stdout) as [{ filename: string }];
      result = { tarball: join(folder, filename) };
    } catch (error) {
      result = { error: error instanceof Error ? error.message : String(error) };
    }
    writeFileSync(`${announced}.tmp`, JSON.stringify(result));
    renameSync(`${announced}.tmp`, announced);
  }
  await untilExists(folder, announced);
  const result = JSON.parse(readFileSync(announced, 'utf8')) as { tarball?: string; error?: string };
  if (result.tarball === undefined) throw new Error(`npm pack failed: ${result.error ?? 'no tarball'}`);
  return result.tarball;
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
