/** The start-up text of signed profiles (a test double, not for production): the keys `/v1/key` serves. */
import { publicKeyEntry } from '../../../src/operations/signed-profile/signing.js';
import type { StoreReader } from '../../state/store-access.js';
import { formatRows } from '../table-rows.js';
import { keyObjectOf } from './key-material.js';

/** Each key with whether it is served and the start of its public key, as `/v1/key` lists it. */
export function formatProfileKeyTable(store: StoreReader): string {
  const rows: [string, string, string][] = [['key', 'served', 'key (base64 DER, as /v1/key lists it)']];
  for (const record of store.values('profileKeys')) {
    const { key } = publicKeyEntry(keyObjectOf(record.privateKey));
    rows.push([record.id, record.served ? 'yes' : 'no', `${key.slice(0, 40)}…`]);
  }
  return formatRows(rows);
}
