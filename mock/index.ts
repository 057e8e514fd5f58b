/** `truecaller-oauth-kit/mock`: the mock server (a test double of Truecaller's OAuth API, not for production). */
export { createMockServer, type MockServer } from './mock-server.js';
export { DEFAULT_MOCK_OPTIONS, type MockServerOptions } from './options.js';
export type { ClientConfig, CodeConfig, MockConfig, TokenConfig } from './config-file.js';
export { type Clock, MockClock, SYSTEM_CLOCK } from './clock.js';
export { CODE_LIFETIME_SECONDS, type RegisterCodeInput } from './codes.js';
export { FORM_BODY_LIMIT } from './form-body.js';
export { ISSUED_TOKEN_GRACE_SECONDS } from './issued-tokens.js';
export type { CorsOrigin } from './cors.js';
export {
  MockStore,
  type ClientRecord,
  type CodeRecord,
  type PersonaRecord,
  type RefreshTokenRecord,
  type StoreData,
  type TokenRecord,
} from './store.js';
export { RequestJournal, DEFAULT_JOURNAL_SIZE, type JournalFilter } from './admin/journal.js';
export { ADMIN_PREFIX } from './admin/admin-prefix.js';
