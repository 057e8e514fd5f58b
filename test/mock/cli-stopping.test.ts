import { afterEach, describe, expect, it } from 'vitest';
import { ROOT } from '../support/spawn-cli.js';
import {
  GONE_WITHIN_MS,
  killStartedGroups,
  leftAfterStop,
  startMockProcess,
  stop,
  type StopBy,
} from '../support/stopping.js';

afterEach(killStartedGroups);

const GONE = { listening: false, readyFile: false };
const ENV = { ...process.env, NO_COLOR: '1' };

describe('npm run mock, stopped', { timeout: 60_000 }, () => {
  it.each<StopBy>(['SIGTERM', 'Ctrl-C'])(
    `closes its port and removes its ready file within ${GONE_WITHIN_MS} ms of %s to npm`,
    async (by) => {
      const mock = await startMockProcess('npm', ['run', 'mock', '--'], { cwd: ROOT, env: ENV });
      stop(mock.child, by);
      expect(await leftAfterStop(mock.url, mock.readyFile)).toEqual(GONE);
    },
  );
});
