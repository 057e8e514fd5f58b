import { randomUUID } from 'node:crypto';
import type { RegisterCodeInput } from '../mock/admin/register-code.js';
import type { MockStore } from '../mock/state/store.js';
import { KitError } from '../src/errors.js';
import type { TokenScenarioName } from '../src/scenarios.js';
import type { Scope } from '../src/scopes.js';

/** What a provider state asks the mock to know about a fresh access token. */
export interface TokenGrant {
  scenario: TokenScenarioName;
  /** The persona a `valid` token answers with; null for a user without a profile. */
  persona: string | null;
  scopes: readonly Scope[];
}

/**
 * Makes the mock know a fresh token and resolves with it. The one seam between provider states and the
 * mock: today it writes the store in-process; an admin API client can take its place.
 */
export type TokenRegistrar = (grant: TokenGrant) => Promise<string>;

/**
 * A registrar that writes straight into a running mock's store.
 *
 * @example
 * const register = storeTokenRegistrar(server.store);
 * const token = await register({ scenario: 'valid', persona: 'full-in', scopes: ['openid', 'email'] });
 */
export function storeTokenRegistrar(store: MockStore): TokenRegistrar {
  return (grant) => {
    if (grant.persona !== null && !store.findPersona(grant.persona)) {
      const known = store.data.personas.map((persona) => persona.id).join(', ');
      return Promise.reject(
        new KitError(
          'ERR_PACT_INVALID',
          `Unknown persona "${grant.persona}" in the provider state parameters; known personas: ${known}.`,
        ),
      );
    }
    const id = `pact-${randomUUID()}`;
    store.insert('tokens', {
      id,
      scenario: grant.scenario,
      persona: grant.persona,
      scopes: [...grant.scopes],
    });
    return Promise.resolve(id);
  };
}

/**
 * Makes the mock know a fresh authorization code (the `registerCode` input) and resolves with it: what the
 * provider states of `POST /v1/token` use, beside `TokenRegistrar`.
 */
export type CodeRegistrar = (input: RegisterCodeInput) => Promise<string>;

/** The seams provider states set the mock up through: tokens for `GET /v1/userinfo`, codes for `POST /v1/token`. */
export interface StateRegistrars {
  token: TokenRegistrar;
  code: CodeRegistrar;
}

/**
 * Both registrars of a running mock, writing to it in-process.
 *
 * @example
 * const handlers = createStateHandlers(mockStateRegistrars(server));
 */
export function mockStateRegistrars(server: {
  readonly store: MockStore;
  registerCode(input?: RegisterCodeInput): string;
}): StateRegistrars {
  return {
    token: storeTokenRegistrar(server.store),
    // registerCode throws a KitError naming the field at fault; a state handler rejects with it.
    code: (input) => Promise.resolve().then(() => server.registerCode(input)),
  };
}
