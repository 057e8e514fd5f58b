/**
 * `truecaller-oauth-kit/mock`: the mock of Truecaller's OAuth API (a test double, not for production), on
 * a port (`createMockServer`) or in-process (`createMock`, whose `fetch` answers without a socket). The
 * MSW handlers are in `truecaller-oauth-kit/msw`.
 */
export { createMockServer, type MockServer } from './server/mock-server.js';
export { createMock, type Mock } from './fetch/create-mock.js';
export type { MockFetch } from './fetch/mock-fetch.js';
export type { CoreControls, MockControls } from './engine/engine-types.js';
export {
  DEFAULT_MOCK_OPTIONS,
  DEFAULT_MOCK_SERVER_OPTIONS,
  type MockOptions,
  type MockServerOptions,
} from './config/options.js';
export type { CoreConfig, MockConfig } from './config/config-file.js';
export type { TokenConfig } from './operations/userinfo/tokens.js';
export type { CodeConfig } from './operations/token/codes.js';
export type { ClientConfig } from './operations/token/clients.js';
export type { PhoneNumberTokenConfig } from './operations/phone-number/phone-number-tokens.js';
export type { ProfileKeyConfig } from './operations/signed-profile/profile-keys.js';
export type { KeyEndpointConfig } from './operations/signed-profile/key-endpoints.js';
export type { WebTokenConfig } from './operations/mobile-web/web-tokens.js';
export { type Clock, MockClock, SYSTEM_CLOCK } from './state/clock.js';
export type { RegisterTokenInput } from './operations/userinfo/register-token.js';
export type { RegisterCodeInput } from './operations/token/register-code.js';
export type { RegisterPhoneNumberTokenInput } from './operations/phone-number/register-phone-number-token.js';
export type { PayloadOverrides, SignProfileInput } from './operations/signed-profile/sign-profile.js';
export type { SetKeyEndpointInput } from './operations/signed-profile/signed-profile-controls.js';
export type { RegisterWebTokenInput } from './operations/mobile-web/controls.js';
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
