/**
 * The two grants of `POST /v1/token` (a test double, not for production): an authorization code with its
 * PKCE verifier (documented), and a refresh token (seen on the real host, undocumented). Each checks its
 * fields in the order a client's mistakes are most usefully reported, then issues a token.
 */
import { isCodeVerifier, verifyCodeVerifier } from '../../../src/operations/token/pkce.js';
import type { PreparedResponse } from '../../http/responses.js';
import type { Clock } from '../../state/clock.js';
import type { Claim, StoreAccess } from '../../state/store-access.js';
import type { IssueToken } from './token-issuer.js';
import type { FailTokenRequest } from './token-errors.js';

/** What both grants need besides the form. */
export interface GrantContext {
  readonly store: StoreAccess;
  readonly clock: Clock;
  readonly fail: FailTokenRequest;
  readonly issue: IssueToken;
  /** The base URL the client called, for an ID token's `iss`. */
  readonly issuer: string;
}

const UNRESERVED = /^[A-Za-z0-9._~-]*$/;

/**
 * `grant_type=authorization_code`: a known, unused, unexpired code of this client, and its verifier. The
 * code is marked used in the same claim that issues the token: of two exchanges racing (on one process
 * or on two replicas), one gets the token and the other the documented 403.
 */
export async function exchangeAuthorizationCode(
  fields: URLSearchParams,
  clientId: string,
  { store, clock, fail, issue, issuer }: GrantContext,
): Promise<PreparedResponse> {
  const code = fields.get('code') ?? '';
  const verifier = fields.get('code_verifier') ?? '';
  const record = await store.lookup('codes', code);
  if (record === undefined)
    return fail('invalid-code', 'No such code: register one, or use a built-in code.');
  if (record.scenario !== 'issued') return fail(record.scenario);
  if (record.clientId !== undefined && record.clientId !== clientId) {
    return fail('invalid-code', 'The code was issued to another client.');
  }
  if (record.usedAt !== undefined) return fail('expired-code', 'This code was already exchanged.');
  if (record.expiresAt !== undefined && clock.now() >= record.expiresAt) {
    return fail('expired-code', 'This code has expired.');
  }
  if (!isCodeVerifier(verifier)) {
    return fail(
      'invalid-verifier',
      `The code_verifier must be 43 to 128 characters of A-Z a-z 0-9 - . _ ~ (RFC 7636 §4.1); got ${verifier.length} characters${UNRESERVED.test(verifier) ? '' : ', some outside that set'}.`,
    );
  }
  if (record.codeChallenge !== undefined && !verifyCodeVerifier(verifier, record.codeChallenge)) {
    return fail(
      'invalid-verifier',
      'Its S256 challenge does not match the code_challenge of the code (RFC 7636 §4.6).',
    );
  }
  const spends: Claim[] = record.reusable
    ? []
    : [{ collection: 'codes', expected: record, next: { ...record, usedAt: clock.now() } }];
  const grant = { clientId, persona: record.persona, scopes: record.scopes, idToken: record.idToken };
  return (await issue(grant, issuer, spends)) ?? fail('expired-code', 'This code was already exchanged.');
}

/** `grant_type=refresh_token`: a known refresh token of this client, good for one use (rotation). */
export async function exchangeRefreshToken(
  fields: URLSearchParams,
  clientId: string,
  { store, clock, fail, issue, issuer }: GrantContext,
): Promise<PreparedResponse> {
  const record = await store.lookup('refreshTokens', fields.get('refresh_token') ?? '');
  if (record === undefined) return fail('invalid-refresh-token');
  if (record.clientId !== clientId) return fail('invalid-refresh-token', 'It was issued to another client.');
  if (record.expiresAt !== undefined && clock.now() >= record.expiresAt) {
    return fail(
      'invalid-refresh-token',
      'It has expired (its access token expired over the grace period ago).',
    );
  }
  // Rotation (RFC 9700 §4.14.2): a public client's refresh token is good for one use, and it goes in the
  // claim that issues the new one.
  const spends: Claim[] = [{ collection: 'refreshTokens', expected: record, next: undefined }];
  const grant = { clientId, persona: record.persona, scopes: record.scopes, idToken: record.idToken };
  return (await issue(grant, issuer, spends)) ?? fail('invalid-refresh-token', 'It was already used.');
}
