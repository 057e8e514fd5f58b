import type { UserInfo, UserInfoClaim } from './user-info.js';

/** Every scope Truecaller documents for the OAuth SDK 3.x. */
export const SCOPES = ['openid', 'profile', 'phone', 'email', 'address', 'offline_access'] as const;

/** One documented scope. */
export type Scope = (typeof SCOPES)[number];

/**
 * Which claims each scope grants. Assumed from OpenID Connect Core §5.4 (Truecaller does not document
 * it); each claim's `x-scope` in `openapi.yaml` says the same, and a test keeps them in step.
 */
export const CLAIMS_BY_SCOPE: Readonly<Record<Scope, readonly UserInfoClaim[]>> = Object.freeze({
  openid: ['sub'],
  profile: ['given_name', 'family_name', 'picture', 'gender'],
  phone: ['phone_number', 'phone_number_country_code', 'phone_number_verified'],
  email: ['email'],
  address: ['address'],
  offline_access: [],
});

const SCOPE_SET: ReadonlySet<string> = new Set(SCOPES);

/** Whether `value` names a documented scope. */
export function isScope(value: unknown): value is Scope {
  return typeof value === 'string' && SCOPE_SET.has(value);
}

/**
 * The claims of `profile` that `scopes` grant, in the profile's own order; nothing else.
 *
 * @example
 * filterClaimsByScopes(profile, ['openid', 'phone']); // { sub, phone_number, phone_number_country_code, phone_number_verified }
 */
export function filterClaimsByScopes(profile: UserInfo, scopes: readonly Scope[]): UserInfo {
  return pickClaims(profile, grantedClaims(scopes));
}

/** The claims `scopes` grant: work out once, then `pickClaims` for each profile. */
export function grantedClaims(scopes: readonly Scope[]): ReadonlySet<string> {
  return new Set<string>(scopes.flatMap((scope) => CLAIMS_BY_SCOPE[scope]));
}

/** The claims of `profile` in `granted`, in the profile's own order; nothing else. */
export function pickClaims(profile: UserInfo, granted: ReadonlySet<string>): UserInfo {
  const claims = profile as Record<string, unknown>;
  const picked: Record<string, unknown> = {};
  for (const claim in claims) if (granted.has(claim)) picked[claim] = claims[claim];
  return picked;
}

/**
 * Scopes given as a list or as the space-separated string an OAuth `scope` parameter is; undefined when
 * anything in it is not a documented scope.
 *
 * @example
 * readScopes('openid phone'); // ['openid', 'phone']
 * readScopes(['openid', 'nope']); // undefined
 */
export function readScopes(value: unknown): Scope[] | undefined {
  const list: unknown = typeof value === 'string' ? value.split(' ').filter(Boolean) : value;
  return Array.isArray(list) && list.every(isScope) ? [...list] : undefined;
}
