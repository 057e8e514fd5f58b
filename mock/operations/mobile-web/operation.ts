/**
 * The mobile websites' sign-in in the mock (a test double, not for production): the profile endpoint
 * `GET /v1/default`, its web tokens, Truecaller's callbacks to the partner (`completeWebSignIn`,
 * `POST /__admin/webSignIns`) and the hosts they may go to (`allowCallbackHosts`).
 */
import { MOBILE_WEB } from '../../../src/operations/mobile-web/index.js';
import { defineMockOperation } from '../operation.js';
import { MOBILE_WEB_OPTIONS, mobileWebControls, WEB_SIGN_IN_ACTION } from './controls.js';
import { createWebProfileRoute } from './web-profile-route.js';
import { WEB_TOKENS, type WebTokensConfig } from './web-tokens.js';
import { formatWebTokenTable } from './web-token-table.js';

const { webProfile } = MOBILE_WEB.endpoints;

/** The mobile websites' sign-in of the mock. */
export const MOBILE_WEB_MOCK = defineMockOperation({
  api: MOBILE_WEB,
  collections: [WEB_TOKENS],
  // An answer is the token's scenario, its persona's web profile and the fault in force.
  reads: ['webTokens', 'personas', 'fault'],
  faultPaths: [webProfile],
  controls: mobileWebControls,
  options: MOBILE_WEB_OPTIONS,
  adminActions: [WEB_SIGN_IN_ACTION],
  createRoutes(context) {
    const answer = createWebProfileRoute(context);
    return [{ path: webProfile, handlers: { GET: answer, HEAD: answer } }];
  },
  startupText: (store, baseUrl) => ({
    table: `Mobile websites, GET ${webProfile} (the callback's endpoint):\n${formatWebTokenTable(store)}`,
    tryIt: [
      `curl -H 'Authorization: Bearer web-valid' ${baseUrl}${webProfile}`,
      `curl -X POST ${baseUrl}/__admin/webSignIns -H 'content-type: application/json' -d '{"requestId": "your-nonce", "callbackUrl": "http://127.0.0.1:3000/your/callback"}'`,
    ],
  }),
});

/** What a config file may hold for the mobile websites' sign-in. */
export type MobileWebConfig = WebTokensConfig;
