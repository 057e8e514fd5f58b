import type { PactV4 } from '@pact-foundation/pact';
import { KitError } from '../../src/errors.js';
import { readScopes, SCOPES, type Scope } from '../../src/scopes.js';

// Pact exports its V4 builder classes, not the interfaces of each step; these name the steps used here.

/** A `PactV4` interaction before its request is set. */
export type UnconfiguredInteraction = ReturnType<PactV4['addInteraction']>;
/** An interaction whose request is set. */
export type InteractionWithRequest = ReturnType<UnconfiguredInteraction['withRequest']>;
/** What `withRequest`'s callback receives. */
export type RequestBuilder = Parameters<
  NonNullable<Parameters<UnconfiguredInteraction['withRequest']>[2]>
>[0];
/** What `willRespondWith`'s callback receives. */
export type ResponseBuilder = Parameters<
  NonNullable<Parameters<InteractionWithRequest['willRespondWith']>[1]>
>[0];

/** A configured interaction: call `executeTest` on it. */
export type ReadyInteraction = ReturnType<InteractionWithRequest['willRespondWith']>;

/** What every interaction builder of the kit lets a consumer test choose. */
export interface InteractionOptions {
  /** The interaction's description; by default one derived from the provider state. */
  description?: string;
}

/** The state parameters a 200 state takes (`scopes`, `persona`), as a consumer test gives them. */
export interface ProfileStateOptions {
  /**
   * For the 200 states: the granted scopes (a state parameter), as a list or a space-separated string
   * (`'openid phone'`); a userinfo body expects every claim they grant.
   */
  scopes?: readonly Scope[] | string;
  /** For the 200 states: the persona whose profile is answered (a state parameter). */
  persona?: string;
}

/**
 * The `given(state, params)` parameters for `options`; throws when they are given for a state that takes
 * none (`allowed` false), naming `what` that state is.
 */
export function profileStateParams(
  options: ProfileStateOptions,
  allowed: boolean,
  what: string,
): Record<string, string[] | string> | undefined {
  if ((options.scopes || options.persona) && !allowed) {
    throw new TypeError(`${what} takes no scopes or persona; only the 200 states do.`);
  }
  const params: Record<string, string[] | string> = {};
  const scopes = grantedScopes(options, what);
  if (scopes) params.scopes = scopes;
  if (options.persona) params.persona = options.persona;
  return Object.keys(params).length > 0 ? params : undefined;
}

/**
 * The scopes of `options` as a list (undefined when none are given); throws a `KitError`
 * (`ERR_OPTIONS_INVALID`) naming `what` when they are not documented scopes.
 */
export function grantedScopes(options: ProfileStateOptions, what: string): Scope[] | undefined {
  if (options.scopes === undefined) return undefined;
  const scopes = readScopes(options.scopes);
  if (scopes === undefined) {
    throw new KitError(
      'ERR_OPTIONS_INVALID',
      `${what}: scopes must be documented scopes (${SCOPES.join(', ')}), as a list or a space-separated string; got ${JSON.stringify(options.scopes)}.`,
    );
  }
  return scopes;
}
