import { getPhoneNumberScenario } from '../../../src/operations/phone-number/scenarios.js';
import { PHONE_NUMBER_CALLS, type PhoneNumberCall } from '../../../src/operations/phone-number/calls.js';
import type { PactInteraction } from '../../pact/pact-file.js';

const CALLS: readonly PhoneNumberCall[] = Object.values(PHONE_NUMBER_CALLS);
const BAD_CREDENTIALS_STATE = getPhoneNumberScenario('invalid-credentials').providerState;
const STRING_STATE = getPhoneNumberScenario('verified-string').providerState;
const FIELDS: ReadonlySet<string> = new Set(['phoneNumber', 'countryCode']);

/**
 * The kit's own checks of an interaction of the validation call, the ones an OpenAPI comparator skips:
 * the request carries its form's credentials header (`clientId` for SDK 3.x's path, `appKey` for 2.8's)
 * unless its state is about bad credentials; a 200 expects only `phoneNumber` and `countryCode`, and the
 * number as the JSON number the documentation prints unless its state asks for a string.
 */
export function phoneNumberProblems(interaction: PactInteraction, call: PhoneNumberCall): string[] {
  const problems: string[] = [];
  const states = new Set(interaction.providerStates.map((state) => state.name));
  const header = call.credentialHeader;
  if (!states.has(BAD_CREDENTIALS_STATE) && interaction.requestHeaders[header.toLowerCase()] === undefined) {
    const other = CALLS.find((candidate) => candidate !== call)?.credentialHeader ?? '';
    const sent = interaction.requestHeaders[other.toLowerCase()] !== undefined;
    problems.push(
      `request header ${header}: missing; the SDK ${call.sdk} form of the call sends the partner credentials as ${header}${sent ? ` (${other} is the header of the other form, ${CALLS.find((candidate) => candidate !== call)?.path})` : ''} (use the state "${BAD_CREDENTIALS_STATE}" to expect the 404 without them)`,
    );
  }
  const body = interaction.responseBody;
  if (interaction.status !== 200 || typeof body !== 'object' || body === null || Array.isArray(body))
    return problems;
  for (const field of Object.keys(body)) {
    if (!FIELDS.has(field))
      problems.push(
        `response body $.${field}: not sent; the validation call answers phoneNumber and countryCode`,
      );
  }
  const { phoneNumber } = body as Record<string, unknown>;
  if (typeof phoneNumber === 'string' && !states.has(STRING_STATE)) {
    problems.push(
      `response body $.phoneNumber: a string; the documented answer is a bare JSON number (use the state "${STRING_STATE}" to expect a string)`,
    );
  }
  return problems;
}
