import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CLIENT_ID } from '../../src/operations/token/grants.js';
import { seriousAccessibilityProblems, useBrowser, type WatchedPage } from '../support/browser.js';
import { describeWith } from '../support/tools.js';
import { startMock } from '../support/doors.js';
import { usePartner } from '../support/partner.js';

const mock = await startMock();
const browser = useBrowser();
const partner = usePartner();

// A phone, a laptop and a desktop monitor.
const WINDOWS = [
  { width: 390, height: 844 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 },
] as const;
const SECTIONS = ['scenarios', 'requests', 'personas', 'faults', 'web-sign-in'] as const;

// What the dashboard shows in use: tokens issued by exchanges (43-character tokens, expiry dates), a
// token and a code added through the admin API (the code bound to a challenge and a client), and the
// journal's entries of those calls.
beforeAll(async () => {
  for (let issued = 0; issued < 2; issued++) expect((await mock.exchange('valid-code')).status).toBe(200);
  const token = await mock.admin('POST', '/__admin/tokens', {
    persona: 'long-name',
    scenario: 'valid',
    scopes: ['openid', 'profile', 'email'],
  });
  expect(token.status).toBe(201);
  const code = await mock.admin('POST', '/__admin/codes', {
    persona: 'full-in',
    scenario: 'issued',
    scopes: ['openid', 'phone'],
    codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
    clientId: DEFAULT_CLIENT_ID,
  });
  expect(code.status).toBe(201);
  expect((await mock.userInfo('valid')).status).toBe(200);
});

let watched: WatchedPage | undefined;
afterEach(async () => {
  if (watched === undefined) return;
  expect(watched.errors).toEqual([]);
  expect(watched.offsite).toEqual([]);
  await watched.page.close();
  watched = undefined;
});

/** Opens a section of the dashboard with its data on show (in Requests, a token exchange selected). */
async function openSection(
  section: (typeof SECTIONS)[number],
  window: { width: number; height: number },
): Promise<WatchedPage> {
  watched = await browser.open(window);
  const { page } = watched;
  await page.goto(`${mock.url}/__admin/ui#${section}`);
  await page.locator('#token-table table').waitFor({ state: 'attached' });
  if (section === 'personas') {
    // A signed profile on show: three long base64 values must wrap inside the card.
    await page.locator('#sign-profile').getByRole('button', { name: 'Sign' }).click();
    await page.locator('#signed-profile dd').first().waitFor();
  }
  if (section === 'requests') {
    await page.locator('#request-list button.request', { hasText: '/v1/token' }).first().click();
    await page.locator('#request-detail').getByRole('region', { name: 'Form fields' }).waitFor();
  }
  if (section === 'web-sign-in') {
    // A sign-in completed, its long request id, token and endpoint on show.
    await page
      .getByLabel('Request id')
      .fill('RL8YZ41FQMt5Jiak2sc_Ys0OgQA=-a-long-request-nonce-of-sixty-four-c');
    await page.getByLabel('Callback URL').fill(`${partner.url}/truecaller/callback/of/a/long/path`);
    await page.getByRole('button', { name: 'Send the callbacks' }).click();
    await page.getByRole('table', { name: 'Callbacks sent' }).waitFor();
  }
  return watched;
}

describeWith('chromium')('the layout of the dashboard', () => {
  describe.each(WINDOWS)('the dashboard in a window $width px wide', (window) => {
    it.each(SECTIONS)(
      'shows %s with nothing scrolling sideways and no word broken inside',
      async (section) => {
        const { page } = await openSection(section, window);
        const problems = await page.evaluate(layoutProblems);
        expect(problems.overflowing).toEqual([]);
        expect(problems.broken).toEqual([]);
      },
    );
  });

  describe('the dashboard on a phone', () => {
    it('shows two rows of the scenario tables in a screen or more, each cell beside its heading', async () => {
      const phone = WINDOWS[0];
      const { page } = await openSection('scenarios', phone);
      const rows = page.locator('#token-table tbody tr, #code-table tbody tr');
      const heights = await rows.evaluateAll((found) =>
        found.map((row) => (row as unknown as { offsetHeight: number }).offsetHeight),
      );
      expect(heights.length).toBeGreaterThan(20);
      expect(heights.filter((height) => height > phone.height / 2)).toEqual([]);
      const cell = page.locator('#token-table tbody tr').first().locator('td').first();
      const label = await cell.evaluate((td) => {
        const { getComputedStyle } = globalThis as unknown as {
          getComputedStyle: (element: unknown, pseudo: string) => { content: string };
        };
        return getComputedStyle(td, '::before').content;
      });
      expect(label).toBe('"token"');
      expect(await seriousAccessibilityProblems(page)).toEqual([]);
    });
  });
});

/** What `layoutProblems` finds: boxes that scroll sideways, and words broken inside although they fit. */
interface LayoutProblems {
  /** Each box wider inside than it is (the document, or an element that scrolls): tag, id or label, widths. */
  overflowing: string[];
  /** Each word of a table cell drawn on more than one line although a line of its cell holds it whole. */
  broken: string[];
}

/** An element, as far as `layoutProblems` reads it. */
interface Box {
  readonly tagName: string;
  readonly id: string;
  readonly offsetParent: unknown;
  readonly scrollWidth: number;
  readonly clientWidth: number;
  getAttribute(name: string): string | null;
}

/** A text node, as far as `layoutProblems` reads it. */
interface Text {
  readonly data: string;
  readonly parentElement: Box;
}

/** The page's globals `layoutProblems` uses (the tests' own types have no DOM). */
interface PageGlobals {
  document: {
    documentElement: Box;
    querySelectorAll(selector: string): Iterable<Box>;
    createTreeWalker(root: Box, whatToShow: number): { nextNode(): Text | null };
    createRange(): {
      setStart(node: Text, offset: number): void;
      setEnd(node: Text, offset: number): void;
      getClientRects(): Iterable<{ width: number; bottom: number }>;
    };
    createElement(tag: 'canvas'): {
      getContext(kind: '2d'): { font: string; measureText(text: string): { width: number } };
    };
  };
  getComputedStyle: (element: Box) => {
    overflowX: string;
    paddingLeft: string;
    paddingRight: string;
    fontStyle: string;
    fontWeight: string;
    fontSize: string;
    fontFamily: string;
  };
}

/**
 * Runs in the page. A line may break at a space, or after an `=` (between a curl argument's name and
 * value); a word (what lies between those points: a token, a URL, a date, a header name) drawn on two
 * lines is broken inside, unless it alone is wider than its cell, which leaves no choice.
 */
function layoutProblems(): LayoutProblems {
  const { document, getComputedStyle } = globalThis as unknown as PageGlobals;
  const overflowing: string[] = [];
  const root = document.documentElement;
  if (root.scrollWidth > root.clientWidth)
    overflowing.push(`the document ${root.scrollWidth} > ${root.clientWidth}`);
  for (const box of document.querySelectorAll('body *')) {
    const scrolls = ['auto', 'scroll'].includes(getComputedStyle(box).overflowX);
    if (box.offsetParent === null || !scrolls || box.scrollWidth <= box.clientWidth) continue;
    const name = box.getAttribute('aria-label') ?? box.id;
    overflowing.push(`${box.tagName.toLowerCase()} ${name} ${box.scrollWidth} > ${box.clientWidth}`);
  }

  const broken: string[] = [];
  const measure = document.createElement('canvas').getContext('2d');
  for (const cell of document.querySelectorAll('td')) {
    if (cell.offsetParent === null) continue;
    const cellStyle = getComputedStyle(cell);
    const line = cell.clientWidth - parseFloat(cellStyle.paddingLeft) - parseFloat(cellStyle.paddingRight);
    // 4: NodeFilter.SHOW_TEXT.
    const texts = document.createTreeWalker(cell, 4);
    for (let text = texts.nextNode(); text !== null; text = texts.nextNode()) {
      for (const word of text.data.matchAll(/[^\s=]*=|[^\s=]+/g)) {
        const range = document.createRange();
        range.setStart(text, word.index);
        range.setEnd(text, word.index + word[0].length);
        const lines = new Set(
          [...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.bottom)),
        );
        if (lines.size < 2) continue;
        const style = getComputedStyle(text.parentElement);
        measure.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
        const width = measure.measureText(word[0]).width;
        if (width <= line)
          broken.push(`"${word[0]}" (${Math.ceil(width)} px) on ${lines.size} lines of ${line} px`);
      }
    }
  }
  return { overflowing, broken };
}
