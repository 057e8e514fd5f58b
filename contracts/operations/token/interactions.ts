import type { PactV4 } from '@pact-foundation/pact';
import type { OpenAPIV3_1 } from 'openapi-types';
import { FORM_TYPE } from '../../../mock/http/form-body.js';
import { EXAMPLE_CODE_VERIFIER } from '../../../src/operations/token/grants.js';
import {
  getExchangeOutcome,
  type ExchangeOutcome,
  type ExchangeOutcomeName,
} from '../../../src/operations/token/outcomes.js';
import {
  getExampleValue,
  getOperation,
  loadApiDocument,
  resolveReference,
} from '../../../src/openapi/api-document.js';
import {
  type InteractionOptions,
  type ProfileStateOptions,
  profileStateParams,
  type ReadyInteraction,
  type RequestBuilder,
  type ResponseBuilder,
} from '../../pact/pact-steps.js';
import {
  errorBodyMatcher,
  type Operation,
  propertyMatcher,
  responseHeaderMatchers,
  responseSchema,
} from '../../pact/response-matchers.js';
import { ENDPOINTS } from '../../../src/endpoints.js';
import { loadPact } from '../../pact/peer-dependencies.js';
import { recordedBeforeVerdict } from '../../pact/recorded-requests.js';

const TOKEN: Operation = { path: ENDPOINTS.token, method: 'post' };

/** Choices a consumer test makes about one `POST /v1/token` interaction. */
export interface TokenExchangeInteractionOptions extends InteractionOptions, ProfileStateOptions {
  /**
   * The code the consumer test's client sends to Pact's mock. At verification the provider state's code
   * takes its place (`fromProviderState('${code}')`), so any string will do. Default: the outcome's
   * built-in code.
   */
  code?: string;
  /**
   * The verifier the client sends. For the success outcome the state's verifier takes its place
   * (`${codeVerifier}`); otherwise it is matched by the RFC 7636 syntax. Default: `EXAMPLE_CODE_VERIFIER`.
   */
  codeVerifier?: string;
}

/**
 * Adds the interaction of one outcome of `POST /v1/token` (a row of `EXCHANGE_OUTCOMES`) to a `PactV4`
 * consumer test: the provider state by its documented name, a form-encoded request whose code (and, for
 * the success outcome, verifier) come from that state, and a response whose status, headers and body
 * matchers come from `openapi.yaml` (`TokenResponse`'s types and patterns, or the OAuth `error` exactly).
 *
 * @example
 * const pact = new PactV4({ consumer: 'my-backend', provider: PACT_PROVIDER, dir: 'pacts' });
 * await tokenExchangeInteraction(pact, 'expired-code').executeTest(async (mock) => {
 *   const result = await exchangeCode({ baseUrl: mock.url, code: 'expired-code', codeVerifier: EXAMPLE_CODE_VERIFIER });
 *   expect(result).toMatchObject({ ok: false, status: 403 });
 * });
 */
export function tokenExchangeInteraction(
  pact: Pick<PactV4, 'addInteraction'>,
  name: ExchangeOutcomeName,
  options: TokenExchangeInteractionOptions = {},
): ReadyInteraction {
  const outcome = getExchangeOutcome(name);
  const interaction = pact
    .addInteraction()
    .given(
      outcome.providerState,
      profileStateParams(options, outcome.status === 200, `Outcome "${outcome.name}"`),
    )
    .uponReceiving(options.description ?? `a token request, given ${outcome.providerState}`)
    .withRequest('POST', ENDPOINTS.token, (request: RequestBuilder) => {
      request.headers({ 'Content-Type': FORM_TYPE });
      formBody(request, requestFields(outcome, options));
    })
    .willRespondWith(outcome.status, (response: ResponseBuilder) => {
      response.headers(responseHeaderMatchers(TOKEN, outcome.status)).jsonBody(responseBody(outcome));
    });
  return recordedBeforeVerdict(interaction);
}

// The grant and client are the outcome's own (exact); the code is the state's; the verifier is the
// state's for the success outcome, else matched by the syntax `openapi.yaml` gives it.
function requestFields(
  outcome: ExchangeOutcome,
  options: TokenExchangeInteractionOptions,
): Record<string, unknown> {
  const { MatchersV3 } = loadPact('tokenExchangeInteraction');
  const properties = requestSchema().properties ?? {};
  const fields: Record<string, unknown> = { ...outcome.form };
  if ('code' in fields) {
    fields.code = MatchersV3.fromProviderState('${code}', options.code ?? outcome.code ?? 'a-code');
  }
  if ('code_verifier' in fields) {
    const verifier = options.codeVerifier ?? EXAMPLE_CODE_VERIFIER;
    fields.code_verifier =
      outcome.status === 200
        ? MatchersV3.fromProviderState('${codeVerifier}', verifier)
        : propertyMatcher(properties.code_verifier, verifier);
  }
  return fields;
}

function responseBody(outcome: ExchangeOutcome): unknown {
  const example = getExampleValue(
    loadApiDocument(),
    ENDPOINTS.token,
    'post',
    outcome.status,
    outcome.example,
  );
  if (outcome.status !== 200) return errorBodyMatcher(example);
  // The fields a client reads are the required ones; the refresh token is the kit's assumption.
  const schema = responseSchema(TOKEN, 200);
  const values = example as Record<string, unknown>;
  return Object.fromEntries(
    (schema.required ?? []).map((field) => [
      field,
      propertyMatcher(schema.properties?.[field], values[field]),
    ]),
  );
}

function requestSchema(): OpenAPIV3_1.SchemaObject {
  const document = loadApiDocument();
  const body = resolveReference<OpenAPIV3_1.RequestBodyObject>(
    document,
    getOperation(document, ENDPOINTS.token, 'post').requestBody ?? { content: {} },
  );
  return resolveReference<OpenAPIV3_1.SchemaObject>(document, body.content[FORM_TYPE]?.schema ?? {});
}

/**
 * Sets a form body with matchers and generators. pact-js 16.5's request builder has none for forms:
 * `body()` stores bare bytes (no matching rules, no `fromProviderState`), `jsonBody()` fixes
 * `application/json`. Its core's `withRequestBody` given the form media type does what Pact V4 specifies:
 * the JSON-with-matchers becomes a form, with rules and generators under `$.<field>`. That call sits
 * behind the builder's protected `interaction`; should a Pact upgrade move it, this fails loudly.
 */
function formBody(request: RequestBuilder, fields: Record<string, unknown>): void {
  const core = (request as unknown as { interaction?: { withRequestBody?: unknown } }).interaction;
  if (typeof core?.withRequestBody !== 'function') {
    throw new TypeError(
      'tokenExchangeInteraction: this @pact-foundation/pact has no form-body support the kit knows (its request builder lost `interaction.withRequestBody`); pin @pact-foundation/pact 16.',
    );
  }
  (core.withRequestBody as (body: string, contentType: string) => boolean).call(
    core,
    JSON.stringify(fields),
    FORM_TYPE,
  );
}
