import { execFile } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { findPersona } from '../../fixtures/personas.js';
import { createProfile, createProfiles } from '../../fixtures/profile-factory.js';
import { DEFAULT_PERSONA } from '../../src/user-info.js';
import {
  INSTALL_TIMEOUT_MS,
  TOOL_TIMEOUT_MS,
  npmInstall,
  packedTarball,
  SCRATCH_ENV,
  scratchProject,
  warmNodeModules,
} from '../support/packed-package.js';

const run = promisify(execFile);
const env = SCRATCH_ENV;

// What a user's project runs, in plain Node ESM: no tsx, no TypeScript, only the package's exports.
const CHECK = `
import { createProfile, PERSONAS } from 'truecaller-oauth-kit/fixtures';
import { createMockServer } from 'truecaller-oauth-kit/mock';
import { getResponseValidator } from 'truecaller-oauth-kit';

const mock = createMockServer({ port: 0, log: null });
const base = await mock.start();
try {
  const response = await fetch(base + '/v1/userinfo', { headers: { authorization: 'Bearer valid' } });
  const profile = createProfile({ seed: 7, country: 'NG' });
  console.log(JSON.stringify({
    status: response.status,
    body: await response.json(),
    personas: PERSONAS.map((persona) => persona.id),
    profile,
    problems: getResponseValidator().validateSchema('UserInfo', profile),
  }));
} finally {
  await mock.close();
}
`;

// The dashboard and the API reference from the installed package's own files (no build step, no CDN).
const PAGES_CHECK = `
import { createMockServer } from 'truecaller-oauth-kit/mock';

const mock = createMockServer({ port: 0, log: null });
const base = await mock.start();
try {
  const paths = ['/__admin/ui', '/__admin/docs', '/__admin/ui/dashboard.js', '/__admin/ui/redoc.standalone.js', '/openapi.json'];
  const statuses = [];
  for (const path of paths) statuses.push([path, (await fetch(base + path)).status]);
  console.log(JSON.stringify(statuses));
} finally {
  await mock.close();
}
`;

let project: string;

beforeAll(async () => {
  const tarball = await packedTarball();
  project = await scratchProject('pack-check', { type: 'module' });
  await warmNodeModules(project);
  await npmInstall(project, [tarball]);
  writeFileSync(join(project, 'check.mjs'), CHECK);
  writeFileSync(join(project, 'pages.mjs'), PAGES_CHECK);
}, INSTALL_TIMEOUT_MS);

describe('the packed package, installed in a scratch project', { timeout: TOOL_TIMEOUT_MS }, () => {
  it('imports the fixtures and starts the mock in plain Node ESM', async () => {
    const { stdout } = await run(process.execPath, ['check.mjs'], { cwd: project, env });
    const result = JSON.parse(stdout) as {
      status: number;
      body: unknown;
      personas: string[];
      profile: unknown;
      problems: string[];
    };
    expect(result.status).toBe(200);
    expect(result.body).toEqual(findPersona(DEFAULT_PERSONA)?.claims);
    expect(result.personas).toContain(DEFAULT_PERSONA);
    expect(result.profile).toEqual(createProfile({ seed: 7, country: 'NG' }));
    expect(result.problems).toEqual([]);
  });

  it('serves the dashboard, the API reference and the document from its own files', async () => {
    const { stdout } = await run(process.execPath, ['pages.mjs'], { cwd: project, env });
    const statuses = JSON.parse(stdout) as [string, number][];
    expect(statuses.map(([, status]) => status)).toEqual(statuses.map(() => 200));
  });

  it('runs the bin without tsx: fixtures --count 3 writes the same profiles as the source', async () => {
    const bin = join(project, 'node_modules/.bin/truecaller-oauth-kit');
    const { stdout } = await run(bin, ['fixtures', '--count', '3', '--seed', '7'], { cwd: project, env });
    expect(JSON.parse(stdout)).toEqual([...createProfiles({ seed: 7, count: 3 })]);
  });

  it('ships dist/ without the build’s own bookkeeping: no source maps, no inputs digest', () => {
    const dist = join(project, 'node_modules/truecaller-oauth-kit/dist');
    const names = readdirSync(dist, { recursive: true, encoding: 'utf8' });
    expect(names).toContain(join('mock', 'index.js'));
    expect(names.filter((name) => name.endsWith('.map') || name.endsWith('.build-inputs'))).toEqual([]);
  });

  it('runs the bin with --help, listing the fixtures command', async () => {
    const bin = join(project, 'node_modules/.bin/truecaller-oauth-kit');
    const { stdout } = await run(bin, ['--help'], { cwd: project, env });
    expect(stdout).toMatch(/^\s+fixtures\s/m);
    expect(stdout).toMatch(/^\s+mock\s/m);
  });
});
