/**
 * The shapes of the mobile websites' sign-in that cross the wire: the profile `/v1/default` answers, its
 * error body, the bodies Truecaller posts to the partner's callback, the web tokens the control plane
 * serves, and what `POST /__admin/webSignIns` takes and answers.
 */
import type { Fault } from '../../faults.js';
import type { WebTokenScenarioName, WebValuesAs } from './scenarios.js';

/** `Male`, `Female` or `NotSet` (documented). */
export type WebProfileGender = 'Male' | 'Female' | 'NotSet';

/**
 * The 200 body of `GET /v1/default` (the `WebProfile` schema): a different shape from userinfo. Where the
 * documentation's table and its sample type a value differently (`userId`, `phoneNumbers`, `isActive`,
 * the times), both are accepted: the table's (numbers, a boolean) or the sample's (strings). Optional
 * attributes are absent when the user never set them (documented).
 */
export interface WebProfile {
  /** Documented as a string (`"655574719"`). */
  id: string;
  userId: number | string;
  /** Calling code and national number, digits only (`919876543210`), as numbers or strings. */
  phoneNumbers: (number | string)[];
  name?: WebProfileName;
  badges?: string[];
  avatarUrl: string;
  isActive: boolean | string;
  gender: WebProfileGender;
  privacy?: string;
  /** `Personal` in the documented sample. */
  type: string;
  /** When the user last changed a field, by the field's name: `{ name: { updateTime } }`. */
  history: Record<string, WebProfileHistoryEntry>;
  /** When the profile was made, epoch milliseconds (in the sample, not in the table). */
  createdTime?: number | string;
  addresses: WebProfileAddress[];
  onlineIdentities?: WebProfileOnlineIdentities;
  aboutMe: string;
  jobTitle: string;
  companyName: string;
}

/** `name.first` and, when the user set it, `name.last`. */
export interface WebProfileName {
  first: string;
  last?: string;
}

/** One entry of `history`: when the field was last changed, epoch milliseconds. */
export interface WebProfileHistoryEntry {
  updateTime?: number | string;
}

/** One of `addresses`. */
export interface WebProfileAddress {
  /** ISO 3166-1 alpha-2, lower case in the documented sample (`in`). */
  countryCode: string;
  city: string;
  street: string;
  zipcode: string;
}

/** `onlineIdentities`: each only when the user set it. */
export interface WebProfileOnlineIdentities {
  url?: string;
  email?: string;
  facebookId?: string;
}

/** The error body of `GET /v1/default`, as seen: `{"status": 40101, "message": "Unauthorized"}`. */
export interface WebProfileErrorBody {
  status: number;
  message: string;
}

/**
 * An access token of a mobile website's sign-in, as `GET /v1/default` answers it. `id` is the token
 * itself.
 */
export interface WebTokenRecord {
  id: string;
  /** `profile` answers with the persona's web profile; any other answers that error. */
  scenario: WebTokenScenarioName;
  /** The persona whose web profile a `profile` token answers with. */
  persona: string;
  /** How a 200 writes the values the documentation types two ways; `typed` when absent. */
  valuesAs?: WebValuesAs;
  /** When it expires (epoch ms on the mock's clock), then the 401; never when absent. */
  expiresAt?: number;
  /** Replaces the global fault for this token's answers. */
  fault?: Fault;
}

/** The collections of the store the mobile websites' sign-in owns. */
export interface MobileWebStoreData {
  /** Access tokens of mobile websites' sign-ins. */
  webTokens: WebTokenRecord[];
}

/** What the user does in the Truecaller app: approve, reject, or ask to use another number. */
export type WebSignInOutcome = 'approved' | 'user_rejected' | 'use_another_number';

/** The first callback: the user opened the deep link (documented); the partner must answer 2xx. */
export interface WebCallbackFlowInvoked {
  requestId: string;
  status: 'flow_invoked';
}

/** The callback of an approved sign-in (documented): the token and where to fetch the profile. */
export interface WebCallbackApproved {
  requestId: string;
  accessToken: string;
  endpoint: string;
}

/** The callback of a rejected sign-in (documented), or of a user who chose another number (seen). */
export interface WebCallbackDeclined {
  requestId: string;
  status: 'user_rejected' | 'use_another_number';
}

/** A body Truecaller posts to the partner's callback URL (the `WebCallback` schema of `openapi.yaml`). */
export type WebCallbackBody = WebCallbackFlowInvoked | WebCallbackApproved | WebCallbackDeclined;

/** What completes a mobile website's sign-in (`completeWebSignIn`, `POST /__admin/webSignIns`). */
export interface WebSignInInput {
  /** The `requestNonce` the partner's page put in the deep link; every callback body carries it. */
  requestId: string;
  /** The partner's callback URL: loopback, or a host allowed by `allowCallbackHosts`. */
  callbackUrl: string;
  /** Whose profile the access token answers with. Default: `full-in`. */
  persona?: string;
  /** What the user does in the app. Default: `approved`. */
  outcome?: WebSignInOutcome;
  /**
   * For `approved`: the access token to post (a registered web token, a built-in one, or any string: an
   * unknown one gets the 401). Default: a new token of `persona`, living 10 minutes on the mock's clock.
   */
  accessToken?: string;
  /**
   * How the bodies are delivered: `timeoutMs` an attempt may take (default 3000, documented), `retries`
   * after a 5xx, a timeout or no answer (default 2) and `retryDelayMs` before the first retry, doubled
   * before each next one (default 1000): the retries are the kit's choice.
   */
  delivery?: WebCallbackDeliveryRules;
}

/** How Truecaller delivers the callback bodies, as the mock does it; every field optional. */
export interface WebCallbackDeliveryRules {
  timeoutMs?: number;
  retries?: number;
  retryDelayMs?: number;
}

/** One attempt to post a callback body and what came of it. */
export interface WebCallbackAttempt {
  /** The partner's status; null when no answer came (then `error` says why). */
  status: number | null;
  /** The start of the partner's answer as text (at most 4 KiB), or null. */
  body: string | null;
  /** Why no answer counts: a timeout, a refused connection, an answer too large. */
  error: string | null;
  /** From sending to the whole answer (or the failure), milliseconds. */
  durationMs: number;
}

/** One body posted to the callback, with every attempt. */
export interface WebCallbackDelivery {
  /** What Truecaller sent. */
  body: WebCallbackBody;
  /** Each attempt, in order: a 5xx, a timeout or no answer is tried again. */
  attempts: WebCallbackAttempt[];
  /** Whether an attempt got a 2xx. */
  delivered: boolean;
}

/** What completing a sign-in did: what was sent, and what the partner answered. */
export interface WebSignInResult {
  requestId: string;
  callbackUrl: string;
  outcome: WebSignInOutcome;
  /** For `approved`: the token posted, and the `endpoint` posted with it; else null. */
  accessToken: string | null;
  endpoint: string | null;
  /** The handshake, then the outcome's body unless the handshake was not delivered. */
  callbacks: WebCallbackDelivery[];
  /** Whether every body was delivered (each got a 2xx). */
  delivered: boolean;
}
