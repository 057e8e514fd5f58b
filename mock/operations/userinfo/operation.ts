/** `GET /v1/userinfo` in the mock (a test double, not for production): its route, state and start-up table. */
import { USERINFO } from '../../../src/operations/userinfo/index.js';
import { defineMockOperation } from '../operation.js';
import { formatTokenTable } from './token-table.js';
import { TOKENS, type TokensConfig } from './tokens.js';
import { userInfoControls } from './register-token.js';
import { createUserInfoRoute } from './userinfo-route.js';

/** The userinfo operation of the mock. */
export const USERINFO_MOCK = defineMockOperation({
  api: USERINFO,
  collections: [TOKENS],
  // An answer is the token's scenario, its persona's claims and the fault in force.
  reads: ['tokens', 'personas', 'fault'],
  faultPaths: [USERINFO.endpoints.userinfo],
  controls: userInfoControls,
  createRoutes(context) {
    const userInfo = createUserInfoRoute(context);
    return [{ path: USERINFO.endpoints.userinfo, handlers: { GET: userInfo, HEAD: userInfo } }];
  },
  startupText: (store, baseUrl) => ({
    table: formatTokenTable(store),
    tryIt: [`curl -H 'Authorization: Bearer valid' ${baseUrl}${USERINFO.endpoints.userinfo}`],
  }),
});

/** What a config file may hold for userinfo. */
export type UserInfoConfig = TokensConfig;
