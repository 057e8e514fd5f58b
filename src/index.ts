/**
 * `truecaller-oauth-kit`: the API document, its validators, the scenario table, the scope mapping and the
 * reference client.
 */
export { KitError, type KitErrorCode, type KitErrorResponse } from './errors.js';
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
export { USERINFO_PATH, type UserInfo, type UserInfoAddress, type UserInfoClaim } from './user-info.js';
export { getUserInfo, type UserInfoClientOptions } from './user-info-client.js';
export { parseChallenge, type BearerChallenge } from './www-authenticate.js';
