import { afterEach, describe, expect, it } from 'vitest';
import { PHONE_NUMBER_SCENARIOS } from '../../src/operations/phone-number/scenarios.js';
import { request } from '../support/http.js';
import { type CliProcess, runTsCli } from '../support/spawn-cli.js';

const running: CliProcess[] = [];
afterEach(() => {
  for (const cli of running.splice(0)) if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
});

describe('npm run mock, for users without the Truecaller app', () => {
  it('prints every built-in phone-number token with its status, and a curl line that validates one', async () => {
    const cli = runTsCli('mock/cli/mock-cli.ts', ['--port', '0', '--quiet']);
    running.push(cli);
    const [, header, url] = await cli.waitForOutput(
      /curl -H '(clientId: \S+)' (http:\/\/\S+phoneNumberDetail\/\S+)/,
    );
    for (const scenario of PHONE_NUMBER_SCENARIOS)
      expect(cli.stdout()).toMatch(new RegExp(`^\\s+${scenario.token}\\s+${scenario.status}\\s`, 'm'));
    const [name = '', value = ''] = (header ?? '').split(': ');
    const response = await request(url ?? '', { headers: { [name]: value } });
    expect(response.status).toBe(200);
    expect(response.json).toMatchObject({ countryCode: 'IN' });
  });
});
