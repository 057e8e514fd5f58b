/** The web profile a persona's web token answers with (a test double, not for production). */
import { isDeepStrictEqual } from 'node:util';
import { findPersona } from '../../../fixtures/personas.js';
import { findWebProfile } from '../../../fixtures/web-profiles.js';
import { detailsFromClaims, webProfileOf } from '../../../src/operations/mobile-web/web-profile.js';
import type { WebProfile } from '../../../src/operations/mobile-web/wire-types.js';
import type { PersonaRecord } from '../../../src/wire-types.js';

/**
 * A persona of the fixtures, as the fixtures have it, answers its web profile of `fixtures/data`; any
 * other persona (a config file's, one added or changed through the control plane) answers one made from
 * its claims, with nothing the user could set beyond them (so its optional attributes are absent).
 */
export function webProfileOfPersona(persona: PersonaRecord): WebProfile {
  const fixture = findWebProfile(persona.id);
  if (fixture !== undefined && isDeepStrictEqual(findPersona(persona.id)?.claims, persona.claims))
    return fixture;
  return webProfileOf(persona.claims, detailsFromClaims(persona.claims));
}
