/** The start-up text of signed profiles (a test double, not for production): the keys `/v1/key` serves. */
import type { StoreReader } from '../../state/store-access.js';
import { formatRows } from '../table-rows.js';

/** Each key, whether `/v1/key` serves it, and which one signs profiles (the first served). */
export function formatProfileKeyTable(store: StoreReader): string {
  const rows: [string, string, string][] = [['key', 'served', 'signs']];
  let signer: string | undefined;
  for (const record of store.values('profileKeys')) {
    if (record.served) signer ??= record.id;
    rows.push([record.id, record.served ? 'yes' : 'no', signer === record.id ? 'yes' : '']);
  }
  return formatRows(rows);
}
