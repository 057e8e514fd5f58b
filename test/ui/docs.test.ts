import type { OpenAPIV3_1 } from 'openapi-types';
import { afterEach, expect, it } from 'vitest';
import { loadApiDocument } from '../../src/openapi/api-document.js';
import type { Journal } from '../../src/wire-types.js';
import {
  screenshot,
  seriousAccessibilityProblems,
  useBrowser,
  type WatchedPage,
} from '../support/browser.js';
import { startMock } from '../support/doors.js';
import { describeWith } from '../support/tools.js';

const mock = await startMock();
const browser = useBrowser();

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
// The paths' operations and the webhooks' (the callbacks Truecaller posts to a partner), which Redoc renders alike.
const document = loadApiDocument();
const operations = [
  ...Object.values(document.paths ?? {}),
  ...Object.values(document.webhooks ?? {}),
].flatMap((item) =>
  METHODS.flatMap((method) => {
    const operation = (item as OpenAPIV3_1.PathItemObject)[method] as
      (OpenAPIV3_1.OperationObject & { 'x-documented'?: boolean }) | undefined;
    return operation === undefined ? [] : [operation];
  }),
);

let watched: WatchedPage | undefined;
afterEach(async () => {
  await watched?.page.close();
  watched = undefined;
});

describeWith('chromium')('the API reference', () => {
  it('renders every operation of openapi.yaml offline, marking the assumed ones', async () => {
    watched = await browser.open();
    const { page } = watched;
    const requested: string[] = [];
    page.on('request', (sent) => requested.push(sent.url()));
    await page.goto(`${mock.url}/__admin/docs`);
    await page.locator('body[data-rendered]').waitFor();
    expect(await page.locator('body').getAttribute('data-rendered')).toBe('yes');

    for (const operation of operations) {
      const section = page.locator(`[data-section-id="operation/${operation.operationId ?? ''}"]`);
      expect(await section.count(), operation.operationId).toBe(1);
      const badge = section.locator('h2').getByText('Assumed', { exact: true });
      expect(await badge.count(), operation.operationId).toBe(operation['x-documented'] === false ? 1 : 0);
    }
    expect(await page.locator('[data-section-id^="operation/"]').count()).toBe(operations.length);

    // Nothing left 127.0.0.1: every request the page made went to the mock (or stayed in the page).
    const elsewhere = requested.filter(
      (url) => !/^(data|blob):/.test(url) && new URL(url).hostname !== '127.0.0.1',
    );
    expect(elsewhere).toEqual([]);
    expect(watched.offsite).toEqual([]);
    expect(watched.errors).toEqual([]);
  });

  it('reads its document through the admin API, so the request journal holds nothing of the page', async () => {
    await mock.admin('DELETE', '/__admin/requests');
    watched = await browser.open();
    const { page } = watched;
    const read = page.waitForResponse((answer) => new URL(answer.url()).pathname.endsWith('openapi.json'));
    await page.goto(`${mock.url}/__admin/docs`);
    const answer = await read;
    await page.locator('body[data-rendered="yes"]').waitFor();

    expect(new URL(answer.url()).pathname).toBe('/__admin/ui/openapi.json');
    expect(await answer.text()).toBe((await mock.request('/openapi.json')).text);
    // The check above asked the mocked API itself: that one request is the journal's only entry.
    const journal = (await mock.admin('GET', '/__admin/requests')).json as Journal;
    expect(journal.requests.map((entry) => `${entry.method} ${entry.path}`)).toEqual(['GET /openapi.json']);
    expect(watched.errors).toEqual([]);
  });

  // axe checks each of Redoc's ten thousand elements: a run takes seconds, so these tests get a minute.
  it.each([
    ['a desktop', { width: 1280, height: 800 }, 'api-reference'],
    ['a phone-sized', { width: 390, height: 844 }, 'api-reference-phone'],
  ])(
    'has no serious accessibility problem on %s window',
    async (_name, viewport, shot) => {
      watched = await browser.open(viewport);
      const { page } = watched;
      await page.goto(`${mock.url}/__admin/docs`);
      await page.locator('body[data-rendered="yes"]').waitFor();
      expect(await seriousAccessibilityProblems(page)).toEqual([]);
      // An undocumented operation, to show how an assumed part is marked.
      await page.locator('[data-section-id="operation/revokeToken"]').scrollIntoViewIfNeeded();
      await screenshot(page, shot);
      expect(watched.errors).toEqual([]);
    },
    60_000,
  );
});
