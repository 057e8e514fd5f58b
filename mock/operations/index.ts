/**
 * The list of the mock's operations (a test double, not for production): the engine's routes, the config
 * file's sections, the control plane's collections and the CLI's start-up text loop over it. A new
 * operation is a folder beside these and a line here.
 */
import type { CollectionDefinition } from './collection.js';
import type { MobileWebControls, MobileWebOptions } from './mobile-web/controls.js';
import { type MobileWebConfig, MOBILE_WEB_MOCK } from './mobile-web/operation.js';
import type { PhoneNumberControls } from './phone-number/register-phone-number-token.js';
import type { SignedProfileControls } from './signed-profile/signed-profile-controls.js';
import type { TokenControls } from './token/register-code.js';
import type { UserInfoControls } from './userinfo/register-token.js';
import { DISCOVERY_MOCK } from './discovery/operation.js';
import type { MockOperation, OperationFlag } from './operation.js';
import { PERSONAS } from './personas.js';
import { type PhoneNumberConfig, PHONE_NUMBER_MOCK } from './phone-number/operation.js';
import { type SignedProfileConfig, SIGNED_PROFILE_MOCK } from './signed-profile/operation.js';
import { TOKEN_MOCK, type TokenOperationConfig } from './token/operation.js';
import { type UserInfoConfig, USERINFO_MOCK } from './userinfo/operation.js';

/** Every operation of the mock, in the order of `OPERATIONS`. */
export const MOCK_OPERATIONS: readonly MockOperation[] = Object.freeze([
  USERINFO_MOCK,
  TOKEN_MOCK,
  DISCOVERY_MOCK,
  PHONE_NUMBER_MOCK,
  SIGNED_PROFILE_MOCK,
  MOBILE_WEB_MOCK,
]);

/** Every collection of the store: the personas all operations share, then each operation's own. */
export const COLLECTION_DEFINITIONS: readonly CollectionDefinition[] = Object.freeze([
  PERSONAS,
  ...MOCK_OPERATIONS.flatMap((operation) => operation.collections),
]);

/** The sections of a config file the operations define. */
export type OperationsConfig = UserInfoConfig &
  TokenOperationConfig &
  PhoneNumberConfig &
  SignedProfileConfig &
  MobileWebConfig;

/** What the operations add to every door's controls. */
export type OperationControls = UserInfoControls &
  TokenControls &
  PhoneNumberControls &
  SignedProfileControls &
  MobileWebControls;

/** The options of `createMock` and `createMockServer` the operations add. */
export type OperationsOptions = MobileWebOptions;

/** The flags of the mock's command line that set them, in the list's order. */
export const OPERATION_FLAGS: readonly OperationFlag[] = Object.freeze(
  MOCK_OPERATIONS.flatMap((operation) => operation.options?.flags ?? []),
);

/** Their defaults. */
export const OPERATION_OPTION_DEFAULTS: Readonly<OperationsOptions> = Object.freeze(
  Object.assign(
    {},
    ...MOCK_OPERATIONS.map((operation) => operation.options?.defaults ?? {}),
  ) as OperationsOptions,
);
