import { loadApiDocument } from '../../../src/openapi/api-document.js';
import { getWebProfileScenario } from '../../../src/operations/mobile-web/scenarios.js';
import type { PactInteraction } from '../../pact/pact-file.js';

const STRINGS_STATE = getWebProfileScenario('profile-strings').providerState;
const UNAUTHORIZED_STATE = getWebProfileScenario('unauthorized').providerState;

/** The values the documentation's table types as numbers or a boolean, and its sample as strings. */
const TYPED_TWO_WAYS = ['userId', 'isActive', 'createdTime'] as const;

/**
 * The kit's own checks of an interaction of `GET /v1/default`, the ones an OpenAPI comparator skips: the
 * request carries a bearer token unless its state is about credentials that are not valid; a 200 expects
 * only the attributes of the web profile, and the values the documentation types two ways as its table
 * types them unless its state asks for the sample's strings.
 */
export function webProfileProblems(interaction: PactInteraction): string[] {
  const problems: string[] = [];
  const states = new Set(interaction.providerStates.map((state) => state.name));
  const authorization = interaction.requestHeaders.authorization;
  if (!states.has(UNAUTHORIZED_STATE) && (authorization === undefined || !/^bearer /i.test(authorization)))
    problems.push(
      `request header Authorization: missing or not Bearer; the profile fetch sends the callback's access token (use the state "${UNAUTHORIZED_STATE}" to expect the 401 without it)`,
    );
  const body = interaction.responseBody;
  if (interaction.status !== 200 || typeof body !== 'object' || body === null || Array.isArray(body))
    return problems;
  const attributes = webProfileAttributes();
  for (const field of Object.keys(body))
    if (!attributes.has(field))
      problems.push(`response body $.${field}: not sent; the web profile has ${[...attributes].join(', ')}`);
  if (states.has(STRINGS_STATE)) return problems;
  const fields = body as Record<string, unknown>;
  for (const field of TYPED_TWO_WAYS)
    if (typeof fields[field] === 'string')
      problems.push(
        `response body $.${field}: a string, as the documentation's sample writes it; the mock answers as its table types it (use the state "${STRINGS_STATE}" to expect strings)`,
      );
  return problems;
}

function webProfileAttributes(): ReadonlySet<string> {
  const schema = loadApiDocument().components?.schemas?.WebProfile;
  return new Set(Object.keys(schema?.properties ?? {}));
}
