/**
 * The dashboard's Web sign-in section: a mobile website's sign-in completed by hand, as Truecaller's
 * server would (`POST /__admin/webSignIns`), and what the mock sent and the partner's callback answered.
 */
import type { WebCallbackAttempt, WebSignInResult } from '../../../src/operations/mobile-web/wire-types.js';
import { adminCall } from './admin-calls.js';
import { announce, byId, element, fieldText, setOptions, table, words } from './dom.js';
import type { DashboardPart, MockState } from './mock-state.js';

// The last callback URL, so a developer signing in again and again types it once (this tab only).
const CALLBACK_KEY = 'truecaller-oauth-kit:web-callback-url';

/** Fills the persona choice from `state`. */
function renderWebSignIn(state: MockState): void {
  setOptions(
    byId<HTMLSelectElement>('web-sign-in-persona'),
    state.personas.map((persona) => [persona.id, persona.id]),
  );
}

/** Wires the form: posts the sign-in and shows its result. */
function wireWebSignIn(): void {
  const callback = byId<HTMLInputElement>('web-sign-in-callback');
  callback.value = sessionStorage.getItem(CALLBACK_KEY) ?? '';
  byId<HTMLFormElement>('web-sign-in-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const body = {
      requestId: fieldText(data, 'requestId'),
      callbackUrl: fieldText(data, 'callbackUrl'),
      persona: fieldText(data, 'persona'),
      outcome: fieldText(data, 'outcome'),
    };
    sessionStorage.setItem(CALLBACK_KEY, body.callbackUrl);
    const button = form.querySelector<HTMLButtonElement>('button[type="submit"]');
    if (button !== null) button.disabled = true;
    announce(`Sending the callbacks of ${body.requestId}…`);
    adminCall<WebSignInResult>('POST', '/webSignIns', body)
      .then((result) => {
        showResult(result);
        announce(
          result.delivered
            ? `Sign-in ${result.requestId} completed: your callback took every body.`
            : `Sign-in ${result.requestId} not completed: your callback did not take every body (see below).`,
          !result.delivered,
        );
      })
      .catch((error: unknown) => announce(`Not sent: ${(error as Error).message}`, true))
      .finally(() => {
        if (button !== null) button.disabled = false;
      });
  });
}

function showResult(result: WebSignInResult): void {
  const holder = byId('web-sign-in-result');
  holder.replaceChildren(
    element('h2', {}, `Sign-in ${result.requestId}`),
    table(
      'Callbacks sent',
      ['body sent', 'answers', 'taken'],
      result.callbacks.map((delivery) => [
        // One line of JSON with a space after each comma and colon, so it wraps between its fields.
        element('code', {}, ...words(JSON.stringify(delivery.body, null, 1).replace(/\n\s*/g, ' '), '=')),
        element('span', {}, ...words(delivery.attempts.map(describeAttempt).join('; '))),
        delivery.delivered ? 'yes' : 'no',
      ]),
      'wide',
    ),
    result.accessToken === null
      ? element('p', { class: 'muted' }, 'No access token was posted.')
      : element(
          'p',
          {},
          'Access token ',
          element('code', { class: 'word' }, result.accessToken),
          ' (10 minutes on the mock’s clock), endpoint ',
          element('code', {}, ...words(result.endpoint ?? '', '/')),
        ),
  );
  holder.focus();
}

function describeAttempt(attempt: WebCallbackAttempt): string {
  const answer = attempt.status === null ? `no answer (${attempt.error ?? ''})` : String(attempt.status);
  return `${answer} in ${attempt.durationMs} ms`;
}

/** The mobile-web operation's Web sign-in section. */
export const webSignInPart: DashboardPart = { render: renderWebSignIn, wire: wireWebSignIn };
