/**
 * `truecaller-oauth-kit`: the API document, its validators, each operation's scenario table and reference
 * client (userinfo, the token exchange, the validation call of users without the app), the helpers a
 * backend's tests use for the token exchange (PKCE pair, `exchangeCode`), the scope mapping and a typed
 * client of the mock's control plane.
 */
export {
  createAdminClient,
  type AddPhoneNumberTokenInput,
  type AddTokenInput,
  type AddWebTokenInput,
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
export { ENDPOINTS, KIT_ENDPOINTS, type Endpoint } from './endpoints.js';
export { fillPath } from './paths.js';
export { TRUECALLER_OAUTH_URL } from './hosts.js';
export { KitError, type KitErrorCode, type KitErrorResponse } from './errors.js';
export * from './operations/index.js';
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
export { CLAIMS_BY_SCOPE, filterClaimsByScopes, isScope, readScopes, SCOPES, type Scope } from './scopes.js';
export { type UserInfo, type UserInfoAddress, type UserInfoClaim } from './user-info.js';
export { parseChallenge, type BearerChallenge } from './www-authenticate.js';
export type {
  CatalogueOperation,
  CatalogueScenario,
  ClockState,
  ErrorBody,
  Journal,
  JournalEntry,
  JournalRequest,
  JournalResponse,
  NameValue,
  PersonaRecord,
  ScenarioCatalogue,
  CoreStoreData,
  StoreData,
} from './wire-types.js';
