import { afterEach, describe, expect, it } from 'vitest';
import { verifySignedProfile } from '../../src/operations/signed-profile/client.js';
import type { SignedProfile } from '../../src/operations/signed-profile/wire-types.js';
import { openApiProblems, request } from '../support/http.js';
import { type CliProcess, runTsCli } from '../support/spawn-cli.js';

const running: CliProcess[] = [];
afterEach(() => {
  for (const cli of running.splice(0)) if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
});

describe('npm run mock, for signed profiles', () => {
  it('prints the served TEST key and a curl line whose signed profile verifies against /v1/key', async () => {
    const cli = runTsCli('mock/cli/mock-cli.ts', ['--port', '0', '--quiet']);
    running.push(cli);
    const [, body, url] = await cli.waitForOutput(
      /curl -X POST -H 'content-type: application\/json' -d '(\{.*\})' (http:\/\/\S+\/__admin\/signedProfiles)/,
    );
    expect(cli.stdout()).toMatch(/TEST keys, not Truecaller's/);
    expect(cli.stdout()).toMatch(/^\s+kit-test-key\s+yes\s+yes$/m);
    const response = await request(url ?? '', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: body ?? '',
    });
    expect(openApiProblems('/__admin/signedProfiles', 'post', response)).toEqual([]);
    const { requestNonce } = JSON.parse(body ?? '{}') as { requestNonce: string };
    const keysUrl = (url ?? '').replace('/__admin/signedProfiles', '/v1/key');
    await expect(
      verifySignedProfile(response.json as SignedProfile, { expectedNonce: requestNonce, keysUrl }),
    ).resolves.toMatchObject({ requestNonce });
  });
});
