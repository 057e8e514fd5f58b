/**
 * What each operation's controls and control-plane actions act through (a test double, not for
 * production): the control plane's checked writes, the store as far as the operation reads it, the clock.
 */
import type { RecordWriter } from '../admin/record-writes.js';
import { MOCK_OPERATIONS } from '../operations/index.js';
import type { ControlContext, MockOperation } from '../operations/operation.js';
import type { Clock } from '../state/clock.js';
import { storeAccess } from '../state/store-access.js';
import type { MockStore } from '../state/store.js';

/** The control context of `operation` on one mock. */
export function controlContextOf(
  operation: MockOperation,
  {
    store,
    writer,
    clock,
  }: { readonly store: MockStore; readonly writer: RecordWriter; readonly clock: Clock },
): ControlContext {
  return {
    create: (collection, input) => writer.create(collection, input),
    put: (collection, input) =>
      store.has(collection, input.id)
        ? writer.replace(collection, input.id, input)
        : writer.create(collection, input),
    state: storeAccess(store, operation.api.name, { reads: operation.reads }),
    clock,
  };
}

/** Every operation's control-plane actions by name, each bound to its operation's context. */
export function adminActionsOf(parts: Parameters<typeof controlContextOf>[1]): ReadonlyMap<string, AdminRun> {
  return new Map(
    MOCK_OPERATIONS.flatMap((operation) => {
      const context = controlContextOf(operation, parts);
      return (operation.adminActions ?? []).map(
        (action) =>
          [action.name, (body: Readonly<Record<string, unknown>>) => action.run(context, body)] as const,
      );
    }),
  );
}

/** One action of the control plane, bound to its mock: the JSON body in, what to answer out. */
export type AdminRun = (body: Readonly<Record<string, unknown>>) => unknown;
