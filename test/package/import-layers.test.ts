import { describe, expect, it } from 'vitest';
import { OPERATIONS } from '../../src/operations/index.js';
import { directImports, sourceFiles } from '../support/import-graph.js';

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

  it.each(['contracts'])(
    'keeps each operation’s scenario table to its own folder of %s/operations/',
    (layer) => {
      expect(scenarioTablesImportedOutside(layer, OPERATION_NAMES)).toEqual([]);
    },
  );

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
