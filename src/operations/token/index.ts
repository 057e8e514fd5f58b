/**
 * `POST /v1/token` (the authorization code with its PKCE verifier, documented; the refresh grant, seen)
 * and `POST /v1/revoke` (seen): one operation, since they share the codes, clients and issued tokens.
 */
import { TRUECALLER_OAUTH_URL } from '../../hosts.js';
import { defineOperation } from '../operation.js';
import { TOKEN_ENDPOINTS } from './endpoints.js';
import { CODE_SCENARIO_NAMES, EXCHANGE_OUTCOMES } from './outcomes.js';

const ASSIGNABLE: ReadonlySet<string> = new Set(CODE_SCENARIO_NAMES);

/** The token operation, as the list of operations holds it. */
export const TOKEN = defineOperation({
  name: 'token',
  summary: 'POST /v1/token: an authorization code (or a refresh token) for an access token; POST /v1/revoke',
  host: TRUECALLER_OAUTH_URL,
  endpoints: TOKEN_ENDPOINTS,
  scenarios: EXCHANGE_OUTCOMES.map((outcome) => ({
    name: outcome.name,
    status: outcome.status,
    simulates: outcome.simulates,
    documented: outcome.documented,
    builtIn: outcome.code,
    assignable: ASSIGNABLE.has(outcome.name),
    providerState: outcome.providerState,
    example: outcome.example,
  })),
});

export { TOKEN_ENDPOINTS } from './endpoints.js';
export {
  CODE_LIFETIME_SECONDS,
  DEFAULT_CLIENT_ID,
  EXAMPLE_CODE_VERIFIER,
  GRANT_TYPES,
  RESTRICTED_CLIENT_ID,
  type GrantType,
} from './grants.js';
export {
  CODE_SCENARIO_NAMES,
  EXCHANGE_OUTCOMES,
  getExchangeOutcome,
  type CodeScenarioName,
  type ExchangeOutcome,
  type ExchangeOutcomeName,
} from './outcomes.js';
export {
  CODE_CHALLENGE_PATTERN,
  CODE_VERIFIER_PATTERN,
  codeChallengeS256,
  createPkcePair,
  isCodeVerifier,
  verifyCodeVerifier,
  type PkcePair,
} from './pkce.js';
export { exchangeCode, type ExchangeCodeInput } from './client.js';
export type { ClientRecord, CodeRecord, RefreshTokenRecord, TokenResponse } from './wire-types.js';
