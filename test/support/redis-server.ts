import { beforeAll, describe } from 'vitest';
import { REDIS_MISSING, REDIS_SERVER } from './redis-process.js';

export { type RedisServer, startRedisServer } from './redis-process.js';

/**
 * Whether the suites of the shared store (`--store`) run: they need a real redis-server
 * (redis-process.ts starts it). Where there is none, a suite that needs it is not run, and says so with the command that installs it
 * (`.ci/run` installs it first); with `CI=true` it fails instead, naming it. The same rule as the tools
 * of test/support/tools.ts on the tests-infra branch, which this joins when that lands.
 */

/** Whether this run may leave nothing out (`CI=true`, as `.ci/run` and CI services set it). */
function mustRunEverything(): boolean {
  const ci = process.env.CI ?? '';
  return ci !== '' && ci !== '0' && ci.toLowerCase() !== 'false';
}

declare module 'vitest' {
  interface TaskMeta {
    /** Set on a suite that needs a tool this machine lacks: why, and the command that fixes it. */
    notRun?: string;
  }
}

/**
 * `describe` for a suite that needs redis-server: it runs where there is one. Elsewhere it is not run
 * (its tests skipped, with a `notRun` note and a line on stderr naming the command that installs it);
 * with `CI=true` it runs and fails at once, naming what is missing.
 */
export function describeWithRedis(name: string, factory: () => void): void {
  const missing = REDIS_SERVER === undefined;
  const leftOut = missing && !mustRunEverything();
  if (leftOut) process.stderr.write(`not run: ${name} — ${REDIS_MISSING}\n`);
  describe.skipIf(leftOut)(name, { meta: missing ? { notRun: REDIS_MISSING } : {} }, () => {
    if (missing)
      beforeAll(() => {
        throw new Error(`redis-server missing, and CI=true runs every suite: ${REDIS_MISSING}`);
      });
    factory();
  });
}
