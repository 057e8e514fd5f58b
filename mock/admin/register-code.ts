/**
 * Authorization codes registered at run time (a test double, not for production): what a test does
 * instead of driving the Truecaller SDK on a phone.
 */
import { randomBytes } from 'node:crypto';
import { KitError } from '../../src/errors.js';
import { CODE_SCENARIO_NAMES, type CodeScenarioName } from '../../src/exchange-outcomes.js';
import type { Fault } from '../../src/faults.js';
import { CODE_CHALLENGE_PATTERN } from '../../src/pkce.js';
import { DEFAULT_PERSONA } from '../../src/scenarios.js';
import { isScope, type Scope } from '../../src/scopes.js';
import { TOKEN_PATTERN } from '../http/authorization.js';
import type { Clock } from '../state/clock.js';
import { configProblems, parseScopes } from '../config/config-file.js';
import type { MockStore } from '../state/store.js';
import type { CodeRecord } from '../../src/wire-types.js';

/** Assumed (Truecaller documents no code lifetime): ten minutes, RFC 6749 §4.1.2's recommended maximum. */
export const CODE_LIFETIME_SECONDS = 600;

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
}

/** Checks `input` (every problem in one `KitError`), adds the code to the store and returns it. */
export function registerCode(store: MockStore, clock: Clock, input: RegisterCodeInput = {}): string {
  const problems: string[] = [];
  const code = input.code ?? randomBytes(24).toString('base64url');
  if (!new RegExp(TOKEN_PATTERN).test(code) || code.length > 512) {
    problems.push(
      `code "${code.slice(0, 64)}" is not RFC 6750 b64token syntax (letters, digits, -._~+/ then optional =)`,
    );
  } else if (store.findCode(code) !== undefined) {
    problems.push(`code "${code}" is already registered; leave "code" out to get a fresh one`);
  }
  const persona = input.persona === undefined ? DEFAULT_PERSONA : input.persona;
  if (persona !== null && store.findPersona(persona) === undefined) {
    problems.push(
      `persona "${persona}" is not in the store; use one of ${store.data.personas.map((p) => p.id).join(', ')}`,
    );
  }
  const scopes = parseScopes(input.scopes);
  const unknown = scopes.filter((scope) => !isScope(scope));
  if (unknown.length > 0) problems.push(`scopes ${unknown.join(', ')} are not documented scopes`);
  if (input.codeChallenge !== undefined && !CODE_CHALLENGE_PATTERN.test(input.codeChallenge)) {
    problems.push(
      'codeChallenge must be an S256 challenge, 43 characters of base64url (createPkcePair() makes one)',
    );
  }
  if (input.clientId !== undefined && store.findClient(input.clientId) === undefined) {
    problems.push(
      `clientId "${input.clientId}" is not a known client; use one of ${store.data.clients.map((c) => c.id).join(', ')}`,
    );
  }
  if (input.scenario !== undefined && !CODE_SCENARIO_NAMES.includes(input.scenario)) {
    problems.push(`scenario must be one of ${CODE_SCENARIO_NAMES.join(', ')}`);
  }
  const lifetime = input.expiresInSeconds ?? CODE_LIFETIME_SECONDS;
  if (!Number.isFinite(lifetime) || lifetime <= 0)
    problems.push(`expiresInSeconds must be a number > 0, got ${String(lifetime)}`);
  if (input.fault !== undefined) problems.push(...configProblems({ fault: input.fault }));
  if (problems.length > 0) {
    throw new KitError('ERR_CODE_INVALID', `registerCode: ${problems.join('; ')}.`);
  }
  const record: CodeRecord = {
    id: code,
    scenario: input.scenario ?? 'issued',
    persona,
    scopes,
    expiresAt: clock.now() + lifetime * 1000,
  };
  if (input.codeChallenge !== undefined) record.codeChallenge = input.codeChallenge;
  if (input.clientId !== undefined) record.clientId = input.clientId;
  if (input.fault !== undefined) record.fault = structuredClone(input.fault);
  store.insert('codes', record);
  return code;
}
