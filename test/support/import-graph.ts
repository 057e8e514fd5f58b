import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ROOT } from './spawn-cli.js';

// Static and lazy imports alike: a lazy one still costs its load when it runs, and still couples two modules.
const IMPORT = /(?:from|import)\s*\(?\s*'([^']+)'/g;
// Only what loads with the module itself: `import`/`export ... from '...'` and `import '...'`; not
// `import('...')`, nor `import type`, which TypeScript erases.
const STATIC_IMPORT = /^(?:(?:import|export)(?!\s+type\b)[^;']*?from\s+|import\s+)'([^']+)'/gm;

/**
 * What one source file imports: relative files as repository paths (`mock/state/store.ts`), packages by
 * name; with `lazy: false`, only what loads with it (no `import()`).
 */
export function directImports(file: string, { lazy = true } = {}): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  return [...text.matchAll(lazy ? IMPORT : STATIC_IMPORT)].map(([, specifier = '']) =>
    specifier.startsWith('.')
      ? relative(ROOT, resolve(dirname(join(ROOT, file)), specifier.replace(/\.js$/, '.ts')))
      : specifier,
  );
}

/**
 * Every module the source file `entry` loads, transitively: relative files by path, packages by name;
 * with `lazy: false`, only what loads at once (the modules behind an `import()` left out).
 */
export function importGraph(entry: string, { lazy = true } = {}): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    if (!file.endsWith('.ts')) return;
    for (const imported of directImports(file, { lazy })) visit(imported);
  };
  visit(entry);
  return seen;
}

/** The TypeScript source files under `folder` (repository-relative), tests and declarations left out. */
export function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .map((name) => join(folder, name));
}
