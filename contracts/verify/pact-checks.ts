import type { PactFile, PactInteraction } from '../pact/pact-file.js';
import { HTTP_INTERACTION } from '../pact/pact-file.js';
import { PACT_PROVIDER } from '../pact/provider-state.js';
import { findProviderState, PROVIDER_STATE_DEFINITIONS } from '../pact/provider-states.js';
import { CONTRACT_OPERATIONS } from '../operations/index.js';
import { contributionsOn } from '../operations/operation.js';

/**
 * What stops a pact from being verified at all: another provider, no interaction (a pact that checks
 * nothing passes nothing), an interaction that is not HTTP, a provider state the kit does not know or
 * parameters it cannot use. Each problem names the pact and the interaction; empty when the pact can be
 * replayed.
 */
export function pactProblems(pact: PactFile): string[] {
  const problems: string[] = [];
  if (pact.provider !== PACT_PROVIDER) {
    problems.push(
      `${pact.source}: the pact is for provider "${pact.provider}"; the kit verifies pacts for "${PACT_PROVIDER}" (set it as the provider of your PactV4).`,
    );
  }
  if (pact.interactions.length === 0) {
    problems.push(
      `${pact.source}: the pact has no interactions, so it checks nothing. Run the consumer tests that write them, or leave the file out.`,
    );
  }
  for (const interaction of pact.interactions) {
    const where = `${pact.source}: interaction "${interaction.description}"`;
    if (interaction.type !== HTTP_INTERACTION) {
      problems.push(`${where} is a ${interaction.type} interaction; the kit replays HTTP interactions only.`);
      continue;
    }
    for (const state of interaction.providerStates) {
      const definition = findProviderState(state.name);
      if (!definition) {
        problems.push(
          `${where}: unknown provider state "${state.name}". Known states: ${PROVIDER_STATE_DEFINITIONS.map((known) => `"${known.name}"`).join(', ')}.`,
        );
        continue;
      }
      for (const problem of definition.check(state.params)) {
        problems.push(`${where}: provider state "${state.name}" ${problem}.`);
      }
    }
  }
  return problems;
}

/**
 * The kit's own checks of one interaction, the ones an OpenAPI comparator skips: those of the operation
 * whose path the interaction's is (`contracts/operations/<op>/pact-checks.ts`). A path of no operation
 * has none; the comparison with `openapi.yaml` names it.
 */
export function kitProblems(interaction: PactInteraction): string[] {
  return contributionsOn(CONTRACT_OPERATIONS, interaction.path, (contract) => contract.pactChecks).flatMap(
    (check) => check(interaction),
  );
}
