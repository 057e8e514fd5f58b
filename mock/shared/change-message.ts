/**
 * The messages of the change channel (a test double, not for production): `<seq> <JSON array>`, each
 * item a record's new value (`{"c": collection, "i": id, "v": record or null}`), the global fault
 * (`{"c": "#fault", "v": fault}`), the clock's offset (`{"c": "#clock", "v": ms}`) or a reset
 * (`{"c": "#all"}`). Values travel with the change, so a replica applies it without asking Redis again.
 */

/** The pseudo-collections of items that are not records. */
export const FAULT_ITEM = '#fault';
export const CLOCK_ITEM = '#clock';
export const RESET_ITEM = '#all';

/** A record's change: its collection, id and new value (null: deleted). */
export interface RecordItem {
  readonly c: string;
  readonly i: string;
  readonly v: Record<string, unknown> | null;
}

/** One change as the channel carries it: a record's, or the fault's, the clock's, a reset. */
export type ChangeItem =
  | RecordItem
  | { readonly c: typeof FAULT_ITEM; readonly v: Record<string, unknown> }
  | { readonly c: typeof CLOCK_ITEM; readonly v: number }
  | { readonly c: typeof RESET_ITEM };

/** A message of the change channel, read. */
export interface ChangeMessage {
  readonly seq: number;
  readonly items: readonly ChangeItem[];
}

/** The JSON of a record item, its value given as stored text (empty or `~`: deleted). */
export function recordItem(collection: string, id: string, text: string): string {
  const value = text === '' || text === '~' ? 'null' : text;
  return `{"c":${JSON.stringify(collection)},"i":${JSON.stringify(id)},"v":${value}}`;
}

/** The JSON of a fault item. */
export function faultItem(text: string): string {
  return `{"c":"${FAULT_ITEM}","v":${text}}`;
}

/** A message of the channel, or undefined for one that is not the kit's (nothing else should publish there). */
export function readChangeMessage(message: string): ChangeMessage | undefined {
  const space = message.indexOf(' ');
  const seq = Number(message.slice(0, space));
  if (space === -1 || !Number.isSafeInteger(seq)) return undefined;
  try {
    const items: unknown = JSON.parse(message.slice(space + 1));
    return Array.isArray(items) ? { seq, items: items as ChangeItem[] } : undefined;
  } catch {
    return undefined;
  }
}

/** The key a change is tracked by locally: a record's collection and id, or the fault, the clock. */
export function itemKey(item: ChangeItem): string {
  return 'i' in item ? `${item.c}\u0000${item.i}` : item.c;
}
