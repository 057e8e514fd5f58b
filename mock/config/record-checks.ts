/**
 * Checks of the records that reach the store at run time (a test double's control plane, not for
 * production): through the admin API, `register...` calls and `--db` files. A collection with a config
 * section is held to the config file's own validation, so a token or persona obeys the same rules either
 * way; a collection only the mock writes brings its own check.
 */
import { randomUUID } from 'node:crypto';
import type { StoreData } from '../../src/wire-types.js';
import {
  type CollectionDefinition,
  isObject,
  type RecordCheck,
  type RecordInput,
} from '../operations/collection.js';
import { COLLECTION_DEFINITIONS } from '../operations/index.js';
import { applyConfig, configProblems } from './config-file.js';

export type { KnownIds, RecordCheck, RecordInput } from '../operations/collection.js';

const EMPTY_STORE = Object.freeze(
  Object.fromEntries([...COLLECTION_DEFINITIONS.map(({ name }) => [name, []]), ['fault', {}]]),
) as unknown as StoreData;

/** The config-based check of a collection: its runtime fields apart, the rest as a config entry. */
function configCheck(definition: CollectionDefinition): RecordCheck {
  const { name, idIs, runtimeFields = {} } = definition;
  return (input, known) => {
    const { id, ...entry } = input;
    if (typeof id !== 'string') return { problems: [`id: must be ${idIs}, a string`] };
    const runtime: RecordInput = {};
    const problems: string[] = [];
    for (const [field, type] of Object.entries(runtimeFields)) {
      if (entry[field] === undefined) continue;
      if (typeof entry[field] !== type)
        problems.push(
          `${name}.${id}.${field}: must be ${type === 'number' ? 'epoch milliseconds' : 'a string'}`,
        );
      runtime[field] = entry[field];
      delete entry[field];
    }
    // The control plane takes persona ids: add a persona first, then name it.
    if (definition.references?.persona !== undefined && isObject(entry.persona)) {
      problems.push(
        `${name}.${id}.persona: give a persona id (add the persona with POST /__admin/personas first) or null`,
      );
    }
    problems.push(
      ...configProblems({ [name]: { [id]: entry } }, [...known.personas], [...known.clients], {
        inConfigFile: false,
      }),
    );
    if (problems.length > 0) return { problems };
    const applied = applyConfig(EMPTY_STORE, { [name]: { [id]: entry } }) as unknown as Record<
      string,
      RecordInput[]
    >;
    return { record: { ...applied[name]?.[0], ...runtime } };
  };
}

const checkFault: RecordCheck = (input) => {
  const problems = configProblems({ fault: input });
  return problems.length > 0 ? { problems } : { record: input };
};

/** The check of each collection (and of the singular `fault`). */
const RECORD_CHECKS: ReadonlyMap<string, RecordCheck> = new Map([
  ...COLLECTION_DEFINITIONS.map(
    (definition) => [definition.name as string, definition.check ?? configCheck(definition)] as const,
  ),
  ['fault', checkFault],
]);

/** The check for `collection`; undefined for a name the store does not have. */
export function recordCheck(collection: string): RecordCheck | undefined {
  return RECORD_CHECKS.get(collection);
}

/** A fresh id for a POST without one: a valid bearer token, so a test can ask the mock to make one up. */
export function newRecordId(): string {
  return randomUUID();
}
