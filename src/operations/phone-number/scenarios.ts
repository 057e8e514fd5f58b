/**
 * Users without the Truecaller app: the SDK verifies them itself (a drop call or an OTP, India only) and
 * hands the app an access token, which the backend validates with `phoneNumberDetail` on
 * `TRUECALLER_OTP_URL`. This file holds the two documented forms of that call and its scenario table.
 */

/** How a 200 writes the phone number: a JSON number as the documentation prints it, or a string. */
export type PhoneNumberAs = 'number' | 'string';

/** How the mock answers a scenario: with the token's phone number, or with a fixed error. */
export type PhoneNumberScenarioKind = 'verified' | 'error';

/** One documented outcome of the validation call. */
export interface PhoneNumberScenario {
  /** Stable name; an error scenario's is what a phone-number token's `scenario` field holds. */
  readonly name: string;
  readonly kind: PhoneNumberScenarioKind;
  /** The mock's built-in access token that reaches it. */
  readonly token: string;
  readonly status: number;
  /** The named example in `openapi.yaml` under this status: the body an error scenario answers with. */
  readonly example: string;
  /** The Pact provider state that sets it up. */
  readonly providerState: string;
  /** What it simulates, one line for the token table. */
  readonly simulates: string;
  /** Whether Truecaller documents this outcome, or the kit assumes it. */
  readonly documented: boolean;
  /** For `verified` scenarios: how the built-in token's answer writes the number. */
  readonly phoneNumberAs?: PhoneNumberAs;
}

/**
 * The scenario table of the validation call: one row per named example of its documented answers. The
 * mock's built-in tokens, the Pact provider states, the README's table and the table-driven tests all
 * come from it; a test fails when it and `openapi.yaml` disagree.
 */
export const PHONE_NUMBER_SCENARIOS = Object.freeze([
  row({
    name: 'verified',
    kind: 'verified',
    token: 'otp-valid',
    status: 200,
    example: 'verified',
    providerState: 'a valid access token of a user verified without the Truecaller app',
    simulates:
      'the phone number (a JSON number, as documented) and country of a user verified by drop call or OTP',
    documented: true,
    phoneNumberAs: 'number',
  }),
  row({
    name: 'verified-string',
    kind: 'verified',
    token: 'otp-valid-string',
    status: 200,
    example: 'verifiedString',
    providerState:
      'a valid access token of a user verified without the Truecaller app, the number as a string',
    simulates: 'the same, the phone number as a JSON string (as clients in the wild read it)',
    documented: false,
    phoneNumberAs: 'string',
  }),
  row({
    name: 'invalid-token',
    kind: 'error',
    token: 'otp-invalid',
    status: 404,
    example: 'invalidAccessToken',
    providerState: 'an invalid or expired access token of a user verified without the Truecaller app',
    simulates:
      'invalid access token, code 1404 (also: any unknown token, or a registered one past its expiry)',
    documented: true,
  }),
  row({
    name: 'invalid-credentials',
    kind: 'error',
    token: 'otp-invalid-credentials',
    status: 404,
    example: 'invalidPartnerCredentials',
    providerState: 'the partner credentials are invalid',
    simulates: 'invalid partner credentials, code 404 (also: a missing or unknown clientId or appKey header)',
    documented: true,
  }),
  row({
    name: 'server-error',
    kind: 'error',
    token: 'otp-server-error',
    status: 500,
    example: 'phoneNumberServerError',
    providerState: 'the phone number validation fails on the server',
    simulates: 'a server error, code 500',
    documented: true,
  }),
] as const);

/** The name of one scenario of the validation call. */
export type PhoneNumberScenarioName = (typeof PHONE_NUMBER_SCENARIOS)[number]['name'];

/** Scenarios a phone-number token may be given: `verified` (answer with its number) or a fixed error. */
export type PhoneNumberTokenScenarioName = Exclude<PhoneNumberScenarioName, 'verified-string'>;

/** Names a phone-number token's `scenario` field may hold. */
export const PHONE_NUMBER_TOKEN_SCENARIO_NAMES: readonly PhoneNumberTokenScenarioName[] =
  PHONE_NUMBER_SCENARIOS.filter((scenario) => scenario.kind === 'error' || scenario.name === 'verified').map(
    (scenario) => scenario.name,
  );

const BY_NAME: ReadonlyMap<string, PhoneNumberScenario> = new Map(
  PHONE_NUMBER_SCENARIOS.map((scenario) => [scenario.name, scenario]),
);

/** The scenario called `name`; throws for a name the table does not have. */
export function getPhoneNumberScenario(name: PhoneNumberScenarioName): PhoneNumberScenario {
  const scenario = BY_NAME.get(name);
  if (!scenario) throw new TypeError(`Unknown phone-number scenario "${name}"`);
  return scenario;
}

function row<const T extends PhoneNumberScenario>(scenario: T): T {
  return Object.freeze(scenario);
}
