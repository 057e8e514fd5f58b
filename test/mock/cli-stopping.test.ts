import { afterEach, describe, expect, it } from 'vitest';
import { request } from '../support/http.js';
import { ROOT, TSX_LOADER } from '../support/spawn-cli.js';
import {
  GONE_WITHIN_MS,
  killStartedGroups,
  leftAfterStop,
  startMockProcess,
  stop,
  type StopBy,
  underHarness,
} from '../support/stopping.js';

afterEach(killStartedGroups);

const GONE = { listening: false, readyFile: false };
const ENV = { ...process.env, NO_COLOR: '1' };
/** The mock CLI as `npm run mock` runs it, without npm: for a harness of this repo's own. */
const MOCK_CLI = [process.execPath, ['--import', TSX_LOADER, 'mock/cli/mock-cli.ts']] as const;

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

describe('the mock under a harness', { timeout: 60_000 }, () => {
  it(`is gone within ${GONE_WITHIN_MS} ms of its harness's SIGKILL, with --exit-on-stdin-close`, async () => {
    const [command, args] = underHarness(MOCK_CLI[0], [...MOCK_CLI[1], '--exit-on-stdin-close']);
    const mock = await startMockProcess(command, args, { cwd: ROOT, env: ENV });
    mock.child.kill('SIGKILL');
    expect(await leftAfterStop(mock.url, mock.readyFile)).toEqual(GONE);
  });

  it('serves on when its stdin closes without --exit-on-stdin-close, as a background job does', async () => {
    const [command, args] = underHarness(MOCK_CLI[0], [...MOCK_CLI[1]]);
    const mock = await startMockProcess(command, args, { cwd: ROOT, env: ENV });
    const harnessGone = new Promise((resolve) => mock.child.once('exit', resolve));
    mock.child.kill('SIGKILL');
    await harnessGone;
    for (const token of ['valid', 'expired']) {
      const response = await request(`${mock.url}/v1/userinfo`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(token === 'valid' ? 200 : 401);
    }
  });
});
