import { buildPages } from '../../mock/ui/build-pages.js';

/**
 * Vitest's global set-up: the pages' files are built from the sources before any test serves them, so a
 * test never sees a stale dashboard script.
 */
export default function setup(): void {
  buildPages();
}
