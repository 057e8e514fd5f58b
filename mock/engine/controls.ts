/**
 * The controls of one engine (a test double, not for production): what a test does with a mock on every
 * door. Each operation adds its own (`registerToken`, `registerCode`, ...); the engine adds faults, the
 * clock, the journal and reset.
 */
import { KitError } from '../../src/errors.js';
import type { FaultTarget } from '../../src/faults.js';
import type { WriteResult } from '../admin/record-writes.js';
import { COLLECTION_DEFINITIONS, MOCK_OPERATIONS, type OperationControls } from '../operations/index.js';
import type { Collection } from '../state/store.js';
import type { EngineState } from './engine-state.js';
import type { MockControls } from './engine-types.js';

/** The controls of the engine holding `state`. */
export function createControls(state: EngineState): MockControls {
  const { store, clock, journal, journalReader, events, writer, source } = state;
  const operationControls = Object.assign(
    {},
    ...MOCK_OPERATIONS.map((operation) =>
      operation.controls?.({
        create: (collection, input, caller) => writer.create(collection, input, caller),
        clock,
      }),
    ),
  ) as OperationControls;
  const saved = (result: WriteResult, call: string): void => {
    if (!result.ok) throw new KitError('ERR_FAULT_INVALID', `${call}: ${result.problem}`);
    source.persist();
  };
  const controls: MockControls = {
    store,
    clock,
    journal,
    events,
    ...operationControls,
    setFault: (fault, target) => {
      if (target === undefined) {
        saved(writer.setFault({ ...fault }, false), 'setFault');
        return;
      }
      const { collection, id } = faultTargetOf(target);
      saved(writer.patch(collection, id, { fault }), 'setFault');
    },
    clearFault: (target) => controls.setFault({}, target),
    reset: () => {
      source.reset();
      // With a shared store, every replica's journal is cleared too (a failure shows in `synced`'s caller
      // only as a journal that still lists old requests: it is not state a test answer depends on).
      journalReader?.clear().catch(() => undefined);
    },
    synced: source.synced,
  };
  return controls;
}

/** The collections a fault may be set on, by the key a `FaultTarget` names them with (`token`, `code`, ...). */
const FAULT_TARGETS: ReadonlyMap<string, Collection> = new Map(
  COLLECTION_DEFINITIONS.flatMap(({ name, faultTarget }) =>
    faultTarget === undefined ? [] : [[faultTarget, name] as const],
  ),
);

/** The record a fault target names; a target of no known kind throws, naming the kinds there are. */
function faultTargetOf(target: FaultTarget): { collection: Collection; id: string } {
  const entries = Object.entries(target as Record<string, unknown>);
  const [key = '', id] = entries[0] ?? [];
  const collection = FAULT_TARGETS.get(key);
  if (entries.length !== 1 || collection === undefined || typeof id !== 'string') {
    const kinds = [...FAULT_TARGETS.keys()].map((kind) => `{ ${kind}: '...' }`).join(', ');
    throw new KitError('ERR_FAULT_INVALID', `setFault: the target must be one of ${kinds}.`);
  }
  return { collection, id };
}
