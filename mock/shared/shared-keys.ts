/**
 * Where the mock keeps its shared state in Redis (a test double, not for production). Every key starts
 * with the store's prefix, so kits with different prefixes share one database without meeting:
 *
 * - `<prefix>:r:<collection>:<id>`: a record made or changed at run time (JSON), with a TTL when it
 *   expires; `~` for a built-in or configured record deleted at run time. Records every replica starts
 *   with (built-ins, the config) are not stored until changed.
 * - `<prefix>:fault`: the global fault, when set at run time; `<prefix>:clock`: the clock's offset (ms);
 *   `<prefix>:signing-key`: the private JWK ID tokens are signed with, when no config gives one.
 * - `<prefix>:seq`: the number of the last change; `<prefix>:changes`: the channel every change is
 *   published on, `<seq> <JSON array of changes>`, in the order Redis made them.
 * - `<prefix>:journal`, `:journal:seq`, `:journal:bytes`: every replica's requests, by number; and the
 *   channel `<prefix>:journal:events` that wakes readers waiting for new ones.
 */

/** The keys of one prefix. */
export interface SharedKeys {
  readonly seq: string;
  readonly fault: string;
  readonly clock: string;
  readonly signingKey: string;
  readonly changes: string;
  /** The SCAN pattern of every record key. */
  readonly records: string;
  readonly journal: string;
  readonly journalSeq: string;
  readonly journalBytes: string;
  readonly journalEvents: string;
  record(collection: string, id: string): string;
}

/** A record deleted at run time that replicas hold from their start (built-in or configured). */
export const TOMBSTONE = '~';

/** The keys under `prefix` (checked: letters, digits, `_ . -`, so no SCAN pattern character). */
export function sharedKeys(prefix: string): SharedKeys {
  const at = (name: string): string => `${prefix}:${name}`;
  return Object.freeze({
    seq: at('seq'),
    fault: at('fault'),
    clock: at('clock'),
    signingKey: at('signing-key'),
    changes: at('changes'),
    records: at('r:*'),
    journal: at('journal'),
    journalSeq: at('journal:seq'),
    journalBytes: at('journal:bytes'),
    journalEvents: at('journal:events'),
    record: (collection: string, id: string) => at(`r:${collection}:${id}`),
  });
}

/** The collection and id of a record key of `keys`, or undefined. */
export function recordOfKey(keys: SharedKeys, key: string): { collection: string; id: string } | undefined {
  const start = keys.records.length - 1;
  const colon = key.indexOf(':', start);
  if (!key.startsWith(keys.records.slice(0, -1)) || colon === -1) return undefined;
  return { collection: key.slice(start, colon), id: key.slice(colon + 1) };
}
