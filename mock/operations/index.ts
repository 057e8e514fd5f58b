/**
 * The list of the mock's operations (a test double, not for production): the engine's routes, the config
 * file's sections, the control plane's collections and the CLI's start-up text loop over it. A new
 * operation is a folder beside these and a line here.
 */
import { DISCOVERY_MOCK } from './discovery/operation.js';
import type { MockOperation } from './operation.js';
import { PHONE_NUMBER_MOCK } from './phone-number/operation.js';
import { TOKEN_MOCK } from './token/operation.js';
import { USERINFO_MOCK } from './userinfo/operation.js';

/** Every operation of the mock, in the order of `OPERATIONS`. */
export const MOCK_OPERATIONS: readonly MockOperation[] = Object.freeze([
  USERINFO_MOCK,
  TOKEN_MOCK,
  DISCOVERY_MOCK,
  PHONE_NUMBER_MOCK,
]);
