/**
 * The list of operations: every part of the kit that serves, documents or checks each operation (the
 * mock's routes, the control plane's catalogue, the MSW hosts, the Pact provider states, `probe`) loops
 * over `OPERATIONS`. A new operation is a folder beside these and a line here.
 */
import { DISCOVERY } from './discovery/index.js';
import { MOBILE_WEB } from './mobile-web/index.js';
import { PHONE_NUMBER } from './phone-number/index.js';
import { SIGNED_PROFILE } from './signed-profile/index.js';
import { TOKEN } from './token/index.js';
import { USERINFO } from './userinfo/index.js';

/** Every operation, in the order tables list them. */
export const OPERATIONS = Object.freeze([
  USERINFO,
  TOKEN,
  DISCOVERY,
  PHONE_NUMBER,
  SIGNED_PROFILE,
  MOBILE_WEB,
] as const);

export * from './userinfo/index.js';
export * from './token/index.js';
export * from './discovery/index.js';
export * from './phone-number/index.js';
export * from './signed-profile/index.js';
export * from './mobile-web/index.js';
export { defineOperation, type Operation, type OperationScenario } from './operation.js';
export type { OperationsStoreData } from './store-data.js';
