import type { ScenarioName } from '../../../src/operations/userinfo/scenarios.js';
import type { PersonaRecord } from '../../../src/wire-types.js';
import type { TokenRecord } from '../../../src/operations/userinfo/wire-types.js';
import type { StoreReader } from '../../state/store-access.js';

/** Which scenario a known token's answer is, and the persona a `valid` answer shows. */
export type TokenOutcome =
  { scenario: 'valid'; persona: PersonaRecord } | { scenario: Exclude<ScenarioName, 'valid'> };

/**
 * Decides what a token gets: its own error scenario if it has one; else the documented 422 without
 * `openid`, the 404 without a profile, or the persona's claims.
 */
export function tokenOutcome(record: TokenRecord, store: Pick<StoreReader, 'get'>): TokenOutcome {
  if (record.scenario !== 'valid') return { scenario: record.scenario };
  if (!record.scopes.includes('openid')) return { scenario: 'missing-scope' };
  const persona = record.persona === null ? undefined : store.get('personas', record.persona);
  return persona ? { scenario: 'valid', persona } : { scenario: 'no-profile' };
}
