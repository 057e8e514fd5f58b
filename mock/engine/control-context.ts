/**
 * What each operation's controls and control-plane actions act through (a test double, not for
 * production): the control plane's checked writes, the store as far as the operation reads it, the clock,
 * the mock's base URL and its options.
 */
import type { AdminActions } from '../admin/admin-api.js';
import type { RecordWriter } from '../admin/record-writes.js';
import { MOCK_OPERATIONS } from '../operations/index.js';
import type { ControlContext, MockOperation } from '../operations/operation.js';
import type { Clock } from '../state/clock.js';
import { type StoreAuthority, storeAccess } from '../state/store-access.js';
import type { MockStore } from '../state/store.js';

/** What the control contexts of one mock are made from. */
export interface ControlParts {
  readonly store: MockStore;
  /** Where claims are decided (the store itself, or the store replicas share). */
  readonly authority: StoreAuthority;
  readonly writer: RecordWriter;
  readonly clock: Clock;
  /** Reads the base URL a door set on the engine. */
  readonly baseUrl: () => string;
  /** The mock's options, checked. */
  readonly options: Readonly<Record<string, unknown>>;
  /** Resolves once every change so far is saved or shared (see `StoreSource.synced`). */
  readonly synced: () => Promise<void>;
}

/** The control context of `operation` on one mock. */
export function controlContextOf(
  operation: MockOperation,
  { store, authority, writer, clock, baseUrl, options, synced }: ControlParts,
): ControlContext {
  return {
    create: (collection, input) => writer.create(collection, input),
    put: (collection, input) =>
      store.has(collection, input.id)
        ? writer.replace(collection, input.id, input)
        : writer.create(collection, input),
    state: storeAccess(store, authority, operation.api.name, { reads: operation.reads }),
    clock,
    baseUrl,
    options,
    synced,
  };
}

/** Every operation's control-plane actions by name, each bound to its operation's context. */
export function adminActionsOf(parts: ControlParts): AdminActions {
  return new Map(
    MOCK_OPERATIONS.flatMap((operation) => {
      const context = controlContextOf(operation, parts);
      return (operation.adminActions ?? []).map(
        (action) => [action.name, (input) => action.run(context, input)] as const,
      );
    }),
  );
}
