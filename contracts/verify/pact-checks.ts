import { FORM_TYPE, isFormType } from '../../mock/http/form-body.js';
import { EXCHANGE_OUTCOMES, getExchangeOutcome } from '../../src/operations/token/outcomes.js';
import { SCENARIOS, type Scenario } from '../../src/operations/userinfo/scenarios.js';
import { CLAIMS_BY_SCOPE, readScopes, type Scope } from '../../src/scopes.js';
import type { PactFile, PactInteraction } from '../pact/pact-file.js';
import { HTTP_INTERACTION } from '../pact/pact-file.js';
import { PACT_PROVIDER } from '../pact/provider-state.js';
import { findProviderState, PROVIDER_STATE_DEFINITIONS } from '../pact/provider-states.js';
import { ENDPOINTS } from '../../src/endpoints.js';
import { phoneNumberCallOf, phoneNumberProblems } from '../operations/phone-number/pact-checks.js';

const SCENARIO_BY_STATE: ReadonlyMap<string, Scenario> = new Map(
  SCENARIOS.map((scenario) => [scenario.providerState, scenario]),
);

/**
 * What stops a pact from being verified at all: another provider, an interaction that is not HTTP, a
 * provider state the kit does not know or parameters it cannot use. Each problem names the pact and the
 * interaction; empty when the pact can be replayed.
 */
export function pactProblems(pact: PactFile): string[] {
  const problems: string[] = [];
  if (pact.provider !== PACT_PROVIDER) {
    problems.push(
      `${pact.source}: the pact is for provider "${pact.provider}"; the kit verifies pacts for "${PACT_PROVIDER}" (set it as the provider of your PactV4).`,
    );
  }
  for (const interaction of pact.interactions) {
    const where = `${pact.source}: interaction "${interaction.description}"`;
    if (interaction.type !== HTTP_INTERACTION) {
      problems.push(`${where} is a ${interaction.type} interaction; the kit replays HTTP interactions only.`);
      continue;
    }
    for (const state of interaction.providerStates) {
      const definition = findProviderState(state.name);
      if (!definition) {
        problems.push(
          `${where}: unknown provider state "${state.name}". Known states: ${PROVIDER_STATE_DEFINITIONS.map((known) => `"${known.name}"`).join(', ')}.`,
        );
        continue;
      }
      for (const problem of definition.check(state.params)) {
        problems.push(`${where}: provider state "${state.name}" ${problem}.`);
      }
    }
  }
  return problems;
}

/**
 * The kit's own checks of one interaction, the ones an OpenAPI comparator skips. For `POST /v1/token`: the
 * request is form-encoded and carries the documented fields of its grant. Otherwise (`GET /v1/userinfo`):
 * the request carries a `Bearer` Authorization header (unless its state is about a missing one), and a
 * 200 expects only claims that the scopes of its state grant. The validation call of users without the
 * app: see `phoneNumberProblems`.
 */
export function kitProblems(interaction: PactInteraction): string[] {
  const phoneNumberCall = phoneNumberCallOf(interaction.path);
  if (phoneNumberCall !== undefined) return phoneNumberProblems(interaction, phoneNumberCall);
  return interaction.path === ENDPOINTS.token ? tokenProblems(interaction) : userInfoProblems(interaction);
}

// The documented fields of each grant, as the outcome table sends them.
const FIELDS_BY_GRANT: ReadonlyMap<string, readonly string[]> = new Map(
  EXCHANGE_OUTCOMES.map((outcome) => [outcome.form.grant_type ?? '', Object.keys(outcome.form)]),
);
const AUTHORIZATION_CODE_FIELDS = FIELDS_BY_GRANT.get('authorization_code') ?? [];
// A pact for this state may leave a field out: that is the outcome it expects.
const EMPTY_PARAMETERS_STATE = getExchangeOutcome('empty-parameters').providerState;

function tokenProblems(interaction: PactInteraction): string[] {
  const problems: string[] = [];
  const contentType = interaction.requestHeaders['content-type'];
  if (!isFormType(contentType)) {
    problems.push(
      `request header Content-Type: ${contentType === undefined ? 'missing' : `"${contentType}"`}; POST ${ENDPOINTS.token} is sent as ${FORM_TYPE}`,
    );
  }
  if (interaction.providerStates.some((state) => state.name === EMPTY_PARAMETERS_STATE)) return problems;
  const fields = formFields(interaction.requestBody);
  // An unsupported grant is still sent with the documented grant's fields.
  const expected = FIELDS_BY_GRANT.get(fields.get('grant_type') ?? '') ?? AUTHORIZATION_CODE_FIELDS;
  for (const field of expected) {
    if (!fields.has(field)) {
      problems.push(`request body ${field}: missing; POST ${ENDPOINTS.token} sends ${expected.join(', ')}`);
    }
  }
  return problems;
}

/** A request's form fields: a V4 pact holds a form as its encoded string, a hand-written V3 pact may hold an object. */
export function formFields(body: unknown): URLSearchParams {
  if (typeof body === 'string') return new URLSearchParams(body);
  if (typeof body === 'object' && body !== null && !Array.isArray(body)) {
    return new URLSearchParams(
      Object.entries(body as Record<string, unknown>).map(([key, value]): [string, string] => [
        key,
        String(value),
      ]),
    );
  }
  return new URLSearchParams();
}

function userInfoProblems(interaction: PactInteraction): string[] {
  const problems: string[] = [];
  const scenarios = interaction.providerStates.flatMap((state) => {
    const scenario = SCENARIO_BY_STATE.get(state.name);
    return scenario ? [{ scenario, params: state.params }] : [];
  });
  const aboutTheHeader = scenarios.some(({ scenario }) => scenario.kind === 'header');
  const authorization = interaction.requestHeaders.authorization;
  if (!aboutTheHeader) {
    if (authorization === undefined) {
      problems.push('request header Authorization: missing; GET /v1/userinfo needs "Bearer <ACCESS_TOKEN>"');
    } else if (!/^bearer +\S/i.test(authorization)) {
      problems.push(
        `request header Authorization: "${authorization}" is not "Bearer <ACCESS_TOKEN>" (use the state "${SCENARIOS.find((scenario) => scenario.kind === 'header')?.providerState}" to expect the 401 for that)`,
      );
    }
  }
  const body = interaction.responseBody;
  const profile = profileState(interaction);
  if (interaction.status === 200 && profile && typeof body === 'object' && body !== null) {
    const granted = new Set<string>(profile.scopes.flatMap((scope) => CLAIMS_BY_SCOPE[scope]));
    for (const claim of Object.keys(body)) {
      if (!granted.has(claim)) {
        problems.push(
          `response body $.${claim}: not granted by the scopes of state "${profile.providerState}" (${profile.scopes.join(' ')})`,
        );
      }
    }
  }
  return problems;
}

/**
 * The profile state of a `GET /v1/userinfo` interaction (a 200 scenario) and the scopes it grants: its
 * `scopes` parameter, else the scenario's own; undefined for an interaction without one.
 */
export function profileState(
  interaction: PactInteraction,
): { providerState: string; scopes: readonly Scope[] } | undefined {
  for (const state of interaction.providerStates) {
    const scenario = SCENARIO_BY_STATE.get(state.name);
    if (scenario?.kind === 'profile') {
      return {
        providerState: scenario.providerState,
        scopes: readScopes(state.params.scopes) ?? scenario.scopes ?? [],
      };
    }
  }
  return undefined;
}
