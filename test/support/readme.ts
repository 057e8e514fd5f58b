import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './spawn-cli.js';

const MARKER = /<!-- test: ([\w.-]+) -->\n/g;

function readme(): string {
  return readFileSync(join(ROOT, 'README.md'), 'utf8');
}

/**
 * The code of the README example marked `<!-- test: <name> -->`: the fenced block right below the marker,
 * exactly as a reader copies it. A test runs it as written, so the README cannot drift from what works.
 */
export function readmeExample(name: string): string {
  const text = readme();
  const marker = `<!-- test: ${name} -->\n`;
  const at = text.indexOf(marker);
  if (at === -1) throw new Error(`README.md has no example marked ${marker.trim()}`);
  const block = /^```[a-z]*\n([\s\S]*?)^```$/m.exec(text.slice(at + marker.length));
  if (!block || text.slice(at + marker.length).indexOf('```') !== 0) {
    throw new Error(`README.md: the marker ${marker.trim()} is not right above a fenced code block`);
  }
  return block[1] ?? '';
}

/** The names of every marked example, in order. */
export function readmeExampleNames(): string[] {
  return [...readme().matchAll(MARKER)].map(([, name = '']) => name);
}

/** The README from `heading` on (to its end): where a test looks for a section's other blocks. */
export function readmeSection(heading: string): string {
  const text = readme();
  const at = text.indexOf(heading);
  if (at === -1) throw new Error(`README.md has no "${heading}"`);
  return text.slice(at);
}
