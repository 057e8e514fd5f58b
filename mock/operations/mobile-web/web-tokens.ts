/**
 * The access tokens `GET /v1/default` answers (a test double, not for production): built-in (one per
 * scenario of the table), configured, added through the control plane or `registerWebToken`, and posted
 * to a partner's callback by `completeWebSignIn` (which gives them the documented 10 minutes).
 */
import { FAULT_SCHEMA, type Fault } from '../../../src/faults.js';
import {
  WEB_PROFILE_SCENARIOS,
  WEB_TOKEN_SCENARIO_NAMES,
  type WebTokenScenarioName,
  type WebValuesAs,
} from '../../../src/operations/mobile-web/scenarios.js';
import type { WebTokenRecord } from '../../../src/operations/mobile-web/wire-types.js';
import { DEFAULT_PERSONA } from '../../../src/user-info.js';
import { TOKEN_PATTERN } from '../../http/authorization.js';
import {
  B64TOKEN_RULE,
  defineCollection,
  FAULT_LIST_FIELDS,
  faultRangeProblems,
  isObject,
  mergeById,
} from '../collection.js';

/** How long a mobile website's access token lives: 10 minutes (documented). */
export const WEB_TOKEN_LIFETIME_SECONDS = 600;

/** One web token of a config file (a mobile website's sign-in). Every field is optional. */
export interface WebTokenConfig {
  /** A persona id (built-in or of this file). Default: the built-in `full-in`. */
  persona?: string;
  /** Default `profile`: answer with the persona's web profile; or an error (`unauthorized`, `expired`, `server-error`, `unavailable`). */
  scenario?: WebTokenScenarioName;
  /** How a 200 writes `userId`, the phone numbers, `isActive` and the times: `typed` (default, the documentation's table) or `strings` (its sample). */
  valuesAs?: WebValuesAs;
  /** A fault this token's answers get instead of the global one. */
  fault?: Fault;
}

/** The `webTokens` section of a config file (access tokens of mobile websites' sign-ins, by the token). */
export interface WebTokensConfig {
  webTokens?: Record<string, WebTokenConfig>;
}

/** The `webTokens` collection. */
export const WEB_TOKENS = defineCollection({
  name: 'webTokens',
  idIs: 'the access token',
  builtIns: () =>
    WEB_PROFILE_SCENARIOS.map((scenario): WebTokenRecord => {
      const record: WebTokenRecord = {
        id: scenario.token,
        scenario: scenario.kind === 'profile' ? 'profile' : scenario.name,
        persona: 'persona' in scenario ? scenario.persona : DEFAULT_PERSONA,
      };
      if ('valuesAs' in scenario && scenario.valuesAs === 'strings') record.valuesAs = 'strings';
      return record;
    }),
  config: {
    schema: {
      type: 'object',
      propertyNames: { pattern: TOKEN_PATTERN, maxLength: 512 },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          persona: { type: 'string' },
          scenario: { enum: WEB_TOKEN_SCENARIO_NAMES },
          valuesAs: { enum: ['typed', 'strings'] },
          fault: FAULT_SCHEMA,
        },
      },
    },
    idRule: `web token (${B64TOKEN_RULE})`,
    problems: (entries, known) =>
      Object.entries(entries).flatMap(([token, entry]) => {
        if (!isObject(entry)) return [];
        const field = `webTokens.${token}`;
        const persona = entry.persona;
        const unknown =
          typeof persona === 'string' && !known.personas.has(persona)
            ? [`${field}.persona: no persona "${persona}"; use one of ${[...known.personas].join(', ')}`]
            : [];
        return [...unknown, ...faultRangeProblems(`${field}.fault`, entry.fault)];
      }),
    apply(base, entries) {
      const added = Object.entries(entries).map(([id, entry]): WebTokenRecord => {
        const record: WebTokenRecord = {
          id,
          scenario: (entry.scenario as WebTokenScenarioName | undefined) ?? 'profile',
          persona: (entry.persona as string | undefined) ?? DEFAULT_PERSONA,
        };
        if (entry.valuesAs !== undefined) record.valuesAs = entry.valuesAs as WebValuesAs;
        if (entry.fault !== undefined) record.fault = structuredClone(entry.fault) as Fault;
        return record;
      });
      return mergeById(base as WebTokenRecord[], added);
    },
  },
  runtimeFields: { expiresAt: 'number' },
  admin: { served: true },
  listFields: ['id', 'scenario', 'persona', 'valuesAs', 'expiresAt', ...FAULT_LIST_FIELDS],
  expiry: {
    // Past its expiry it answers the 401 for an hour, then it is unknown (the same 401).
    graceMs: () => 3_600_000,
    // One added at run time lives as long as Truecaller's do, unless it says otherwise.
    defaultLifetimeMs: () => WEB_TOKEN_LIFETIME_SECONDS * 1000,
  },
  references: { persona: (record) => (record as WebTokenRecord).persona },
  faultTarget: 'webToken',
});
