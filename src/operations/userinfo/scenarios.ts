import type { Scope } from '../../scopes.js';
import { SCOPES } from '../../scopes.js';
import { DEFAULT_PERSONA } from '../../user-info.js';

/** How the mock answers a scenario: from a persona and scopes, with a fixed error, or from the header alone. */
export type ScenarioKind = 'profile' | 'error' | 'header';

/** One documented outcome of `GET /v1/userinfo`. */
export interface Scenario {
  /** Stable name, also what a token's `scenario` field holds. */
  readonly name: string;
  readonly kind: ScenarioKind;
  /** The mock's built-in bearer token for it; null where no bearer token is sent. */
  readonly token: string | null;
  /** The `Authorization` header that reaches this outcome. */
  readonly authorization: string;
  readonly status: number;
  /** The named example in `openapi.yaml` under this status: the body an error scenario answers with. */
  readonly example: string;
  /** The Pact provider state that sets it up. */
  readonly providerState: string;
  /** What it simulates, one line for the token table. */
  readonly simulates: string;
  /** Whether Truecaller documents this outcome, or the kit assumes it. */
  readonly documented: boolean;
  /** For `profile` scenarios: the persona and the scopes its built-in token carries. */
  readonly persona?: string;
  readonly scopes?: readonly Scope[];
}

/**
 * The scenario table: one row per documented outcome of `GET /v1/userinfo`. The mock's built-in tokens,
 * the Pact provider states, the README's token table and the table-driven tests all come from it; a
 * test fails when it and `openapi.yaml` disagree.
 */
export const SCENARIOS = Object.freeze([
  row({
    name: 'valid',
    kind: 'profile',
    token: 'valid',
    status: 200,
    example: 'valid',
    providerState: 'a valid access token with all scopes',
    simulates: 'full profile, every scope granted',
    documented: true,
    persona: DEFAULT_PERSONA,
    scopes: SCOPES,
  }),
  row({
    name: 'reduced-scopes',
    kind: 'profile',
    token: 'reduced-scopes',
    status: 200,
    example: 'reducedScopes',
    providerState: 'a valid access token with the openid and phone scopes',
    simulates: 'only sub and the phone claims (scopes openid phone)',
    documented: false,
    persona: DEFAULT_PERSONA,
    scopes: ['openid', 'phone'],
  }),
  row({
    name: 'not-bearer',
    kind: 'header',
    token: null,
    authorization: 'Basic dXNlcjpwYXNzd29yZA==',
    status: 401,
    example: 'notBearer',
    providerState: 'no bearer token is sent',
    simulates: 'Authorization missing or not Bearer',
    documented: true,
  }),
  row({
    name: 'expired',
    kind: 'error',
    token: 'expired',
    status: 401,
    example: 'expired',
    providerState: 'an expired access token',
    simulates: 'the access token has expired',
    documented: true,
  }),
  row({
    name: 'invalid',
    kind: 'error',
    token: 'invalid',
    status: 401,
    example: 'invalid',
    providerState: 'an invalid access token',
    simulates: 'an invalid token (and any unknown token)',
    documented: true,
  }),
  row({
    name: 'no-profile',
    kind: 'error',
    token: 'no-profile',
    status: 404,
    example: 'noProfile',
    providerState: 'an access token for a user without a profile',
    simulates: 'no profile for the user',
    documented: true,
  }),
  row({
    name: 'missing-scope',
    kind: 'error',
    token: 'missing-scope',
    status: 422,
    example: 'missingScope',
    providerState: 'an access token granted without the openid scope',
    simulates: 'openid scope missing in the initial request',
    documented: true,
  }),
  row({
    name: 'validation-error',
    kind: 'error',
    token: 'validation-error',
    status: 500,
    example: 'validationError',
    providerState: 'token validation fails on the server',
    simulates: 'failed to validate token due to server error',
    documented: true,
  }),
  row({
    name: 'server-error',
    kind: 'error',
    token: 'server-error',
    status: 500,
    example: 'serverError',
    providerState: 'the server fails unexpectedly',
    simulates: 'unexpected error at server side',
    documented: true,
  }),
] as const);

/** The name of one scenario. */
export type ScenarioName = (typeof SCENARIOS)[number]['name'];

/**
 * Scenarios a token can be given: `valid` (answer from its persona and scopes) or a fixed error.
 * `reduced-scopes` is `valid` with fewer scopes; `not-bearer` is about the header, not a token.
 */
export type TokenScenarioName = Exclude<ScenarioName, 'not-bearer' | 'reduced-scopes'>;

const BY_NAME: ReadonlyMap<string, Scenario> = new Map(
  SCENARIOS.map((scenario) => [scenario.name, scenario]),
);

/** The scenario called `name`, or undefined. */
export function findScenario(name: string): Scenario | undefined {
  return BY_NAME.get(name);
}

/** The scenario called `name`; throws for a name the table does not have. */
export function getScenario(name: ScenarioName): Scenario {
  const scenario = BY_NAME.get(name);
  if (!scenario) throw new TypeError(`Unknown scenario "${name}"`);
  return scenario;
}

/** Names a token's `scenario` field may hold. */
export const TOKEN_SCENARIO_NAMES: readonly TokenScenarioName[] = SCENARIOS.filter(
  (scenario) => scenario.kind === 'error' || scenario.name === 'valid',
).map((scenario) => scenario.name);

function row<const T extends Omit<Scenario, 'authorization'> & { authorization?: string }>(
  scenario: T,
): T & { authorization: string } {
  return Object.freeze({ ...scenario, authorization: scenario.authorization ?? `Bearer ${scenario.token}` });
}
