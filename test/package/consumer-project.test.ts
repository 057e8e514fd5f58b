import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { readmeExample, readmeSection } from '../support/readme.js';
import {
  INSTALL_TIMEOUT_MS,
  TOOL_TIMEOUT_MS,
  installedCopies,
  npm,
  packedTarball,
  SCRATCH_ENV,
  scratchFolder,
  warmNodeModules,
} from '../support/packed-package.js';

const run = promisify(execFile);

// A client team's project made as the README's worked example says, with the packed kit in place of the
// registry's: the README's commands run as written, `truecaller-oauth-kit` swapped for the tarball.
let project: string;
const PACT_FILE = 'pacts/checkout-app-truecaller-oauth-api.json';

/**
 * Runs the README's shell block `name` in the project, line by line, `cmd && cmd` in order. Before the
 * first install the project gets a copy of the run's shared node_modules, which that install makes what
 * the README's commands ask, and no more.
 */
async function runReadmeCommands(name: string, tarball: string): Promise<void> {
  for (const line of readmeExample(name).split('\n')) {
    for (const command of line.split(' && ').map((part) => part.trim())) {
      if (command === '') continue;
      const [program, ...args] = command.split(/\s+/);
      if (program !== 'npm')
        throw new Error(`README ${name}: only npm commands are expected, got ${command}`);
      const swapped = args.map((arg) => (arg === 'truecaller-oauth-kit' ? tarball : arg));
      if (swapped[0] === 'install') swapped.push('--no-audit', '--no-fund', '--prefer-offline');
      if (swapped[0] === 'install' && !existsSync(join(project, 'node_modules')))
        await warmNodeModules(project);
      await npm(project, swapped);
    }
  }
}

function interactionsOfWrittenPact(): string[] {
  const pact = JSON.parse(readFileSync(join(project, PACT_FILE), 'utf8')) as {
    interactions: { description: string }[];
  };
  return pact.interactions.map((interaction) => interaction.description);
}

beforeAll(async () => {
  const tarball = await packedTarball();
  project = await scratchFolder('consumer');
  await runReadmeCommands('consumer-install', tarball);
  await runReadmeCommands('jest-install', tarball);
  // For the CommonJS TypeScript check below; a team has these already.
  await npm(project, [
    'install',
    '--no-audit',
    '--no-fund',
    '--prefer-offline',
    '--save-dev',
    'typescript@^5',
    '@types/node@^20',
  ]);
}, INSTALL_TIMEOUT_MS);

describe(
  'the README worked example in a fresh project, with the packed kit',
  { timeout: TOOL_TIMEOUT_MS },
  () => {
    it('uses the project’s own Pact: npm ls finds one, none nested in the kit', async () => {
      const copies = await installedCopies(project, '@pact-foundation/pact');
      expect(copies).toEqual([join(project, 'node_modules/@pact-foundation/pact')]);
    });

    it('passes under vitest and writes the pact', async () => {
      writeFileSync(join(project, 'userinfo.pact.test.js'), readmeExample('consumer-test'));
      await run(join(project, 'node_modules/.bin/vitest'), ['run', 'userinfo.pact.test.js'], {
        cwd: project,
        env: SCRATCH_ENV,
      });
      expect(interactionsOfWrittenPact()).toHaveLength(2);
    });

    it('verifies the pact it wrote with npx truecaller-oauth-kit verify, printing the README’s lines and warnings', async () => {
      const bin = join(project, 'node_modules/.bin/truecaller-oauth-kit');
      const printed = /```text\n([\s\S]*?)```/.exec(readmeSection('## Worked example'))?.[1] ?? '';
      expect(printed).toContain('checkout-app -> truecaller-oauth-api');
      const { stdout } = await run(bin, ['verify', PACT_FILE], { cwd: project, env: SCRATCH_ENV });
      expect(stdout).toContain(printed.trim());
      const quiet = await run(bin, ['verify', '--quiet', PACT_FILE], { cwd: project, env: SCRATCH_ENV });
      expect(quiet.stdout.split('\n')[0]).toBe(
        'All 2 interactions verified against the mock and openapi.yaml.',
      );
    });

    it('passes under Jest 30 with the README’s jest.config.js and test script, and writes the same pact', async () => {
      rmSync(join(project, 'pacts'), { recursive: true, force: true });
      const vitestImport = "import { describe, expect, it } from 'vitest';";
      const example = readmeExample('consumer-test');
      expect(example).toContain(vitestImport);
      writeFileSync(
        join(project, 'userinfo.jest.test.js'),
        example.replace(vitestImport, "import { describe, expect, it } from '@jest/globals';"),
      );
      writeFileSync(join(project, 'jest.config.js'), readmeExample('jest-config'));
      const manifest = JSON.parse(readFileSync(join(project, 'package.json'), 'utf8')) as {
        scripts?: object;
      };
      const { scripts } = JSON.parse(readmeExample('jest-script')) as { scripts: object };
      writeFileSync(
        join(project, 'package.json'),
        JSON.stringify({ ...manifest, scripts: { ...manifest.scripts, ...scripts } }, null, 2),
      );
      await npm(project, ['test', '--', 'userinfo.jest.test.js']);
      expect(interactionsOfWrittenPact()).toHaveLength(2);
    });
  },
);

describe(
  'a CommonJS TypeScript project using every entry point of the packed kit',
  { timeout: TOOL_TIMEOUT_MS },
  () => {
    const CHECK = `import { createPkcePair, getUserInfo, KitError } from 'truecaller-oauth-kit';
import { createMockServer } from 'truecaller-oauth-kit/mock';
import { createProfile, type CountryCode } from 'truecaller-oauth-kit/fixtures';
import { PROVIDER_STATES, userInfoInteraction, verifyPacts } from 'truecaller-oauth-kit/contracts';

async function main(): Promise<void> {
  const mock = createMockServer({ port: 0, log: null });
  const baseUrl: string = await mock.start();
  try {
    const profile = await getUserInfo('valid', { baseUrl });
    const country: CountryCode = 'IN';
    console.log(
      JSON.stringify({
        sub: profile.sub,
        country: createProfile({ seed: 7, country }).phone_number_country_code,
        verifier: createPkcePair().codeVerifier.length,
        state: PROVIDER_STATES.valid,
        exports: [typeof KitError, typeof userInfoInteraction, typeof verifyPacts],
      }),
    );
  } finally {
    await mock.close();
  }
}

void main();
`;

    const MODULES = [
      ['nodenext', 'nodenext'],
      ['node16', 'node16'],
      ['commonjs', 'node10'],
    ] as const;
    // tsc's output for each module setting. One `tsc --build` of the three projects: one process reads
    // the kit's, Pact's and Node's declarations once for all three (two thirds of the time of three).
    let outputOf: Map<string, string>;

    beforeAll(async () => {
      const folder = join(project, 'cjs');
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, 'package.json'), JSON.stringify({ type: 'commonjs' }));
      writeFileSync(join(folder, 'check.ts'), CHECK);
      for (const [module, moduleResolution] of MODULES) {
        writeFileSync(
          join(folder, `tsconfig.${module}.json`),
          JSON.stringify({
            compilerOptions: {
              module,
              moduleResolution,
              target: 'es2022',
              strict: true,
              skipLibCheck: false,
              types: ['node'],
              outDir: `out-${module}`,
            },
            files: ['check.ts'],
          }),
        );
      }
      const tsc = join(project, 'node_modules/typescript/bin/tsc');
      const projects = MODULES.map(([module]) => `cjs/tsconfig.${module}.json`);
      const output = await run(process.execPath, [tsc, '--build', '--verbose', ...projects], {
        cwd: project,
        env: SCRATCH_ENV,
      }).then(
        ({ stdout }) => stdout,
        (error: Error & { stdout?: string }) => error.stdout ?? error.message,
      );
      // --verbose heads each project's diagnostics with "Building project '<path>'...".
      outputOf = new Map(
        output
          .split(/^.*Building project '/m)
          .slice(1)
          .map((section) => [/tsconfig\.(\w+)\.json'/.exec(section)?.[1] ?? '', section]),
      );
    }, TOOL_TIMEOUT_MS);

    it.each(MODULES)('type-checks with module %s (strict, no skipLibCheck)', async (module) => {
      const output = outputOf.get(module);
      expect(output, `tsc --build did not build tsconfig.${module}.json`).toBeDefined();
      // Pact 16.5's own declarations fail a strict check without @types/express, with the kit or without
      // it; everything else, the kit's declarations and this file, type-checks.
      const errors = (output ?? '').split('\n').filter((line) => /error TS\d+/.test(line));
      expect(errors.filter((line) => !line.startsWith('node_modules/@pact-foundation/'))).toEqual([]);
      // What tsc made is CommonJS: require() of the kit's ES modules, as Node 20.19+ allows.
      const built = join(project, 'cjs', `out-${module}`, 'check.js');
      expect(readFileSync(built, 'utf8')).toContain('require("truecaller-oauth-kit/mock")');
      const { stdout } = await run(process.execPath, [built], { cwd: project, env: SCRATCH_ENV });
      expect(JSON.parse(stdout)).toEqual({
        sub: expect.stringMatching(/^\d{17}$/) as string,
        country: 'IN',
        verifier: 86,
        state: 'a valid access token with all scopes',
        exports: ['function', 'function', 'function'],
      });
    });
  },
);
