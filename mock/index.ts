/**
 * `truecaller-oauth-kit/mock`: the mock of Truecaller's OAuth API (a test double, not for production), on
 * a port (`createMockServer`) or in-process (`createMock`, whose `fetch` answers without a socket). The
 * MSW handlers are in `truecaller-oauth-kit/msw`.
 */
export { createMockServer, type MockServer } from './server/mock-server.js';
export { createMock, type Mock } from './fetch/create-mock.js';
export type { MockFetch } from './fetch/mock-fetch.js';
export type { MockControls } from './engine/mock-engine.js';
export {
  DEFAULT_MOCK_OPTIONS,
  DEFAULT_MOCK_SERVER_OPTIONS,
  type MockOptions,
  type MockServerOptions,
} from './config/options.js';
export type {
  ClientConfig,
  CodeConfig,
  MockConfig,
  PhoneNumberTokenConfig,
  TokenConfig,
} from './config/config-file.js';
export { type Clock, MockClock, SYSTEM_CLOCK } from './state/clock.js';
export type {
  RegisterCodeInput,
  RegisterPhoneNumberTokenInput,
  RegisterTokenInput,
} from './admin/register.js';
export { FORM_BODY_LIMIT } from './http/form-body.js';
export { ISSUED_TOKEN_GRACE_SECONDS } from './state/expiry-queue.js';
export type { CorsOrigin } from './http/cors.js';
export { MockStore, type StoreChange } from './state/store.js';
export {
  RequestJournal,
  DEFAULT_JOURNAL_MAX_BYTES,
  DEFAULT_JOURNAL_SIZE,
  type JournalFilter,
} from './state/journal.js';
