/**
 * The refresh tokens `POST /v1/token` issues with an access token when `offline_access` is granted (a test
 * double, not for production): internal state, never served by the control plane; a `--db` file edited
 * by hand is still held to their shape.
 */
import { TOKEN_ENDPOINTS } from '../../../src/operations/token/endpoints.js';
import { KIT_ENDPOINTS } from '../../../src/endpoints.js';
import { readScopes } from '../../../src/scopes.js';
import { defineCollection, type RecordCheck } from '../collection.js';

const checkRefreshToken: RecordCheck = (input) => {
  const { id, clientId, persona, scopes, expiresAt, accessToken, idToken, ...rest } = input;
  const where = `refreshTokens.${String(id)}`;
  const problems = Object.keys(rest).map((field) => `${where}: unknown field "${field}"`);
  if (typeof id !== 'string' || id.length > 512) problems.push(`${where}.id: must be a string`);
  if (typeof clientId !== 'string') problems.push(`${where}.clientId: must be a string`);
  if (persona !== null && typeof persona !== 'string')
    problems.push(`${where}.persona: must be a string or null`);
  if (!Array.isArray(scopes) || readScopes(scopes) === undefined)
    problems.push(`${where}.scopes: must be a list of scopes`);
  if (expiresAt !== undefined && typeof expiresAt !== 'number')
    problems.push(`${where}.expiresAt: must be epoch milliseconds`);
  if (accessToken !== undefined && typeof accessToken !== 'string')
    problems.push(`${where}.accessToken: must be a string`);
  if (idToken !== undefined && typeof idToken !== 'boolean')
    problems.push(`${where}.idToken: must be a boolean`);
  return problems.length > 0 ? { problems } : { record: input };
};

/** The `refreshTokens` collection. */
export const REFRESH_TOKENS = defineCollection({
  name: 'refreshTokens',
  idIs: 'the refresh token',
  builtIns: () => [],
  check: checkRefreshToken,
  admin: {
    served: false,
    why: `refreshTokens are the mock's internal state and not served by the admin API; end one with POST ${TOKEN_ENDPOINTS.revoke}, or all with POST ${KIT_ENDPOINTS.admin}/reset.`,
  },
  listFields: [],
  // Its expiry already holds the grace: the access token's expiry plus the grace of issued tokens.
  expiry: { graceMs: () => 0 },
});
