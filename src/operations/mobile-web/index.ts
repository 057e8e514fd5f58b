/**
 * Mobile websites: Truecaller posts an access token to the partner's callback, and the partner's backend
 * fetches the user's profile with it from `GET /v1/default` on `TRUECALLER_PROFILE_URL` (documented,
 * "Mobile websites").
 */
import { defineOperation } from '../operation.js';
import { MOBILE_WEB_ENDPOINTS, TRUECALLER_PROFILE_URL } from './endpoints.js';
import { WEB_PROFILE_SCENARIOS, WEB_TOKEN_SCENARIO_NAMES } from './scenarios.js';

const ASSIGNABLE: ReadonlySet<string> = new Set(WEB_TOKEN_SCENARIO_NAMES);

/** The mobile websites' profile fetch, as the list of operations holds it. */
export const MOBILE_WEB = defineOperation({
  name: 'mobile-web',
  summary: 'GET /v1/default: the profile of a user signed in on a mobile website, by the callback’s token',
  host: TRUECALLER_PROFILE_URL,
  endpoints: MOBILE_WEB_ENDPOINTS,
  scenarios: WEB_PROFILE_SCENARIOS.map((scenario) => ({
    name: scenario.name,
    status: scenario.status,
    simulates: scenario.simulates,
    documented: scenario.documented,
    builtIn: scenario.token,
    assignable: ASSIGNABLE.has(scenario.name),
    providerState: scenario.providerState,
    example: scenario.example,
  })),
});

export { MOBILE_WEB_ENDPOINTS, TRUECALLER_PROFILE_URL } from './endpoints.js';
export {
  getWebProfileScenario,
  WEB_PROFILE_SCENARIOS,
  WEB_TOKEN_SCENARIO_NAMES,
  type WebProfileScenario,
  type WebProfileScenarioKind,
  type WebProfileScenarioName,
  type WebTokenScenarioName,
  type WebValuesAs,
} from './scenarios.js';
export {
  detailsFromClaims,
  WEB_PROFILE_PRIVACY,
  WEB_PROFILE_TYPE,
  webProfileOf,
  withStringValues,
  type WebProfileDetails,
} from './web-profile.js';
export { getWebProfile, type WebProfileClientOptions } from './client.js';
export type {
  WebCallbackApproved,
  WebCallbackAttempt,
  WebCallbackBody,
  WebCallbackDeclined,
  WebCallbackDeliveryRules,
  WebCallbackDelivery,
  WebCallbackFlowInvoked,
  WebProfile,
  WebProfileAddress,
  WebProfileErrorBody,
  WebProfileGender,
  WebProfileHistoryEntry,
  WebProfileName,
  WebProfileOnlineIdentities,
  WebSignInInput,
  WebSignInOutcome,
  WebSignInResult,
  WebTokenRecord,
} from './wire-types.js';
