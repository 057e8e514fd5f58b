import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runBuiltBin } from '../support/packed-package.js';
import { ROOT, runTsCli } from '../support/spawn-cli.js';

// Every message a user mistake gets, from the bin as a user runs it: one line naming what is wrong and
// what to do, no stack trace, and the same exit code for the same kind of mistake in every command
// (2 for the command line itself, 1 for what is found while running).
const TEAM_PACT = 'test/contracts/pacts/checkout-app-truecaller-oauth-api.json';
const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };

const scratch = mkdtempSync(join(tmpdir(), 'kit-cli-messages-'));
const folder = join(scratch, 'a-folder');
mkdirSync(folder);
const missingFolder = join(scratch, 'no-such-folder');
let closedPort = 0;

beforeAll(async () => {
  // A port nothing listens on: taken from the system, then given back.
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closedPort = (server.address() as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the bin; resolves with its exit code and what it printed. */
async function bin(
  args: readonly string[],
): Promise<{ code: number | string; stdout: string; stderr: string }> {
  const cli = await runBuiltBin(args);
  const code = await cli.exited;
  return { code, stdout: cli.stdout(), stderr: cli.stderr() };
}

describe.concurrent('truecaller-oauth-kit, given a mistake, prints one line and exits', () => {
  it.each<[string, () => string[], number, RegExp]>([
    [
      'a negative --count (fixtures)',
      () => ['fixtures', '--count', '-1'],
      2,
      /^--count must be a whole number from 0, got "-1"\. Run "truecaller-oauth-kit fixtures --help" for the options\.$/,
    ],
    [
      'a misspelt flag of probe',
      () => ['probe', '--tokn', 'x'],
      2,
      /^Unknown option --tokn \(did you mean --token\?\)\. Run "truecaller-oauth-kit probe --help" for the options\.$/,
    ],
    [
      'a --timeout of probe that is not a number',
      () => ['probe', '--timeout', 'abc'],
      2,
      /^--timeout must be a whole number of milliseconds from 1 to 300000, got "abc"\. Run "truecaller-oauth-kit probe --help" for the options\.$/,
    ],
    [
      'a --code of probe without --verifier and --client-id',
      () => ['probe', '--code', 'abc'],
      2,
      /^The code exchange needs --code, --verifier and --client-id; missing --verifier, --client-id\. Run "truecaller-oauth-kit probe --help" for the options\.$/,
    ],
    [
      'a negative --port (mock)',
      () => ['mock', '--port', '-1'],
      2,
      /^--port must be a whole number from 0 to 65535 \(0 picks a free one\), got "-1"\. Run "truecaller-oauth-kit mock --help"/,
    ],
    [
      'a negative --journal-size (mock)',
      () => ['mock', '--journal-size', '-5'],
      2,
      /^--journal-size must be a whole number from 0 to 100000, got "-5"\./,
    ],
    [
      'a --journal-size past the largest the journal keeps (mock)',
      () => ['mock', '--journal-size', '200000'],
      2,
      /^--journal-size must be a whole number from 0 to 100000, got "200000"\. Run "truecaller-oauth-kit mock --help"/,
    ],
    [
      'an empty --admin-token (mock)',
      () => ['mock', '--admin-token='],
      2,
      /^--admin-token needs a secret\. Run "truecaller-oauth-kit mock --help"/,
    ],
    [
      'a flag without its value',
      () => ['fixtures', '--count'],
      2,
      /^--count needs a value\. Run "truecaller-oauth-kit fixtures --help"/,
    ],
    [
      'an unknown flag (mock)',
      () => ['mock', '--prot', '0'],
      2,
      /^Unknown option --prot \(did you mean --port\?\)\./,
    ],
    [
      'an unknown flag (fixtures)',
      () => ['fixtures', '--seeds', '1'],
      2,
      /^Unknown option --seeds \(did you mean --seed\?\)\./,
    ],
    [
      'an unknown flag (verify)',
      () => ['verify', '--quite', TEAM_PACT],
      2,
      /^Unknown option --quite \(did you mean --quiet\?\)\./,
    ],
    [
      'an unknown command',
      () => ['mokc'],
      2,
      /^Unknown command "mokc" \(did you mean mock\?\); the commands are mock, fixtures, verify/,
    ],
    [
      'an argument the mock does not take',
      () => ['mock', '4010'],
      2,
      /^Unexpected argument "4010"\. Run "truecaller-oauth-kit mock --help"/,
    ],
    [
      'an unknown report format',
      () => ['verify', '--format', 'yaml', TEAM_PACT],
      2,
      /^--format must be one of text, json, junit, got "yaml"\./,
    ],
    ['verify without a pact', () => ['verify'], 2, /^Give at least one pact file or URL\./],
    [
      '--db in a folder that does not exist',
      () => ['mock', '--port', '0', '--db', join(missingFolder, 'store.json')],
      1,
      /^The folder of the --db file .*no-such-folder\/store\.json does not exist \(.*no-such-folder\): create it first \(mkdir -p .*no-such-folder\) or give another path\.$/,
    ],
    [
      '--db naming a folder',
      () => ['mock', '--port', '0', '--db', folder],
      1,
      /^Cannot read the --db file .*a-folder: it is a folder, not a file\. Give --db the path of a JSON file/,
    ],
    [
      '--config naming a folder (mock)',
      () => ['mock', '--port', '0', '--config', folder],
      1,
      /^Cannot read the config file .*a-folder: it is a folder, not a file\. Give the path of a JSON file\.$/,
    ],
    [
      '--config naming a folder (verify)',
      () => ['verify', '--config', folder, TEAM_PACT],
      1,
      /^Cannot read the config file .*a-folder: it is a folder, not a file\. Give the path of a JSON file\.$/,
    ],
    [
      '--config naming a missing file (mock)',
      () => ['mock', '--port', '0', '--config', 'missing.json'],
      1,
      /^Cannot read the config file missing\.json: no such file or folder\./,
    ],
    [
      '--config naming a missing file (verify)',
      () => ['verify', '--config', 'missing.json', TEAM_PACT],
      1,
      /^Cannot read the config file missing\.json: no such file or folder\./,
    ],
    [
      'a pact URL nothing answers at',
      () => ['verify', `http://127.0.0.1:${closedPort}/pacts/app.json`],
      1,
      /^Cannot read the pact http:\/\/127\.0\.0\.1:\d+\/pacts\/app\.json: the connection was refused \(nothing listens there\); check the URL and that the server is up\.$/,
    ],
    [
      'a --ready-file in a folder that does not exist',
      () => ['mock', '--port', '0', '--ready-file', join(missingFolder, 'url')],
      1,
      /^Cannot use --ready-file .*no-such-folder\/url: the folder .*no-such-folder does not exist\. Create it or choose another path\.$/,
    ],
    [
      'a --ready-file naming a folder',
      () => ['mock', '--port', '0', '--ready-file', folder],
      1,
      /^Cannot use --ready-file .*a-folder: it is a folder\. Give the path of a file to write\.$/,
    ],
  ])('%s', async (_, args, code, message) => {
    const result = await bin(args());
    expect(result.code).toBe(code);
    expect(result.stderr.trimEnd().split('\n')).toEqual([expect.stringMatching(message)]);
    expect(result.stdout).toBe('');
  });
});

describe.concurrent('truecaller-oauth-kit, asked about itself', () => {
  it.each([
    [['--version']],
    [['mock', '--version']],
    [['fixtures', '--version']],
    [['verify', '--version']],
    [['-v']],
    [['mock', '-v']],
    [['probe', '--version']],
  ])('prints the version of package.json for %j', async (args) => {
    const result = await bin(args);
    expect(result).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
  });

  it.each([
    ['mock', 'Usage: truecaller-oauth-kit mock [options]'],
    ['fixtures', 'Usage: truecaller-oauth-kit fixtures [options]'],
    ['verify', 'Usage: truecaller-oauth-kit verify [options] <pact file or URL>...'],
    ['probe', 'Usage: truecaller-oauth-kit probe [options]'],
  ])('names the command as run in the usage of %s', async (command, first) => {
    const result = await bin([command, '--help']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(first);
    // -h after a command, as before one
    expect(await bin([command, '-h'])).toEqual(result);
  });

  it('points at the mock’s own --help when flags come first (the mock runs by default)', async () => {
    const result = await bin(['--port', 'x']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Run "truecaller-oauth-kit mock --help" for the options.');
  });

  it.each([
    ['mock/cli/mock-cli.ts', 'Usage: npm run mock -- [options]'],
    ['fixtures/cli.ts', 'Usage: npm run fixtures -- [options]'],
  ])('names npm run when %s runs as the npm script', async (script, first) => {
    const cli = runTsCli(script, ['--help']);
    expect(await cli.exited).toBe(0);
    expect(cli.stdout().split('\n')[0]).toBe(first);
  });
});
