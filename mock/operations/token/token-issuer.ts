/**
 * Issues access tokens (and refresh tokens) for `POST /v1/token` of the mock (a test double, not for
 * production): each is a record of the store, expiring on the mock's clock and dropped a grace later.
 */
import { randomBytes } from 'node:crypto';
import type { Scope } from '../../../src/scopes.js';
import type { TokenRecord } from '../../../src/operations/userinfo/wire-types.js';
import type { TokenResponse } from '../../../src/operations/token/wire-types.js';
import { type PreparedResponse, prepareJson } from '../../http/responses.js';
import { issuedTokenGraceMs } from '../../state/expiry-queue.js';
import { idTokenSigningKey } from '../../state/signing-key.js';
import type { Claim } from '../../state/store-access.js';
import type { OperationContext } from '../operation.js';
import { type IdTokenClaims, idTokenClaims, signIdToken } from './id-token.js';

/** What a grant that succeeded hands on: the client, and whose profile with which scopes. */
export interface Grant {
  readonly clientId: string;
  readonly persona: string | null;
  readonly scopes: readonly Scope[];
  /** `false` when the code (or the refresh token's code) said no ID token. */
  readonly idToken?: boolean | undefined;
}

/**
 * Issues a token for a grant and answers with the token response; `issuer` is the base URL the client
 * called (an ID token's `iss`). The issued records and `spends` (the code marked used, the refresh token
 * rotated) are one claim: all made, or, when another request spent the same code or refresh token
 * first (here or on another replica), none, and it resolves undefined for the grant to answer why.
 */
export type IssueToken = (
  grant: Grant,
  issuer: string,
  spends: readonly Claim[],
) => Promise<PreparedResponse | undefined>;

/** The issuer of one mock; it also drops what has expired, so the store stays bounded. */
export function createTokenIssuer(context: OperationContext): IssueToken {
  const { state: store, clock, expiries } = context;
  const { tokenLifetimeSeconds } = context.settings;
  const graceMs = issuedTokenGraceMs(tokenLifetimeSeconds);

  return async function issue({ clientId, persona, scopes, idToken }, issuer, spends) {
    const now = clock.now();
    expiries.dropDue(now);
    const record: TokenRecord & { expiresAt: number } = {
      id: newToken(),
      scenario: 'valid',
      persona,
      scopes: [...scopes],
      expiresAt: now + tokenLifetimeSeconds * 1000,
      clientId,
    };
    const body: TokenResponse = {
      access_token: record.id,
      token_type: 'Bearer',
      expires_in: tokenLifetimeSeconds,
      scope: scopes.join(' '),
    };
    const issued: Claim[] = [...spends];
    // Assumed (the refresh grant is undocumented): a refresh token only for offline_access, as OpenID Connect Core §11 asks.
    if (scopes.includes('offline_access')) {
      const refresh = {
        id: newToken(),
        clientId,
        persona,
        scopes: [...scopes],
        expiresAt: record.expiresAt + graceMs,
        accessToken: record.id,
        ...(idToken === false ? { idToken } : {}),
      };
      issued.push({ collection: 'refreshTokens', expected: undefined, next: refresh });
      record.refreshToken = refresh.id;
      body.refresh_token = refresh.id;
    }
    issued.push({ collection: 'tokens', expected: undefined, next: record });
    if (!(await store.claim(issued))) return undefined;
    const claims = idTokenClaimsOf(context, { clientId, persona, scopes, idToken }, issuer, now);
    if (claims !== undefined)
      body.id_token = await signIdToken(
        claims,
        await idTokenSigningKey(context.keys, context.settings.idTokens().signingKey),
      );
    return prepareJson(context.answers, 200, body, { scenario: 'token:issued' });
  };
}

/**
 * The claims of the ID token a grant gets, or undefined for none. Assumed (the real host's discovery
 * advertises RS256 ID tokens): one whenever openid is granted, unless the options, the config, the client
 * or the code turn it off.
 */
function idTokenClaimsOf(
  context: OperationContext,
  { clientId, persona, scopes, idToken }: Grant,
  issuer: string,
  now: number,
): IdTokenClaims | undefined {
  const { state: store, settings } = context;
  if (
    !settings.idTokens().enabled ||
    idToken === false ||
    !scopes.includes('openid') ||
    store.get('clients', clientId)?.idToken === false ||
    persona === null
  )
    return undefined;
  return idTokenClaims({
    issuer,
    clientId,
    claims: store.get('personas', persona)?.claims ?? {},
    scopes,
    issuedAt: Math.floor(now / 1000),
    lifetimeSeconds: settings.tokenLifetimeSeconds,
  });
}

/** A fresh opaque token: 32 random bytes, base64url (RFC 6750 b64token syntax). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}
