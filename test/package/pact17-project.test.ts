import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { readmeExample } from '../support/readme.js';
import {
  INSTALL_TIMEOUT_MS,
  TOOL_TIMEOUT_MS,
  installedCopies,
  npmInstall,
  packedTarball,
  SCRATCH_ENV,
  scratchProject,
  warmNodeModules,
} from '../support/packed-package.js';

const run = promisify(execFile);

// Pact 17 is inside the peer range. It declares Node 22, so on Node 20 npm warns EBADENGINE about Pact
// itself; the kit's part (builders, the form body of POST /v1/token, verify) is what is checked here.
const TOKEN_TEST = `import { PactV4 } from '@pact-foundation/pact';
import { createPkcePair, exchangeCode } from 'truecaller-oauth-kit';
import { PACT_PROVIDER, tokenExchangeInteraction } from 'truecaller-oauth-kit/contracts';
import { expect, it } from 'vitest';

const pact = new PactV4({ consumer: 'checkout-backend', provider: PACT_PROVIDER, dir: 'pacts' });

it('exchanges a code for a token', async () => {
  const { codeVerifier } = createPkcePair();
  await tokenExchangeInteraction(pact, 'issued', { scopes: 'openid phone' }).executeTest(async (mock) => {
    const result = await exchangeCode({ baseUrl: mock.url, code: 'checkout-code', codeVerifier });
    expect(typeof result.access_token).toBe('string');
  });
});
`;

let project: string;

beforeAll(async () => {
  project = await scratchProject('pact17', { type: 'module' });
  const install = readmeExample('consumer-install').split('\n')[1] ?? '';
  expect(install).toContain('@pact-foundation/pact@^16.5.0');
  const packages = install
    .split(/\s+/)
    .slice(3)
    .map((name) => (name.startsWith('@pact-foundation/pact@') ? '@pact-foundation/pact@^17' : name));
  await warmNodeModules(project);
  await npmInstall(project, [
    '--save-dev',
    ...packages.filter((name) => name !== 'truecaller-oauth-kit'),
    await packedTarball(),
  ]);
}, INSTALL_TIMEOUT_MS);

describe('a consumer project on Pact 17', { timeout: TOOL_TIMEOUT_MS }, () => {
  it('has Pact 17 alone: no other Pact nested in the kit', async () => {
    const copies = await installedCopies(project, '@pact-foundation/pact');
    expect(copies).toEqual([join(project, 'node_modules/@pact-foundation/pact')]);
    const { version } = JSON.parse(readFileSync(join(copies[0] ?? '', 'package.json'), 'utf8')) as {
      version: string;
    };
    expect(version).toMatch(/^17\./);
  });

  it('runs the README worked example and a token exchange, and verifies both pacts', async () => {
    writeFileSync(join(project, 'userinfo.pact.test.js'), readmeExample('consumer-test'));
    writeFileSync(join(project, 'token.pact.test.js'), TOKEN_TEST);
    await run(join(project, 'node_modules/.bin/vitest'), ['run'], { cwd: project, env: SCRATCH_ENV });
    const pacts = [
      'pacts/checkout-app-truecaller-oauth-api.json',
      'pacts/checkout-backend-truecaller-oauth-api.json',
    ];
    const interactions = pacts.map(
      (file) =>
        (JSON.parse(readFileSync(join(project, file), 'utf8')) as { interactions: unknown[] }).interactions
          .length,
    );
    expect(interactions).toEqual([2, 1]);
    const { stdout } = await run(
      join(project, 'node_modules/.bin/truecaller-oauth-kit'),
      ['verify', '--quiet', ...pacts],
      {
        cwd: project,
        env: SCRATCH_ENV,
      },
    );
    expect(stdout).toBe('All 3 interactions verified against the mock and openapi.yaml.\n');
  });
});
