/**
 * The dashboard's Scenarios section: every token and code the mock answers, what each simulates, whether
 * Truecaller documents it, a `curl` line to try it, and the forms that add a token or a code.
 */
import type { CatalogueScenario } from '../../../src/wire-types.js';
import type { CodeRecord } from '../../../src/operations/token/wire-types.js';
import type { TokenRecord } from '../../../src/operations/userinfo/wire-types.js';
import { adminCall } from './admin-calls.js';
import {
  announce,
  byId,
  checkedValues,
  copyable,
  element,
  fieldText,
  isoTime,
  setOptions,
  table,
  words,
} from './dom.js';
import type { DashboardPart, MockState } from './mock-state.js';

/** Ticks one box per scope into each `[data-scopes]` holder of `root` that is still empty. */
export function scopeBoxes(root: ParentNode, state: MockState): void {
  for (const holder of root.querySelectorAll<HTMLElement>('[data-scopes]')) {
    if (holder.childElementCount > 0) continue;
    const prefix = holder.dataset.scopes ?? 'scope';
    holder.append(
      ...state.catalogue.scopes.map(({ scope, claims }) =>
        element(
          'div',
          { class: 'check' },
          element('input', {
            type: 'checkbox',
            id: `${prefix}-${scope}`,
            name: 'scopes',
            value: scope,
            checked: true,
          }),
          element(
            'label',
            { for: `${prefix}-${scope}` },
            scope,
            element('span', { class: 'muted' }, ` ${claims.join(', ') || 'no claims'}`),
          ),
        ),
      ),
    );
  }
}

/** The personas as options of a select; `none` adds the choice of a user without a profile. */
export function personaOptions(state: MockState, none: boolean): [string, string][] {
  const options: [string, string][] = state.personas.map((persona) => [persona.id, persona.id]);
  return none ? [...options, ['', '(none: a user without a profile)']] : options;
}

/** The outcomes of the operation called `name`, from the catalogue (none if the mock lacks it). */
function scenariosOf(state: MockState, name: string): CatalogueScenario[] {
  return state.catalogue.operations.find((operation) => operation.name === name)?.scenarios ?? [];
}

/** Fills the section from `state`. */
function renderScenarios(state: MockState): void {
  const origin = location.origin;
  const userinfo = new Map(scenariosOf(state, 'userinfo').map((scenario) => [scenario.name, scenario]));
  const exchange = new Map(scenariosOf(state, 'token').map((outcome) => [outcome.name, outcome]));
  // Outcomes no token reaches (a missing or non-Bearer header): a row each, below the tokens.
  const withoutToken = [...userinfo.values()].filter((scenario) => scenario.builtIn === null);

  byId('token-table').replaceChildren(
    table(
      'Tokens for GET /v1/userinfo',
      ['token', 'status', 'simulates', 'documented', 'try it', 'remove'],
      [
        ...state.tokens.map((token) => tokenRow(token, userinfo, origin)),
        ...withoutToken.map((scenario) => [
          element('em', {}, '(no Bearer header)'),
          String(scenario.status),
          scenario.simulates,
          documented(scenario.documented),
          copyable(`curl ${origin}/v1/userinfo`, 'the curl line without a token'),
          '',
        ]),
      ],
      'wide',
    ),
  );
  byId('code-table').replaceChildren(
    table(
      'Codes for POST /v1/token',
      ['code', 'status', 'simulates', 'documented', 'try it', 'remove'],
      state.codes.map((code) => codeRow(code, exchange, state, origin)),
      'wide',
    ),
  );

  const assignable = (list: CatalogueScenario[]): [string, string][] =>
    list
      .filter((scenario) => scenario.assignable)
      .map((scenario) => [scenario.name, `${scenario.name} (${scenario.status})`]);
  setOptions(byId<HTMLSelectElement>('add-token-persona'), personaOptions(state, true));
  setOptions(byId<HTMLSelectElement>('add-token-scenario'), assignable(scenariosOf(state, 'userinfo')));
  setOptions(byId<HTMLSelectElement>('add-code-persona'), personaOptions(state, true));
  setOptions(byId<HTMLSelectElement>('add-code-scenario'), assignable(scenariosOf(state, 'token')));
  setOptions(byId<HTMLSelectElement>('add-code-client'), [
    ['', '(any client)'],
    ...state.clients.map((client): [string, string] => [client.id, client.id]),
  ]);
  scopeBoxes(byId('scenarios'), state);
}

function tokenRow(
  token: TokenRecord,
  catalogue: Map<string, CatalogueScenario>,
  origin: string,
): (Node | string)[] {
  const scenario = catalogue.get(token.scenario);
  const builtIn = [...catalogue.values()].find((each) => each.builtIn === token.id);
  const scopes = token.scopes.join(' ');
  const simulates =
    builtIn?.simulates ??
    `${token.scenario}: persona ${token.persona ?? '(none)'}, scopes ${scopes || '(none)'}`;
  return [
    element('code', { class: 'word' }, token.id),
    String(scenario?.status ?? ''),
    element(
      'span',
      {},
      ...words(
        `${simulates}${token.delayMs ? ` (+${token.delayMs} ms)` : ''}${token.expiresAt === undefined ? '' : '; issued, expires'}`,
      ),
      token.expiresAt !== undefined && ' ',
      token.expiresAt !== undefined && isoTime(token.expiresAt),
    ),
    documented(builtIn?.documented ?? scenario?.documented),
    copyable(
      `curl -H 'Authorization: Bearer ${token.id}' ${origin}/v1/userinfo`,
      `the curl line for ${token.id}`,
    ),
    builtIn === undefined ? deleteButton('tokens', token.id) : '',
  ];
}

function codeRow(
  code: CodeRecord,
  catalogue: Map<string, CatalogueScenario>,
  state: MockState,
  origin: string,
): (Node | string)[] {
  const outcome = catalogue.get(code.scenario);
  const builtIn =
    code.reusable === true ? [...catalogue.values()].find((each) => each.builtIn === code.id) : undefined;
  const client = code.clientId ?? state.catalogue.defaultClientId;
  // A code bound to a challenge needs the verifier its creator kept; the others take any valid one.
  const verifier =
    code.codeChallenge === undefined ? state.catalogue.exampleCodeVerifier : '<your code_verifier>';
  const bound = [
    code.codeChallenge ? 'S256 challenge' : '',
    code.clientId ? `client ${code.clientId}` : '',
    code.reusable ? 'reusable' : 'single use',
  ].filter(Boolean);
  const simulates =
    builtIn?.simulates ??
    `${code.scenario}: persona ${code.persona ?? '(none)'}, scopes ${code.scopes.join(' ')}; ${bound.join(', ')}${code.usedAt === undefined ? '' : '; used'}`;
  return [
    element('code', { class: 'word' }, code.id),
    String(outcome?.status ?? ''),
    simulates,
    documented(builtIn?.documented ?? outcome?.documented),
    copyable(
      `curl -d grant_type=authorization_code -d client_id=${client} -d code=${code.id} -d code_verifier=${verifier} ${origin}/v1/token`,
      `the curl line for ${code.id}`,
    ),
    builtIn === undefined ? deleteButton('codes', code.id) : '',
  ];
}

function documented(value: boolean | undefined): HTMLElement {
  return value === true
    ? element('span', { class: 'tag documented' }, 'documented')
    : element('span', { class: 'tag assumed' }, 'assumed');
}

function deleteButton(collection: 'tokens' | 'codes', id: string): HTMLElement {
  const button = element(
    'button',
    { type: 'button', class: 'small', 'data-delete': `${collection}/${id}`, 'aria-label': `Delete ${id}` },
    'Delete',
  );
  return button;
}

/** Wires the add forms and the delete buttons; `changed` reads the mock again. */
function wireScenarios(changed: () => Promise<void>): void {
  const section = byId('scenarios');
  section.addEventListener('click', (event) => {
    const target = (event.target as HTMLElement).closest<HTMLElement>('[data-delete]');
    if (target === null) return;
    const [collection, ...rest] = (target.dataset.delete ?? '').split('/');
    const id = rest.join('/');
    adminCall('DELETE', `/${collection}/${encodeURIComponent(id)}`)
      .then(() => changed())
      .then(() => announce(`Deleted ${id}.`))
      .catch((error: unknown) => announce(`Not deleted: ${(error as Error).message}`, true));
  });

  wireAddForm('add-token', 'tokens', changed, (data, body) => {
    const delay = fieldText(data, 'delayMs');
    if (delay !== '') body.delayMs = Number(delay);
  });
  wireAddForm('add-code', 'codes', changed, (data, body) => {
    body.reusable = data.get('reusable') !== null;
    for (const field of ['codeChallenge', 'clientId']) {
      const value = fieldText(data, field);
      if (value !== '') body[field] = value;
    }
  });
}

/**
 * Posts an add form: the fields a token and a code share (id, persona, scenario, scopes), plus what
 * `more` adds from the form's own fields.
 */
function wireAddForm(
  id: string,
  collection: 'tokens' | 'codes',
  changed: () => Promise<void>,
  more: (data: FormData, body: Record<string, unknown>) => void,
): void {
  byId<HTMLFormElement>(id).addEventListener('submit', (event) => {
    event.preventDefault();
    const form = event.currentTarget as HTMLFormElement;
    const data = new FormData(form);
    const body: Record<string, unknown> = {
      persona: emptyToNull(fieldText(data, 'persona')),
      scenario: fieldText(data, 'scenario'),
      scopes: checkedValues(form, 'scopes'),
    };
    const chosenId = fieldText(data, 'id');
    if (chosenId !== '') body.id = chosenId;
    more(data, body);
    void add(collection, body, form, changed);
  });
}

async function add(
  collection: 'tokens' | 'codes',
  body: Record<string, unknown>,
  form: HTMLFormElement,
  changed: () => Promise<void>,
): Promise<void> {
  try {
    const record = await adminCall<{ id: string }>('POST', `/${collection}`, body);
    form.querySelector<HTMLInputElement>('input[name="id"]')!.value = '';
    await changed();
    announce(`Added ${collection === 'tokens' ? 'token' : 'code'} ${record.id}.`);
  } catch (error) {
    announce(`Not added: ${(error as Error).message}`, true);
  }
}

function emptyToNull(value: string): string | null {
  return value === '' ? null : value;
}

/** The Scenarios section. */
export const scenariosPart: DashboardPart = { render: renderScenarios, wire: wireScenarios };
