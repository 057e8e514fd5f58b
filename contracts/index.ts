/**
 * `truecaller-oauth-kit/contracts`: Pact provider states, interaction builders and the verifier that
 * replays client teams' pacts against the mock (a test double, not for production) and `openapi.yaml`.
 */
export { assumptionsOf, formatAssumption, type Assumption } from './verify/assumptions.js';
export {
  HTTP_INTERACTION,
  readPactFile,
  type PactFile,
  type PactInteraction,
  type PactProviderState,
} from './pact/pact-file.js';
export {
  PACT_PROVIDER,
  type ProviderStateDefinition,
  type StateHandler,
  type StateHandlers,
  type StateParams,
  type StateValues,
} from './pact/provider-state.js';
export {
  createStateHandlers,
  findProviderState,
  PROVIDER_STATE_DEFINITIONS,
} from './pact/provider-states.js';
export {
  mockStateRegistrars,
  type CodeRegistrar,
  type StateRegistrars,
  type TokenGrant,
  type TokenRegistrar,
} from './pact/token-registrar.js';
export type { InteractionOptions, ProfileStateOptions, ReadyInteraction } from './pact/pact-steps.js';
export {
  PROVIDER_STATES,
  userInfoInteraction,
  type UserInfoInteractionOptions,
} from './operations/userinfo/index.js';
export {
  EXCHANGE_PROVIDER_STATES,
  tokenExchangeInteraction,
  type TokenExchangeInteractionOptions,
} from './operations/token/index.js';
export {
  PHONE_NUMBER_PROVIDER_STATES,
  phoneNumberInteraction,
  UNKNOWN_PARTNER_CLIENT_ID,
  type PhoneNumberInteractionOptions,
} from './operations/phone-number/index.js';
export { publicKeysInteraction, SIGNED_PROFILE_PROVIDER_STATES } from './operations/signed-profile/index.js';
export {
  WEB_PROFILE_PROVIDER_STATES,
  webProfileInteraction,
  type WebProfileInteractionOptions,
} from './operations/mobile-web/index.js';
export { formatJUnitReport } from './verify/junit-report.js';
export type { PactOutput } from './verify/replay-process.js';
export {
  formatVerificationReport,
  verifyPacts,
  type InteractionReport,
  type PactReport,
  type VerificationReport,
  type VerifyPactsOptions,
} from './verify/verify-pacts.js';
export {
  DEFAULT_PROBE_TIMEOUT_MS,
  probe,
  recordProbe,
  type ProbeAssumptionResult,
  type ProbeOptions,
  type ProbeRecording,
  type ProbeReport,
} from './probe/probe.js';
export { formatProbeMarkdown, formatProbeTable } from './probe/probe-report.js';
export { probeAssumptions, type ProbeAssumption, type ProbeAssumptionId } from './probe/probe-assumptions.js';
export type { ProbeCheck, ProbeCredentials, ProbeObservation, ProbeOutcome } from './probe/probe-checks.js';
