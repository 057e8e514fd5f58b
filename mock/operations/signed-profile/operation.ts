/**
 * Signed profiles in the mock (a test double, not for production): `GET /v1/key`, the keys it serves and
 * its state, `signProfile` and `setKeyEndpoint` on every door, `POST /__admin/signedProfiles`, and the
 * start-up text.
 */
import { SIGNED_PROFILE } from '../../../src/operations/signed-profile/index.js';
import { defineMockOperation } from '../operation.js';
import { KEY_ENDPOINTS, type KeyEndpointsConfig } from './key-endpoints.js';
import { createKeyRoute } from './key-route.js';
import { formatProfileKeyTable } from './key-table.js';
import { PROFILE_KEYS, type ProfileKeysConfig } from './profile-keys.js';
import { signProfileWith } from './sign-profile.js';
import { signedProfileControls } from './signed-profile-controls.js';

const { publicKeys } = SIGNED_PROFILE.endpoints;

/** The control plane's path that signs a profile: `POST /__admin/signedProfiles`. */
export const SIGNED_PROFILES_ACTION = 'signedProfiles';

/** Signed profiles in the mock. */
export const SIGNED_PROFILE_MOCK = defineMockOperation({
  api: SIGNED_PROFILE,
  collections: [PROFILE_KEYS, KEY_ENDPOINTS],
  // The key answer is made from the keys, the endpoint's state and the fault; a profile from a persona.
  reads: ['profileKeys', 'keyEndpoints', 'fault', 'personas'],
  faultPaths: [publicKeys],
  controls: signedProfileControls,
  adminActions: [
    {
      name: SIGNED_PROFILES_ACTION,
      run: (context, input) => ({ status: 200, body: signProfileWith(context, input) }),
    },
  ],
  createRoutes: (context) => [
    { path: publicKeys, handlers: { GET: createKeyRoute(context), HEAD: createKeyRoute(context) } },
  ],
  startupText: (store, baseUrl) => ({
    table:
      `Signed profiles (iOS, SDK 2.x), GET ${publicKeys} (TEST keys, not Truecaller's); sign one with mock.signProfile() or POST /__admin/${SIGNED_PROFILES_ACTION}:\n` +
      formatProfileKeyTable(store),
    tryIt: [
      `curl ${baseUrl}${publicKeys}`,
      `curl -X POST -H 'content-type: application/json' -d '{"persona":"full-in","requestNonce":"my-nonce-123"}' ${baseUrl}/__admin/${SIGNED_PROFILES_ACTION}`,
    ],
  }),
});

/** What a config file may hold for signed profiles. */
export type SignedProfileConfig = ProfileKeysConfig & KeyEndpointsConfig;
