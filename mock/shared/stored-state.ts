/**
 * Reading the whole shared state from Redis (a test double, not for production): what a replica does at
 * start, after a lost connection and after a config reload. The records made or changed at run time are
 * read a page at a time (SCAN and MGET), so Redis never stops for one replica, and laid over what every
 * replica starts with.
 */
import type { StoreData } from '../../src/wire-types.js';
import type { Collection, RecordOf } from '../state/store.js';
import type { RedisLink } from './redis-link.js';
import { recordOfKey, type SharedKeys, TOMBSTONE } from './shared-keys.js';

/** How many keys one SCAN and one MGET handle. */
const PAGE = 1000;

/** What a reload read: the number of the last change before it, the state, the clock's offset. */
export interface StoredState {
  readonly seq: number;
  readonly data: StoreData;
  readonly clockOffset: number;
}

/** What reading needs besides the link. */
export interface StoredStateContext {
  readonly link: RedisLink;
  readonly keys: SharedKeys;
  readonly collections: readonly Collection[];
  /** What every replica starts with (a copy, changed here). */
  readonly initial: StoreData;
  /** Whether a record read is still to be held (not past its drop time on the mock's clock). */
  readonly keeps: (collection: Collection, record: RecordOf<Collection>) => boolean;
}

/**
 * The shared state: `initial` with every stored record laid over it. The change number is read first,
 * so the changes published after it are exactly those the caller must still apply.
 */
export async function readStoredState(context: StoredStateContext): Promise<StoredState> {
  const { link, keys } = context;
  const seq = Number((await link.send<string | null>(['GET', keys.seq])) ?? '0');
  const maps = new Map<string, Map<string, RecordOf<Collection>>>();
  for (const collection of context.collections) {
    const records = (context.initial[collection] ?? []) as readonly RecordOf<Collection>[];
    maps.set(collection, new Map(records.map((record) => [record.id, record])));
  }
  let cursor = '0';
  do {
    const [next, found] = await link.send<[string, string[]]>([
      'SCAN',
      cursor,
      'MATCH',
      keys.records,
      'COUNT',
      String(PAGE),
    ]);
    cursor = next;
    if (found.length > 0)
      layOver(context, maps, found, await link.send<(string | null)[]>(['MGET', ...found]));
  } while (cursor !== '0');
  const [fault, offset] = await link.send<(string | null)[]>(['MGET', keys.fault, keys.clock]);
  const data: Record<string, unknown> = {
    fault: fault === null || fault === undefined ? context.initial.fault : JSON.parse(fault),
  };
  for (const [collection, records] of maps) data[collection] = [...records.values()];
  return { seq, data: data as unknown as StoreData, clockOffset: Number(offset ?? '0') };
}

function layOver(
  context: StoredStateContext,
  maps: Map<string, Map<string, RecordOf<Collection>>>,
  keys: readonly string[],
  values: readonly (string | null)[],
): void {
  keys.forEach((key, at) => {
    const value = values[at];
    const named = recordOfKey(context.keys, key);
    const records = named === undefined ? undefined : maps.get(named.collection);
    // A key that expired between SCAN and MGET is gone; a collection this kit does not know is not read.
    if (named === undefined || records === undefined || value === null || value === undefined) return;
    if (value === TOMBSTONE) {
      records.delete(named.id);
      return;
    }
    const record = JSON.parse(value) as RecordOf<Collection>;
    if (context.keeps(named.collection as Collection, record)) records.set(named.id, record);
    else records.delete(named.id);
  });
}
