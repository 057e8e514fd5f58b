/** The records every mock starts with (a test double, not for production), from each collection's definition. */
import type { StoreData } from '../../src/wire-types.js';
import { COLLECTION_DEFINITIONS } from '../operations/index.js';
import { dropTime, type ExpiringCollection } from '../state/expiry-queue.js';
import type { Collection, RecordOf } from '../state/store.js';

/** The collections, in the order a saved store lists them. */
export const COLLECTIONS: readonly Collection[] = Object.freeze(
  COLLECTION_DEFINITIONS.map((definition) => definition.name),
);

/** The built-in records of every collection, and no fault. */
export function builtInStoreData(): StoreData {
  const data: Record<string, unknown> = { fault: {} };
  for (const definition of COLLECTION_DEFINITIONS) data[definition.name] = definition.builtIns();
  return data as unknown as StoreData;
}

/** The collections whose records expire, for issued tokens of `tokenLifetimeSeconds`. */
export function expiringCollections(tokenLifetimeSeconds: number): ExpiringCollection[] {
  return COLLECTION_DEFINITIONS.flatMap(({ name, expiry }) =>
    expiry === undefined
      ? []
      : [{ collection: name, graceMs: expiry.graceMs(tokenLifetimeSeconds), keeps: expiry.keeps }],
  );
}

/** When a record may be dropped on the mock's clock (its expiry plus its grace), or undefined if never. */
export function dropTimes(
  tokenLifetimeSeconds: number,
): (collection: Collection, record: RecordOf<Collection>) => number | undefined {
  const expiring = new Map(
    expiringCollections(tokenLifetimeSeconds).map((each) => [each.collection, each] as const),
  );
  return (collection, record) => dropTime(expiring.get(collection), record);
}
