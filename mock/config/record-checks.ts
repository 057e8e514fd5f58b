/**
 * Checks of the records that reach the store at run time (a test double's control plane, not for
 * production): through the admin API, `register...` calls and `--db` files. A collection with a config
 * section is held to the config file's own validation, so a token or persona obeys the same rules either
 * way; a collection only the mock writes brings its own check.
 */
import { randomUUID } from 'node:crypto';
import {
  type CollectionDefinition,
  isObject,
  type KnownIds,
  type RecordCheck,
  type RecordInput,
} from '../operations/collection.js';
import { COLLECTION_DEFINITIONS } from '../operations/index.js';
import { configProblems } from './config-file.js';

export type { KnownIds, RecordCheck, RecordInput } from '../operations/collection.js';

/** A record split for the config's checks: its id, its config entry and its runtime fields; or its own problems. */
type SplitRecord =
  | {
      readonly id: string;
      readonly entry: RecordInput;
      readonly runtime: RecordInput;
      readonly problems: string[];
    }
  | { readonly problems: string[]; readonly id?: undefined };

/** `input` as a config entry of `definition`'s section, with what no schema sees (field types, inline personas). */
function splitRecord(definition: CollectionDefinition, input: RecordInput): SplitRecord {
  const { name, idIs, runtimeFields = {} } = definition;
  const { id, ...rest } = input;
  if (typeof id !== 'string') return { problems: [`id: must be ${idIs}, a string`] };
  const runtime: RecordInput = {};
  const problems: string[] = [];
  for (const [field, type] of Object.entries(runtimeFields)) {
    if (rest[field] === undefined) continue;
    if (typeof rest[field] !== type)
      problems.push(
        `${name}.${id}.${field}: must be ${type === 'number' ? 'epoch milliseconds' : 'a string'}`,
      );
    runtime[field] = rest[field];
  }
  // A copy without them, not `delete`: an object a property was deleted from is slow to read ever after.
  const entry =
    Object.keys(runtime).length === 0
      ? rest
      : Object.fromEntries(Object.entries(rest).filter(([field]) => !Object.hasOwn(runtime, field)));
  // The control plane takes persona ids: add a persona first, then name it.
  if (definition.references?.persona !== undefined && isObject(entry.persona)) {
    problems.push(
      `${name}.${id}.persona: give a persona id (add the persona with POST /__admin/personas first) or null`,
    );
  }
  return { id, entry, runtime, problems };
}

/** The problems of `input` as a record of `definition` (a config-based collection), and its parts. */
function configRecordProblems(
  definition: CollectionDefinition,
  input: RecordInput,
  known: KnownIds,
): SplitRecord {
  const split = splitRecord(definition, input);
  if (split.id === undefined) return split;
  const found = configProblems(
    { [definition.name]: { [split.id]: split.entry } },
    known.personas,
    known.clients,
    { inConfigFile: false },
  );
  for (const problem of found) split.problems.push(problem);
  return split;
}

/** The config-based check of a collection: its runtime fields apart, the rest as a config entry. */
function configCheck(definition: CollectionDefinition): RecordCheck {
  return (input, known) => {
    const split = configRecordProblems(definition, input, known);
    if (split.id === undefined || split.problems.length > 0) return { problems: split.problems };
    // This section alone: inline claims were refused above.
    const applied = definition.config?.apply([], { [split.id]: split.entry }, []) ?? [];
    return { record: { ...(applied[0] as unknown as RecordInput), ...split.runtime } };
  };
}

/**
 * What `recordCheck` finds wrong with each of `records` (a `--db` file's collection), one record at a
 * time: one schema call over an object of a million entries is slower than a million small ones.
 */
export function collectionProblems(
  collection: string,
  records: readonly unknown[],
  known: KnownIds,
): string[] {
  const check = recordCheck(collection);
  if (check === undefined) return [`${collection}: not a collection of the store`];
  const definition = COLLECTION_DEFINITIONS.find(({ name }) => name === collection);
  // Only the problems matter here: the record a config-based check would make is not made.
  const problemsOf =
    definition !== undefined && definition.check === undefined && definition.config !== undefined
      ? (record: RecordInput) => configRecordProblems(definition, record, known).problems
      : (record: RecordInput) => {
          const result = check(record, known);
          return 'problems' in result ? result.problems : [];
        };
  const problems: string[] = [];
  for (const record of records) {
    if (!isObject(record)) problems.push(`${collection}: every record must be an object`);
    // One at a time: a spread of a million problems would overflow the stack.
    else for (const problem of problemsOf(record)) problems.push(problem);
  }
  return problems;
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
