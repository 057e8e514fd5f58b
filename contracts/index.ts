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
  createStateHandlers,
  EXCHANGE_PROVIDER_STATES,
  findProviderState,
  PACT_PROVIDER,
  PHONE_NUMBER_PROVIDER_STATES,
  PROVIDER_STATE_DEFINITIONS,
  PROVIDER_STATES,
  UNKNOWN_PARTNER_CLIENT_ID,
  type ProviderStateDefinition,
  type StateHandler,
  type StateHandlers,
  type StateParams,
  type StateValues,
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
  tokenExchangeInteraction,
  type TokenExchangeInteractionOptions,
} from './operations/token/interactions.js';
export { userInfoInteraction, type UserInfoInteractionOptions } from './operations/userinfo/interactions.js';
export {
  phoneNumberInteraction,
  type PhoneNumberInteractionOptions,
} from './operations/phone-number/interactions.js';
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
