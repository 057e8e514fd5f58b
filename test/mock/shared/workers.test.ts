import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../../../src/endpoints.js';
import { request } from '../../support/http.js';
import { describeWithRedis, type RedisServer, startRedisServer } from '../../support/redis-server.js';
import { type CliProcess, runTsCli } from '../../support/spawn-cli.js';
import { postCodeExchange } from '../../support/token.js';
import { unpooledFetch } from '../../support/unpooled-fetch.js';

describe('--workers refused without what it needs', () => {
  it.each([
    [['--workers', '2'], '--workers needs --store: the worker processes share their state through Redis'],
    [
      ['--workers', '0', '--store', 'redis://127.0.0.1:9/0'],
      '--workers must be a number from 1 to 256, or auto',
    ],
    [['--workers', 'many', '--store', 'redis://127.0.0.1:9/0'], '--workers must be a number from 1 to 256'],
  ])('exits 2 for %j with one line', async (args, problem) => {
    const cli = runTsCli('mock/cli/mock-cli.ts', ['--port', '0', ...args]);
    expect(await cli.exited).toBe(2);
    expect(cli.stderr()).toContain(problem);
  });

  it('exits 1 with one line, before any worker starts, when Redis cannot be reached', async () => {
    const cli = runTsCli('mock/cli/mock-cli.ts', [
      '--port',
      '0',
      '--workers',
      '2',
      '--store',
      'redis://127.0.0.1:9/0',
    ]);
    expect(await cli.exited).toBe(1);
    expect(cli.stderr().trim().split('\n')).toEqual([
      expect.stringMatching(/^Cannot reach the shared store/),
    ]);
  });
});

describeWithRedis('--workers 2 on one port, sharing one store', () => {
  let redis: RedisServer;
  let cli: CliProcess;
  let url: string;
  let pids: number[];

  beforeAll(async () => {
    redis = await startRedisServer();
    cli = runTsCli('mock/cli/mock-cli.ts', [
      '--port',
      '0',
      '--quiet',
      '--workers',
      '2',
      '--store',
      redis.url,
    ]);
    [, url = ''] = await cli.waitForOutput(/^TRUECALLER_OAUTH_KIT_URL=(\S+)$/m);
    const [, listed = ''] = await cli.waitForOutput(/2 worker processes \(pids ([\d, ]+)\) share/);
    pids = listed.split(', ').map(Number);
  }, 90_000);

  afterAll(async () => {
    try {
      if (cli.child.exitCode === null) cli.child.kill('SIGTERM');
      await cli.exited;
    } finally {
      await redis.stop();
    }
  });

  it('prints the ready line once, first, and names its two workers', () => {
    expect(cli.stdout().split('\n')[0]).toBe(`TRUECALLER_OAUTH_KIT_URL=${url}`);
    expect(cli.stdout().match(/TRUECALLER_OAUTH_KIT_URL=/g)).toHaveLength(1);
    expect(new Set(pids).size).toBe(2);
  });

  it('exchanges a code once over connections spread on both workers', async () => {
    const created = await request(`${url}/__admin/codes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    const code = (created.json as { id: string }).id;
    // A new connection each: the primary hands them to the workers in turn.
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => postCodeExchange(url, code, {}, unpooledFetch)),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, ...Array<number>(19).fill(403)]);
  });

  it('replaces a worker that dies, and keeps answering', async () => {
    process.kill(pids[0] ?? 0, 'SIGKILL');
    const deadline = performance.now() + 20_000;
    while (
      !cli.stderr().includes(`worker ${pids[0]} ended (SIGKILL); starting another`) &&
      performance.now() < deadline
    )
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(cli.stderr()).toContain(`worker ${pids[0]} ended (SIGKILL); starting another`);
    for (let at = 0; at < 10; at++) {
      const answer = await unpooledFetch(`${url}${ENDPOINTS.userinfo}`, {
        headers: { authorization: 'Bearer valid' },
      });
      expect(answer.status).toBe(200);
    }
  });

  it('stops every worker on SIGTERM and exits 0', async () => {
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    expect(cli.stdout()).toMatch(/mock stopped\n$/);
    for (const pid of pids.slice(1)) expect(() => process.kill(pid, 0)).toThrow();
  });
});
