import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * What a test file costs, roughly, by what it starts: npm installs and builds, a browser, a CLI per
 * test. Files that match nothing weigh 0 and keep vitest's own order among themselves.
 */
const WEIGHTS: readonly (readonly [RegExp, number])[] = [
  // An install from git, building the package in a clone with all of its dependencies.
  [/^test\/package\/git-install\.test\.ts$/, 3],
  // npm installs of the packed package, a build of the standalone executable.
  [/^test\/package\//, 2],
  // Chromium, a CLI started per test.
  [/^test\/ui\//, 1],
  [/cli[\w-]*\.test\.ts$/, 1],
];

/**
 * Vitest's order (the files that took longest last time first, when it remembers; the largest
 * otherwise), with the costly files moved to the front: started first, they overlap the many short
 * files on the other cores instead of running alone at the end.
 */
export class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const ordered = await super.sort(files);
    const weight = (file: TestSpecification): number => {
      const path = file.moduleId.slice(file.project.config.root.length).replace(/^\/+/, '');
      return WEIGHTS.find(([pattern]) => pattern.test(path))?.[1] ?? 0;
    };
    return ordered
      .map((file, index) => ({ file, index, weight: weight(file) }))
      .sort((a, b) => b.weight - a.weight || a.index - b.index)
      .map(({ file }) => file);
  }
}
