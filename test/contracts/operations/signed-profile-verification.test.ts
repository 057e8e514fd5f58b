import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SIGNED_PROFILE_PROVIDER_STATES } from '../../../contracts/operations/signed-profile/index.js';
import { KIT_CONSUMER, listKitPacts } from '../../../contracts/pact/kit-pacts.js';
import { createStateHandlers, findProviderState } from '../../../contracts/pact/provider-states.js';
import { mockStateRegistrars } from '../../../contracts/pact/token-registrar.js';
import { verifyPacts } from '../../../contracts/verify/verify-pacts.js';
import { fetchPublicKeys } from '../../../src/operations/signed-profile/client.js';
import { SIGNED_PROFILE_SCENARIOS } from '../../../src/operations/signed-profile/scenarios.js';
import { startMock } from '../../support/doors.js';
import { readmeSection } from '../../support/readme.js';
import { scratchDirOfFile } from '../../support/scratch-dir.js';

const readme = readmeSection('## Provider states');
const mock = await startMock();
const scratch = scratchDirOfFile('kit-keys-verify-');

interface PactJson {
  consumer: { name: string };
  interactions: {
    providerStates?: { name: string }[];
    response: { status: number; body?: { content?: unknown }; matchingRules?: unknown };
  }[];
}

/** The kit's own pact, cut to its key-fetch interactions, with `change` made to it, in a file of its own. */
function keyFetchPact(name: string, change: (pact: PactJson) => void = () => undefined): string {
  const states = new Set(Object.values(SIGNED_PROFILE_PROVIDER_STATES));
  const kit = listKitPacts()
    .map((file) => JSON.parse(readFileSync(file, 'utf8')) as PactJson)
    .find((pact) => pact.consumer.name === KIT_CONSUMER);
  const pact = structuredClone(kit) as PactJson;
  pact.consumer.name = 'ios-backend';
  pact.interactions = pact.interactions.filter((interaction) =>
    (interaction.providerStates ?? []).some((state) => states.has(state.name)),
  );
  change(pact);
  const file = join(scratch, `${name}.json`);
  writeFileSync(file, JSON.stringify(pact));
  return file;
}

describe('provider states of signed profiles', () => {
  it.each(SIGNED_PROFILE_SCENARIOS)(
    'names state "$providerState" for scenario $name, and the README lists it',
    (scenario) => {
      expect(SIGNED_PROFILE_PROVIDER_STATES[scenario.name]).toBe(scenario.providerState);
      expect(findProviderState(scenario.providerState)?.params).toEqual([]);
      expect(readme).toContain(
        `| \`${scenario.providerState}\` | \`${scenario.name}\` | ${scenario.status} |`,
      );
    },
  );

  it.each(SIGNED_PROFILE_SCENARIOS)(
    'sets the key endpoint up so that it answers $status for "$providerState", whatever state came before',
    async (scenario) => {
      const handlers = createStateHandlers(mockStateRegistrars(mock.server));
      await handlers[SIGNED_PROFILE_PROVIDER_STATES['key-rotation']]?.({});
      await handlers[scenario.providerState]?.({});
      const keys = await fetchPublicKeys({ keysUrl: `${mock.url}/v1/key` }).then(
        (served) => served.length,
        (error: { response?: { status: number } }) => error.response?.status,
      );
      expect(keys).toBe(
        scenario.status === 200 ? (scenario.name === 'key-rotation' ? 2 : 1) : scenario.status,
      );
    },
  );

  it('says what a state needs when its handlers lack the mock’s controls', async () => {
    const { controls: _controls, ...registrars } = mockStateRegistrars(mock.server);
    const handler = createStateHandlers(registrars)[SIGNED_PROFILE_PROVIDER_STATES.keys];
    await expect(handler?.({})).rejects.toThrow(/sets the mock's key endpoint: give the state handlers/);
  });
});

describe('verifyPacts with a backend’s pact of its key fetch', () => {
  it('verifies every interaction, the key rotation and the 500 among them', async () => {
    const report = await verifyPacts({ pacts: [keyFetchPact('keys')] });
    const interactions = report.pacts.flatMap((pact) => pact.interactions);
    expect(interactions.filter((result) => !result.passed)).toEqual([]);
    expect(interactions).toHaveLength(SIGNED_PROFILE_SCENARIOS.length);
  });

  it('fails a pact that expects { keys: [...] } instead of the documented array, saying so', async () => {
    const file = keyFetchPact('keys-object', (pact) => {
      const ok = pact.interactions.find((interaction) => interaction.response.status === 200);
      if (ok) {
        ok.response.body = { ...ok.response.body, content: { keys: ok.response.body?.content } };
        delete ok.response.matchingRules;
      }
      pact.interactions = ok ? [ok] : [];
    });
    const report = await verifyPacts({ pacts: [file] });
    const problems = report.pacts.flatMap((pact) => pact.interactions).flatMap((result) => result.problems);
    expect(problems.join('\n')).toContain(
      'kit: response body: an object; GET /v1/key answers a JSON array of { key, keyType }',
    );
  });
});
