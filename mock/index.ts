/** `truecaller-oauth-kit/mock`: the mock server (a test double of Truecaller's OAuth API, not for production). */
export { createMockServer, type MockServer } from './server/mock-server.js';
export { DEFAULT_MOCK_OPTIONS, type MockServerOptions } from './config/options.js';
export type { ClientConfig, CodeConfig, MockConfig, TokenConfig } from './config/config-file.js';
export { type Clock, MockClock, SYSTEM_CLOCK } from './state/clock.js';
export { CODE_LIFETIME_SECONDS, type RegisterCodeInput } from './admin/register-code.js';
export { FORM_BODY_LIMIT } from './http/form-body.js';
export { ISSUED_TOKEN_GRACE_SECONDS } from './state/issued-tokens.js';
export type { CorsOrigin } from './http/cors.js';
export { MockStore } from './state/store.js';
export type {
  ClientRecord,
  CodeRecord,
  PersonaRecord,
  RefreshTokenRecord,
  StoreData,
  TokenRecord,
} from '../src/wire-types.js';
export { RequestJournal, DEFAULT_JOURNAL_SIZE, type JournalFilter } from './state/journal.js';
