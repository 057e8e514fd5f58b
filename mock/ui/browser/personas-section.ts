/**
 * The dashboard's Personas section: the profiles as a table, and one persona as the JSON a client
 * receives for the scopes chosen (the claims of those scopes only, by the catalogue's mapping).
 */
import { byId, checkedValues, element, setOptions, table } from './dom.js';
import type { DashboardPart, MockState } from './mock-state.js';
import { personaOptions, scopeBoxes } from './scenarios-section.js';

let current: MockState | undefined;

/** Fills the section from `state`. */
function renderPersonas(state: MockState): void {
  current = state;
  byId('persona-table').replaceChildren(
    table(
      'Persona profiles',
      ['id', 'name', 'country', 'phone', 'email', 'what it is'],
      state.personas.map((persona) => {
        const { claims } = persona;
        const name = [claims.given_name, claims.family_name].filter(Boolean).join(' ');
        return [
          element('code', { class: 'word' }, persona.id),
          name,
          persona.country ?? '',
          claims.phone_number !== undefined && element('span', { class: 'word' }, claims.phone_number),
          claims.email !== undefined && element('span', { class: 'word' }, claims.email),
          persona.description ?? '',
        ];
      }),
      'wide',
    ),
  );
  setOptions(byId<HTMLSelectElement>('persona-view-persona'), personaOptions(state, false));
  scopeBoxes(byId('personas'), state);
  showClaims();
}

function showClaims(): void {
  if (current === undefined) return;
  const form = byId<HTMLFormElement>('persona-view');
  const persona = current.personas.find(
    (each) => each.id === byId<HTMLSelectElement>('persona-view-persona').value,
  );
  const scopes = new Set(checkedValues(form, 'scopes'));
  const granted = new Set(
    current.catalogue.scopes.filter(({ scope }) => scopes.has(scope)).flatMap(({ claims }) => claims),
  );
  const claims = Object.fromEntries(
    Object.entries(persona?.claims ?? {}).filter(([claim]) => granted.has(claim)),
  );
  byId('persona-json').textContent = scopes.has('openid')
    ? JSON.stringify(claims, null, 2)
    : 'Without the openid scope the mock answers 422 (missing-scope), not a profile.';
}

/** Shows the JSON again whenever the persona or a scope changes. */
function wirePersonas(): void {
  byId('persona-view').addEventListener('change', showClaims);
  byId('persona-view').addEventListener('submit', (event) => event.preventDefault());
}

/** The Personas section. */
export const personasPart: DashboardPart = { render: renderPersonas, wire: wirePersonas };
