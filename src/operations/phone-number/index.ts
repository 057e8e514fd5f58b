/**
 * Users without the Truecaller app: the validation call (`phoneNumberDetail`) a backend makes with the
 * access token the SDK handed the app (documented, SDK 3.x and 2.8).
 */
import { defineOperation } from '../operation.js';
import { PHONE_NUMBER_ENDPOINTS, TRUECALLER_OTP_URL } from './endpoints.js';
import { PHONE_NUMBER_SCENARIOS, PHONE_NUMBER_TOKEN_SCENARIO_NAMES } from './scenarios.js';

const ASSIGNABLE: ReadonlySet<string> = new Set(PHONE_NUMBER_TOKEN_SCENARIO_NAMES);

/** The validation call, as the list of operations holds it. */
export const PHONE_NUMBER = defineOperation({
  name: 'phone-number',
  summary: 'GET …/phoneNumberDetail/{accessToken}: the number of a user verified without the Truecaller app',
  host: TRUECALLER_OTP_URL,
  endpoints: PHONE_NUMBER_ENDPOINTS,
  scenarios: PHONE_NUMBER_SCENARIOS.map((scenario) => ({
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

export { PHONE_NUMBER_ENDPOINTS, TRUECALLER_OTP_URL } from './endpoints.js';
export {
  getPhoneNumberScenario,
  PHONE_NUMBER_SCENARIOS,
  PHONE_NUMBER_TOKEN_SCENARIO_NAMES,
  type PhoneNumberAs,
  type PhoneNumberScenario,
  type PhoneNumberScenarioKind,
  type PhoneNumberScenarioName,
  type PhoneNumberTokenScenarioName,
} from './scenarios.js';
export {
  PHONE_NUMBER_CALLS,
  PHONE_NUMBER_PATTERN,
  PHONE_NUMBER_TOKEN_PATTERN,
  phoneNumberTokenInPath,
  type PhoneNumberCall,
  type PhoneNumberSdk,
} from './calls.js';
export {
  validatePhoneNumberToken,
  type PhoneNumberClientOptions,
  type VerifiedPhoneNumber,
} from './client.js';
export type { PhoneNumberDetail, PhoneNumberErrorBody, PhoneNumberTokenRecord } from './wire-types.js';
