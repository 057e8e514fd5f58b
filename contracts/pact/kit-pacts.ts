import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The consumer name of the kit's own contracts. */
export const KIT_CONSUMER = 'truecaller-oauth-kit';

/** Where the kit's own pact files are committed. */
export const PACTS_DIR = fileURLToPath(new URL('./pacts/', import.meta.url));

/** Every committed pact file of the kit, by absolute path. */
export function listKitPacts(): string[] {
  return readdirSync(PACTS_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => join(PACTS_DIR, file));
}
