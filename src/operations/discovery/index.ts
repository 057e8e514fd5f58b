/**
 * OpenID discovery and the key set ID tokens are verified with: seen on the real host, undocumented. No
 * scenario of its own: it answers from the mock's settings.
 */
import { TRUECALLER_OAUTH_URL } from '../../hosts.js';
import { defineOperation } from '../operation.js';
import { DISCOVERY_ENDPOINTS } from './endpoints.js';

/** The discovery operation, as the list of operations holds it. */
export const DISCOVERY = defineOperation({
  name: 'discovery',
  summary: 'GET /.well-known/openid-configuration and the ID tokens’ key set (seen, undocumented)',
  host: TRUECALLER_OAUTH_URL,
  endpoints: DISCOVERY_ENDPOINTS,
  scenarios: [],
});

export { DISCOVERY_ENDPOINTS } from './endpoints.js';
