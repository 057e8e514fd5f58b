/**
 * The ID token `POST /v1/token` adds when `openid` is granted (a test double, not for production).
 * Truecaller's token documentation shows none, but the real host's discovery advertises RS256 ID tokens, a
 * per-client JWKS and their claims (`iss sub aud iat exp family_name given_name name`): the kit issues
 * what that advertises, marked `x-documented: false` in `openapi.yaml`.
 */
import type { Scope } from '../../../src/scopes.js';
import type { UserInfo } from '../../../src/user-info.js';
import { ID_TOKEN_ALGORITHM, loadJose, type SigningKey } from '../../state/signing-key.js';

/** What an ID token is made from. */
export interface IdTokenInput {
  /** The base URL the client called (`iss`). */
  readonly issuer: string;
  /** The client the code was issued to (`aud`). */
  readonly clientId: string;
  /** The persona's claims: `sub`, and the names when `profile` is granted. */
  readonly claims: UserInfo;
  readonly scopes: readonly Scope[];
  /** `iat`, epoch seconds on the mock's clock. */
  readonly issuedAt: number;
  /** Seconds from `iat` to `exp`: the access token's lifetime. */
  readonly lifetimeSeconds: number;
}

/** The claims an ID token may carry, in the order the real host's discovery lists them (`claims_supported`). */
export const ID_TOKEN_CLAIMS = Object.freeze([
  'iss',
  'sub',
  'aud',
  'iat',
  'exp',
  'family_name',
  'given_name',
  'name',
] as const);

/** The claims of an ID token (the discovery's `claims_supported`). */
export interface IdTokenClaims {
  iss: string;
  sub: string;
  aud: string;
  iat: number;
  exp: number;
  given_name?: string;
  family_name?: string;
  name?: string;
}

/** The claims for `input`; undefined when the persona has no `sub` to name the user by. */
export function idTokenClaims(input: IdTokenInput): IdTokenClaims | undefined {
  const { sub, given_name: given, family_name: family } = input.claims;
  if (sub === undefined) return undefined;
  const claims: IdTokenClaims = {
    iss: input.issuer,
    sub,
    aud: input.clientId,
    iat: input.issuedAt,
    exp: input.issuedAt + input.lifetimeSeconds,
  };
  // Assumed (OpenID Connect Core §5.4): the names come with the profile scope, as on userinfo.
  if (input.scopes.includes('profile')) {
    if (given !== undefined) claims.given_name = given;
    if (family !== undefined) claims.family_name = family;
    const name = [given, family].filter(Boolean).join(' ');
    if (name !== '') claims.name = name;
  }
  return claims;
}

/** Signs `claims` as a compact JWS (RS256, `kid` and `typ: JWT` in the header). */
export async function signIdToken(claims: IdTokenClaims, key: SigningKey): Promise<string> {
  const { SignJWT } = await loadJose();
  return new SignJWT({ ...claims })
    .setProtectedHeader({ alg: ID_TOKEN_ALGORITHM, kid: key.kid, typ: 'JWT' })
    .sign(key.privateKey);
}
