/**
 * `truecaller-oauth-kit`: the API document, its validators, the scenario table, the scope mapping and a
 * typed client of the mock's control plane.
 */
export {
  createAdminClient,
  type AddTokenInput,
  type AdminClient,
  type AdminClientOptions,
  type AdminToken,
  type JournalEntry,
} from './admin-client.js';
export { KitError, type KitErrorCode } from './errors.js';
export { FAULT_FAILURES, parseDelay, type DelayRange, type Fault, type FaultFailure } from './faults.js';
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
export { CLAIMS_BY_SCOPE, filterClaimsByScopes, isScope, SCOPES, type Scope } from './scopes.js';
export type { UserInfo, UserInfoAddress, UserInfoClaim } from './user-info.js';
