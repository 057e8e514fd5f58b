import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './spawn-cli.js';

/** One example of the README: the file name its marker gives, and the code of the fenced block under it. */
export interface ReadmeExample {
  readonly file: string;
  readonly code: string;
}

// `<!-- example: name.test.ts -->`, then (after blank lines) a fenced block.
const MARKED_BLOCK = /<!-- example: ([\w.-]+) -->\s*\n```\w*\n([\s\S]*?)\n```/g;

function readme(): string {
  return readFileSync(join(ROOT, 'README.md'), 'utf8');
}

/** Every marked example of the README, in order. */
export function readmeExamples(): ReadmeExample[] {
  return [...readme().matchAll(MARKED_BLOCK)].map(([, file = '', code = '']) => ({ file, code }));
}

/** The README from `heading` on (to its end): where a test looks for a section's blocks. */
export function readmeSection(heading: string): string {
  const text = readme();
  const at = text.indexOf(heading);
  if (at === -1) throw new Error(`README.md has no "${heading}"`);
  return text.slice(at);
}

/**
 * The package's entry points as a team imports them (`truecaller-oauth-kit/mock`), each mapped to its
 * source file, read from the `exports` map of package.json so the two cannot drift apart.
 */
export function packageSourceAliases(): Record<string, string> {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    name: string;
    exports: Record<string, string | { default: string }>;
  };
  const aliases: Record<string, string> = {};
  for (const [entry, target] of Object.entries(manifest.exports)) {
    const built = typeof target === 'string' ? target : target.default;
    if (!built.endsWith('.js')) continue;
    const source = built.replace(/^\.\/dist\//, '').replace(/\.js$/, '.ts');
    aliases[entry === '.' ? manifest.name : `${manifest.name}/${entry.slice(2)}`] = join(ROOT, source);
  }
  return aliases;
}
