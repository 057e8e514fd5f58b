/** OpenID discovery and the ID tokens' key set in the mock (a test double, not for production). */
import { DISCOVERY } from '../../../src/operations/discovery/index.js';
import { defineMockOperation } from '../operation.js';
import { createDiscoveryRoute } from './discovery-route.js';
import { createJwksRoute, JWKS_PATH_ENDS } from './jwks-route.js';

/** The discovery operation of the mock. */
export const DISCOVERY_MOCK = defineMockOperation({
  api: DISCOVERY,
  collections: [],
  faultPaths: [],
  // The key set is served for each known client id.
  reads: ['clients'],
  createRoutes: (context) => [
    { path: DISCOVERY.endpoints.discovery, handlers: { GET: createDiscoveryRoute(context) } },
    {
      path: `${JWKS_PATH_ENDS.prefix}{clientId}${JWKS_PATH_ENDS.suffix}`,
      handlers: { GET: createJwksRoute(context) },
    },
  ],
});
