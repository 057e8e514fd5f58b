import { accessSync, constants, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, type SuiteFactory, type TestOptions } from 'vitest';

/**
 * The programs outside node_modules some suites drive, and how each is found: the one place that knows.
 * A suite that needs one runs where it is found; elsewhere it is not run and the run ends with a line
 * naming it and the command that installs the tool (test/support/not-run-reporter.ts). With `CI=true`
 * nothing is left out: the suite fails, naming the tool (`.ci/run` installs them first).
 */
export type ToolName = 'chromium' | 'javac' | 'junit5' | 'pytest' | 'redis-server';

/** Debian's Chromium (`.ci/run` installs it): never a browser build downloaded by Playwright. */
export const CHROMIUM = '/usr/bin/chromium';

/** Where Debian's redis-server package puts the server (the suites of `--store` start one). */
const DEBIAN_REDIS_SERVER = '/usr/bin/redis-server';

/** Where Debian's junit5 package puts JUnit 5's jars. */
export const JUNIT_DIR = '/usr/share/java';

/** What a missing tool means for a suite, in the words the run's last lines use. */
export interface MissingTool {
  readonly tool: ToolName;
  /** Why the suite cannot run: `no Chromium at /usr/bin/chromium`. */
  readonly why: string;
  /** The Debian package that installs the tool (`.ci/run` installs the same). */
  readonly aptPackage: string;
}

interface Tool {
  readonly why: string;
  readonly aptPackage: string;
  present(): boolean;
}

const TOOLS: Readonly<Record<ToolName, Tool>> = {
  chromium: {
    why: `no Chromium at ${CHROMIUM}`,
    aptPackage: 'chromium',
    present: () => isExecutable(CHROMIUM),
  },
  javac: {
    why: 'no javac on the PATH',
    aptPackage: 'default-jdk-headless',
    present: () => spawnSync('javac', ['-version']).status === 0,
  },
  junit5: {
    why: `no JUnit 5 in ${JUNIT_DIR}`,
    aptPackage: 'junit5',
    present: () => existsSync(join(JUNIT_DIR, 'junit-platform-console-standalone.jar')),
  },
  pytest: {
    why: 'no python3 with pytest',
    aptPackage: 'python3-pytest',
    present: () => pythonWithPytest() !== undefined,
  },
  'redis-server': {
    why: `no redis-server on the PATH (nor ${DEBIAN_REDIS_SERVER})`,
    aptPackage: 'redis-server',
    present: () => redisServerPath() !== undefined,
  },
};

/**
 * Tools to take for missing whatever this machine has: only for the test of this mechanism
 * (test/support/tools.test.ts runs a small project through it), never for a real run.
 */
const ASSUMED_MISSING = new Set(
  (process.env.KIT_TEST_ASSUME_MISSING ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== ''),
);

const found = new Map<ToolName, boolean>();

/** Whether `tool` is on this machine (looked for once per test process). */
export function hasTool(tool: ToolName): boolean {
  if (ASSUMED_MISSING.has(tool)) return false;
  let present = found.get(tool);
  if (present === undefined) {
    present = TOOLS[tool].present();
    found.set(tool, present);
  }
  return present;
}

/** The tools of `tools` this machine lacks, each with why and how to install it. */
export function missingTools(tools: readonly ToolName[]): MissingTool[] {
  return tools
    .filter((tool) => !hasTool(tool))
    .map((tool) => ({ tool, why: TOOLS[tool].why, aptPackage: TOOLS[tool].aptPackage }));
}

/** Why a suite that lacks `missing` cannot run, and the command that fixes it: the words of the last lines. */
export function whatToRun(missing: readonly MissingTool[]): string {
  const packages = [...new Set(missing.map((one) => one.aptPackage))].join(' ');
  return `${missing.map((one) => one.why).join(', ')}; run: sudo apt-get install ${packages} (or .ci/run)`;
}

/** Whether this run may leave nothing out (`CI=true`, as `.ci/run` and CI services set it). */
export function mustRunEverything(): boolean {
  const ci = process.env.CI ?? '';
  return ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

/** The error a suite fails with when `CI=true` and a tool it needs is missing. */
export function missingToolError(missing: readonly MissingTool[]): Error {
  return new Error(
    `${missing.map((one) => one.tool).join(' and ')} missing, and CI=true runs every suite: ${whatToRun(missing)}`,
  );
}

/** Throws, naming the tool and its install command, when `tool` is missing: for a helper that starts it. */
export function requireTool(tool: ToolName): void {
  const missing = missingTools([tool]);
  if (missing.length > 0) throw missingToolError(missing);
}

declare module 'vitest' {
  interface TaskMeta {
    /**
     * Set on a suite that needs a tool this machine lacks: why it cannot run and the command that fixes
     * it, which the run's last lines print when it was left out (test/support/not-run-reporter.ts).
     */
    notRun?: string;
  }
}

/**
 * `describe` for a suite that needs `tools`: it runs where they all are. Where one is missing it is not
 * run (its tests are skipped, and the run ends with a line naming the suite, the tool and the command
 * that installs it); with `CI=true` it runs and fails, naming the tool.
 *
 * @example
 * describeWith('chromium')('the dashboard', () => { ... });
 */
export function describeWith(
  ...tools: ToolName[]
): (name: string, optionsOrFactory: TestOptions | SuiteFactory, factory?: SuiteFactory) => void {
  const missing = missingTools(tools);
  const leftOut = missing.length > 0 && !mustRunEverything();
  return (name, optionsOrFactory, maybeFactory) => {
    const [options, factory] =
      typeof optionsOrFactory === 'function' ? [{}, optionsOrFactory] : [optionsOrFactory, maybeFactory];
    describe.skipIf(leftOut)(
      name,
      {
        ...options,
        meta: { ...options.meta, ...(missing.length > 0 ? { notRun: whatToRun(missing) } : {}) },
      },
      (test) => {
        // Reached only when the suite runs, that is with CI=true: it fails before its first test.
        if (missing.length > 0)
          beforeAll(() => {
            throw missingToolError(missing);
          });
        return factory?.(test);
      },
    );
  };
}

/**
 * A python3 that has pytest: the one on the PATH (pyenv's, say) or Debian's, by its real path, so it
 * runs on a PATH without node; undefined when there is none.
 */
export function pythonWithPytest(): string | undefined {
  for (const candidate of ['python3', '/usr/bin/python3']) {
    const probe = spawnSync(candidate, ['-c', 'import sys, pytest; print(sys.executable)'], {
      encoding: 'utf8',
    });
    if (probe.status === 0) return probe.stdout.trim();
  }
  return undefined;
}

/** The absolute path of a command on this machine's PATH, or undefined when it is not there. */
export function commandPath(name: string): string | undefined {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
  return found === '' ? undefined : found;
}

/** The redis-server of this machine (on the PATH, or Debian's), or undefined; see also `hasTool`. */
export function redisServerPath(): string | undefined {
  return commandPath('redis-server') ?? (isExecutable(DEBIAN_REDIS_SERVER) ? DEBIAN_REDIS_SERVER : undefined);
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
