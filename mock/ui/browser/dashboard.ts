/**
 * The dashboard at `/__admin/ui` (a test double's window, not for production): one section at a time,
 * chosen by the address's fragment (`#requests`), each filled from the admin API and read again after
 * every change it makes; the request journal follows the mock live.
 */
import { AdminCallError, followJournal, rememberToken, takeTokenFromAddress } from './admin-calls.js';
import { announce, byId } from './dom.js';
import { faultsPart } from './faults-section.js';
import { type DashboardPart, readMockState } from './mock-state.js';
import { personasPart } from './personas-section.js';
import { requestsPart, showJournal } from './requests-section.js';
import { scenariosPart } from './scenarios-section.js';
import { signProfilePart } from './sign-profile-form.js';
import { webSignInPart } from './web-sign-in-section.js';

/** The parts of the page, each filled from every read of the mock and wired once. */
const PARTS: readonly DashboardPart[] = [
  scenariosPart,
  requestsPart,
  personasPart,
  signProfilePart,
  faultsPart,
  webSignInPart,
];

/** The sections the navigation shows one at a time, as the page lays them out. */
const SECTIONS = [...document.querySelectorAll('main > section[id]')].map((section) => section.id);

/** Shows the section the fragment names (the first by default) and marks its link as the current one. */
function showSection(): void {
  const wanted = location.hash.slice(1);
  const name = SECTIONS.includes(wanted) ? wanted : (SECTIONS[0] ?? '');
  for (const section of SECTIONS) byId(section).hidden = section !== name;
  for (const link of document.querySelectorAll<HTMLAnchorElement>('nav a')) {
    if (link.hash === `#${name}`) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  document.title = `${byId(`${name}-title`).textContent ?? ''} · truecaller-oauth-kit mock`;
}

/** Reads the mock and fills every section; asks for the admin token when the mock wants one. */
async function refresh(): Promise<void> {
  const state = await readMockState();
  for (const part of PARTS) part.render?.(state);
}

let needToken: (() => void) | undefined;

/** Shows the token form and resolves once a token was entered. */
function askForToken(): Promise<void> {
  const form = byId<HTMLFormElement>('token-form');
  form.hidden = false;
  byId<HTMLInputElement>('admin-token').focus();
  announce('The admin API answered 401: enter its token.', true);
  return new Promise((resolve) => {
    needToken = resolve;
  });
}

async function start(): Promise<void> {
  takeTokenFromAddress();
  showSection();
  addEventListener('hashchange', showSection);
  for (const part of PARTS) part.wire?.(refresh);
  byId<HTMLFormElement>('token-form').addEventListener('submit', (event) => {
    event.preventDefault();
    rememberToken(byId<HTMLInputElement>('admin-token').value);
    byId<HTMLFormElement>('token-form').hidden = true;
    announce('');
    needToken?.();
  });

  for (;;) {
    try {
      await refresh();
      break;
    } catch (error) {
      if (error instanceof AdminCallError && error.status === 401) await askForToken();
      else {
        announce(`The mock did not answer: ${(error as Error).message}`, true);
        return;
      }
    }
  }

  void followJournal(showJournal, async (error) => {
    if (error instanceof AdminCallError && error.status === 401) {
      await askForToken();
      return true;
    }
    // The mock stopped or restarted: say so, then try again in a moment (never in a tight loop).
    byId('journal-summary').textContent = 'Not connected: the mock does not answer; trying again…';
    await new Promise((resolve) => setTimeout(resolve, 2000));
    return true;
  });
}

void start();
