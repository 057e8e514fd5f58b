/**
 * The bearer tokens `GET /v1/userinfo` answers (a test double, not for production): built-in (one per
 * scenario of the table), configured, added through the control plane or `registerToken`, and issued by
 * `POST /v1/token` (which adds an expiry and the client).
 */
import type { UserInfo } from '../../../src/user-info.js';
import type { Scope } from '../../../src/scopes.js';
import type { TokenScenarioName } from '../../../src/operations/userinfo/scenarios.js';
import { FAULT_SCHEMA, type Fault } from '../../../src/faults.js';
import { DEFAULT_PERSONA } from '../../../src/user-info.js';
import { SCENARIOS, TOKEN_SCENARIO_NAMES } from '../../../src/operations/userinfo/scenarios.js';
import type { TokenRecord } from '../../../src/operations/userinfo/wire-types.js';
import {
  B64TOKEN_RULE,
  defineCollection,
  FAULT_LIST_FIELDS,
  grantSection,
  mergeById,
  parseScopes,
  personaProblems,
  resolvePersona,
} from '../collection.js';
import { issuedTokenGraceMs } from '../../state/expiry-queue.js';

/** One token of a config file. Every field is optional. */
export interface TokenConfig {
  /** A persona id (built-in or of this file), inline claims, or null for a user without a profile. Default: the built-in `full-in`. */
  persona?: string | UserInfo | null;
  /** Granted scopes, as a list or a space-separated string. Default: every scope. */
  scopes?: Scope[] | string;
  /** Default: `valid`, which answers from the persona and scopes. */
  scenario?: TokenScenarioName;
  delayMs?: number;
  /** A fault this token's answers get instead of the global one. */
  fault?: Fault;
}

/** The `tokens` section of a config file. */
export interface TokensConfig {
  tokens?: Record<string, TokenConfig>;
}

/** The `tokens` collection. */
export const TOKENS = defineCollection({
  name: 'tokens',
  idIs: 'the bearer token',
  builtIns: () =>
    SCENARIOS.flatMap((scenario): TokenRecord[] =>
      scenario.token === null
        ? []
        : [
            {
              id: scenario.token,
              scenario: scenario.kind === 'profile' ? 'valid' : scenario.name,
              persona: 'persona' in scenario ? scenario.persona : null,
              scopes: 'scopes' in scenario ? [...scenario.scopes] : [],
            },
          ],
    ),
  config: {
    schema: grantSection({
      scenario: { enum: TOKEN_SCENARIO_NAMES },
      delayMs: { type: 'integer', minimum: 0, maximum: 600_000 },
      fault: FAULT_SCHEMA,
    }),
    idRule: `bearer token (${B64TOKEN_RULE})`,
    problems: (entries, known) => personaProblems('tokens', entries, known),
    apply(base, entries, personas) {
      const added = Object.entries(entries).map(([id, entry]): TokenRecord => {
        const record: TokenRecord = {
          id,
          persona: resolvePersona(
            entry.persona,
            DEFAULT_PERSONA,
            { id: `token:${id}`, description: `inline persona of token ${id}` },
            personas,
          ),
          scopes: parseScopes(entry.scopes),
          scenario: (entry.scenario as TokenRecord['scenario'] | undefined) ?? 'valid',
        };
        if (entry.delayMs !== undefined) record.delayMs = entry.delayMs as number;
        if (entry.fault !== undefined) record.fault = structuredClone(entry.fault) as Fault;
        return record;
      });
      return mergeById(base as TokenRecord[], added);
    },
  },
  runtimeFields: { expiresAt: 'number', clientId: 'string', refreshToken: 'string' },
  admin: { served: true },
  listFields: [
    'id',
    'scenario',
    'persona',
    'scopes',
    'delayMs',
    'expiresAt',
    'clientId',
    'refreshToken',
    ...FAULT_LIST_FIELDS,
  ],
  // Issued tokens: kept past their expiry (answering 401 expired) as long as their refresh token works.
  expiry: { graceMs: (lifetimeSeconds) => issuedTokenGraceMs(lifetimeSeconds) },
  references: { persona: (record) => (record as TokenRecord).persona },
  faultTarget: 'token',
});
