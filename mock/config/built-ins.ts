/** The built-in records of the mock (a test double, not for production). */
import {
  DEFAULT_NON_TRUECALLER_PERSONA,
  findNonTruecallerPersona,
} from '../../fixtures/non-truecaller-personas.js';
import { PERSONAS } from '../../fixtures/personas.js';
import {
  DEFAULT_CLIENT_ID,
  EXCHANGE_OUTCOMES,
  GRANT_TYPES,
  RESTRICTED_CLIENT_ID,
} from '../../src/operations/token/outcomes.js';
import {
  PHONE_NUMBER_SCENARIOS,
  type PhoneNumberScenario,
  type PhoneNumberTokenScenarioName,
} from '../../src/operations/phone-number/scenarios.js';
import { DEFAULT_PERSONA, SCENARIOS } from '../../src/operations/userinfo/scenarios.js';
import { SCOPES } from '../../src/scopes.js';
import type { ClientRecord, CodeRecord, RefreshTokenRecord } from '../../src/operations/token/wire-types.js';
import type { PhoneNumberTokenRecord } from '../../src/operations/phone-number/wire-types.js';
import type { TokenRecord } from '../../src/operations/userinfo/wire-types.js';
import type { PersonaRecord, StoreData } from '../../src/wire-types.js';
import type { Collection } from '../state/store.js';

/** The collections, in the order a saved store lists them. */
export const COLLECTIONS: readonly Collection[] = Object.freeze([
  'tokens',
  'personas',
  'codes',
  'clients',
  'refreshTokens',
  'phoneNumberTokens',
]);

/** The built-in tokens, one per scenario of the table; the built-in personas, codes and clients. */
export function builtInStoreData(): StoreData {
  const tokens: TokenRecord[] = [];
  for (const scenario of SCENARIOS) {
    if (scenario.token === null) continue;
    tokens.push({
      id: scenario.token,
      scenario: scenario.kind === 'profile' ? 'valid' : scenario.name,
      persona: 'persona' in scenario ? scenario.persona : null,
      scopes: 'scopes' in scenario ? [...scenario.scopes] : [],
    });
  }
  const personas: PersonaRecord[] = PERSONAS.map((persona) => structuredClone(persona) as PersonaRecord);
  const codes: CodeRecord[] = [];
  for (const outcome of EXCHANGE_OUTCOMES) {
    if (outcome.code === null) continue;
    codes.push({
      id: outcome.code,
      scenario: outcome.name,
      persona: DEFAULT_PERSONA,
      scopes: [...SCOPES],
      reusable: true,
    });
  }
  const clients: ClientRecord[] = [
    {
      id: DEFAULT_CLIENT_ID,
      grantTypes: [...GRANT_TYPES],
      description: 'the default client, allowed every grant',
    },
    { id: RESTRICTED_CLIENT_ID, grantTypes: [], description: 'a client allowed no grant' },
  ];
  const refreshTokens: RefreshTokenRecord[] = [];
  return {
    tokens,
    personas,
    codes,
    clients,
    refreshTokens,
    phoneNumberTokens: builtInPhoneNumberTokens(),
    fault: {},
  };
}

/** The built-in tokens of the validation call, one per scenario of its table, for the default non-Truecaller persona. */
function builtInPhoneNumberTokens(): PhoneNumberTokenRecord[] {
  const persona = findNonTruecallerPersona(DEFAULT_NON_TRUECALLER_PERSONA);
  if (persona === undefined)
    throw new Error(`fixtures/data lacks the persona ${DEFAULT_NON_TRUECALLER_PERSONA}`);
  return PHONE_NUMBER_SCENARIOS.map((scenario: PhoneNumberScenario) => ({
    id: scenario.token,
    scenario: scenario.kind === 'verified' ? 'verified' : (scenario.name as PhoneNumberTokenScenarioName),
    phoneNumber: persona.phoneNumber,
    countryCode: persona.countryCode,
    ...(scenario.phoneNumberAs === 'string' ? { phoneNumberAs: 'string' } : {}),
  }));
}
