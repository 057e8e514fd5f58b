/**
 * The personas every operation answers from (a test double, not for production): the fixtures' named
 * profiles, those of a config file, and those added through the control plane. Tokens and codes name one.
 */
import { PERSONAS as FIXTURE_PERSONAS } from '../../fixtures/personas.js';
import { CLAIMS_BY_SCOPE } from '../../src/scopes.js';
import type { PersonaRecord } from '../../src/wire-types.js';
import { claimProblems, defineCollection, ID_PATTERN, mergeById, type RecordCheck } from './collection.js';

const checkPersona: RecordCheck = (input) => {
  const { id, claims, description, country, ...rest } = input;
  if (typeof id !== 'string') return { problems: ['id: must be the persona id, a string'] };
  const problems = Object.keys(rest).map(
    (field) => `personas.${id}: unknown field "${field}" (a persona has id, description, country, claims)`,
  );
  if (description !== undefined && typeof description !== 'string')
    problems.push(`personas.${id}.description: must be a string`);
  if (country !== undefined && (typeof country !== 'string' || !/^[A-Z]{2}$/.test(country)))
    problems.push(`personas.${id}.country: must be an ISO 3166-1 alpha-2 code such as IN`);
  if (claims === undefined) problems.push(`personas.${id}.claims: required, the persona's UserInfo claims`);
  else problems.push(...claimProblems(`personas.${id}`, claims));
  return problems.length > 0 ? { problems } : { record: input };
};

/** The `personas` collection. */
export const PERSONAS = defineCollection({
  name: 'personas',
  idIs: 'the persona id',
  builtIns: () => FIXTURE_PERSONAS.map((persona) => structuredClone(persona) as PersonaRecord),
  config: {
    schema: {
      type: 'object',
      propertyNames: { pattern: ID_PATTERN },
      additionalProperties: { type: 'object' },
    },
    idRule: 'persona id (letters, digits, . _ -)',
    problems: (entries) =>
      Object.entries(entries).flatMap(([id, claims]) => claimProblems(`personas.${id}`, claims)),
    apply: (base, entries) =>
      mergeById(
        base as PersonaRecord[],
        Object.entries(entries).map(([id, claims]) => ({
          id,
          description: 'from the config file',
          claims: structuredClone(claims),
        })),
      ),
  },
  check: checkPersona,
  admin: { served: true },
  listFields: [
    'id',
    'description',
    'country',
    ...Object.values(CLAIMS_BY_SCOPE).flatMap((claims) => claims.map((claim) => `claims.${claim}`)),
    'claims.address.locality',
    'claims.address.postal_code',
  ],
});
