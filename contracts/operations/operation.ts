/**
 * What an operation of Truecaller's API contributes to the contracts: its Pact provider states. Each
 * folder under `contracts/operations/` defines one; `contracts/operations/index.ts` lists them, and the
 * kit's provider states loop over that list. Nothing outside an operation's folder names its scenarios.
 */
import type { Operation } from '../../src/operations/operation.js';
import type { ProviderStateDefinition } from '../pact/provider-state.js';

/** One operation as the contracts see it: the operation itself and what each job of contracts/ takes from it. */
export interface ContractOperation<
  Endpoints extends Readonly<Record<string, string>> = Readonly<Record<string, string>>,
> {
  /** The operation (`src/operations/<op>/`): its name, host, paths and scenarios. */
  readonly operation: Operation<Endpoints>;
  /** Its Pact provider states, one per scenario; `PROVIDER_STATE_DEFINITIONS` gathers them. */
  readonly providerStates: readonly ProviderStateDefinition[];
}

/** Freezes what an operation contributes to the contracts, keeping its endpoints' names. */
export function defineContractOperation<const Endpoints extends Readonly<Record<string, string>>>(
  contract: ContractOperation<Endpoints>,
): ContractOperation<Endpoints> {
  return Object.freeze({ ...contract });
}
