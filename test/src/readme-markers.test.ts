import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { README_FILES, readmeExampleNames, readmeText } from '../support/readme.js';
import { ROOT } from '../support/spawn-cli.js';

// Every test source but the reader of the markers itself.
const testSources = readdirSync(join(ROOT, 'test'), { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts') && file !== join('support', 'readme.ts'))
  .map((file) => readFileSync(join(ROOT, 'test', file), 'utf8'))
  .join('\n');

describe("the READMEs' marked examples", () => {
  it('are read from every README file, each name once across them', () => {
    const names = readmeExampleNames(); // throws when a name is marked twice
    for (const file of README_FILES) {
      expect(
        names.some((name) => readmeText(file).includes(`<!-- test: ${name} -->`)),
        file,
      ).toBe(true);
    }
  });

  // A `<!-- test: name -->` nothing reads would claim a test it does not have. The test files among them
  // (name.test.ts) are all run by test/package/readme-examples.test.ts; each other one is named by a test.
  it.each(readmeExampleNames().filter((name) => !/\.test\.[jt]s$/.test(name)))(
    '%s is read by a test',
    (name) => {
      expect(testSources).toContain(`('${name}'`);
    },
  );
});
