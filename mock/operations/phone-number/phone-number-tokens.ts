/**
 * The access tokens of users verified without the Truecaller app, which the validation call answers (a
 * test double, not for production): built-in (one per scenario of the table), configured, added through
 * the control plane or `registerPhoneNumberToken`.
 */
import {
  DEFAULT_NON_TRUECALLER_PERSONA,
  findNonTruecallerPersona,
} from '../../../fixtures/non-truecaller-personas.js';
import { FAULT_SCHEMA, type Fault } from '../../../src/faults.js';
import {
  PHONE_NUMBER_PATTERN,
  PHONE_NUMBER_TOKEN_PATTERN,
} from '../../../src/operations/phone-number/calls.js';
import {
  PHONE_NUMBER_SCENARIOS,
  PHONE_NUMBER_TOKEN_SCENARIO_NAMES,
  type PhoneNumberAs,
  type PhoneNumberTokenScenarioName,
} from '../../../src/operations/phone-number/scenarios.js';
import type { PhoneNumberTokenRecord } from '../../../src/operations/phone-number/wire-types.js';
import { issuedTokenGraceMs } from '../../state/expiry-queue.js';
import {
  defineCollection,
  FAULT_LIST_FIELDS,
  faultRangeProblems,
  isObject,
  mergeById,
  NOT_A_DOT_SEGMENT,
} from '../collection.js';

/** The persona behind the built-in tokens and the default number of a configured one. */
function defaultPersona(): { phoneNumber: string; countryCode: string } {
  const persona = findNonTruecallerPersona(DEFAULT_NON_TRUECALLER_PERSONA);
  if (persona === undefined)
    throw new Error(`fixtures/data lacks the persona ${DEFAULT_NON_TRUECALLER_PERSONA}`);
  return persona;
}

/** One phone-number token of a config file (the validation call of users without the app). Every field is optional. */
export interface PhoneNumberTokenConfig {
  /** Default `verified`: answer with the number; or a documented error (`invalid-token`, `invalid-credentials`, `server-error`). */
  scenario?: PhoneNumberTokenScenarioName;
  /** Calling code and national number, digits only. Default: the persona `non-truecaller-in`'s. */
  phoneNumber?: string;
  /** ISO 3166-1 alpha-2. Default `IN` (the SDK verifies users without the app in India only). */
  countryCode?: string;
  /** How a 200 writes the number: a JSON `number` (default, as documented) or a `string`. */
  phoneNumberAs?: PhoneNumberAs;
  /** A fault this token's answers get instead of the global one. */
  fault?: Fault;
}

/** The `phoneNumberTokens` section of a config file (access tokens of users without the app, by the token the path carries). */
export interface PhoneNumberTokensConfig {
  phoneNumberTokens?: Record<string, PhoneNumberTokenConfig>;
}

/** The `phoneNumberTokens` collection. */
export const PHONE_NUMBER_TOKENS = defineCollection({
  name: 'phoneNumberTokens',
  idIs: 'the access token',
  builtIns: () => {
    const { phoneNumber, countryCode } = defaultPersona();
    return PHONE_NUMBER_SCENARIOS.map((scenario): PhoneNumberTokenRecord => ({
      id: scenario.token,
      scenario: scenario.kind === 'verified' ? 'verified' : (scenario.name as PhoneNumberTokenScenarioName),
      phoneNumber,
      countryCode,
      ...('phoneNumberAs' in scenario && scenario.phoneNumberAs === 'string'
        ? { phoneNumberAs: 'string' as const }
        : {}),
    }));
  },
  config: {
    schema: {
      type: 'object',
      propertyNames: { pattern: PHONE_NUMBER_TOKEN_PATTERN, ...NOT_A_DOT_SEGMENT },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          scenario: { enum: PHONE_NUMBER_TOKEN_SCENARIO_NAMES },
          phoneNumber: { type: 'string', pattern: PHONE_NUMBER_PATTERN },
          countryCode: { type: 'string', pattern: '^[A-Z]{2}$' },
          phoneNumberAs: { enum: ['number', 'string'] },
          fault: FAULT_SCHEMA,
        },
      },
    },
    idRule: 'phone-number token (1 to 512 letters, digits, . _ ~ -: it is sent in the path)',
    patternMessages: {
      phoneNumber: 'must be the calling code and national number, digits only (919812345678)',
      countryCode: 'must be an ISO 3166-1 alpha-2 code such as IN',
    },
    problems: (entries) =>
      Object.entries(entries).flatMap(([token, entry]) =>
        isObject(entry) ? faultRangeProblems(`phoneNumberTokens.${token}.fault`, entry.fault) : [],
      ),
    apply(base, entries) {
      const persona = defaultPersona();
      const added = Object.entries(entries).map(([id, entry]): PhoneNumberTokenRecord => {
        const record: PhoneNumberTokenRecord = {
          id,
          scenario: (entry.scenario as PhoneNumberTokenScenarioName | undefined) ?? 'verified',
          phoneNumber: (entry.phoneNumber as string | undefined) ?? persona.phoneNumber,
          countryCode: (entry.countryCode as string | undefined) ?? persona.countryCode,
        };
        if (entry.phoneNumberAs !== undefined) record.phoneNumberAs = entry.phoneNumberAs as PhoneNumberAs;
        if (entry.fault !== undefined) record.fault = structuredClone(entry.fault) as Fault;
        return record;
      });
      return mergeById(base as PhoneNumberTokenRecord[], added);
    },
  },
  runtimeFields: { expiresAt: 'number' },
  admin: { served: true },
  listFields: [
    'id',
    'scenario',
    'phoneNumber',
    'countryCode',
    'phoneNumberAs',
    'expiresAt',
    ...FAULT_LIST_FIELDS,
  ],
  // Past its expiry it answers the documented 1404 for as long as an issued token answers 401.
  expiry: { graceMs: (lifetimeSeconds) => issuedTokenGraceMs(lifetimeSeconds) },
  faultTarget: 'phoneNumberToken',
});
