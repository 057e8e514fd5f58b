/**
 * The list of operations as the contracts see them: the kit's provider states, `verify` and `probe` loop
 * over `CONTRACT_OPERATIONS`. A new operation is a folder beside these and a line here, in the order of
 * `OPERATIONS` (`src/operations/index.ts`).
 */
import { DISCOVERY_CONTRACT } from './discovery/index.js';
import type { ContractOperation } from './operation.js';
import { MOBILE_WEB_CONTRACT } from './mobile-web/index.js';
import { PHONE_NUMBER_CONTRACT } from './phone-number/index.js';
import { SIGNED_PROFILE_CONTRACT } from './signed-profile/index.js';
import { TOKEN_CONTRACT } from './token/index.js';
import { USERINFO_CONTRACT } from './userinfo/index.js';

/** Every operation's contribution to the contracts, in the order of `OPERATIONS`. */
export const CONTRACT_OPERATIONS: readonly ContractOperation[] = Object.freeze([
  USERINFO_CONTRACT,
  TOKEN_CONTRACT,
  DISCOVERY_CONTRACT,
  PHONE_NUMBER_CONTRACT,
  SIGNED_PROFILE_CONTRACT,
  MOBILE_WEB_CONTRACT,
]);
