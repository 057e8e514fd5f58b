import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { OpenAPIV3_1 } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import { assumptionsOf, formatAssumption } from '../../../contracts/verify/assumptions.js';
import { KIT_CONSUMER, listKitPacts } from '../../../contracts/pact/kit-pacts.js';
import { type PactInteraction, readPactFile } from '../../../contracts/pact/pact-file.js';
import { PHONE_NUMBER_PROVIDER_STATES } from '../../../contracts/operations/phone-number/index.js';
import { EXCHANGE_PROVIDER_STATES } from '../../../contracts/operations/token/index.js';
import { PROVIDER_STATES } from '../../../contracts/operations/userinfo/index.js';
import { PACT_PROVIDER } from '../../../contracts/pact/provider-state.js';
import { formatVerificationReport, verifyPacts } from '../../../contracts/verify/verify-pacts.js';
import { loadApiDocument } from '../../../src/openapi/api-document.js';
import { runBuiltBin } from '../../support/packed-package.js';
import { scratchDirOfFile } from '../../support/scratch-dir.js';

const document = loadApiDocument();
const kitPact = (async () => {
  const pacts = await Promise.all(listKitPacts().map((file) => readPactFile(file)));
  return pacts.find((pact) => pact.consumer === KIT_CONSUMER)!;
})();

/** The kit pact's interaction for a provider state. */
async function kitInteraction(state: string): Promise<PactInteraction> {
  const pact = await kitPact;
  return pact.interactions.find((interaction) => interaction.providerStates[0]?.name === state)!;
}

const fields = (interaction: PactInteraction, source = document): string[] =>
  assumptionsOf(interaction, source).map((assumption) => assumption.field);

describe('assumptionsOf, on the kit’s own pact', () => {
  it('finds nothing assumed in the full profile and the issued token', async () => {
    expect(fields(await kitInteraction(PROVIDER_STATES.valid))).toEqual([]);
    expect(fields(await kitInteraction(EXCHANGE_PROVIDER_STATES.issued))).toEqual([]);
  });

  it('names the challenge and the error body of an expired token', async () => {
    const assumptions = assumptionsOf(await kitInteraction(PROVIDER_STATES.expired));
    expect(assumptions.map((assumption) => assumption.field)).toEqual([
      'response header WWW-Authenticate',
      'response body $.error',
      'response body $.error_description',
    ]);
    expect(formatAssumption(assumptions[0]!)).toBe(
      'response header WWW-Authenticate relies on an assumption (x-documented: false): Assumed (RFC 6750 §3), not documented by Truecaller.',
    );
  });

  it('names the scope-to-claim mapping for a profile of fewer than every scope', async () => {
    expect(fields(await kitInteraction(PROVIDER_STATES['reduced-scopes']))).toEqual([
      'response body (claims of the scopes openid phone)',
    ]);
  });

  it('names the phone number as a string (an assumed form), not as the documented JSON number', async () => {
    expect(fields(await kitInteraction(PHONE_NUMBER_PROVIDER_STATES.verified))).not.toContain(
      'response body $.phoneNumber',
    );
    expect(fields(await kitInteraction(PHONE_NUMBER_PROVIDER_STATES['verified-string']))).toContain(
      'response body $.phoneNumber',
    );
  });

  it('names the undocumented refresh_token field of a refresh request, and Retry-After of a 429', async () => {
    expect(fields(await kitInteraction(EXCHANGE_PROVIDER_STATES['invalid-refresh-token']))).toContain(
      'request body refresh_token',
    );
    expect(fields(await kitInteraction(EXCHANGE_PROVIDER_STATES['rate-limited']))).toContain(
      'response header Retry-After',
    );
  });
});

describe('assumptionsOf reads openapi.yaml’s flags, not a list of its own', () => {
  /** The document with one node's `x-documented` changed. */
  function flagged(change: (copy: OpenAPIV3_1.Document) => void): OpenAPIV3_1.Document {
    const copy = structuredClone(document);
    change(copy);
    return copy;
  }

  it('drops the challenge once WWW-Authenticate is marked documented', async () => {
    const documented = flagged((copy) => {
      (copy.components!.headers!.WWWAuthenticate as { 'x-documented': boolean })['x-documented'] = true;
    });
    const interaction = await kitInteraction(PROVIDER_STATES.expired);
    expect(fields(interaction, documented)).not.toContain('response header WWW-Authenticate');
    expect(fields(interaction, documented)).toContain('response body $.error');
  });

  it('adds a field once openapi.yaml marks it assumed', async () => {
    const assumed = flagged((copy) => {
      const token = copy.components!.schemas!.TokenResponse as OpenAPIV3_1.SchemaObject;
      Object.assign(token.properties!.scope!, { 'x-documented': false, description: 'Assumed: a test.' });
    });
    const interaction = await kitInteraction(EXCHANGE_PROVIDER_STATES.issued);
    expect(assumptionsOf(interaction, assumed)).toEqual([
      { field: 'response body $.scope', assumption: 'Assumed: a test.' },
    ]);
  });

  it('names the assumed ID token and refresh token a pact expects of a token response', async () => {
    const interaction = await kitInteraction(EXCHANGE_PROVIDER_STATES.issued);
    const expecting = {
      ...interaction,
      responseBody: { ...(interaction.responseBody as object), id_token: 'a.b.c', refresh_token: 'r' },
    };
    expect(fields(expecting)).toEqual(['response body $.id_token', 'response body $.refresh_token']);
  });
});

// A client team's pact that reads only the 401's challenge: nothing in it is documented but the status.
const challengePact = {
  consumer: { name: 'challenge-reader' },
  provider: { name: PACT_PROVIDER },
  interactions: [
    {
      description: 'reading the challenge of an expired token',
      providerStates: [{ name: PROVIDER_STATES.expired }],
      request: { method: 'GET', path: '/v1/userinfo', headers: { Authorization: 'Bearer team-token' } },
      response: {
        status: 401,
        headers: { 'WWW-Authenticate': 'Bearer realm="truecaller", error="invalid_token"' },
        matchingRules: {
          header: { 'WWW-Authenticate': { matchers: [{ match: 'regex', regex: '^Bearer .*' }] } },
        },
      },
    },
  ],
  metadata: { pactSpecification: { version: '3.0.0' } },
};
const scratch = scratchDirOfFile('kit-assumptions-');
const CHALLENGE_PACT = join(scratch, 'challenge-reader-truecaller-oauth-api.json');
writeFileSync(CHALLENGE_PACT, JSON.stringify(challengePact));
const CHALLENGE_WARNING =
  'response header WWW-Authenticate relies on an assumption (x-documented: false): Assumed (RFC 6750 §3), not documented by Truecaller.';

describe('verifying a pact that relies on WWW-Authenticate', () => {
  it('passes with a warning naming the header and the assumption', async () => {
    const report = await verifyPacts({ pacts: [CHALLENGE_PACT] });
    const [interaction] = report.pacts[0]!.interactions;
    expect(report.passed).toBe(true);
    expect(interaction!.warnings).toEqual([CHALLENGE_WARNING]);
    const printed = formatVerificationReport(report);
    expect(printed).toContain(`          warning: ${CHALLENGE_WARNING}`);
    expect(printed).toContain('1 of 1 rely on what Truecaller does not document');
  });

  it('fails with documentedOnly, the warning turned into a problem', async () => {
    const report = await verifyPacts({ pacts: [CHALLENGE_PACT], documentedOnly: true });
    const [interaction] = report.pacts[0]!.interactions;
    expect(report.passed).toBe(false);
    expect(interaction!.problems).toEqual([`documented-only: ${CHALLENGE_WARNING}`]);
    expect(interaction!.warnings).toEqual([]);
  });

  it('exits 1 from the command line with --documented-only and 0 without, printing the line either way', async () => {
    const strict = await runBuiltBin(['verify', '--documented-only', CHALLENGE_PACT]);
    const lenient = await runBuiltBin(['verify', CHALLENGE_PACT]);
    expect(await strict.exited).toBe(1);
    expect(strict.stdout()).toContain(`FAIL  reading the challenge of an expired token`);
    expect(strict.stdout()).toContain(`documented-only: ${CHALLENGE_WARNING}`);
    expect(await lenient.exited).toBe(0);
    expect(lenient.stdout()).toContain(`PASS  reading the challenge of an expired token`);
    expect(lenient.stdout()).toContain(`warning: ${CHALLENGE_WARNING}`);
  });
});
