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
import { controlContextOf } from './control-context.js';
import type { EngineState } from './engine-state.js';
import type { MockControls } from './engine-types.js';

/** The controls of the engine holding `state`. */
export function createControls(state: EngineState): MockControls {
  const { store, clock, journal, journalReader, events, writer, source } = state;
  const operationControls = Object.assign(
    {},
    ...MOCK_OPERATIONS.map((operation) =>
      operation.controls?.(controlContextOf(operation, state.controlParts)),
    ),
  ) as OperationControls;
  const saved = (result: WriteResult, target: FaultTarget | undefined): void => {
    if (!result.ok) throw new KitError('ERR_FAULT_INVALID', `setFault: ${faultProblem(result, target)}`);
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
        saved(writer.setFault({ ...fault }, false), target);
        return;
      }
      const { collection, id } = faultTargetOf(target);
      saved(writer.patch(collection, id, { fault }), target);
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

/**
 * Why `setFault(fault, target)` was refused, in its words: the fault's fields (`delayMs: ...`), not the
 * store's paths (`tokens.<id>.fault.delayMs`, `/__admin/fault: fault.delayMs`).
 */
function faultProblem(result: Extract<WriteResult, { ok: false }>, target: FaultTarget | undefined): string {
  const [kind = '', id = ''] = target === undefined ? [] : (Object.entries(target)[0] as [string, string]);
  if (result.status === 404) return `no ${kind} "${id}" in this mock.`;
  const prefix = target === undefined ? 'fault' : `${FAULT_TARGETS.get(kind) ?? ''}.${id}.fault`;
  const problems = (result.problems ?? [result.problem]).map((problem) =>
    problem.startsWith(`${prefix}.`)
      ? problem.slice(prefix.length + 1)
      : problem.startsWith(`${prefix}: `)
        ? problem.slice(prefix.length + 2)
        : problem,
  );
  return `${problems.join('; ')}.`;
}

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
