/**
 * `truecaller-oauth-kit`: the API document, its validators, the scenario tables, the scope mapping, the
 * reference clients (userinfo, the token exchange, the validation call of users without the app), the helpers a backend's tests use for the token exchange (PKCE pair, `exchangeCode`)
 * and a typed client of the mock's control plane.
 */
export {
  createAdminClient,
  type AddPhoneNumberTokenInput,
  type AddTokenInput,
  type AdminClient,
  type AdminClientOptions,
  type AdminToken,
} from './clients/admin-client.js';
export {
  FAULT_FAILURES,
  parseDelay,
  type DelayRange,
  type Fault,
  type FaultFailure,
  type FaultTarget,
} from './faults.js';
export { ENDPOINTS, fillPath, TRUECALLER_OAUTH_URL, TRUECALLER_OTP_URL, type Endpoint } from './endpoints.js';
export { KitError, type KitErrorCode, type KitErrorResponse } from './errors.js';
export {
  CODE_SCENARIO_NAMES,
  DEFAULT_CLIENT_ID,
  EXAMPLE_CODE_VERIFIER,
  EXCHANGE_OUTCOMES,
  getExchangeOutcome,
  GRANT_TYPES,
  RESTRICTED_CLIENT_ID,
  type CodeScenarioName,
  type ExchangeOutcome,
  type ExchangeOutcomeName,
  type GrantType,
} from './exchange-outcomes.js';
export {
  findResponse,
  getExampleValue,
  getOperation,
  loadApiDocument,
  OPENAPI_FILE,
  type HttpMethod,
} from './openapi/api-document.js';
export {
  getResponseValidator,
  type ObservedResponse,
  type ResponseValidator,
} from './openapi/response-validator.js';
export {
  DEFAULT_PERSONA,
  findScenario,
  getScenario,
  SCENARIOS,
  TOKEN_SCENARIO_NAMES,
  type Scenario,
  type ScenarioKind,
  type ScenarioName,
  type TokenScenarioName,
} from './scenarios.js';
export { CLAIMS_BY_SCOPE, filterClaimsByScopes, isScope, readScopes, SCOPES, type Scope } from './scopes.js';
export { type UserInfo, type UserInfoAddress, type UserInfoClaim } from './user-info.js';
export { getUserInfo, type UserInfoClientOptions } from './clients/user-info-client.js';
export { parseChallenge, type BearerChallenge } from './www-authenticate.js';
export {
  CODE_CHALLENGE_PATTERN,
  CODE_VERIFIER_PATTERN,
  codeChallengeS256,
  createPkcePair,
  isCodeVerifier,
  verifyCodeVerifier,
  type PkcePair,
} from './pkce.js';
export { exchangeCode, type ExchangeCodeInput } from './clients/token-client.js';
export {
  validatePhoneNumberToken,
  type PhoneNumberClientOptions,
  type VerifiedPhoneNumber,
} from './clients/phone-number-client.js';
export {
  getPhoneNumberScenario,
  PHONE_NUMBER_CALLS,
  PHONE_NUMBER_PATTERN,
  PHONE_NUMBER_SCENARIOS,
  PHONE_NUMBER_TOKEN_PATTERN,
  PHONE_NUMBER_TOKEN_SCENARIO_NAMES,
  phoneNumberTokenInPath,
  type PhoneNumberAs,
  type PhoneNumberCall,
  type PhoneNumberScenario,
  type PhoneNumberScenarioKind,
  type PhoneNumberScenarioName,
  type PhoneNumberSdk,
  type PhoneNumberTokenScenarioName,
} from './phone-number-scenarios.js';
export type {
  CatalogueScenario,
  ClientRecord,
  ClockState,
  CodeRecord,
  ErrorBody,
  Journal,
  JournalEntry,
  JournalRequest,
  JournalResponse,
  NameValue,
  PersonaRecord,
  PhoneNumberDetail,
  PhoneNumberErrorBody,
  PhoneNumberTokenRecord,
  RefreshTokenRecord,
  ScenarioCatalogue,
  StoreData,
  TokenRecord,
  TokenResponse,
} from './wire-types.js';
