/**
 * The collections of the store each operation owns, as one type: the type-only part of the list of
 * operations (`index.ts` holds the rest), kept apart so that browser code reading the wire types loads
 * no operation's code.
 */
import type { MobileWebStoreData } from './mobile-web/wire-types.js';
import type { PhoneNumberStoreData } from './phone-number/wire-types.js';
import type { SignedProfileStoreData } from './signed-profile/wire-types.js';
import type { TokenStoreData } from './token/wire-types.js';
import type { UserInfoStoreData } from './userinfo/wire-types.js';

/** The collections of the store the operations own, by name. */
export type OperationsStoreData = UserInfoStoreData &
  TokenStoreData &
  PhoneNumberStoreData &
  SignedProfileStoreData &
  MobileWebStoreData;
