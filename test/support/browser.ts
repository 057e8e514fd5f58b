import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { ROOT } from './spawn-cli.js';
import { CHROMIUM, requireTool } from './tools.js';

// Nothing in the background: no updates, no sync, no QUIC; the browser talks to the mock only.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A page and what went wrong on it: console errors, uncaught errors, requests to anywhere but the mock. */
export interface WatchedPage {
  readonly page: Page;
  /** Every console error and uncaught exception, as text. */
  readonly errors: string[];
  /** Every request that was not for 127.0.0.1 (aborted before it left). */
  readonly offsite: string[];
}

/** The browser of one test file. */
export interface FileBrowser {
  /** Opens a new page (desktop size unless `viewport` says otherwise) watched for errors and offsite requests. */
  open(viewport?: { width: number; height: number }): Promise<WatchedPage>;
}

/**
 * Starts headless Chromium with a new, empty profile before the tests of the calling file and closes it
 * (and removes the profile) after them.
 */
export function useBrowser(): FileBrowser {
  let context: BrowserContext | undefined;
  let profile = '';
  beforeAll(async () => {
    // A suite that needs the browser is left out without it (describeWith), unless CI=true: then this says why.
    requireTool('chromium');
    profile = mkdtempSync(join(tmpdir(), 'tok-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ARGS,
      viewport: { width: 1280, height: 800 },
    });
  });
  afterAll(async () => {
    await context?.close();
    if (profile !== '') rmSync(profile, { recursive: true, force: true });
  });
  return {
    async open(viewport) {
      if (context === undefined) throw new Error('useBrowser: the browser starts in beforeAll');
      const page = await context.newPage();
      if (viewport !== undefined) await page.setViewportSize(viewport);
      const watched: WatchedPage = { page, errors: [], offsite: [] };
      page.on('console', (message) => {
        if (message.type() === 'error') watched.errors.push(message.text());
      });
      page.on('pageerror', (error) => watched.errors.push(error.message));
      await page.route('**/*', async (route) => {
        const url = new URL(route.request().url());
        if (url.hostname === '127.0.0.1') await route.continue();
        else {
          watched.offsite.push(url.href);
          await route.abort();
        }
      });
      return watched;
    },
  };
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** One accessibility problem axe-core found: the rule, how bad, and where. */
export interface AxeProblem {
  id: string;
  impact: string;
  targets: string[];
}

/**
 * Runs axe-core on the page as it is now and returns the serious and critical problems. axe is
 * evaluated through the browser's debugging protocol, which the pages' content security policy allows.
 */
export async function seriousAccessibilityProblems(page: Page): Promise<AxeProblem[]> {
  await page.evaluate(axeSource);
  // Runs in the page; the test's own types have no DOM, so the page's globals are described here.
  return page.evaluate(async () => {
    const { axe, document } = globalThis as unknown as {
      document: unknown;
      axe: {
        run(
          context: unknown,
          options: { resultTypes: string[] },
        ): Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }>;
      };
    };
    // Violations only: axe then describes one node per passed or incomplete rule instead of each of
    // thousands (its documented way to cut the tail of a run on a big page); every rule still runs.
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({
        id: violation.id,
        impact: violation.impact ?? '',
        targets: violation.nodes.map((node) => node.target.join(' ')),
      }));
  });
}

/** Where the README's screenshots are; `npm run screenshots` writes them there. */
export const SCREENSHOTS = join(ROOT, 'test/ui/screenshots');

/**
 * Takes a screenshot of the page and returns its PNG. With `UPDATE_SCREENSHOTS=1` (`npm run screenshots`)
 * it is written to `test/ui/screenshots/<name>.png` for the README; a plain test run keeps the tree clean.
 */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<Buffer> {
  const png = await page.screenshot({ fullPage });
  if (process.env.UPDATE_SCREENSHOTS === '1') writeFileSync(join(SCREENSHOTS, `${name}.png`), png);
  return png;
}

/** Whether `bytes` are a PNG image (its signature), and its width and height from the header. */
export function pngSize(bytes: Buffer): { width: number; height: number } | undefined {
  const signature = '89504e470d0a1a0a';
  if (bytes.subarray(0, 8).toString('hex') !== signature) return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
