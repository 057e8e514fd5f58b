/**
 * The profile `GET /v1/userinfo` returns: the `UserInfo` schema of `openapi.yaml` as a type. Every claim
 * is optional (assumed: real responses were seen to omit claims). A test keeps the two in step.
 */
export interface UserInfo {
  sub?: string;
  given_name?: string;
  family_name?: string;
  phone_number?: string;
  phone_number_country_code?: string;
  phone_number_verified?: boolean;
  email?: string;
  picture?: string;
  gender?: string;
  address?: UserInfoAddress;
}

/** The documented part of the `address` claim. */
export interface UserInfoAddress {
  locality?: string;
  postal_code?: string;
}

/** The name of one claim of `UserInfo`. */
export type UserInfoClaim = keyof UserInfo;

/** The persona a token or code names when it names none, and the one behind the built-in `valid` token: a full Indian profile. */
export const DEFAULT_PERSONA = 'full-in';
