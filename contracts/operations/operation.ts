/**
 * What an operation of Truecaller's API contributes to the contracts: its Pact provider states, for
 * `verify` its own checks of an interaction and what a replayed request takes from a state, and the
 * requests `probe` sends. Each folder under `contracts/operations/` defines one;
 * `contracts/operations/index.ts` lists them, and the kit's provider states, `verify` and `probe` loop
 * over that list, `verify` picking an operation for an interaction or a request by its paths. Nothing
 * outside an operation's folder names its scenarios.
 */
import type { IncomingMessage } from 'node:http';
import type { Operation } from '../../src/operations/operation.js';
import { pathTemplatePattern } from '../../src/paths.js';
import type { PactInteraction } from '../pact/pact-file.js';
import type { ProviderStateDefinition, StateValues } from '../pact/provider-state.js';
import type { ProbeCheck, ProbeContext, ProbeCredentials } from '../probe/probe-checks.js';

/**
 * The kit's own checks of one interaction, the ones an OpenAPI comparator skips; each problem names the
 * field at fault.
 */
export type PactCheck = (interaction: PactInteraction) => string[];

/** A request on its way from Pact's verifier to the mock, its body as the verifier's proxy parsed it. */
export type ReplayedRequest = IncomingMessage & { body?: unknown };

/**
 * Puts a provider state's values into a replayed request in place of a hand-written pact's own strings (a
 * token, a code, a client id), which stand for "the one of this state".
 */
export type RequestSubstitution = (request: ReplayedRequest, values: StateValues) => void;

/** Requests `probe` sends to the host for an operation, each answer judged; resolves with the checks in order. */
export type ProbeSteps = (context: ProbeContext, credentials: ProbeCredentials) => Promise<ProbeCheck[]>;

/** One contribution per endpoint of an operation, by the endpoint's name. */
export type ByEndpoint<Endpoints, Contribution> = { readonly [Name in keyof Endpoints]?: Contribution };

/** One operation as the contracts see it: the operation itself and what each job of contracts/ takes from it. */
export interface ContractOperation<
  Endpoints extends Readonly<Record<string, string>> = Readonly<Record<string, string>>,
> {
  /** The operation (`src/operations/<op>/`): its name, host, paths and scenarios. */
  readonly operation: Operation<Endpoints>;
  /** Its Pact provider states, one per scenario; `PROVIDER_STATE_DEFINITIONS` gathers them. */
  readonly providerStates: readonly ProviderStateDefinition[];
  /** `verify`'s own checks of an interaction on each of its paths. */
  readonly pactChecks: ByEndpoint<Endpoints, PactCheck>;
  /** What a request replayed on each of its paths takes from the state's values. */
  readonly replay: ByEndpoint<Endpoints, RequestSubstitution>;
  /** What `probe` sends: every operation's credential-free requests first, then those credentials allow. */
  readonly probe: {
    /** Requests anyone can send (discovery's document, which the ID token check reads, among them). */
    readonly credentialFree?: ProbeSteps;
    /** Requests the team's token or code allows. */
    readonly credentialed?: ProbeSteps;
  };
}

/** Freezes what an operation contributes to the contracts, keeping its endpoints' names. */
export function defineContractOperation<const Endpoints extends Readonly<Record<string, string>>>(
  contract: ContractOperation<Endpoints>,
): ContractOperation<Endpoints> {
  return Object.freeze({ ...contract });
}

// Compiled once per template: verify asks for every interaction and every replayed request.
const PATTERNS = new Map<string, RegExp>();

/**
 * What `contracts` contribute on `path` (no query): `pick(contract)` of each endpoint whose path template
 * matches it (a `{parameter}` standing for one segment).
 *
 * @example
 * const checks = contributionsOn(CONTRACT_OPERATIONS, interaction.path, (contract) => contract.pactChecks);
 */
export function contributionsOn<Contribution>(
  contracts: readonly ContractOperation[],
  path: string,
  pick: (contract: ContractOperation) => ByEndpoint<Readonly<Record<string, string>>, Contribution>,
): Contribution[] {
  return contracts.flatMap((contract) =>
    Object.entries(pick(contract)).flatMap(([endpoint, contribution]) => {
      const template = contract.operation.endpoints[endpoint];
      return contribution !== undefined && template !== undefined && patternOf(template).test(path)
        ? [contribution]
        : [];
    }),
  );
}

function patternOf(template: string): RegExp {
  let pattern = PATTERNS.get(template);
  if (pattern === undefined) {
    pattern = pathTemplatePattern(template);
    PATTERNS.set(template, pattern);
  }
  return pattern;
}
