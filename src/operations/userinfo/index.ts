/** `GET /v1/userinfo`: the signed-in user's profile by bearer token (documented). */
import { TRUECALLER_OAUTH_URL } from '../../hosts.js';
import { defineOperation } from '../operation.js';
import { USERINFO_ENDPOINTS } from './endpoints.js';
import { SCENARIOS, TOKEN_SCENARIO_NAMES } from './scenarios.js';

const ASSIGNABLE: ReadonlySet<string> = new Set(TOKEN_SCENARIO_NAMES);

/** The userinfo operation, as the list of operations holds it. */
export const USERINFO = defineOperation({
  name: 'userinfo',
  summary: "GET /v1/userinfo: the signed-in user's profile, by bearer token",
  host: TRUECALLER_OAUTH_URL,
  endpoints: USERINFO_ENDPOINTS,
  scenarios: SCENARIOS.map((scenario) => ({
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

export { USERINFO_ENDPOINTS } from './endpoints.js';
export { DEFAULT_PERSONA } from '../../user-info.js';
export {
  findScenario,
  getScenario,
  SCENARIOS,
  TOKEN_SCENARIO_NAMES,
  type Scenario,
  type ScenarioKind,
  type ScenarioName,
  type TokenScenarioName,
} from './scenarios.js';
export { getUserInfo, type UserInfoClientOptions } from './client.js';
export type { TokenRecord } from './wire-types.js';
