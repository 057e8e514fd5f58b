/**
 * `POST /v1/token` and `POST /v1/revoke` in the mock (a test double, not for production): their routes,
 * the state they read and change, and their start-up table.
 */
import { TOKEN } from '../../../src/operations/token/index.js';
import { DEFAULT_CLIENT_ID, EXAMPLE_CODE_VERIFIER } from '../../../src/operations/token/grants.js';
import { defineMockOperation } from '../operation.js';
import { CLIENTS, type ClientsConfig } from './clients.js';
import { formatCodeTable } from './code-table.js';
import { CODES, type CodesConfig } from './codes.js';
import { REFRESH_TOKENS } from './refresh-tokens.js';
import { tokenControls } from './register-code.js';
import { createRevokeRoute } from './revoke-route.js';
import { createTokenRoute } from './token-route.js';

/** The token operation of the mock. */
export const TOKEN_MOCK = defineMockOperation({
  api: TOKEN,
  collections: [CODES, CLIENTS, REFRESH_TOKENS],
  // An exchange reads the code (or refresh token), the client, the persona (for an ID token) and the
  // fault; a revocation reads the tokens it ends. It issues tokens, uses codes and rotates refresh tokens.
  reads: ['codes', 'clients', 'refreshTokens', 'tokens', 'personas', 'fault'],
  writes: ['codes', 'refreshTokens', 'tokens'],
  // A revocation answers without one: it has no token or code of its own to take a fault from.
  faultPaths: [TOKEN.endpoints.token],
  controls: tokenControls,
  createRoutes: (context) => [
    { path: TOKEN.endpoints.token, handlers: { POST: createTokenRoute(context) } },
    { path: TOKEN.endpoints.revoke, handlers: { POST: createRevokeRoute(context) } },
  ],
  startupText: (store, baseUrl) => ({
    table: `POST ${TOKEN.endpoints.token} (any verifier of RFC 7636 syntax passes for the built-in codes):\n${formatCodeTable(store)}`,
    tryIt: [
      `curl -d grant_type=authorization_code -d client_id=${DEFAULT_CLIENT_ID} -d code=valid-code ` +
        `-d code_verifier=${EXAMPLE_CODE_VERIFIER} ${baseUrl}${TOKEN.endpoints.token}`,
    ],
  }),
});

/** What a config file may hold for the token operation. */
export type TokenOperationConfig = CodesConfig & ClientsConfig;
