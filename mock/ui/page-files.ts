/**
 * The files of the mock's browser pages (a test double, not for production): the dashboard
 * (`/__admin/ui`) and the API reference (`/__admin/docs`), served from the package's own folder, so they
 * work offline. Loaded by the admin API on the first request for a page, never before.
 */
import { readdir, readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { printable } from '../http/printable.js';
import { type PreparedResponse, prepareBytes, type ResponseContext } from '../http/responses.js';
import { loadApiDocument } from '../../src/openapi/api-document.js';
import { isStandalone } from '../../src/package-files.js';

/** Where the pages' files are: beside this module, in the source tree and in the built package alike. */
const PAGES_FOLDER = new URL('./public/', import.meta.url);

// The pages load only their own files and talk only to this mock: no CDN, no inline script.
const DASHBOARD_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
// Redoc writes its styles into <style> elements at run time (styled-components) and indexes in a worker.
const DOCS_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src blob:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** The content security policy of each page; the other files need none. */
const POLICIES: Readonly<Record<string, string>> = Object.freeze({
  'dashboard.html': DASHBOARD_POLICY,
  'docs.html': DOCS_POLICY,
});

/** The media types served, by file extension; a file of any other kind in the folder is not served. */
const TYPES: Readonly<Record<string, string>> = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
});

/**
 * The document the API reference renders, the same as `GET /openapi.json`, served among the pages' files
 * so that the page's own read of it is the admin API's (which the journal leaves out), not a request to
 * the mocked API.
 */
export const API_DOCUMENT_FILE = 'openapi.json';

/** A file's answer, or why there is none: 404 for a name not served, 503 when the files were not built. */
export type PageFile =
  | { readonly ok: true; readonly answer: PreparedResponse }
  | { readonly ok: false; readonly status: 404 | 503; readonly code: string; readonly problem: string };

/** The pages' files of one mock. */
export interface PageFiles {
  /** The answer for `file` (a name in the pages' folder), read once and kept. */
  answer(file: string): Promise<PageFile>;
}

/**
 * Serves the pages' files from `folder`; `scenario` marks their answers (the journal leaves the admin
 * API's out).
 */
export function createPageFiles(
  context: ResponseContext,
  scenario: string,
  folder: URL = PAGES_FOLDER,
): PageFiles {
  const prepared = new Map<string, PageFile>();
  // The folder's listing, read once: a name is served only when it is in it, so no path reaches elsewhere.
  let listing: Promise<ReadonlySet<string>> | undefined;

  async function load(file: string): Promise<PageFile> {
    listing ??= readdir(folder).then(
      (names) => new Set(names.filter((name) => Object.hasOwn(TYPES, extname(name)))),
      () => new Set<string>(),
    );
    const names = await listing;
    if (!names.has('dashboard.js')) {
      listing = undefined;
      return {
        ok: false,
        status: 503,
        code: 'server_error',
        problem: isStandalone()
          ? 'The standalone executable has no dashboard or API reference: run the npm package (npx truecaller-oauth-kit mock) for them.'
          : 'The pages are not built: in a checkout of the kit, run `npm run build:ui` (the package ships them built).',
      };
    }
    if (file === API_DOCUMENT_FILE) {
      const bytes = Buffer.from(JSON.stringify(loadApiDocument()));
      const headers = ['Referrer-Policy', 'no-referrer'];
      return {
        ok: true,
        answer: prepareBytes(context, 200, 'application/json; charset=utf-8', bytes, { scenario, headers }),
      };
    }
    if (!names.has(file)) {
      return {
        ok: false,
        status: 404,
        code: 'not_found',
        problem: `/__admin/ui serves ${[...names, API_DOCUMENT_FILE].sort().join(', ')}, not "${printable(file, 64)}".`,
      };
    }
    const bytes = await readFile(new URL(file, folder));
    const headers = ['Referrer-Policy', 'no-referrer'];
    const policy = POLICIES[file];
    if (policy !== undefined) headers.push('Content-Security-Policy', policy);
    const type = TYPES[extname(file)] as string;
    return { ok: true, answer: prepareBytes(context, 200, type, bytes, { scenario, headers }) };
  }

  return {
    async answer(file) {
      const kept = prepared.get(file);
      if (kept !== undefined) return kept;
      const result = await load(file);
      // Only files are kept (a bounded list): a name asked for in vain is looked up again, and costs nothing.
      if (result.ok) prepared.set(file, result);
      return result;
    },
  };
}
