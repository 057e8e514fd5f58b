import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './spawn-cli.js';

/**
 * The code of the README example marked `<!-- test: <name> -->`: the fenced block right below the marker,
 * exactly as a reader copies it. A test runs it as written, so the README cannot drift from what works.
 */
export function readmeExample(name: string): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const marker = `<!-- test: ${name} -->\n`;
  const at = readme.indexOf(marker);
  if (at === -1) throw new Error(`README.md has no example marked ${marker.trim()}`);
  const block = /^```[a-z]*\n([\s\S]*?)^```$/m.exec(readme.slice(at + marker.length));
  if (!block || readme.slice(at + marker.length).indexOf('```') !== 0) {
    throw new Error(`README.md: the marker ${marker.trim()} is not right above a fenced code block`);
  }
  return block[1] ?? '';
}
