/**
 * The dashboard's Faults and clock section: set or clear the global fault and one token's, and move the
 * mock's clock forward to expire issued tokens.
 */
import type { Fault } from '../../../src/faults.js';
import type { ClockState, ScenarioCatalogue } from '../../../src/wire-types.js';
import { adminCall } from './admin-calls.js';
import { announce, byId, element, fieldText, isoTime, setOptions, table, words } from './dom.js';
import { describeFault, type MockState, type DashboardPart } from './mock-state.js';

let current: MockState | undefined;

/** Adds the fault's fields (failure, delay, Retry-After) to each `[data-fault-fields]` holder still empty. */
function faultFields(state: MockState): void {
  for (const holder of document.querySelectorAll<HTMLElement>('[data-fault-fields]')) {
    if (holder.childElementCount > 0) continue;
    const prefix = holder.dataset.faultFields ?? 'fault';
    const failure = element(
      'select',
      { id: `${prefix}-failure`, name: 'failure' },
      element('option', { value: '' }, '(no failure, the normal answer)'),
      ...state.catalogue.failures.map((name) => element('option', { value: name }, name)),
    );
    const number = (name: string, max: string): HTMLInputElement =>
      element('input', {
        id: `${prefix}-${name}`,
        name,
        type: 'number',
        min: '0',
        max,
        step: '1',
        inputmode: 'numeric',
      });
    holder.append(
      element('label', { for: `${prefix}-failure` }, 'Failure'),
      failure,
      element(
        'div',
        { class: 'inline' },
        element(
          'div',
          {},
          element('label', { for: `${prefix}-delay-min` }, 'Delay in ms'),
          number('delay-min', '600000'),
        ),
        element(
          'div',
          {},
          element('label', { for: `${prefix}-delay-max` }, 'up to ms (a random range)'),
          number('delay-max', '600000'),
        ),
      ),
      element('label', { for: `${prefix}-retry` }, 'Retry-After in seconds (429 and 503)'),
      number('retry', '86400'),
    );
  }
}

function faultFromForm(form: HTMLFormElement): Fault {
  const data = new FormData(form);
  const read = (name: string): number | undefined => {
    const text = fieldText(data, name);
    return text === '' ? undefined : Number(text);
  };
  const fault: Fault = {};
  const failure = fieldText(data, 'failure');
  if (failure !== '') fault.failure = failure as NonNullable<Fault['failure']>;
  const min = read('delay-min');
  const max = read('delay-max');
  if (min !== undefined) fault.delayMs = max === undefined ? min : { min, max };
  const retry = read('retry');
  if (retry !== undefined) fault.retryAfterS = retry;
  return fault;
}

/**
 * The paths the global fault covers, as the mock's catalogue lists them: the one place the page learns
 * them, so an operation the mock adds appears without a change here.
 */
export function faultedPaths(catalogue: ScenarioCatalogue): readonly string[] {
  return catalogue.faultPaths;
}

/** `paths` as a sentence: `a`, `a and b`, `a, b and c`, each a `<code>` that may break after a `/`. */
function pathList(paths: readonly string[]): (Node | string)[] {
  return paths.flatMap((path, index) => [
    index === 0 ? '' : index === paths.length - 1 ? ' and ' : ', ',
    element('code', {}, ...words(path, '/')),
  ]);
}

/** Fills the section from `state`. */
function renderFaults(state: MockState): void {
  current = state;
  faultFields(state);
  byId('global-fault-paths').replaceChildren(...pathList(faultedPaths(state.catalogue)));
  byId('global-fault-now').textContent = describeFault(state.fault);
  setOptions(
    byId<HTMLSelectElement>('token-fault-token'),
    state.tokens.map((token) => [token.id, token.id]),
  );
  showTokenFault();
  showClock(state.clock);
}

function showTokenFault(): void {
  const id = byId<HTMLSelectElement>('token-fault-token').value;
  const token = current?.tokens.find((each) => each.id === id);
  byId('token-fault-now').textContent =
    token?.fault === undefined ? 'none (the global fault applies)' : describeFault(token.fault);
}

function showClock(clock: ClockState): void {
  const ahead =
    clock.offsetMs === 0
      ? 'the real time'
      : `${(clock.offsetMs / 3_600_000).toFixed(2)} h ahead of the real time`;
  byId('clock-now').textContent = `${clock.now} (${ahead})`;
  const issued = (current?.tokens ?? []).filter((token) => token.expiresAt !== undefined);
  byId('expiring-tokens').replaceChildren(
    issued.length === 0
      ? element('p', { class: 'muted' }, 'No issued tokens yet: POST /v1/token issues them.')
      : table(
          'Issued tokens',
          ['token', 'expires', 'now'],
          issued.map((token) => {
            const expired = (token.expiresAt ?? 0) <= clock.nowMs;
            return [
              element(
                'code',
                { class: 'word' },
                token.id.length > 24 ? `${token.id.slice(0, 21)}…` : token.id,
              ),
              isoTime(token.expiresAt ?? 0),
              element(
                'span',
                { class: `tag ${expired ? 'assumed' : 'documented'}` },
                expired ? 'expired' : 'valid',
              ),
            ];
          }),
        ),
  );
}

/** Wires the fault and clock forms; `changed` reads the mock again. */
function wireFaults(changed: () => Promise<void>): void {
  const act = (work: () => Promise<unknown>, done: string): void => {
    work()
      .then(() => changed())
      .then(() => announce(done))
      .catch((error: unknown) => announce(`Not done: ${(error as Error).message}`, true));
  };
  const global = byId<HTMLFormElement>('global-fault');
  global.addEventListener('submit', (event) => {
    event.preventDefault();
    const fault = faultFromForm(global);
    act(() => adminCall('PUT', '/fault', fault), `The global fault is now: ${describeFault(fault)}.`);
  });
  global.querySelector('[data-clear]')?.addEventListener('click', () => {
    act(() => adminCall('PUT', '/fault', {}), 'The global fault is cleared.');
  });

  const tokenForm = byId<HTMLFormElement>('token-fault');
  const tokenPath = (): string =>
    `/tokens/${encodeURIComponent(byId<HTMLSelectElement>('token-fault-token').value)}`;
  byId('token-fault-token').addEventListener('change', showTokenFault);
  tokenForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const fault = faultFromForm(tokenForm);
    act(
      () => adminCall('PATCH', tokenPath(), { fault }),
      `The token's fault is now: ${describeFault(fault)}.`,
    );
  });
  tokenForm.querySelector('[data-clear]')?.addEventListener('click', () => {
    act(() => adminCall('PATCH', tokenPath(), { fault: {} }), "The token's fault is cleared.");
  });

  const clock = byId<HTMLFormElement>('clock');
  clock.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = new FormData(clock);
    const advanceMs = Number(fieldText(data, 'amount')) * Number(fieldText(data, 'unit'));
    act(() => adminCall('POST', '/clock', { advanceMs }), `The clock moved ${advanceMs / 1000} s forward.`);
  });
}

/** The Faults and clock section. */
export const faultsPart: DashboardPart = { render: renderFaults, wire: wireFaults };
