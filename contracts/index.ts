/**
 * `truecaller-oauth-kit/contracts`: Pact provider states, interaction builders and the verifier that
 * replays client teams' pacts against the mock (a test double, not for production) and `openapi.yaml`.
 */
export {
  HTTP_INTERACTION,
  readPactFile,
  type PactFile,
  type PactInteraction,
  type PactProviderState,
} from './pact-file.js';
export {
  createStateHandlers,
  EXCHANGE_PROVIDER_STATES,
  findProviderState,
  PACT_PROVIDER,
  PROVIDER_STATE_DEFINITIONS,
  PROVIDER_STATES,
  type ProviderStateDefinition,
  type StateHandler,
  type StateHandlers,
  type StateParams,
  type StateValues,
} from './provider-states.js';
export {
  mockStateRegistrars,
  type CodeRegistrar,
  type StateRegistrars,
  type TokenGrant,
  type TokenRegistrar,
} from './token-registrar.js';
export type { InteractionOptions, ProfileStateOptions, ReadyInteraction } from './pact-steps.js';
export { tokenExchangeInteraction, type TokenExchangeInteractionOptions } from './token-interactions.js';
export { userInfoInteraction, type UserInfoInteractionOptions } from './userinfo-interactions.js';
export { formatJUnitReport } from './junit-report.js';
export type { PactOutput } from './replay-process.js';
export {
  formatVerificationReport,
  verifyPacts,
  type InteractionReport,
  type PactReport,
  type VerificationReport,
  type VerifyPactsOptions,
} from './verify-pacts.js';
