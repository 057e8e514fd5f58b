import { MatchersV3, type PactV4 } from '@pact-foundation/pact';
import type { OpenAPIV3_1 } from 'openapi-types';
import {
  findResponse,
  getExampleValue,
  loadApiDocument,
  resolveReference,
} from '../src/openapi/api-document.js';
import { getScenario, type Scenario, type ScenarioName } from '../src/scenarios.js';
import { CLAIMS_BY_SCOPE, type Scope } from '../src/scopes.js';
import { USERINFO_PATH, type UserInfoClaim } from '../src/user-info.js';

// Pact exports its V4 builder classes, not the interfaces of each step; these name the steps used here.
type UnconfiguredInteraction = ReturnType<PactV4['addInteraction']>;
type InteractionWithRequest = ReturnType<UnconfiguredInteraction['withRequest']>;
type RequestBuilder = Parameters<NonNullable<Parameters<UnconfiguredInteraction['withRequest']>[2]>>[0];
type ResponseBuilder = Parameters<NonNullable<Parameters<InteractionWithRequest['willRespondWith']>[1]>>[0];

/** A configured interaction: call `executeTest` on it. */
export type ReadyInteraction = ReturnType<InteractionWithRequest['willRespondWith']>;

/** Choices a consumer test makes about one `GET /v1/userinfo` interaction. */
export interface UserInfoInteractionOptions {
  /**
   * The token the consumer test's client sends to Pact's mock. At verification the provider state's token
   * takes its place (`fromProviderState`), so any string will do. Default: the scenario's built-in token.
   */
  token?: string;
  /** For the 200 states: the granted scopes (a state parameter); the body expects every claim they grant. */
  scopes?: readonly Scope[];
  /** For the 200 states: the persona whose profile is answered (a state parameter). */
  persona?: string;
  /** The interaction's description; by default one derived from the provider state. */
  description?: string;
}

/**
 * Adds the interaction of one scenario of `GET /v1/userinfo` to a `PactV4` consumer test: the provider
 * state by its documented name, the bearer token from that state, and a response whose status, headers
 * and body matchers come from `openapi.yaml` (types, the phone-number and country-code patterns, the OAuth
 * `error` code exactly). Run the client inside the returned builder's `executeTest`.
 *
 * @example
 * const pact = new PactV4({ consumer: 'my-app', provider: PACT_PROVIDER, dir: 'pacts' });
 * await userInfoInteraction(pact, 'expired').executeTest(async (mock) => {
 *   await expect(getUserInfo('expired', { baseUrl: mock.url })).rejects.toThrow('401');
 * });
 */
export function userInfoInteraction(
  pact: Pick<PactV4, 'addInteraction'>,
  name: ScenarioName,
  options: UserInfoInteractionOptions = {},
): ReadyInteraction {
  const scenario = getScenario(name);
  const params = stateParams(scenario, options);
  const token = options.token ?? scenario.token;
  return pact
    .addInteraction()
    .given(scenario.providerState, params)
    .uponReceiving(options.description ?? `a request for the user's profile, given ${scenario.providerState}`)
    .withRequest('GET', USERINFO_PATH, (request: RequestBuilder) => {
      // Without a token the request carries no Authorization header: the documented "not bearer" 401.
      if (token !== null) {
        request.headers({
          Authorization: MatchersV3.fromProviderState('Bearer ${token}', `Bearer ${token}`),
        });
      }
    })
    .willRespondWith(scenario.status, (response: ResponseBuilder) => {
      response.headers(responseHeaders(scenario)).jsonBody(responseBody(scenario, options));
    });
}

function stateParams(
  scenario: Scenario,
  options: UserInfoInteractionOptions,
): Record<string, string[] | string> | undefined {
  if ((options.scopes || options.persona) && scenario.kind !== 'profile') {
    throw new TypeError(`Scenario "${scenario.name}" takes no scopes or persona; only the 200 scenarios do.`);
  }
  const params: Record<string, string[] | string> = {};
  if (options.scopes) params.scopes = [...options.scopes];
  if (options.persona) params.persona = options.persona;
  return Object.keys(params).length > 0 ? params : undefined;
}

function responseHeaders(scenario: Scenario): Record<string, MatchersV3.Matcher<string>> {
  const document = loadApiDocument();
  const response = declaredResponse(document, scenario.status);
  // The declared media type, with or without parameters such as `charset`.
  const mediaType = Object.keys(response.content ?? {})[0] ?? 'application/json';
  const headers: Record<string, MatchersV3.Matcher<string>> = {
    'Content-Type': MatchersV3.regex(
      `^${mediaType.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(;.*)?$`,
      `${mediaType}; charset=utf-8`,
    ),
  };
  for (const [header, headerOrRef] of Object.entries(response.headers ?? {})) {
    const definition = resolveReference<OpenAPIV3_1.HeaderObject>(document, headerOrRef);
    const schema = definition.schema as OpenAPIV3_1.SchemaObject | undefined;
    // A client reads the challenge of a 401; it does not read Cache-Control.
    if (definition.required && typeof schema?.pattern === 'string') {
      headers[header] = MatchersV3.regex(fullMatch(schema.pattern), String(definition.example));
    }
  }
  return headers;
}

function responseBody(scenario: Scenario, options: UserInfoInteractionOptions): unknown {
  const document = loadApiDocument();
  const example = getExampleValue(document, USERINFO_PATH, 'get', scenario.status, scenario.example);
  const schema = resolveReference<OpenAPIV3_1.SchemaObject>(
    document,
    declaredResponse(document, scenario.status).content?.['application/json']?.schema ?? {},
  );
  if (scenario.kind !== 'profile') {
    // The error code is what a client branches on; the description is for people.
    const { error, error_description: description } = example as { error: string; error_description: string };
    return { error, error_description: MatchersV3.string(description) };
  }
  // Every claim of the granted scopes, valued by the full-profile example and matched by its schema.
  const full = getExampleValue(document, USERINFO_PATH, 'get', 200, 'valid') as Record<string, unknown>;
  const scopes = options.scopes ?? scenario.scopes ?? [];
  const claims: UserInfoClaim[] = scopes.flatMap((scope) => CLAIMS_BY_SCOPE[scope]);
  return Object.fromEntries(
    claims.map((claim) => [claim, claimMatcher(schema.properties?.[claim], full[claim], document)]),
  );
}

function claimMatcher(
  property: OpenAPIV3_1.SchemaObject | OpenAPIV3_1.ReferenceObject | undefined,
  example: unknown,
  document: OpenAPIV3_1.Document,
): unknown {
  const schema = property ? resolveReference<OpenAPIV3_1.SchemaObject>(document, property) : {};
  if (schema.type === 'string' && typeof example === 'string') {
    return typeof schema.pattern === 'string'
      ? MatchersV3.regex(fullMatch(schema.pattern), example)
      : MatchersV3.string(example);
  }
  if (schema.type === 'boolean' && typeof example === 'boolean') return MatchersV3.boolean(example);
  return MatchersV3.like(example);
}

// A JSON Schema pattern searches the value; a Pact regex must match all of it.
function fullMatch(pattern: string): string {
  const anchored = pattern.startsWith('^') && pattern.endsWith('$') && !pattern.endsWith('\\$');
  return anchored ? pattern : `.*(?:${pattern}).*`;
}

function declaredResponse(document: OpenAPIV3_1.Document, status: number): OpenAPIV3_1.ResponseObject {
  const response = findResponse(document, USERINFO_PATH, 'get', status);
  if (!response) throw new TypeError(`openapi.yaml declares no ${status} for GET ${USERINFO_PATH}.`);
  return response;
}
