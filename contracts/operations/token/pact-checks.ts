import { FORM_TYPE, isFormType } from '../../../mock/http/form-body.js';
import { ENDPOINTS } from '../../../src/endpoints.js';
import { EXCHANGE_OUTCOMES, getExchangeOutcome } from '../../../src/operations/token/outcomes.js';
import { formFields, type PactInteraction } from '../../pact/pact-file.js';

// The documented fields of each grant, as the outcome table sends them.
const FIELDS_BY_GRANT: ReadonlyMap<string, readonly string[]> = new Map(
  EXCHANGE_OUTCOMES.map((outcome) => [outcome.form.grant_type ?? '', Object.keys(outcome.form)]),
);
const AUTHORIZATION_CODE_FIELDS = FIELDS_BY_GRANT.get('authorization_code') ?? [];
// A pact for this state may leave a field out: that is the outcome it expects.
const EMPTY_PARAMETERS_STATE = getExchangeOutcome('empty-parameters').providerState;

/**
 * The kit's own checks of a `POST /v1/token` interaction: the request is form-encoded and carries the
 * documented fields of its grant.
 */
export function tokenProblems(interaction: PactInteraction): string[] {
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
