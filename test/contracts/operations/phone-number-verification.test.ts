import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listKitPacts } from '../../../contracts/pact/kit-pacts.js';
import { createStateHandlers, findProviderState } from '../../../contracts/pact/provider-states.js';
import { PHONE_NUMBER_PROVIDER_STATES } from '../../../contracts/operations/phone-number/index.js';
import { mockStateRegistrars } from '../../../contracts/pact/token-registrar.js';
import { verifyPacts } from '../../../contracts/verify/verify-pacts.js';
import { validatePhoneNumberToken } from '../../../src/operations/phone-number/client.js';
import { PHONE_NUMBER_SCENARIOS } from '../../../src/operations/phone-number/scenarios.js';
import { startMock } from '../../support/doors.js';
import { scratchDirOfFile } from '../../support/scratch-dir.js';
import { readmeSection } from '../../support/readme.js';

const readme = readmeSection('## Provider states');
const mock = await startMock();

// Written by hand as a client team would: its own consumer name, tokens and client id, the documented states.
const TEAM_PACT = 'test/contracts/pacts/signup-backend-truecaller-oauth-api.json';
interface TeamPact {
  interactions: {
    description: string;
    request: { headers?: Record<string, string> };
    response: {
      status: number;
      body: Record<string, unknown>;
      matchingRules?: { body: Record<string, unknown> };
    };
  }[];
}
const teamPact = JSON.parse(readFileSync(TEAM_PACT, 'utf8')) as TeamPact;
const scratch = scratchDirOfFile('kit-otp-verify-');

/** The team's pact with one change, written to a file of its own. */
function alteredPact(name: string, change: (pact: TeamPact) => void): string {
  const copy = structuredClone(teamPact);
  change(copy);
  const file = join(scratch, `${name}.json`);
  writeFileSync(file, JSON.stringify(copy));
  return file;
}

/** The problems of the interactions that failed, by description. */
async function failures(file: string): Promise<Record<string, string[]>> {
  const report = await verifyPacts({ pacts: [file] });
  const failed = report.pacts.flatMap((pact) => pact.interactions).filter((result) => !result.passed);
  return Object.fromEntries(failed.map((result) => [result.description, result.problems]));
}

describe('provider states of the validation call', () => {
  it.each(PHONE_NUMBER_SCENARIOS)(
    'names state "$providerState" for scenario $name, and the README lists it',
    (scenario) => {
      expect(PHONE_NUMBER_PROVIDER_STATES[scenario.name]).toBe(scenario.providerState);
      expect(findProviderState(scenario.providerState)?.params).toEqual([]);
      expect(readme).toContain(
        `| \`${scenario.providerState}\` | \`${scenario.name}\` | ${scenario.status} |`,
      );
    },
  );

  it.each(PHONE_NUMBER_SCENARIOS)(
    'hands out a token and credentials that get status $status for "$providerState"',
    async (scenario) => {
      const handler = createStateHandlers(mockStateRegistrars(mock.server))[scenario.providerState];
      const values = (await handler?.({})) ?? {};
      const status = await validatePhoneNumberToken(values.token ?? '', {
        baseUrl: mock.url,
        clientId: values.clientId ?? '',
      }).then(
        () => 200,
        (error: { response?: { status: number } }) => error.response?.status,
      );
      expect(status).toBe(scenario.status);
    },
  );

  it('rejects parameters, which no state of the validation call takes', async () => {
    const handler = createStateHandlers(mockStateRegistrars(mock.server))[
      PHONE_NUMBER_PROVIDER_STATES.verified
    ];
    await expect(handler?.({ phoneNumber: '919812345678' })).rejects.toThrow(
      'takes no parameters, got "phoneNumber"',
    );
  });
});

describe('verifyPacts with a client team’s hand-written pact for the validation call', () => {
  it('verifies every interaction: its own tokens and client id stand for the state’s', async () => {
    const report = await verifyPacts({ pacts: [TEAM_PACT] });
    const failed = report.pacts.flatMap((pact) => pact.interactions).filter((result) => !result.passed);
    expect(failed).toEqual([]);
    expect(report.pacts[0]?.interactions).toHaveLength(teamPact.interactions.length);
  });

  it('fails a 200 expecting a field the call does not send, naming the field', async () => {
    const file = alteredPact('undocumented-field', (pact) => {
      pact.interactions[0]!.response.body.verifiedBy = 'drop-call';
    });
    const problems = (await failures(file))[teamPact.interactions[0]!.description]?.join('\n') ?? '';
    expect(problems).toMatch(/^pact: response body \$: .*verifiedBy/m);
    expect(problems).toMatch(/^openapi: response\.body: .*additional properties - verifiedBy/m);
    expect(problems).toContain('kit: response body $.verifiedBy: not sent');
  });

  it('fails an undocumented status, naming the status', async () => {
    const file = alteredPact('undocumented-status', (pact) => {
      pact.interactions[2]!.response.status = 401;
    });
    const problems = (await failures(file))[teamPact.interactions[2]!.description] ?? [];
    expect(problems).toEqual(
      expect.arrayContaining([
        'pact: response status: expected 401 but was 404',
        expect.stringMatching(/^openapi: response\.status: .*401/),
      ]),
    );
  });

  it('fails a number expected as a string where the documented answer is a bare number', async () => {
    const file = alteredPact('number-as-string', (pact) => {
      const interaction = pact.interactions[0]!;
      interaction.response.body.phoneNumber = '919000000000';
      interaction.response.matchingRules = { body: { '$.phoneNumber': { matchers: [{ match: 'type' }] } } };
    });
    const problems = (await failures(file))[teamPact.interactions[0]!.description]?.join('\n') ?? '';
    expect(problems).toMatch(/^pact: response body \$\.phoneNumber: /m);
    expect(problems).toContain(
      'kit: response body $.phoneNumber: a string; the documented answer is a bare JSON number',
    );
  });

  it('fails a request without its credentials header, naming the header', async () => {
    const file = alteredPact('no-credentials', (pact) => {
      delete pact.interactions[0]!.request.headers;
    });
    const problems = (await failures(file))[teamPact.interactions[0]!.description]?.join('\n') ?? '';
    expect(problems).toContain('kit: request header clientId: missing');
    expect(problems).toContain('pact: response status: expected 200 but was 404');
  });
});

describe('the kit’s own pact against a deliberately altered mock', () => {
  const altered = PHONE_NUMBER_PROVIDER_STATES['invalid-token'];

  it(`fails verification when "${altered}" answers 500 instead of the documented 404`, async () => {
    const report = await verifyPacts({
      pacts: listKitPacts(),
      mock: { config: { phoneNumberTokens: { 'otp-invalid': { scenario: 'server-error' } } } },
    });
    const failed = report.pacts.flatMap((pact) => pact.interactions).filter((result) => !result.passed);
    expect(failed.map((result) => result.providerStates)).toEqual([[altered]]);
    expect(failed[0]?.problems).toContain('pact: response status: expected 404 but was 500');
  });
});
