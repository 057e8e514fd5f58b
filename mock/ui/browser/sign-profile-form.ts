/**
 * The dashboard's "Sign a profile" form (Personas section): a persona and the nonce the app sent in, the
 * signed profile the iOS SDK would hand the app out (`POST /__admin/signedProfiles`), each value
 * copyable. The scenarios come from the catalogue, so the page names none of its own.
 */
import type { SignedProfile } from '../../../src/operations/signed-profile/wire-types.js';
import { adminCall } from './admin-calls.js';
import { announce, byId, copyable, element, fieldText, setOptions } from './dom.js';
import type { DashboardPart, MockState } from './mock-state.js';
import { personaOptions } from './scenarios-section.js';

/** The catalogue's name of the signed-profile operation. */
const OPERATION = 'signed-profile';

/** Fills the form's choices from `state`; hides it when the mock has no signed profiles. */
function renderSignProfile(state: MockState): void {
  const operation = state.catalogue.operations.find((each) => each.name === OPERATION);
  const form = byId<HTMLFormElement>('sign-profile');
  form.hidden = operation === undefined;
  setOptions(byId<HTMLSelectElement>('sign-profile-persona'), personaOptions(state, false));
  // A profile's scenarios are the ones no record takes (the key endpoint's are set elsewhere).
  const scenarios = (operation?.scenarios ?? []).filter((scenario) => !scenario.assignable);
  setOptions(
    byId<HTMLSelectElement>('sign-profile-scenario'),
    scenarios.map((scenario) => [scenario.name, `${scenario.name}: ${scenario.simulates}`]),
  );
  const nonce = byId<HTMLInputElement>('sign-profile-nonce');
  if (nonce.value === '') nonce.value = `dashboard-${Math.random().toString(36).slice(2, 10)}`;
}

/** Signs on submit and shows the three values. */
function wireSignProfile(): void {
  byId<HTMLFormElement>('sign-profile').addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const body = {
      persona: fieldText(data, 'persona'),
      requestNonce: fieldText(data, 'requestNonce'),
      scenario: fieldText(data, 'scenario'),
    };
    void sign(body);
  });
}

async function sign(body: Record<string, string>): Promise<void> {
  const result = byId('signed-profile');
  try {
    const profile = await adminCall<SignedProfile>('POST', '/signedProfiles', body);
    result.replaceChildren(
      ...(['payload', 'signature', 'signatureAlgorithm'] as const).flatMap((name) => [
        element('dt', {}, name),
        element('dd', {}, copyable(profile[name] === '' ? '""' : profile[name], name)),
      ]),
    );
    result.hidden = false;
    announce(`Signed a profile of ${body.persona ?? ''} for nonce ${body.requestNonce ?? ''}.`);
  } catch (error) {
    announce(`Not signed: ${(error as Error).message}`, true);
  }
}

/** The signed-profile operation's form, in the Personas section. */
export const signProfilePart: DashboardPart = { render: renderSignProfile, wire: wireSignProfile };
