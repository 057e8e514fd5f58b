/**
 * The state of `GET /v1/key` in the mock (a test double, not for production): one record, what the key
 * endpoint answers (the served keys, or a 500) and its own fault, set by a config, the control plane or
 * `setKeyEndpoint`.
 */
import { FAULT_SCHEMA, type Fault } from '../../../src/faults.js';
import {
  KEY_SET_SCENARIO_NAMES,
  type KeySetScenarioName,
} from '../../../src/operations/signed-profile/scenarios.js';
import type { KeyEndpointRecord } from '../../../src/operations/signed-profile/wire-types.js';
import {
  defineCollection,
  FAULT_LIST_FIELDS,
  faultRangeProblems,
  isObject,
  mergeById,
} from '../collection.js';

/** The id of the key endpoint's one record. */
export const KEY_ENDPOINT_ID = 'v1-key';

/** The key endpoint's entry of a config file. Every field is optional. */
export interface KeyEndpointConfig {
  /** Default `keys` (the served keys); or `keys-server-error` (500). */
  scenario?: KeySetScenarioName;
  /** A fault its answers get instead of the global one. */
  fault?: Fault;
}

/** The `keyEndpoints` section of a config file: `{ "v1-key": { ... } }`. */
export interface KeyEndpointsConfig {
  keyEndpoints?: Record<string, KeyEndpointConfig>;
}

/** The `keyEndpoints` collection. */
export const KEY_ENDPOINTS = defineCollection({
  name: 'keyEndpoints',
  idIs: `the key endpoint (${KEY_ENDPOINT_ID})`,
  builtIns: (): KeyEndpointRecord[] => [{ id: KEY_ENDPOINT_ID, scenario: 'keys' }],
  config: {
    schema: {
      type: 'object',
      propertyNames: { pattern: `^${KEY_ENDPOINT_ID}$` },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: { scenario: { enum: KEY_SET_SCENARIO_NAMES }, fault: FAULT_SCHEMA },
      },
    },
    idRule: `key endpoint id: there is one, ${KEY_ENDPOINT_ID}`,
    problems: (entries) =>
      Object.entries(entries).flatMap(([id, entry]) =>
        isObject(entry) ? faultRangeProblems(`keyEndpoints.${id}.fault`, entry.fault) : [],
      ),
    apply(base, entries) {
      const added = Object.entries(entries).map(([id, entry]): KeyEndpointRecord => {
        const record: KeyEndpointRecord = {
          id,
          scenario: (entry.scenario as KeySetScenarioName | undefined) ?? 'keys',
        };
        if (entry.fault !== undefined) record.fault = structuredClone(entry.fault) as Fault;
        return record;
      });
      return mergeById(base as KeyEndpointRecord[], added);
    },
  },
  admin: { served: true },
  listFields: ['id', 'scenario', ...FAULT_LIST_FIELDS],
});
