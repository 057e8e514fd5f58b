import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPERATION_FLAGS } from '../../mock/operations/index.js';
import { OPERATIONS } from '../../src/operations/index.js';
import { directImports, sourceFiles } from '../support/import-graph.js';
import { ROOT } from '../support/spawn-cli.js';

/**
 * The layers of the kit, bottom first: a file imports its own layer or those below it. `src/` (types,
 * tables, clients) imports nothing of the kit above it; the bin sits in `contracts/`, the top, because it
 * dispatches to every folder's command.
 */
const LAYERS = ['src', 'fixtures', 'mock', 'contracts'] as const;

/** The folders of `mock/`, bottom first, by the question each answers. */
const MOCK_FOLDERS = [
  'http',
  'state',
  'shared',
  'routes',
  'operations',
  'config',
  'ui',
  'admin',
  'engine',
  'fetch',
  'msw',
  'server',
  'cli',
];

function folderOf(file: string): string {
  const [top = '', second = ''] = file.split('/');
  return top === 'mock' && MOCK_FOLDERS.includes(second) ? `mock/${second}` : top;
}

/** The modules of an operation's scenario table in `src/operations/<op>/`. */
const SCENARIO_TABLE_MODULES = ['scenarios.ts', 'outcomes.ts'];

/**
 * Each import of an operation's scenario table (`src/operations/<op>/scenarios.ts` or `outcomes.ts`) by a
 * file of `layer` outside that layer's folder of the operation (`<layer>/operations/<op>/`), as
 * `file -> table`: what a layer knows of an operation's scenarios goes through that folder.
 */
function scenarioTablesImportedOutside(layer: string, operations: readonly string[]): string[] {
  const operationOf = new Map<string, string>(
    operations.flatMap((operation) =>
      SCENARIO_TABLE_MODULES.map((module) => [`src/operations/${operation}/${module}`, operation] as const),
    ),
  );
  return sourceFiles(layer).flatMap((file) =>
    directImports(file)
      .filter((imported) => {
        const operation = operationOf.get(imported);
        return operation !== undefined && !file.startsWith(`${layer}/operations/${operation}/`);
      })
      .map((imported) => `${file} -> ${imported}`),
  );
}

const OPERATION_NAMES = OPERATIONS.map((operation) => operation.name);

/**
 * The kit's own names of each operation's outcomes: scenario names and built-in credentials that are
 * identifiers (`not-bearer`, `otp-valid`, `valid-code`), not ordinary words (`valid`, `expired`), which
 * code elsewhere may say for other reasons.
 */
const SCENARIO_IDENTIFIERS: ReadonlyMap<string, ReadonlySet<string>> = (() => {
  const owners = new Map<string, Set<string>>();
  for (const operation of OPERATIONS)
    for (const scenario of operation.scenarios)
      for (const name of [scenario.name, scenario.builtIn])
        if (name !== null && name.includes('-'))
          owners.set(name, (owners.get(name) ?? new Set()).add(operation.name));
  return owners;
})();

/** String literals of a source file, its comments left out. */
function stringLiterals(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
  return [...code.matchAll(/'([^'\n\\]*)'|"([^"\n\\]*)"|`([^`$\\]*)`/g)].map(
    ([, single, double, template]) => single ?? double ?? template ?? '',
  );
}

/** Each file of `layer` that names an operation's scenario outside that layer's folder of the operation. */
function scenarioNamesOutside(layer: string): string[] {
  return sourceFiles(layer).flatMap((file) =>
    stringLiterals(readFileSync(join(ROOT, file), 'utf8'))
      .filter((literal) => {
        const owners = SCENARIO_IDENTIFIERS.get(literal);
        return (
          owners !== undefined &&
          ![...owners].some((owner) => file.startsWith(`${layer}/operations/${owner}/`))
        );
      })
      .map((literal) => `${file}: '${literal}'`),
  );
}

const files = LAYERS.flatMap((layer) => sourceFiles(layer));
const edges = files.flatMap((file) =>
  directImports(file)
    .filter((imported) => imported.endsWith('.ts'))
    .map((imported) => ({ file, imported })),
);

describe('the import layers', () => {
  it('finds the source files it checks', () => {
    expect(files).toContain('src/index.ts');
    expect(files).toContain('mock/state/store.ts');
    expect(edges.length).toBeGreaterThan(100);
  });

  it('imports nothing from a higher layer (src < fixtures < mock < contracts)', () => {
    const rank = (file: string): number => LAYERS.indexOf(file.split('/')[0] as (typeof LAYERS)[number]);
    const upward = edges.filter(({ file, imported }) => rank(imported) > rank(file));
    expect(upward.map(({ file, imported }) => `${file} -> ${imported}`)).toEqual([]);
  });

  it('has no two folders that import each other', () => {
    const pairs = new Set(
      edges
        .map(({ file, imported }) => [folderOf(file), folderOf(imported)] as const)
        .filter(([from, to]) => from !== to)
        .map(([from, to]) => `${from} -> ${to}`),
    );
    const mutual = [...pairs].filter((pair) => pairs.has(pair.split(' -> ').reverse().join(' -> ')));
    expect(mutual.sort()).toEqual([]);
  });

  it('has no two files that import each other (types included)', () => {
    const pairs = new Set(edges.map(({ file, imported }) => `${file} -> ${imported}`));
    const mutual = edges
      .filter(({ file, imported }) => file < imported && pairs.has(`${imported} -> ${file}`))
      .map(({ file, imported }) => `${file} <-> ${imported}`);
    expect(mutual).toEqual([]);
  });

  it('keeps every folder of mock/ in the order its question sits (transport below nothing it serves)', () => {
    const mockRank = (file: string): number => MOCK_FOLDERS.indexOf(file.split('/')[1] ?? '');
    const upward = edges.filter(
      ({ file, imported }) =>
        folderOf(file).startsWith('mock/') &&
        folderOf(imported).startsWith('mock/') &&
        mockRank(imported) > mockRank(file),
    );
    expect(upward.map(({ file, imported }) => `${file} -> ${imported}`)).toEqual([]);
  });

  it('files every module of mock/ under one of its folders, beside the entry points', () => {
    const loose = sourceFiles('mock').filter(
      (file) => folderOf(file) === 'mock' && !['mock/index.ts'].includes(file),
    );
    expect(loose).toEqual([]);
  });

  it.each(['src', 'mock', 'contracts', 'fixtures'])(
    'keeps each operation’s scenario table to its own folder of %s/operations/',
    (layer) => {
      expect(scenarioTablesImportedOutside(layer, OPERATION_NAMES)).toEqual([]);
    },
  );

  it.each(['src', 'mock', 'contracts', 'fixtures'])(
    'names no operation’s scenario or built-in credential in %s/ outside its folder of that operation',
    (layer) => {
      expect(scenarioNamesOutside(layer)).toEqual([]);
    },
  );

  it('finds the scenario names it looks for inside the operations’ folders', () => {
    const named = (layer: string, operation: string): string[] =>
      sourceFiles(`${layer}/operations/${operation}`).flatMap((file) =>
        stringLiterals(readFileSync(join(ROOT, file), 'utf8')).filter((literal) =>
          SCENARIO_IDENTIFIERS.has(literal),
        ),
      );
    expect(SCENARIO_IDENTIFIERS.has('not-bearer')).toBe(true);
    expect(named('src', 'userinfo')).toContain('not-bearer');
    expect(named('mock', 'token')).toContain('invalid-code');
    expect(named('contracts', 'phone-number')).toContain('invalid-credentials');
  });

  it('takes the operations’ command-line flags from the list: mock/cli/ names none of them', () => {
    expect(OPERATION_FLAGS.map((flag) => flag.name)).toContain('allow-callback-host');
    const named = sourceFiles('mock/cli').flatMap((file) =>
      stringLiterals(readFileSync(join(ROOT, file), 'utf8'))
        .filter((literal) => OPERATION_FLAGS.some((flag) => literal.includes(flag.name)))
        .map((literal) => `${file}: '${literal}'`),
    );
    expect(named).toEqual([]);
  });

  it('finds the scenario tables the operations’ own folders import', () => {
    const inside = sourceFiles('contracts/operations').flatMap((file) =>
      directImports(file).filter((imported) =>
        /^src\/operations\/[^/]+\/(scenarios|outcomes)\.ts$/.test(imported),
      ),
    );
    expect(inside).toContain('src/operations/userinfo/scenarios.ts');
    expect(inside).toContain('src/operations/token/outcomes.ts');
    expect(inside).toContain('src/operations/phone-number/scenarios.ts');
  });
});
