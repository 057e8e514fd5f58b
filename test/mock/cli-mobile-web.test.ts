import { afterEach, describe, expect, it } from 'vitest';
import { WEB_PROFILE_SCENARIOS } from '../../src/operations/mobile-web/scenarios.js';
import { request } from '../support/http.js';
import { usePartner } from '../support/partner.js';
import { type CliProcess, runTsCli } from '../support/spawn-cli.js';

const partner = usePartner();
const running: CliProcess[] = [];
afterEach(() => {
  for (const cli of running.splice(0)) if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
});

describe('npm run mock, for mobile websites', () => {
  it('prints every built-in web token and the curl line that completes a sign-in, which works as printed', async () => {
    const cli = runTsCli('mock/cli/mock-cli.ts', [
      '--port',
      '0',
      '--quiet',
      '--allow-callback-host',
      'partner.test',
    ]);
    running.push(cli);
    const [, url = '', body = ''] = await cli.waitForOutput(
      /curl -X POST (http:\/\/\S+\/__admin\/webSignIns) -H 'content-type: application\/json' -d '(.+)'\n/,
    );
    for (const scenario of WEB_PROFILE_SCENARIOS)
      expect(cli.stdout()).toMatch(new RegExp(`^\\s+${scenario.token}\\s+${scenario.status}\\s`, 'm'));
    // The printed body with the test partner's callback in place of the placeholder.
    const input = { ...(JSON.parse(body) as object), callbackUrl: `${partner.url}/cb` };
    const response = await request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    expect(response.status).toBe(200);
    expect(partner.received.map(({ body: sent }) => (sent as { status?: string }).status)).toEqual([
      'flow_invoked',
      undefined,
    ]);
  });

  it('refuses a --allow-callback-host that is not a host, naming the flag', async () => {
    const cli = runTsCli('mock/cli/mock-cli.ts', [
      '--port',
      '0',
      '--allow-callback-host',
      'https://partner.test',
    ]);
    running.push(cli);
    expect(await cli.exited).not.toBe(0);
    expect(cli.stderr()).toContain('--allow-callback-host');
    expect(cli.stderr()).not.toMatch(/\n\s+at /);
  });
});
