import { randomUUID } from 'node:crypto';
import type { RegisterCodeInput } from '../../mock/operations/token/register-code.js';
import type { RegisterTokenInput } from '../../mock/operations/userinfo/register-token.js';
import type { MockControls } from '../../mock/engine/engine-types.js';
import type { OperationControls } from '../../mock/operations/index.js';
import { KitError } from '../../src/errors.js';
import type { Scope } from '../../src/scopes.js';

/** What a provider state asks the mock to know about a fresh access token. */
export interface TokenGrant {
  /** What the token simulates: `valid` answers the persona's profile for the scopes. */
  scenario: NonNullable<RegisterTokenInput['scenario']>;
  /** The persona a `valid` token answers with; null for a user without a profile. */
  persona: string | null;
  scopes: readonly Scope[];
}

/**
 * Makes the mock know a fresh token and resolves with it. The one seam between provider states and the
 * mock: a running mock's `registerToken`, or an admin API client in its place.
 */
export type TokenRegistrar = (grant: TokenGrant) => Promise<string>;

/**
 * Makes the mock know a fresh authorization code (the `registerCode` input) and resolves with it: what the
 * provider states of `POST /v1/token` use, beside `TokenRegistrar`.
 */
export type CodeRegistrar = (input: RegisterCodeInput) => Promise<string>;

/** The seams provider states set the mock up through: tokens for `GET /v1/userinfo`, codes for `POST /v1/token`. */
export interface StateRegistrars {
  token: TokenRegistrar;
  code: CodeRegistrar;
  /**
   * The mock's controls, for states that set up more than a token or a code (what `GET /v1/key` serves,
   * through `setKeyEndpoint`); a state that needs one it lacks throws, naming it.
   */
  controls?: Partial<OperationControls>;
}

/**
 * Both registrars of a mock (on any door), through its own `registerToken` and `registerCode`: the checks
 * every other way into the store passes. A persona the mock does not know rejects with `ERR_PACT_INVALID`.
 *
 * @example
 * const handlers = createStateHandlers(mockStateRegistrars(server));
 */
export function mockStateRegistrars(
  mock: Pick<MockControls, 'store' | 'registerToken' | 'registerCode'> & Partial<OperationControls>,
): StateRegistrars {
  return {
    controls: mock,
    token: (grant) => {
      if (grant.persona !== null && !mock.store.has('personas', grant.persona)) {
        const known = mock.store.ids('personas').join(', ');
        return Promise.reject(
          new KitError(
            'ERR_PACT_INVALID',
            `Unknown persona "${grant.persona}" in the provider state parameters; known personas: ${known}.`,
          ),
        );
      }
      const { scenario, persona, scopes } = grant;
      return Promise.resolve().then(() =>
        mock.registerToken({ token: `pact-${randomUUID()}`, scenario, persona, scopes }),
      );
    },
    // registerCode throws a KitError naming the field at fault; a state handler rejects with it.
    code: (input) => Promise.resolve().then(() => mock.registerCode(input)),
  };
}
