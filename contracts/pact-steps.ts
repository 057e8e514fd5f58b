import type { PactV4 } from '@pact-foundation/pact';

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
