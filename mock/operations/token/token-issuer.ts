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
import type { OperationContext } from '../operation.js';
import { idTokenClaims, signIdToken } from './id-token.js';

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
 * called (an ID token's `iss`). The answer is a promise only when an ID token is signed.
 */
export type IssueToken = (grant: Grant, issuer: string) => PreparedResponse | Promise<PreparedResponse>;

/** The issuer of one mock; it also drops what has expired, so the store stays bounded. */
export function createTokenIssuer(context: OperationContext): IssueToken {
  const { state: store, clock, expiries } = context;
  const { tokenLifetimeSeconds } = context.settings;
  const graceMs = issuedTokenGraceMs(tokenLifetimeSeconds);

  return function issue({ clientId, persona, scopes, idToken }, issuer) {
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
      store.set('refreshTokens', refresh);
      expiries.schedule('refreshTokens', refresh);
      record.refreshToken = refresh.id;
      body.refresh_token = refresh.id;
    }
    store.set('tokens', record);
    expiries.schedule('tokens', record);
    const settings = context.settings.idTokens();
    // Assumed (the real host's discovery advertises RS256 ID tokens): one whenever openid is granted,
    // unless the options, the config, the client or the code turn it off.
    const claims =
      settings.enabled &&
      idToken !== false &&
      scopes.includes('openid') &&
      store.get('clients', clientId)?.idToken !== false &&
      persona !== null
        ? idTokenClaims({
            issuer,
            clientId,
            claims: store.get('personas', persona)?.claims ?? {},
            scopes,
            issuedAt: Math.floor(now / 1000),
            lifetimeSeconds: tokenLifetimeSeconds,
          })
        : undefined;
    if (claims === undefined) return prepareJson(context.answers, 200, body, { scenario: 'token:issued' });
    return idTokenSigningKey(context.keys, settings.signingKey)
      .then((key) => signIdToken(claims, key))
      .then((signed) => {
        body.id_token = signed;
        return prepareJson(context.answers, 200, body, { scenario: 'token:issued' });
      });
  };
}

/** A fresh opaque token: 32 random bytes, base64url (RFC 6750 b64token syntax). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}
