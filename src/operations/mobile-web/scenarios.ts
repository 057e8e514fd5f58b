/**
 * Mobile websites: the page opens the Truecaller app by a deep link, Truecaller posts an access token to
 * the partner's callback, and the partner's backend fetches the profile with it from `/v1/default` on
 * `TRUECALLER_PROFILE_URL`. This file holds that endpoint's scenario table.
 */
import { DEFAULT_PERSONA } from '../../user-info.js';

/**
 * How a 200 writes the values the documentation types two ways: `typed` as its table types them
 * (`userId`, `phoneNumbers` and the times numbers, `isActive` a boolean), `strings` as its sample writes
 * them (`"1319413476"`, `["919999999999"]`, `"True"`).
 */
export type WebValuesAs = 'typed' | 'strings';

/** How the mock answers a scenario: with the token's persona's web profile, or with a fixed error. */
export type WebProfileScenarioKind = 'profile' | 'error';

/** One outcome of `GET /v1/default`. */
export interface WebProfileScenario {
  /** Stable name; an assignable one is what a web token's `scenario` field holds. */
  readonly name: string;
  readonly kind: WebProfileScenarioKind;
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
  /** For `profile` scenarios: the persona its built-in token answers with, and how it writes the values. */
  readonly persona?: string;
  readonly valuesAs?: WebValuesAs;
}

/**
 * The scenario table of the profile endpoint: one row per named example of its answers. The mock's
 * built-in tokens, the Pact provider states, the README's table and the table-driven tests all come from
 * it; a test fails when it and `openapi.yaml` disagree.
 */
export const WEB_PROFILE_SCENARIOS = Object.freeze([
  row({
    name: 'profile',
    kind: 'profile',
    token: 'web-valid',
    status: 200,
    example: 'webProfile',
    providerState: 'a valid access token of a mobile-web sign-in',
    simulates: `the web profile of persona ${DEFAULT_PERSONA}, typed as the documentation's table types it (numbers, a boolean)`,
    documented: true,
    persona: DEFAULT_PERSONA,
    valuesAs: 'typed',
  }),
  row({
    name: 'profile-strings',
    kind: 'profile',
    token: 'web-valid-strings',
    status: 200,
    example: 'webProfileStrings',
    providerState:
      "a valid access token of a mobile-web sign-in, the profile written as the documentation's sample",
    simulates: `the same, written as the documentation's sample writes it ("1319413476", ["919999999999"], "True")`,
    documented: true,
    persona: DEFAULT_PERSONA,
    valuesAs: 'strings',
  }),
  row({
    name: 'profile-minimal',
    kind: 'profile',
    token: 'web-minimal',
    status: 200,
    example: 'webProfileMinimal',
    providerState: 'a valid access token of a mobile-web sign-in of a user who set no optional attribute',
    simulates:
      'persona minimal: optional attributes absent (name.last, badges, onlineIdentities), the others empty',
    documented: false,
    persona: 'minimal',
    valuesAs: 'typed',
  }),
  row({
    name: 'unauthorized',
    kind: 'error',
    token: 'web-invalid',
    status: 401,
    example: 'webUnauthorized',
    providerState: 'an invalid access token of a mobile-web sign-in',
    simulates: 'credentials not valid, status 40101 (also: any unknown token, or no bearer token)',
    documented: true,
  }),
  row({
    name: 'expired',
    kind: 'error',
    token: 'web-expired',
    status: 401,
    example: 'webExpired',
    providerState: 'an expired access token of a mobile-web sign-in',
    simulates: 'the token has expired (it lives 10 minutes), the same 401 as an invalid one',
    documented: false,
  }),
  row({
    name: 'server-error',
    kind: 'error',
    token: 'web-server-error',
    status: 500,
    example: 'webServerError',
    providerState: 'the profile endpoint fails on the server',
    simulates: "a server error (the body is the kit's wording)",
    documented: true,
  }),
  row({
    name: 'unavailable',
    kind: 'error',
    token: 'web-unavailable',
    status: 503,
    example: 'webUnavailable',
    providerState: 'the profile endpoint is unavailable',
    simulates: 'the service is unavailable, another 5xx',
    documented: false,
  }),
] as const);

/** The name of one scenario of the profile endpoint. */
export type WebProfileScenarioName = (typeof WEB_PROFILE_SCENARIOS)[number]['name'];

/**
 * Scenarios a web token may be given: `profile` (answer with its persona's web profile) or a fixed error.
 * `profile-strings` and `profile-minimal` are `profile` with `valuesAs: 'strings'` or persona `minimal`.
 */
export type WebTokenScenarioName = Exclude<WebProfileScenarioName, 'profile-strings' | 'profile-minimal'>;

/** Names a web token's `scenario` field may hold. */
export const WEB_TOKEN_SCENARIO_NAMES: readonly WebTokenScenarioName[] = WEB_PROFILE_SCENARIOS.filter(
  (scenario) => scenario.kind === 'error' || scenario.name === 'profile',
).map((scenario) => scenario.name);

const BY_NAME: ReadonlyMap<string, WebProfileScenario> = new Map(
  WEB_PROFILE_SCENARIOS.map((scenario) => [scenario.name, scenario]),
);

/** The scenario called `name`; throws for a name the table does not have. */
export function getWebProfileScenario(name: WebProfileScenarioName): WebProfileScenario {
  const scenario = BY_NAME.get(name);
  if (!scenario) throw new TypeError(`Unknown web-profile scenario "${name}"`);
  return scenario;
}

function row<const T extends WebProfileScenario>(scenario: T): T {
  return Object.freeze(scenario);
}
