import { DEFAULT_CLIENT_ID, EXAMPLE_CODE_VERIFIER, RESTRICTED_CLIENT_ID } from './grants.js';

/** One outcome of `POST /v1/token`: how to reach it, what it answers, and its Pact provider state. */
export interface ExchangeOutcome {
  /** Stable name, also what a code's `scenario` field holds. */
  readonly name: string;
  /** The mock's built-in code that answers with this outcome; null where the form alone reaches it. */
  readonly code: string | null;
  /** The form fields a client sends to reach it. */
  readonly form: Readonly<Record<string, string>>;
  readonly status: number;
  /** The named example in `openapi.yaml` under this status. */
  readonly example: string;
  /** The Pact provider state that sets it up. */
  readonly providerState: string;
  /** What it simulates, one line for the code table. */
  readonly simulates: string;
  /** Whether Truecaller documents this outcome, or the kit assumes it. */
  readonly documented: boolean;
}

/**
 * The exchange-outcome table: one row per named example of `POST /v1/token`. The mock's built-in codes, the
 * CLI's code table and the table-driven tests come from it; a test fails when it and `openapi.yaml`
 * disagree. Every documented error has a built-in code that forces it; the natural triggers (a wrong
 * grant, an empty field, an unknown client, a reused code, a wrong verifier) reach the same answers.
 */
export const EXCHANGE_OUTCOMES = Object.freeze([
  row({
    name: 'issued',
    code: 'valid-code',
    status: 200,
    example: 'issued',
    providerState: 'an authorization code for the full-in persona with all scopes',
    simulates: 'an access token (persona full-in, every scope; with a refresh token)',
    documented: true,
  }),
  row({
    name: 'unsupported-grant-type',
    code: 'unsupported-grant-type',
    status: 400,
    example: 'unsupportedGrantType',
    providerState: 'the grant type is not supported',
    simulates: 'grant type not supported (also: any grant_type but authorization_code or refresh_token)',
    documented: true,
  }),
  row({
    name: 'empty-parameters',
    code: 'empty-parameters',
    status: 400,
    example: 'emptyParameters',
    providerState: 'some parameters are empty',
    simulates: 'some parameters are empty (also: a missing field, a non-form body, a body over 16 KiB)',
    documented: true,
  }),
  row({
    name: 'invalid-client',
    code: 'invalid-client',
    status: 403,
    example: 'invalidClient',
    providerState: 'the client id is invalid',
    simulates: 'client id invalid (also: any client id the mock does not know)',
    documented: true,
  }),
  row({
    name: 'unauthorized-client',
    code: 'unauthorized-client',
    status: 403,
    example: 'unauthorizedClient',
    providerState: 'the grant type is not allowed for the client',
    simulates: `grant type not allowed for the client (also: client_id=${RESTRICTED_CLIENT_ID})`,
    documented: true,
  }),
  row({
    name: 'invalid-code',
    code: 'invalid-code',
    status: 403,
    example: 'invalidCode',
    providerState: 'the authorization code is invalid',
    simulates: 'invalid auth code (also: any unknown code, or a code of another client)',
    documented: true,
  }),
  row({
    name: 'expired-code',
    code: 'expired-code',
    status: 403,
    example: 'expiredCode',
    providerState: 'the authorization code has expired',
    simulates: 'invalid/expired auth code (also: a registered code exchanged twice, or past its lifetime)',
    documented: true,
  }),
  row({
    name: 'invalid-verifier',
    code: 'invalid-verifier',
    status: 403,
    example: 'invalidVerifier',
    providerState: 'the code verifier is invalid',
    simulates:
      'invalid/expired code verifier (also: a verifier that misses the challenge or the RFC 7636 syntax)',
    documented: true,
  }),
  row({
    name: 'invalid-refresh-token',
    code: null,
    form: {
      grant_type: 'refresh_token',
      client_id: DEFAULT_CLIENT_ID,
      refresh_token: 'no-such-refresh-token',
    },
    status: 403,
    example: 'invalidRefreshToken',
    providerState: 'the refresh token is invalid',
    simulates: 'an unknown, revoked or rotated refresh token (undocumented grant)',
    documented: false,
  }),
  row({
    name: 'rate-limited',
    code: 'rate-limited',
    status: 429,
    example: 'rateLimited',
    providerState: 'the request limit is exceeded',
    simulates: 'request limit exceeded, with Retry-After',
    documented: true,
  }),
  row({
    name: 'server-error',
    code: 'server-error',
    status: 500,
    example: 'tokenServerError',
    providerState: 'the token endpoint fails unexpectedly',
    simulates: 'unexpected server error',
    documented: true,
  }),
  row({
    name: 'unavailable',
    code: 'unavailable',
    status: 503,
    example: 'unavailable',
    providerState: 'the token endpoint is unavailable',
    simulates: 'resource unavailable',
    documented: true,
  }),
] as const);

/** The name of one outcome of `POST /v1/token`. */
export type ExchangeOutcomeName = (typeof EXCHANGE_OUTCOMES)[number]['name'];

/** Outcomes a code can be given: `issued` (exchange normally) or a forced error. */
export type CodeScenarioName = Exclude<ExchangeOutcomeName, 'invalid-refresh-token'>;

/** Names a code's `scenario` field may hold. */
export const CODE_SCENARIO_NAMES: readonly CodeScenarioName[] = EXCHANGE_OUTCOMES.filter(
  (outcome): outcome is Extract<(typeof EXCHANGE_OUTCOMES)[number], { code: string }> =>
    outcome.code !== null,
).map((outcome) => outcome.name);

const BY_NAME: ReadonlyMap<string, ExchangeOutcome> = new Map(
  EXCHANGE_OUTCOMES.map((outcome) => [outcome.name, outcome]),
);

/** The outcome called `name`; throws for a name the table does not have. */
export function getExchangeOutcome(name: ExchangeOutcomeName): ExchangeOutcome {
  const outcome = BY_NAME.get(name);
  if (!outcome) throw new TypeError(`Unknown token outcome "${name}"`);
  return outcome;
}

function row<const T extends Omit<ExchangeOutcome, 'form'> & { form?: Readonly<Record<string, string>> }>(
  outcome: T,
): T & { form: Readonly<Record<string, string>> } {
  const form = outcome.form ?? {
    grant_type: 'authorization_code',
    client_id: DEFAULT_CLIENT_ID,
    code: outcome.code ?? '',
    code_verifier: EXAMPLE_CODE_VERIFIER,
  };
  return Object.freeze({ ...outcome, form: Object.freeze(form) });
}
