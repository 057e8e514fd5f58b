/** The records of `GET /v1/userinfo` that cross the wire: the bearer tokens the control plane serves. */
import type { Fault } from '../../faults.js';
import type { Scope } from '../../scopes.js';
import type { TokenScenarioName } from './scenarios.js';

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

/** The collections of the store userinfo owns. */
export interface UserInfoStoreData {
  tokens: TokenRecord[];
}
