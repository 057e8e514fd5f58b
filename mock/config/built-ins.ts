/** The records every mock starts with (a test double, not for production), from each collection's definition. */
import type { StoreData } from '../../src/wire-types.js';
import { COLLECTION_DEFINITIONS } from '../operations/index.js';
import type { Collection } from '../state/store.js';

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
