/**
 * Tokens and codes registered from code (a test double, not for production): what a test does instead
 * of driving the Truecaller SDK on a phone (for a user with the app or, phone-number tokens, without). They pass the same checks as the admin API's writes.
 */
import { randomBytes } from 'node:crypto';
import { KitError } from '../../src/errors.js';
import { CODE_LIFETIME_SECONDS, type CodeScenarioName } from '../../src/operations/token/outcomes.js';
import type { Fault } from '../../src/faults.js';
import type {
  PhoneNumberAs,
  PhoneNumberTokenScenarioName,
} from '../../src/operations/phone-number/scenarios.js';
import type { TokenScenarioName } from '../../src/operations/userinfo/scenarios.js';
import type { Scope } from '../../src/scopes.js';
import type { RecordInput } from '../config/record-checks.js';
import type { Clock } from '../state/clock.js';
import type { RecordWriter } from './record-writes.js';

/** A code to register. Every field is optional. */
export interface RegisterCodeInput {
  /** The code itself. Default: a random one. */
  code?: string;
  /** A persona id, or null for a user without a profile. Default: the built-in `full-in`. */
  persona?: string | null;
  /** Granted scopes, as a list or a space-separated string. Default: every scope. */
  scopes?: readonly Scope[] | string;
  /** The S256 challenge the verifier must match (see `createPkcePair`). Without one, any verifier of RFC 7636 syntax passes. */
  codeChallenge?: string;
  /** The only client that may exchange it. Default: any known client. */
  clientId?: string;
  /** Default: `issued`; or a documented error the exchange answers with. */
  scenario?: CodeScenarioName;
  /** Seconds until it expires on the mock's clock. Default: `CODE_LIFETIME_SECONDS`. */
  expiresInSeconds?: number;
  /** A fault its exchanges get instead of the global one (a 429/503 leaves the code unused). */
  fault?: Fault;
  /** `false`: its exchange gets no ID token, even with `openid` granted. Default: one with `openid`. */
  idToken?: boolean;
}

/** A bearer token to register. Every field is optional. */
export interface RegisterTokenInput {
  /** The token itself. Default: a random one. */
  token?: string;
  /** A persona id, or null for a user without a profile. Default: the built-in `full-in`. */
  persona?: string | null;
  /** Granted scopes, as a list or a space-separated string. Default: every scope. */
  scopes?: readonly Scope[] | string;
  /** Default `valid` (answer from the persona and scopes), or a documented error. */
  scenario?: TokenScenarioName;
  /** Seconds until it expires on the mock's clock (then the documented 401 `expired`). Default: never. */
  expiresInSeconds?: number;
  /** Milliseconds to wait before answering. */
  delayMs?: number;
  /** A fault its answers get instead of the global one. */
  fault?: Fault;
}

/** An access token of a user verified without the Truecaller app, for the validation call. Every field is optional. */
export interface RegisterPhoneNumberTokenInput {
  /** The token itself (sent in the path: letters, digits, `. _ ~ -`). Default: a random one. */
  token?: string;
  /** Calling code and national number, digits only. Default: the persona `non-truecaller-in`'s. */
  phoneNumber?: string;
  /** ISO 3166-1 alpha-2. Default `IN`. */
  countryCode?: string;
  /** Default `verified` (answer with the number), or a documented error. */
  scenario?: PhoneNumberTokenScenarioName;
  /** How a 200 writes the number: `number` (default, as documented) or `string`. */
  phoneNumberAs?: PhoneNumberAs;
  /** Seconds until it expires on the mock's clock (then the documented 1404). Default: never. */
  expiresInSeconds?: number;
  /** A fault its answers get instead of the global one. */
  fault?: Fault;
}

/** Registers codes and tokens of one mock. */
export interface Registrar {
  registerCode(input?: RegisterCodeInput): string;
  registerToken(input?: RegisterTokenInput): string;
  registerPhoneNumberToken(input?: RegisterPhoneNumberTokenInput): string;
}

/** The registrar of one mock's store; each call throws a `KitError` naming every problem of its input. */
export function createRegistrar(writer: RecordWriter, clock: Clock): Registrar {
  function expiry(
    call: string,
    seconds: number | undefined,
    fallback: number | undefined,
  ): number | undefined {
    const lifetime = seconds ?? fallback;
    if (lifetime === undefined) return undefined;
    if (!Number.isFinite(lifetime) || lifetime <= 0) {
      throw new KitError(
        'ERR_OPTIONS_INVALID',
        `${call}: expiresInSeconds must be a number > 0, got ${String(lifetime)}.`,
      );
    }
    return clock.now() + lifetime * 1000;
  }

  function create(
    call: string,
    collection: 'codes' | 'tokens' | 'phoneNumberTokens',
    fields: RecordInput,
  ): string {
    const input = Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined));
    const result = writer.create(collection, input, call);
    if (!result.ok)
      throw new KitError(collection === 'codes' ? 'ERR_CODE_INVALID' : 'ERR_TOKEN_INVALID', result.problem);
    return String(input.id);
  }

  return {
    registerCode(input = {}) {
      const { code, expiresInSeconds, ...fields } = input;
      const expiresAt = expiry('registerCode', expiresInSeconds, CODE_LIFETIME_SECONDS);
      return create('registerCode', 'codes', { ...fields, id: code ?? randomId(), expiresAt });
    },
    registerToken(input = {}) {
      const { token, expiresInSeconds, ...fields } = input;
      const expiresAt = expiry('registerToken', expiresInSeconds, undefined);
      return create('registerToken', 'tokens', { ...fields, id: token ?? randomId(), expiresAt });
    },
    registerPhoneNumberToken(input = {}) {
      const { token, expiresInSeconds, ...fields } = input;
      const expiresAt = expiry('registerPhoneNumberToken', expiresInSeconds, undefined);
      return create('registerPhoneNumberToken', 'phoneNumberTokens', {
        ...fields,
        id: token ?? randomId(),
        expiresAt,
      });
    },
  };
}

function randomId(): string {
  return randomBytes(24).toString('base64url');
}
