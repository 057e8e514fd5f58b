/**
 * The authorization codes `POST /v1/token` exchanges (a test double, not for production): built-in (one
 * per outcome, reusable), configured, added through the control plane or `registerCode` (single use,
 * expiring).
 */
import type { UserInfo } from '../../../src/user-info.js';
import type { Scope } from '../../../src/scopes.js';
import type { CodeScenarioName } from '../../../src/operations/token/outcomes.js';
import { FAULT_SCHEMA, type Fault } from '../../../src/faults.js';
import { CODE_LIFETIME_SECONDS } from '../../../src/operations/token/grants.js';
import { CODE_SCENARIO_NAMES, EXCHANGE_OUTCOMES } from '../../../src/operations/token/outcomes.js';
import { CODE_CHALLENGE_PATTERN } from '../../../src/operations/token/pkce.js';
import type { CodeRecord } from '../../../src/operations/token/wire-types.js';
import { DEFAULT_PERSONA } from '../../../src/user-info.js';
import { SCOPES } from '../../../src/scopes.js';
import {
  B64TOKEN_RULE,
  defineCollection,
  FAULT_LIST_FIELDS,
  grantSection,
  isObject,
  mergeById,
  parseScopes,
  personaProblems,
  resolvePersona,
} from '../collection.js';

/** One authorization code of a config file. Every field is optional; a code is single use unless `reusable`. */
export interface CodeConfig {
  /** As for tokens: a persona id, inline claims, or null. Default: the built-in `full-in`. */
  persona?: string | UserInfo | null;
  /** Granted scopes, as a list or a space-separated string. Default: every scope. */
  scopes?: Scope[] | string;
  /** The S256 challenge the verifier must match. Without one, any verifier of RFC 7636 syntax passes. */
  codeChallenge?: string;
  /** The only client that may exchange it. Default: any known client. */
  clientId?: string;
  /** Default: `issued`; or a documented error to answer with. */
  scenario?: CodeScenarioName;
  reusable?: boolean;
  /** A fault this code's exchanges get instead of the global one. */
  fault?: Fault;
  /** `false`: its exchanges get no ID token, even with `openid` granted. */
  idToken?: boolean;
}

/** The `codes` section of a config file. */
export interface CodesConfig {
  codes?: Record<string, CodeConfig>;
}

/** The `codes` collection. */
export const CODES = defineCollection({
  name: 'codes',
  idIs: 'the authorization code',
  builtIns: () =>
    EXCHANGE_OUTCOMES.flatMap((outcome): CodeRecord[] =>
      outcome.code === null
        ? []
        : [
            {
              id: outcome.code,
              scenario: outcome.name,
              persona: DEFAULT_PERSONA,
              scopes: [...SCOPES],
              reusable: true,
            },
          ],
    ),
  config: {
    schema: grantSection({
      codeChallenge: { type: 'string', pattern: CODE_CHALLENGE_PATTERN.source },
      clientId: { type: 'string', minLength: 1 },
      scenario: { enum: CODE_SCENARIO_NAMES },
      reusable: { type: 'boolean' },
      fault: FAULT_SCHEMA,
      idToken: { type: 'boolean' },
    }),
    idRule: `code (${B64TOKEN_RULE})`,
    patternMessages: {
      codeChallenge: 'must be an S256 challenge, 43 characters of base64url (createPkcePair() makes one)',
    },
    problems(entries, known) {
      const problems = personaProblems('codes', entries, known);
      for (const [code, entry] of Object.entries(entries)) {
        if (isObject(entry) && typeof entry.clientId === 'string' && !known.clients.has(entry.clientId)) {
          problems.push(
            `codes.${code}.clientId: no client "${entry.clientId}"; ${known.inConfigFile === false ? '' : 'add it under "clients" or '}use one of ${[...known.clients].join(', ')}`,
          );
        }
      }
      return problems;
    },
    apply(base, entries, personas) {
      const added = Object.entries(entries).map(([id, entry]): CodeRecord => {
        const record: CodeRecord = {
          id,
          persona: resolvePersona(
            entry.persona,
            DEFAULT_PERSONA,
            { id: `code:${id}`, description: `inline persona of code ${id}` },
            personas,
          ),
          scopes: parseScopes(entry.scopes),
          scenario: (entry.scenario as CodeRecord['scenario'] | undefined) ?? 'issued',
        };
        if (entry.codeChallenge !== undefined) record.codeChallenge = entry.codeChallenge as string;
        if (entry.clientId !== undefined) record.clientId = entry.clientId as string;
        if (entry.reusable !== undefined) record.reusable = entry.reusable as boolean;
        if (entry.fault !== undefined) record.fault = structuredClone(entry.fault) as Fault;
        if (entry.idToken !== undefined) record.idToken = entry.idToken as boolean;
        return record;
      });
      return mergeById(base as CodeRecord[], added);
    },
  },
  runtimeFields: { expiresAt: 'number', usedAt: 'number' },
  admin: { served: true },
  listFields: [
    'id',
    'scenario',
    'persona',
    'scopes',
    'codeChallenge',
    'clientId',
    'reusable',
    'expiresAt',
    'usedAt',
    ...FAULT_LIST_FIELDS,
  ],
  // A used or expired code is kept one more lifetime, so a late second exchange still hears "expired".
  expiry: {
    graceMs: () => CODE_LIFETIME_SECONDS * 1000,
    keeps: (record) => (record as CodeRecord).reusable === true,
    // A single-use code made at run time expires as a registered one does, so used codes do not pile up.
    defaultLifetimeMs: (input) => (input.reusable === true ? undefined : CODE_LIFETIME_SECONDS * 1000),
  },
  references: {
    persona: (record) => (record as CodeRecord).persona,
    client: (record) => (record as CodeRecord).clientId,
  },
  goesWithItsClient: true,
  faultTarget: 'code',
});
