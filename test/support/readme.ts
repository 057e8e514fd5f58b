import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './spawn-cli.js';

/**
 * The kit's documentation, one README beside the code each describes: the front page, then the mock's,
 * the contracts' and the fixtures' references. Every helper below reads all of them.
 */
export const README_FILES = [
  'README.md',
  'mock/README.md',
  'contracts/README.md',
  'fixtures/README.md',
] as const;

export type ReadmeFile = (typeof README_FILES)[number];

const MARKER = /<!-- test: ([\w.-]+) -->\n/g;

/** The text of one of the README files (path relative to the repository's root). */
export function readmeText(file: ReadmeFile): string {
  return readFileSync(join(ROOT, file), 'utf8');
}

/** Where each marked example is: its name, file and offset just past its marker line. */
function markedExamples(): { name: string; file: ReadmeFile; text: string; end: number }[] {
  const found = README_FILES.flatMap((file) => {
    const text = readmeText(file);
    return [...text.matchAll(MARKER)].map((match) => ({
      name: match[1] ?? '',
      file,
      text,
      end: match.index + match[0].length,
    }));
  });
  // A name is what a test asks for: two examples of one name would leave one of them unread.
  const seen = new Map<string, ReadmeFile>();
  for (const { name, file } of found) {
    const first = seen.get(name);
    if (first !== undefined) {
      throw new Error(
        `the example marker <!-- test: ${name} --> is in ${first} and again in ${file}; names must be unique`,
      );
    }
    seen.set(name, file);
  }
  return found;
}

/**
 * The code of the example marked `<!-- test: <name> -->`, in whichever README file holds it: the fenced
 * block right below the marker, exactly as a reader copies it. A test runs it as written, so the docs
 * cannot drift from what works.
 */
export function readmeExample(name: string): string {
  const example = markedExamples().find((candidate) => candidate.name === name);
  const marker = `<!-- test: ${name} -->`;
  if (example === undefined)
    throw new Error(`no README file (${README_FILES.join(', ')}) has an example marked ${marker}`);
  const rest = example.text.slice(example.end);
  const block = /^```[a-z]*\n([\s\S]*?)^```$/m.exec(rest);
  if (!block || !rest.startsWith('```')) {
    throw new Error(`${example.file}: the marker ${marker} is not right above a fenced code block`);
  }
  return block[1] ?? '';
}

/** The names of every marked example, file by file in the order of README_FILES, each in order. */
export function readmeExampleNames(): string[] {
  return markedExamples().map(({ name }) => name);
}

/**
 * The README file that has the heading line starting with `heading` (such as `## Provider states`), from
 * that heading to the file's end: where a test looks for a section's tables and blocks, wherever the
 * section lives. Exactly one file must have it.
 */
export function readmeSection(heading: string): string {
  const holders = README_FILES.map((file) => {
    const text = readmeText(file);
    const at = text.split('\n').findIndex((line) => line.startsWith(heading));
    return { file, text, at };
  }).filter(({ at }) => at !== -1);
  const [holder, ...others] = holders;
  if (holder === undefined)
    throw new Error(`no README file (${README_FILES.join(', ')}) has a line "${heading}"`);
  if (others.length > 0) {
    throw new Error(`"${heading}" is in several README files: ${holders.map(({ file }) => file).join(', ')}`);
  }
  return holder.text.split('\n').slice(holder.at).join('\n');
}
