import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  INSTALL_TIMEOUT_MS,
  npmInstall,
  packedTarball,
  SCRATCH_ENV,
  scratchProject,
  TOOL_TIMEOUT_MS,
  warmNodeModules,
} from '../support/packed-package.js';
import { readmeExample, readmeExampleNames } from '../support/readme.js';

const run = promisify(execFile);

// The test files of every README (README_FILES: the front page, mock/, contracts/, fixtures/; marked
// `<!-- test: <name>.test.ts -->`), as a team's own tests: in a fresh project with the packed kit and what
// the examples import beside it (the other marked blocks, the worked example among them, run in their own
// scratch projects: consumer-project, mock-only-install, ...).
const TEST_FILES = readmeExampleNames().filter((name) => /\.test\.[jt]s$/.test(name));
let project: string;

beforeAll(async () => {
  project = await scratchProject('readme-examples', { type: 'module' });
  for (const name of TEST_FILES) writeFileSync(join(project, name), readmeExample(name));
  await warmNodeModules(project);
  await npmInstall(project, [
    await packedTarball(),
    'vitest@^4',
    'msw@^2',
    'axios@^1',
    'oauth4webapi@^3',
    '@pact-foundation/pact@^16.5.0',
    '@pactflow/openapi-pact-comparator@^1.7.0',
  ]);
}, INSTALL_TIMEOUT_MS);

describe('the READMEs’ test files, in a project with the packed kit', { timeout: TOOL_TIMEOUT_MS }, () => {
  it('finds them', () => {
    expect(TEST_FILES).toEqual(
      expect.arrayContaining([
        'msw-backend.test.ts',
        'oauth4webapi-custom-fetch.test.ts',
        'parallel-tokens.test.ts',
        'both-kinds-of-user.test.ts',
        'mock-server.test.ts',
        'mock-fetch.test.ts',
        'msw-handlers.test.ts',
        'token.pact.test.js',
        'phone-number.pact.test.js',
        'signed-profile.pact.test.js',
        'signed-profile-backend.test.ts',
        'personas.test.ts',
        'factory.test.ts',
        'admin-client.test.ts',
      ]),
    );
  });

  it('pass, every test of every file, as written', async () => {
    // The report goes to a file: a failing example's own output would be mixed into stdout.
    const reportFile = join(project, 'report.json');
    await run(
      join(project, 'node_modules/.bin/vitest'),
      ['run', '--reporter=json', `--outputFile=${reportFile}`],
      { cwd: project, env: SCRATCH_ENV, maxBuffer: 64 << 20 },
    ).catch((error: { stdout?: string; stderr?: string }) => {
      throw new Error(`the README examples failed:\n${error.stdout ?? ''}\n${error.stderr ?? ''}`);
    });
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
      numFailedTests: number;
      testResults: { name: string; assertionResults: { status: string }[] }[];
    };
    expect(report.numFailedTests).toBe(0);
    for (const name of TEST_FILES) {
      const result = report.testResults.find((entry) => entry.name.endsWith(`/${name}`));
      expect(result?.assertionResults.length, `${name} ran no test`).toBeGreaterThan(0);
      expect(result?.assertionResults.every((test) => test.status === 'passed')).toBe(true);
    }
  });
});
