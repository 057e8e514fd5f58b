import { describe, expect, it } from 'vitest';
import { CONTRACT_OPERATIONS } from '../../../contracts/operations/index.js';
import { PROVIDER_STATE_DEFINITIONS } from '../../../contracts/pact/provider-states.js';
import { OPERATIONS } from '../../../src/operations/index.js';

describe('the list of contract operations', () => {
  it('holds every operation of OPERATIONS, in its order', () => {
    expect(CONTRACT_OPERATIONS.map((contract) => contract.operation)).toEqual([...OPERATIONS]);
  });

  it.each(CONTRACT_OPERATIONS.map((contract) => [contract.operation.name, contract] as const))(
    'gives each scenario of %s its provider state, in the order of its table',
    (_name, contract) => {
      expect(contract.providerStates.map((state) => state.name)).toEqual(
        contract.operation.scenarios.map((scenario) => scenario.providerState),
      );
    },
  );

  it('makes the kit’s provider states of the operations’ own, each name once', () => {
    const names = PROVIDER_STATE_DEFINITIONS.map((state) => state.name);
    expect(names).toEqual(
      CONTRACT_OPERATIONS.flatMap((contract) => contract.providerStates).map((s) => s.name),
    );
    expect(new Set(names).size).toBe(names.length);
  });
});
