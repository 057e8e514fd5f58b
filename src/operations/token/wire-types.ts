/** The shapes of `POST /v1/token` that cross the wire: its 200 body, and the codes, clients and refresh tokens the control plane serves. */
import type { Fault } from '../../faults.js';
import type { Scope } from '../../scopes.js';
import type { CodeScenarioName } from './outcomes.js';
import type { GrantType } from './grants.js';

/** The 200 body of `POST /v1/token` (the `TokenResponse` schema of `openapi.yaml`). */
export interface TokenResponse {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  scope: string;
  /** Only when `offline_access` was granted (assumed; the refresh grant is undocumented). */
  refresh_token?: string;
  /** Only when `openid` was granted: an RS256 JWT (assumed from the real host's discovery; undocumented). */
  id_token?: string;
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
  /** `false`: its exchanges (and the refreshes of their tokens) get no ID token. */
  idToken?: boolean;
}

/** A client id the token endpoint accepts, and the grants it may use. */
export interface ClientRecord {
  id: string;
  grantTypes: GrantType[];
  description?: string;
  /** `false`: tokens issued to it come without an ID token. */
  idToken?: boolean;
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
  /** `false` when its code said no ID token: its refreshes get none either. */
  idToken?: boolean;
}

/** The collections of the store the token operation owns. */
export interface TokenStoreData {
  codes: CodeRecord[];
  clients: ClientRecord[];
  refreshTokens: RefreshTokenRecord[];
}
