import { ENDPOINTS } from '../endpoints.js';
import type { Fault, FaultTarget } from '../faults.js';
import type { Scope } from '../scopes.js';
import type { UserInfo } from '../user-info.js';
import type { JournalEntry } from '../wire-types.js';
import type { PhoneNumberTokenRecord } from '../operations/phone-number/wire-types.js';
import type { TokenRecord } from '../operations/userinfo/wire-types.js';
import type { WebSignInInput, WebSignInResult, WebTokenRecord } from '../operations/mobile-web/wire-types.js';
import { callApi, invalid, rejected } from './api-call.js';

/** A token as the mock stores it (the mock's own `TokenRecord`). */
export type AdminToken = TokenRecord;

/** What to give a new token; every field optional (a token string is made up when absent). */
export interface AddTokenInput {
  token?: string;
  /** A persona id; default `full-in`; null for a user without a profile. */
  persona?: string | null;
  /** Default: every scope. */
  scopes?: readonly Scope[];
  /** Default `valid`: answer from the persona and scopes. */
  scenario?: TokenRecord['scenario'];
  delayMs?: number;
  fault?: Fault;
}

/** What to give a new phone-number token (a user verified without the Truecaller app); every field optional. */
export interface AddPhoneNumberTokenInput {
  /** The access token the validation call's path carries; made up when absent. */
  token?: string;
  /** Calling code and national number, digits only; default: the persona `non-truecaller-in`'s. */
  phoneNumber?: string;
  /** Default `IN`. */
  countryCode?: string;
  /** Default `verified`: answer with the number. */
  scenario?: PhoneNumberTokenRecord['scenario'];
  /** How a 200 writes the number: `number` (default, as documented) or `string`. */
  phoneNumberAs?: PhoneNumberTokenRecord['phoneNumberAs'];
  /** When it expires, epoch milliseconds on the mock's clock (then the documented 1404); never when absent. */
  expiresAt?: number;
  fault?: Fault;
}

/** What to give a new web token (a mobile website's sign-in); every field optional. */
export interface AddWebTokenInput {
  /** The bearer token `GET /v1/default` takes; made up when absent. */
  token?: string;
  /** Whose web profile it answers with; default `full-in`. */
  persona?: string;
  /** Default `profile`: answer with the persona's web profile. */
  scenario?: WebTokenRecord['scenario'];
  /** How a 200 writes the values typed two ways: `typed` (default) or `strings`. */
  valuesAs?: WebTokenRecord['valuesAs'];
  /** When it expires, epoch milliseconds on the mock's clock (then 401); default 10 minutes ahead. */
  expiresAt?: number;
  fault?: Fault;
}

/** How to reach a mock's control plane. */
export interface AdminClientOptions {
  /** The mock's base URL, such as `http://127.0.0.1:4010`. */
  url: string;
  /** The mock's `--admin-token` secret, when it runs with one. */
  adminToken?: string;
  /** Default: the global `fetch` (`mock.fetch` reaches an in-process mock). */
  fetch?: typeof fetch;
}

/** A typed client of the mock's `/__admin` API, for tests in other repositories. */
export interface AdminClient {
  /** Adds a token; resolves with the stored record (its `id` is the bearer token to send). */
  addToken(input?: AddTokenInput): Promise<AdminToken>;
  /** Deletes a token: it is unknown (401) from the next request on. */
  removeToken(token: string): Promise<void>;
  /** Adds an access token the validation call (`phoneNumberDetail`) answers; resolves with the stored record. */
  addPhoneNumberToken(input?: AddPhoneNumberTokenInput): Promise<PhoneNumberTokenRecord>;
  /** Adds an access token `GET /v1/default` answers (a mobile website's sign-in); resolves with the stored record. */
  addWebToken(input?: AddWebTokenInput): Promise<WebTokenRecord>;
  /**
   * Completes a mobile website's sign-in: the mock posts Truecaller's callbacks to `callbackUrl`
   * (`POST /__admin/webSignIns`); resolves with what was sent and what the callback answered.
   */
  completeWebSignIn(input: WebSignInInput): Promise<WebSignInResult>;
  /** Adds a persona tokens can point at; the claims must fit `UserInfo`. */
  addPersona(id: string, claims: UserInfo, description?: string): Promise<void>;
  /**
   * Sets the global fault, or one token's, code's, phone-number token's or web token's (which replaces
   * the global one for it). A code's fault applies to its `POST /v1/token` exchanges.
   */
  setFault(fault: Fault, target?: FaultTarget): Promise<void>;
  /** Clears the global fault, or sets a token's or code's to none. */
  clearFault(target?: FaultTarget): Promise<void>;
  /** The journal, oldest first, filtered by token and path when given. */
  requests(filter?: { token?: string; path?: string }): Promise<JournalEntry[]>;
  /** Empties the journal. */
  clearRequests(): Promise<void>;
  /** Restores the initial store and empties the journal: for a whole suite, not for tests in parallel. */
  reset(): Promise<void>;
}

/**
 * A client of the mock's control plane. Tests that run in parallel against one mock isolate themselves by
 * distinct tokens: each adds its own, and reads the journal filtered by it.
 *
 * @example
 * const admin = createAdminClient({ url: 'http://127.0.0.1:4010' });
 * const { id: token } = await admin.addToken({ persona: 'full-in', scopes: ['openid', 'phone'] });
 * await fetch('http://127.0.0.1:4010/v1/userinfo', { headers: { authorization: `Bearer ${token}` } });
 * const [seen] = await admin.requests({ token }); // seen.status === 200
 */
export function createAdminClient(options: AdminClientOptions): AdminClient {
  const base = `${options.url.replace(/\/+$/, '')}${ENDPOINTS.admin}`;
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.adminToken !== undefined) headers.authorization = `Bearer ${options.adminToken}`;
  const send = options.fetch ?? fetch;

  async function call(method: string, path: string, body?: unknown): Promise<unknown> {
    const init: RequestInit = { method, headers };
    if (body !== undefined) init.body = JSON.stringify(body);
    const url = `${base}${path}`;
    const label = `${method} ${url}`;
    const answer = await callApi(label, () => send(url, init));
    if (!answer.response.ok) throw rejected(label, answer);
    if (answer.text === '') return undefined;
    if (answer.body === undefined) throw invalid(label, answer, 'JSON');
    return answer.body;
  }

  // A token's record: its id is the token itself, made up by the mock when absent.
  const addRecord = ({ token, ...fields }: { token?: string | undefined }, collection: string) =>
    call('POST', `/${collection}`, { ...fields, ...(token === undefined ? {} : { id: token }) });

  return {
    async addToken(input = {}) {
      return (await addRecord(input, 'tokens')) as AdminToken;
    },
    async removeToken(token) {
      await call('DELETE', `/tokens/${encodeURIComponent(token)}`);
    },
    async addPhoneNumberToken(input = {}) {
      return (await addRecord(input, 'phoneNumberTokens')) as PhoneNumberTokenRecord;
    },
    async addWebToken(input = {}) {
      return (await addRecord(input, 'webTokens')) as WebTokenRecord;
    },
    async completeWebSignIn(input) {
      return (await call('POST', '/webSignIns', input)) as WebSignInResult;
    },
    async addPersona(id, claims, description) {
      await call('POST', '/personas', { id, claims, ...(description === undefined ? {} : { description }) });
    },
    async setFault(fault, target) {
      if (target === undefined) await call('PUT', '/fault', fault);
      else if ('code' in target) await call('PATCH', `/codes/${encodeURIComponent(target.code)}`, { fault });
      else if ('phoneNumberToken' in target)
        await call('PATCH', `/phoneNumberTokens/${encodeURIComponent(target.phoneNumberToken)}`, { fault });
      else if ('webToken' in target)
        await call('PATCH', `/webTokens/${encodeURIComponent(target.webToken)}`, { fault });
      else await call('PATCH', `/tokens/${encodeURIComponent(target.token)}`, { fault });
    },
    async clearFault(target) {
      await this.setFault({}, target);
    },
    async requests(filter = {}) {
      const query = new URLSearchParams();
      if (filter.token !== undefined) query.set('token', filter.token);
      if (filter.path !== undefined) query.set('path', filter.path);
      const suffix = query.size > 0 ? `?${query.toString()}` : '';
      return ((await call('GET', `/requests${suffix}`)) as { requests: JournalEntry[] }).requests;
    },
    async clearRequests() {
      await call('DELETE', '/requests');
    },
    async reset() {
      await call('POST', '/reset');
    },
  };
}
