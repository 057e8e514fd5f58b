import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PROVIDER_STATES } from '../../../contracts/operations/userinfo/index.js';
import { PACT_PROVIDER } from '../../../contracts/pact/provider-state.js';
import { runVerifyCli } from '../../../contracts/verify/verify-cli.js';
import { type VerificationReport, verifyPacts } from '../../../contracts/verify/verify-pacts.js';
import { builtPackage, runBuiltBin } from '../../support/packed-package.js';
import { ROOT } from '../../support/spawn-cli.js';
import { kitErrorOf } from '../../support/errors.js';

// Written by hand as a client team would: its own consumer name and token string, the documented states.
const TEAM_PACT = 'test/contracts/pacts/checkout-app-truecaller-oauth-api.json';
const teamPact = JSON.parse(readFileSync(TEAM_PACT, 'utf8')) as {
  provider: { name: string };
  interactions: {
    description: string;
    providerStates: { name: string; params?: unknown }[];
    response: { status: number; body: Record<string, unknown> };
  }[];
};
const scratch = mkdtempSync(join(tmpdir(), 'kit-verify-test-'));

/** The team's pact with one change, written to a file of its own. */
function alteredPact(name: string, change: (pact: typeof teamPact) => void): string {
  const copy = structuredClone(teamPact);
  change(copy);
  const file = join(scratch, `${name}.json`);
  writeFileSync(file, JSON.stringify(copy));
  return file;
}

describe('npx truecaller-oauth-kit verify', () => {
  it('verifies a client team’s hand-written pact and prints a line per interaction', async () => {
    const cli = await runBuiltBin(['verify', TEAM_PACT]);
    expect(await cli.exited).toBe(0);
    for (const interaction of teamPact.interactions) {
      expect(cli.stdout()).toContain(`PASS  ${interaction.description}`);
    }
    expect(cli.stdout()).toContain(`All ${teamPact.interactions.length} interactions verified`);
  });
});

describe('runVerifyCli', () => {
  let errors: string[];
  beforeAll(() => {
    errors = [];
  });
  afterEach(() => {
    vi.restoreAllMocks();
    errors = [];
  });
  const captureErrors = (): void => {
    vi.spyOn(console, 'error').mockImplementation((line: string) => void errors.push(line));
  };

  it('exits 1 naming the unknown provider state and the known ones', async () => {
    captureErrors();
    const file = alteredPact('unknown-state', (pact) => {
      pact.interactions[0]!.providerStates = [{ name: 'a token that is pretty valid' }];
    });
    expect(await runVerifyCli([file])).toBe(1);
    expect(errors.join('\n')).toContain('unknown provider state "a token that is pretty valid"');
    expect(errors.join('\n')).toContain(`"${PROVIDER_STATES.valid}"`);
  });

  it('exits 1 naming a pact file it cannot read', async () => {
    captureErrors();
    const missing = join(scratch, 'no-such-pact.json');
    expect(await runVerifyCli([missing])).toBe(1);
    expect(errors.join('\n')).toContain(`Cannot read the pact ${missing}`);
  });

  it('exits 1 for a file that is not JSON', async () => {
    captureErrors();
    const file = join(scratch, 'broken.json');
    writeFileSync(file, '{ "consumer": ');
    expect(await runVerifyCli([file])).toBe(1);
    expect(errors.join('\n')).toContain(`The pact ${file} is not JSON`);
  });

  it('exits 1 for a pact of another provider, naming the provider it expects', async () => {
    captureErrors();
    const file = alteredPact('other-provider', (pact) => {
      pact.provider.name = 'payments-api';
    });
    expect(await runVerifyCli([file])).toBe(1);
    expect(errors.join('\n')).toContain(
      `is for provider "payments-api"; the kit verifies pacts for "${PACT_PROVIDER}"`,
    );
  });

  it('exits 2 without pacts, and 0 with --help', async () => {
    captureErrors();
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(await runVerifyCli([])).toBe(2);
    expect(await runVerifyCli(['--help'])).toBe(0);
  });
});

describe('verify, given a pact that checks nothing or cannot be replayed', () => {
  const empty = alteredPact('no-interactions', (pact) => {
    pact.interactions = [];
  });
  const emptyProblem = `${empty}: the pact has no interactions, so it checks nothing. Run the consumer tests that write them, or leave the file out.`;
  const unknownState = alteredPact('unknown-state-junit', (pact) => {
    pact.interactions[0]!.providerStates = [{ name: 'a token that is pretty valid' }];
  });
  afterEach(() => vi.restoreAllMocks());

  /** Runs `runVerifyCli` with `args`, capturing what it prints. */
  async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
    vi.spyOn(console, 'error').mockImplementation((line: string) => void err.push(line));
    const code = await runVerifyCli(args);
    vi.restoreAllMocks();
    return { code, out: out.join('\n'), err: err.join('\n') };
  }

  it('fails a pact with no interactions, naming the file, and exits 1', async () => {
    expect(await run([empty])).toEqual({ code: 1, out: '', err: `Cannot verify:\n  ${emptyProblem}` });
    const error = await kitErrorOf(verifyPacts({ pacts: [empty] }));
    expect(error.code).toBe('ERR_PACT_INVALID');
  });

  it('writes the error as a failed test case with --format junit, and the message to stderr', async () => {
    expect(await run(['--format', 'junit', empty])).toEqual({
      code: 1,
      out: [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="truecaller-oauth-kit verify" tests="1" failures="1">',
        '  <testsuite name="truecaller-oauth-kit verify" tests="1" failures="1">',
        `    <testcase classname="truecaller-oauth-kit verify" name="verify ${empty}">`,
        `      <failure message="Cannot verify: ${emptyProblem}">Cannot verify:\n  ${emptyProblem}</failure>`,
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
      ].join('\n'),
      err: `Cannot verify:\n  ${emptyProblem}`,
    });
  });

  it('writes a JUnit report naming an unknown provider state from the bin, so > pacts.xml is never empty', async () => {
    const cli = await runBuiltBin(['verify', '--format', 'junit', unknownState]);
    expect(await cli.exited).toBe(1);
    const message = cli.stderr().trimEnd();
    expect(message).toContain('unknown provider state "a token that is pretty valid"');
    const xml = cli.stdout();
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    expect(xml.match(/<testcase /g)).toHaveLength(1);
    expect(xml).toContain(
      `<failure message="${message
        .replace(/\s*\n\s*/g, ' ')
        .replaceAll('"', '&quot;')
        .replaceAll("'", '&apos;')}">`,
    );
    expect(xml.trimEnd().endsWith('</testsuites>')).toBe(true);
  });

  it('writes a JUnit report with --format junit and no pact, exiting 2 as for any command-line mistake', async () => {
    const { code, out, err } = await run(['--format', 'junit']);
    expect(code).toBe(2);
    expect(err).toBe(
      'Give at least one pact file or URL. Run "truecaller-oauth-kit verify --help" for the options.',
    );
    expect(out).toContain(
      '<testcase classname="truecaller-oauth-kit verify" name="verify">\n      <failure message="Give at least one pact file or URL.">Give at least one pact file or URL.</failure>',
    );
  });
});

describe('verifyPacts with pacts that expect what is not documented', () => {
  it('fails an undocumented status, naming the interaction and the status', async () => {
    const file = alteredPact('undocumented-status', (pact) => {
      pact.interactions[2]!.response.status = 403;
    });
    const report = await verifyPacts({ pacts: [file] });
    const failed = report.pacts[0]?.interactions.filter((interaction) => !interaction.passed);
    expect(failed?.map((interaction) => interaction.description)).toEqual([
      teamPact.interactions[2]?.description,
    ]);
    expect(failed?.[0]?.problems).toEqual(
      expect.arrayContaining([
        'pact: response status: expected 403 but was 401',
        expect.stringMatching(/^openapi: response\.status: .*403/),
      ]),
    );
  });

  it('fails an undocumented claim, naming the interaction and the claim', async () => {
    const file = alteredPact('undocumented-claim', (pact) => {
      pact.interactions[0]!.response.body.nickname = 'Bunty';
    });
    const report = await verifyPacts({ pacts: [file] });
    const failed = report.pacts[0]?.interactions.filter((interaction) => !interaction.passed);
    expect(failed?.map((interaction) => interaction.description)).toEqual([
      teamPact.interactions[0]?.description,
    ]);
    const problems = failed?.[0]?.problems.join('\n') ?? '';
    expect(problems).toMatch(/^openapi: response\.body: .*nickname/m);
    expect(problems).toMatch(/^kit: response body \$\.nickname: not granted/m);
  });

  it('fails a 200 expecting a claim the scopes of its state do not grant', async () => {
    const file = alteredPact('claim-outside-scopes', (pact) => {
      pact.interactions[1]!.response.body.given_name = 'Test';
    });
    const report = await verifyPacts({ pacts: [file] });
    const failed = report.pacts[0]?.interactions.filter((interaction) => !interaction.passed);
    expect(failed?.map((interaction) => interaction.description)).toEqual([
      teamPact.interactions[1]?.description,
    ]);
    expect(failed?.[0]?.problems.join('\n')).toContain('kit: response body $.given_name: not granted');
  });

  it('rejects unusable state parameters before replaying anything', async () => {
    const file = alteredPact('bad-params', (pact) => {
      pact.interactions[1]!.providerStates = [
        { name: PROVIDER_STATES.valid, params: { scopes: 'openid wallet' } },
      ];
    });
    const error = await kitErrorOf(verifyPacts({ pacts: [file] }));
    expect(error.code).toBe('ERR_PACT_INVALID');
    expect(error.message).toContain('parameter "scopes" must be');
  });
});

describe('verifyPacts with a pact URL', () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    server = createServer((request, response) => {
      if (request.url === '/pacts/checkout.json') response.end(readFileSync(TEAM_PACT));
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('fetches and verifies it', async () => {
    const report = await verifyPacts({ pacts: [`${url}/pacts/checkout.json`] });
    expect(report.passed).toBe(true);
  });

  it('names the URL and the status when it cannot be fetched', async () => {
    const error = await kitErrorOf(verifyPacts({ pacts: [`${url}/pacts/gone.json`] }));
    expect(error.code).toBe('ERR_PACT_UNREADABLE');
    expect(error.message).toContain(`${url}/pacts/gone.json: the server answered 404`);
  });
});

// Written by hand as a backend team would: its own code and verifier strings, a form body as text.
const TOKEN_PACT = 'test/contracts/pacts/checkout-backend-truecaller-oauth-api.json';

describe('verifyPacts with a hand-written pact of POST /v1/token', () => {
  it('verifies it, the state’s code and verifier taking the place of the team’s own', async () => {
    const report = await verifyPacts({ pacts: [TOKEN_PACT] });
    const interactions = report.pacts.flatMap((pact) => pact.interactions);
    expect(interactions.filter((interaction) => !interaction.passed)).toEqual([]);
    expect(interactions).toHaveLength(2);
  });

  it('fails a token request sent as JSON, naming the Content-Type', async () => {
    const pact = JSON.parse(readFileSync(TOKEN_PACT, 'utf8')) as {
      interactions: { request: { headers: Record<string, string>; body: unknown } }[];
    };
    const [first] = pact.interactions;
    if (!first) throw new Error(`${TOKEN_PACT} has no interaction`);
    first.request.headers['Content-Type'] = 'application/json';
    first.request.body = Object.fromEntries(new URLSearchParams(String(first.request.body)));
    pact.interactions = [first];
    const file = join(scratch, 'token-as-json.json');
    writeFileSync(file, JSON.stringify(pact));
    const report = await verifyPacts({ pacts: [file] });
    expect(report.passed).toBe(false);
    expect(report.pacts[0]?.interactions[0]?.problems).toContain(
      'kit: request header Content-Type: "application/json"; POST /v1/token is sent as application/x-www-form-urlencoded',
    );
  });

  it('fails a token request without the documented verifier, naming the field', async () => {
    const pact = JSON.parse(readFileSync(TOKEN_PACT, 'utf8')) as {
      interactions: { request: { body: string } }[];
    };
    const [first] = pact.interactions;
    if (!first) throw new Error(`${TOKEN_PACT} has no interaction`);
    first.request.body = first.request.body.replace(/&code_verifier=[^&]*/, '');
    pact.interactions = [first];
    const file = join(scratch, 'token-without-verifier.json');
    writeFileSync(file, JSON.stringify(pact));
    const report = await verifyPacts({ pacts: [file] });
    expect(report.pacts[0]?.interactions[0]?.problems).toContainEqual(
      expect.stringMatching(/^kit: request body code_verifier: missing/),
    );
  });
});

describe('npx truecaller-oauth-kit verify, its output for CI', () => {
  const ESCAPE = '\u001b[';
  const failing = alteredPact('for-reports', (pact) => {
    pact.interactions[2]!.response.status = 403;
  });
  const failingDescription = teamPact.interactions[2]?.description ?? '';

  it('prints Pact’s own report without ANSI colour when stdout is not a terminal', async () => {
    const cli = await runBuiltBin(['verify', TEAM_PACT], { env: { NO_COLOR: undefined } });
    expect(await cli.exited).toBe(0);
    expect(cli.stdout()).toContain('Verifying a pact between checkout-app and truecaller-oauth-api');
    expect(cli.stdout()).not.toContain(ESCAPE);
  });

  it('prints only the summary with --quiet when every interaction passes', async () => {
    const cli = await runBuiltBin(['verify', '--quiet', TEAM_PACT]);
    expect(await cli.exited).toBe(0);
    expect(cli.stdout()).toBe(
      `All ${teamPact.interactions.length} interactions verified against the mock and openapi.yaml.\n`,
    );
  });

  it('prints only the failed interaction and the summary with --quiet, and exits 1', async () => {
    const cli = await runBuiltBin(['verify', '--quiet', failing]);
    expect(await cli.exited).toBe(1);
    const lines = cli.stdout().trimEnd().split('\n');
    expect(lines.filter((line) => /^\s+(PASS|FAIL)\s/.test(line))).toEqual([
      expect.stringMatching(new RegExp(`^  FAIL  ${failingDescription}`)),
    ]);
    expect(lines.at(-1)).toBe(`1 of ${teamPact.interactions.length} interactions failed.`);
    expect(cli.stdout()).not.toContain('Verifying a pact between');
  });

  it('prints the report as JSON alone with --format json', async () => {
    const cli = await runBuiltBin(['verify', '--format', 'json', failing]);
    expect(await cli.exited).toBe(1);
    const report = JSON.parse(cli.stdout()) as VerificationReport;
    expect(report.passed).toBe(false);
    expect(report.pacts[0]?.interactions.map((interaction) => interaction.passed)).toEqual(
      teamPact.interactions.map((interaction) => interaction.description !== failingDescription),
    );
  });

  it('prints JUnit XML alone with --format junit: a test case per interaction, a failure naming the problem', async () => {
    const cli = await runBuiltBin(['verify', '--format', 'junit', failing]);
    expect(await cli.exited).toBe(1);
    const xml = cli.stdout();
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ')).toBe(true);
    expect(xml).toContain(`tests="${teamPact.interactions.length}" failures="1"`);
    expect(xml.match(/<testcase /g)).toHaveLength(teamPact.interactions.length);
    expect(xml).toMatch(/<failure message="pact: response status: expected 403 but was 401">/);
    expect(xml.trimEnd().endsWith('</testsuites>')).toBe(true);
  });
});

describe.runIf(existsSync('/usr/bin/script'))('npx truecaller-oauth-kit verify on a terminal', () => {
  // util-linux `script` runs the command on a pseudo-terminal, as a person at a shell would.
  const onTerminal = async (env: Record<string, string | undefined>): Promise<string> => {
    await builtPackage();
    return new Promise((resolve, reject) => {
      const command = [process.execPath, 'dist/contracts/bin.js', 'verify', TEAM_PACT].join(' ');
      const child = spawn('/usr/bin/script', ['-qec', command, '/dev/null'], {
        cwd: ROOT,
        env: { ...process.env, PACT_DO_NOT_TRACK: 'true', ...env },
      });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.on('error', reject);
      child.on('close', () => resolve(out));
    });
  };

  it('keeps Pact’s colours on a terminal', async () => {
    expect(await onTerminal({ NO_COLOR: undefined })).toContain('\u001b[');
  });

  it('drops them on a terminal when NO_COLOR is set', async () => {
    const out = await onTerminal({ NO_COLOR: '1' });
    expect(out).toContain('Verifying a pact between');
    expect(out).not.toContain('\u001b[');
  });
});
