/**
 * Signed profiles (iOS TrueSDK, Android SDK 2.x): the app hands the backend a `payload`, a `signature`
 * and a `signatureAlgorithm`, and the backend verifies them with the keys of `GET /v1/key` on
 * `TRUECALLER_KEYS_URL`. This file holds the operation's scenario table: what a signed profile can be
 * (one the backend must accept, or one it must reject) and what `/v1/key` can answer.
 */

/**
 * What a row is about: a `profile` the mock signs (`signProfile({ scenario })`), or a state of the
 * `key-set` that `/v1/key` serves (the `scenario` of the key endpoint's record, `setKeyEndpoint`).
 */
export type SignedProfileScenarioKind = 'profile' | 'key-set';

/** One outcome of the signed-profile flow. */
export interface SignedProfileScenario {
  /** Stable name: what `signProfile`'s `scenario` or the key endpoint's `scenario` holds. */
  readonly name: string;
  readonly kind: SignedProfileScenarioKind;
  /** The status `GET /v1/key` answers in this scenario. */
  readonly status: number;
  /** The named example of `openapi.yaml` under that status: the body `/v1/key` answers with. */
  readonly example: string;
  /** The Pact provider state that sets the key endpoint up for it. */
  readonly providerState: string;
  /** What it simulates, one line for the tables. */
  readonly simulates: string;
  /** Whether Truecaller documents this outcome (or the check a backend makes of it), or the kit assumes it. */
  readonly documented: boolean;
}

/** How old a `stale-request-time` profile is: twice the ten minutes public verifiers allow. */
export const STALE_PROFILE_AGE_SECONDS = 1200;

/**
 * The scenario table of signed profiles. The mock's `signProfile`, the key endpoint's answers, the Pact
 * provider states, the README's table and the table-driven tests all come from it; a test fails when it
 * and `openapi.yaml` disagree.
 */
export const SIGNED_PROFILE_SCENARIOS = Object.freeze([
  row({
    name: 'signed',
    kind: 'profile',
    status: 200,
    example: 'publicKeys',
    providerState: 'a profile is signed with the served key',
    simulates:
      'a profile signed with the served key, for the nonce the app sent, requested now: what a backend accepts',
    documented: true,
  }),
  row({
    name: 'tampered-payload',
    kind: 'profile',
    status: 200,
    example: 'publicKeys',
    providerState: 'a signed profile whose payload was changed after signing',
    simulates: 'the payload changed after signing (another phone number): no served key verifies it',
    documented: true,
  }),
  row({
    name: 'unserved-key',
    kind: 'profile',
    status: 200,
    example: 'publicKeys',
    providerState: 'a profile is signed with a key that is not served',
    simulates: 'a valid signature by a key /v1/key does not serve (what a forger sends)',
    documented: true,
  }),
  row({
    name: 'stale-request-time',
    kind: 'profile',
    status: 200,
    example: 'publicKeys',
    providerState: 'a signed profile whose requestTime is twenty minutes old',
    simulates: 'requestTime 20 minutes before the mock’s clock: older than the ~10 minutes verifiers allow',
    documented: true,
  }),
  row({
    name: 'other-nonce',
    kind: 'profile',
    status: 200,
    example: 'publicKeys',
    providerState: 'a signed profile carries a nonce the app did not send',
    simulates: 'a requestNonce other than the one the app sent (a replayed profile)',
    documented: true,
  }),
  row({
    name: 'empty-algorithm',
    kind: 'profile',
    status: 200,
    example: 'publicKeys',
    providerState: 'a signed profile has an empty signatureAlgorithm',
    simulates: 'signatureAlgorithm empty, the signature valid (seen from the iOS SDK: ios-sdk issue 15)',
    documented: false,
  }),
  row({
    name: 'key-rotation',
    kind: 'profile',
    status: 200,
    example: 'rotatedPublicKeys',
    providerState: 'two keys are served and profiles are signed with the second',
    simulates: 'two keys served, the profile signed by the second: backends must loop over the keys',
    documented: true,
  }),
  row({
    name: 'keys',
    kind: 'key-set',
    status: 200,
    example: 'publicKeys',
    providerState: 'the keys of signed profiles are served',
    simulates: 'GET /v1/key: the served keys, a JSON array of { key, keyType: "RSA" }',
    documented: true,
  }),
  row({
    name: 'keys-server-error',
    kind: 'key-set',
    status: 500,
    example: 'keysServerError',
    providerState: 'the key endpoint fails with a server error',
    simulates: 'GET /v1/key fails: 500 {code, message} (the shape seen on api4, the wording the kit’s)',
    documented: false,
  }),
] as const);

/** The name of one scenario of signed profiles. */
export type SignedProfileScenarioName = (typeof SIGNED_PROFILE_SCENARIOS)[number]['name'];

/** What `signProfile`'s `scenario` may be: a profile to accept (`signed`) or one to reject. */
export type ProfileScenarioName = Extract<
  (typeof SIGNED_PROFILE_SCENARIOS)[number],
  { kind: 'profile' }
>['name'];

/** What the key endpoint's `scenario` may be: the served keys, or a server error. */
export type KeySetScenarioName = Extract<
  (typeof SIGNED_PROFILE_SCENARIOS)[number],
  { kind: 'key-set' }
>['name'];

/** The names `signProfile`'s `scenario` may take, in the table's order. */
export const PROFILE_SCENARIO_NAMES: readonly ProfileScenarioName[] = SIGNED_PROFILE_SCENARIOS.filter(
  (scenario) => scenario.kind === 'profile',
).map((scenario) => scenario.name);

/** The names the key endpoint's `scenario` may take, in the table's order. */
export const KEY_SET_SCENARIO_NAMES: readonly KeySetScenarioName[] = SIGNED_PROFILE_SCENARIOS.filter(
  (scenario) => scenario.kind === 'key-set',
).map((scenario) => scenario.name);

const BY_NAME: ReadonlyMap<string, SignedProfileScenario> = new Map(
  SIGNED_PROFILE_SCENARIOS.map((scenario) => [scenario.name, scenario]),
);

/** The scenario called `name`; throws for a name the table does not have. */
export function getSignedProfileScenario(name: SignedProfileScenarioName): SignedProfileScenario {
  const scenario = BY_NAME.get(name);
  if (!scenario) throw new TypeError(`Unknown signed-profile scenario "${name}"`);
  return scenario;
}

function row<const T extends SignedProfileScenario>(scenario: T): T {
  return Object.freeze(scenario);
}
