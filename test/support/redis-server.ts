import { describeWith } from './tools.js';

export { type RedisServer, startRedisServer } from './redis-process.js';

/**
 * `describe` for a suite of the shared store (`--store`), which needs a real redis-server (started by
 * redis-process.ts): the rule of every tool (test/support/tools.ts). Where there is none the suite is not
 * run and the run's last lines name it and the command that installs it; with `CI=true` it fails.
 */
export function describeWithRedis(name: string, factory: () => void): void {
  describeWith('redis-server')(name, factory);
}
