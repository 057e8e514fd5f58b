/**
 * The shapes that cross the wire, below everything that uses them: the API's bodies, the journal's
 * entries and the records the control plane serves. The mock, the reference clients and the contracts
 * import them from here, so a server never imports a client for a type and `src/` imports nothing above it.
 */
import type { CodeScenarioName, GrantType } from './exchange-outcomes.js';
import type { Fault } from './faults.js';
import type { PhoneNumberAs, PhoneNumberTokenScenarioName } from './phone-number-scenarios.js';
import type { TokenScenarioName } from './scenarios.js';
import type { Scope } from './scopes.js';
import type { UserInfo } from './user-info.js';

/** The 200 body of `POST /v1/token` (the `TokenResponse` schema of `openapi.yaml`). */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
  /** Only when `offline_access` was granted (assumed; the refresh grant is undocumented). */
  refresh_token?: string;
}

/** An error body of the API (the `Error` schema of `openapi.yaml`). */
export interface ErrorBody {
  error: string;
  error_description: string;
}

/**
 * The 200 body of the non-Truecaller users' validation call (the `PhoneNumberDetail` schema): the number
 * as calling code and national number, digits only. The documentation prints it as a bare JSON number;
 * clients in the wild read a string, so it is either.
 */
export interface PhoneNumberDetail {
  phoneNumber: number | string;
  /** ISO 3166-1 alpha-2, upper case (`IN`). */
  countryCode: string;
}

/** An error body of the validation call (documented): `{"code": 1404, "message": "Invalid access token."}`. */
export interface PhoneNumberErrorBody {
  code: number;
  message: string;
}

/** One request the mock received, as its journal (`GET /__admin/requests`) lists it. */
export interface JournalEntry {
  /** When it arrived, ISO 8601. */
  time: string;
  method: string;
  /** The path without the query string. */
  path: string;
  /** The bearer token it carried (or the access token in a validation call's path), or null. */
  token: string | null;
  /** The scenario of the answer (`valid`, `expired`, `fault:connection-reset`, ...). */
  scenario: string;
  /** The status sent; 0 when a fault broke the connection instead. */
  status: number;
  /** From arrival to the answer handed to the socket, delays included. */
  latencyMs: number;
}

/** What the mock knows about one bearer token. `id` is the token itself. */
export interface TokenRecord {
  id: string;
  scenario: TokenScenarioName;
  /** The persona whose claims a `valid` token answers with; null for a user without a profile. */
  persona: string | null;
  scopes: Scope[];
  /** Milliseconds to wait before answering. */
  delayMs?: number;
  /** For tokens issued by `POST /v1/token`: when it expires (epoch ms on the mock's clock). */
  expiresAt?: number;
  /** For issued tokens: the client it was issued to. */
  clientId?: string;
  /** For issued tokens: the refresh token issued with it, so revoking that revokes this too. */
  refreshToken?: string;
  /** Replaces the global fault for this token's answers. */
  fault?: Fault;
}

/** An authorization code `POST /v1/token` exchanges. `id` is the code itself. */
export interface CodeRecord {
  id: string;
  /** `issued` exchanges normally; any other outcome is answered as is. */
  scenario: CodeScenarioName;
  persona: string | null;
  scopes: Scope[];
  /** The S256 challenge the verifier must match; without one, any verifier of RFC 7636 syntax passes. */
  codeChallenge?: string;
  /** The only client that may exchange it; any known client when absent. */
  clientId?: string;
  /** When it expires (epoch ms on the mock's clock); never when absent. */
  expiresAt?: number;
  /** Built-in codes may be exchanged again and again; others once. */
  reusable?: boolean;
  /** When it was exchanged (epoch ms); a second exchange gets the documented 403. */
  usedAt?: number;
  /** Replaces the global fault for this code's exchanges. */
  fault?: Fault;
}

/** A client id the token endpoint accepts, and the grants it may use. */
export interface ClientRecord {
  id: string;
  grantTypes: GrantType[];
  description?: string;
}

/** A refresh token issued with an access token (undocumented refresh grant). `id` is the token itself. */
export interface RefreshTokenRecord {
  id: string;
  clientId: string;
  persona: string | null;
  scopes: Scope[];
  /** When it stops working (epoch ms): its access token's expiry plus the grace of `IssuedTokens`. */
  expiresAt?: number;
  /** The access token issued with it, which revoking it revokes too (RFC 7009 §2.1). */
  accessToken?: string;
}

/**
 * An access token of a user verified without the Truecaller app, as the validation call answers it. `id`
 * is the token itself.
 */
export interface PhoneNumberTokenRecord {
  id: string;
  /** `verified` answers with the number; any other answers that documented error. */
  scenario: PhoneNumberTokenScenarioName;
  /** Calling code and national number, digits only (`919812345678`). */
  phoneNumber: string;
  /** ISO 3166-1 alpha-2 of the number (`IN`). */
  countryCode: string;
  /** How a 200 writes the number; a JSON number (as documented) when absent. */
  phoneNumberAs?: PhoneNumberAs;
  /** When it expires (epoch ms on the mock's clock), then the documented 1404; never when absent. */
  expiresAt?: number;
  /** Replaces the global fault for this token's answers. */
  fault?: Fault;
}

/** A named profile the tokens point at. */
export interface PersonaRecord {
  id: string;
  description?: string;
  /** The country of the persona's phone number (ISO 3166-1 alpha-2), where it has one. */
  country?: string;
  claims: UserInfo;
}

/**
 * The mock's whole state: plain, JSON-able arrays of records with an `id`, the shape json-server's router
 * reads and writes, so an admin API can work on this very object.
 */
export interface StoreData {
  tokens: TokenRecord[];
  personas: PersonaRecord[];
  codes: CodeRecord[];
  clients: ClientRecord[];
  refreshTokens: RefreshTokenRecord[];
  /** Access tokens of users verified without the Truecaller app (the validation call). */
  phoneNumberTokens: PhoneNumberTokenRecord[];
  /** The fault every answer gets unless its token has one; `{}` for none. */
  fault: Fault;
}
