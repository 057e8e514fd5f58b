/**
 * The optional peer dependencies of `contracts/`: Pact and the OpenAPI comparator. A team that only wants
 * the mock or the fixtures installs neither, so nothing here loads them until a builder or `verify` runs.
 */
import { createRequire } from 'node:module';
import type * as PactModule from '@pact-foundation/pact';
import {
  checkOptionalPeersInstalled,
  loadOptionalPeers,
  type OptionalPeer,
} from '../../src/optional-peers.js';

/** Each optional peer and the range `package.json` declares for it (a test keeps the two in step). */
export const CONTRACT_PEERS = Object.freeze({
  '@pact-foundation/pact': '^16.5.0 || ^17.0.0',
  '@pactflow/openapi-pact-comparator': '^1.7.0',
});

/** One optional peer of `contracts/`. */
export type ContractPeer = keyof typeof CONTRACT_PEERS;

/** What the comparator module exports that the kit uses (its own typings do not resolve under NodeNext). */
export interface ComparatorModule {
  Comparator: new (oas: unknown) => {
    compare(pact: unknown): AsyncGenerator<{
      type: 'error' | 'warning' | 'info';
      code: string;
      message: string;
      mockDetails?: { interactionDescription?: string | null; location: string };
    }>;
  };
}

// The version the install command names: the newest major a Node 20 machine runs.
const INSTALL_SPEC: Readonly<Record<ContractPeer, string>> = {
  '@pact-foundation/pact': '@pact-foundation/pact@^16.5.0',
  '@pactflow/openapi-pact-comparator': '@pactflow/openapi-pact-comparator@^1.7.0',
};

/**
 * Loads `names`, or throws one `KitError` (`ERR_DEPENDENCY_MISSING`) naming `what` needs them and the
 * command that installs every one missing.
 */
export function loadContractPeers(names: readonly ContractPeer[], what: string): unknown[] {
  // Pact and the comparator are CommonJS (the comparator ships both): loaded with require().
  return loadOptionalPeers(peersOf(names), what);
}

/** Throws what `loadContractPeers` throws when any of `names` is missing, without loading them. */
export function checkContractPeersInstalled(names: readonly ContractPeer[], what: string): void {
  checkOptionalPeersInstalled(peersOf(names), what);
}

function peersOf(names: readonly ContractPeer[]): OptionalPeer[] {
  return names.map((name) => ({ name, install: INSTALL_SPEC[name] }));
}

/**
 * Pact, loaded on first use by `what` (a builder's name).
 *
 * @example
 * const { MatchersV3 } = loadPact('userInfoInteraction');
 */
export function loadPact(what: string): typeof PactModule {
  return loadContractPeers(['@pact-foundation/pact'], what)[0] as typeof PactModule;
}

/** The part of Pact's core the kit calls: the records of a running mock server (`recorded-requests.ts`). */
export interface PactCoreModule {
  getFfiLib(): { pactffiMockServerMismatches(port: number): string };
}

/**
 * Pact's core, as the installed Pact loads it: resolved from Pact's own folder, where npm may have nested
 * it, so it is the same module (and the same native library) Pact runs.
 */
export function loadPactCore(what: string): PactCoreModule {
  loadPact(what);
  const fromPact = createRequire(createRequire(import.meta.url).resolve('@pact-foundation/pact'));
  return fromPact('@pact-foundation/pact-core') as PactCoreModule;
}
