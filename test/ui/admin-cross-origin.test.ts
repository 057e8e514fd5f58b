/**
 * A web page of another origin, open in the browser of the developer running the mock, can neither read
 * the control plane nor change anything through it (hardening), with and without `--admin-token`; the
 * dashboard, served from the mock's own origin, keeps working. Headless Chromium visits an attacker page
 * served by a second server on 127.0.0.1, once as `http://127.0.0.1:<port>` (another origin of the same
 * site) and once as `http://localhost:<port>` (another site).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMockServer, type MockServer } from '../../mock/index.js';
import { describeWith } from '../support/tools.js';
import { useBrowser } from '../support/browser.js';
import { request } from '../support/http.js';

const browser = useBrowser();

/**
 * The attacker's page: every way a page can send a request to another origin without the user's help,
 * each recording what it could read (`blocked: TypeError` when the browser kept the answer from it).
 */
const ATTACKER_PAGE = `<!doctype html><html><head><title>attacker</title></head><body>
<iframe name="sink" title="sink"></iframe>
<script>
(async () => {
  const mock = new URLSearchParams(location.search).get('mock');
  const results = {};
  const attempt = async (name, run) => {
    try { results[name] = await run(); } catch (error) { results[name] = 'blocked: ' + error.name; }
  };
  const json = { 'content-type': 'application/json' };
  await attempt('read the journal', async () => (await fetch(mock + '/__admin/requests')).text());
  await attempt('read the journal live', async () => (await fetch(mock + '/__admin/requests?after=0&wait=25')).text());
  await attempt('read the store', async () => (await fetch(mock + '/__admin/db', { credentials: 'include' })).text());
  await attempt('read tokens with a guessed secret', async () =>
    (await fetch(mock + '/__admin/tokens', { headers: { authorization: 'Bearer guess' } })).text());
  await attempt('plant a token as text/plain', async () =>
    (await fetch(mock + '/__admin/tokens', { method: 'POST', mode: 'no-cors', body: JSON.stringify({ id: 'planted-text' }) })).type);
  await attempt('plant a token as JSON', async () =>
    (await fetch(mock + '/__admin/tokens', { method: 'POST', headers: json, body: JSON.stringify({ id: 'planted-json' }) })).status);
  await attempt('plant a token as a form', async () =>
    (await fetch(mock + '/__admin/tokens', { method: 'POST', mode: 'no-cors', body: new URLSearchParams({ id: 'planted-form' }) })).type);
  await attempt('move the clock', async () =>
    (await fetch(mock + '/__admin/clock', { method: 'POST', mode: 'no-cors', body: JSON.stringify({ advanceMs: 86400000 }) })).type);
  await attempt('set the fault', async () =>
    (await fetch(mock + '/__admin/fault', { method: 'PUT', headers: json, body: JSON.stringify({ failure: 'service-unavailable' }) })).status);
  await attempt('clear the journal', async () => (await fetch(mock + '/__admin/requests', { method: 'DELETE' })).status);
  await attempt('reset', async () => (await fetch(mock + '/__admin/reset', { method: 'POST', mode: 'no-cors' })).type);
  await attempt('reset by beacon', async () => navigator.sendBeacon(mock + '/__admin/reset', '{}'));
  await attempt('plant a token by a form', () => new Promise((resolve) => {
    const form = document.createElement('form');
    form.method = 'POST';
    form.enctype = 'text/plain';
    form.target = 'sink';
    form.action = mock + '/__admin/tokens';
    const field = document.createElement('input');
    field.name = '{"id":"planted-by-form","x":"';
    field.value = '"}';
    form.append(field);
    document.body.append(form);
    document.querySelector('iframe').addEventListener('load', () => resolve('submitted'), { once: true });
    form.submit();
  }));
  window.attackResults = results;
})();
</script></body></html>`;

/** What the page may learn: nothing but that its reads were blocked (or, for no-cors writes, an opaque answer). */
const EXPECTED_RESULTS = {
  'read the journal': 'blocked: TypeError',
  'read the journal live': 'blocked: TypeError',
  'read the store': 'blocked: TypeError',
  'read tokens with a guessed secret': 'blocked: TypeError',
  'plant a token as text/plain': 'opaque',
  'plant a token as JSON': 'blocked: TypeError',
  'plant a token as a form': 'opaque',
  'move the clock': 'opaque',
  'set the fault': 'blocked: TypeError',
  'clear the journal': 'blocked: TypeError',
  reset: 'opaque',
  'reset by beacon': true,
  'plant a token by a form': 'submitted',
};

let attacker: Server;
let attackerPort = 0;
beforeAll(async () => {
  attacker = createServer((_request, response) => {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(ATTACKER_PAGE);
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
  attackerPort = (attacker.address() as AddressInfo).port;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      attacker.close(() => resolve());
      // The browser keeps its connections open until it closes, after this file's hooks.
      attacker.closeAllConnections();
    }),
);

describeWith('chromium')('the admin API against a page of another origin', () => {
  describe.each([
    ['without --admin-token', undefined],
    ['with --admin-token', 'dashboard-secret'],
  ])('a page of another origin, %s', (_case, adminToken) => {
    const log: string[] = [];
    let mock: MockServer;
    let url = '';
    beforeAll(async () => {
      mock = createMockServer({
        log: (line) => log.push(line),
        ...(adminToken === undefined ? {} : { adminToken }),
      });
      url = await mock.start();
    });
    afterAll(() => mock.close());

    it.each([
      ['another origin of the same site', '127.0.0.1'],
      ['another site', 'localhost'],
    ])(
      'from %s reads nothing and changes nothing',
      async (_where, host) => {
        // The app's own request, whose Authorization the journal holds: what the page would like to read.
        await request(`${url}/v1/userinfo`, { headers: { authorization: 'Bearer valid' } });
        const seenBefore = mock.journal?.entries().length ?? 0;
        log.length = 0;
        const { page } = await browser.open();
        // The page runs on two loopback names: both are allowed through (nothing leaves the machine).
        await page.unroute('**/*');
        await page.route('**/*', (route) =>
          ['127.0.0.1', 'localhost'].includes(new URL(route.request().url()).hostname)
            ? route.continue()
            : route.abort(),
        );
        await page.goto(`http://${host}:${attackerPort}/?mock=${encodeURIComponent(url)}`);
        await page.waitForFunction(() => 'attackResults' in globalThis, undefined, { timeout: 20_000 });
        const results = await page.evaluate(
          () => (globalThis as unknown as { attackResults: unknown }).attackResults,
        );
        expect(results).toEqual(EXPECTED_RESULTS);
        // The beacon goes on its own time: wait until both resets reached the mock.
        await expect.poll(() => log.filter((line) => line.startsWith('POST /__admin/reset ')).length).toBe(2);
        await page.close();

        // Every admin request the page sent was refused: 403 (another origin), never a 2xx.
        const adminLines = log.filter((line) => / \/__admin/.test(line));
        expect(adminLines.length).toBeGreaterThanOrEqual(12);
        for (const line of adminLines) expect(line).toMatch(/ admin:403 /);
        // And nothing changed: no token, the clock, no fault, the journal neither cleared nor reset.
        for (const id of ['planted-text', 'planted-json', 'planted-form', 'planted-by-form'])
          expect(mock.store.get('tokens', id)).toBeUndefined();
        expect(mock.clock.offsetMs).toBe(0);
        expect(mock.store.fault).toEqual({});
        expect(mock.journal?.entries().length).toBe(seenBefore);
      },
      60_000,
    );

    it('leaves the dashboard working: it reads the journal and adds a token', async () => {
      await request(`${url}/v1/userinfo`, { headers: { authorization: 'Bearer valid' } });
      const { page, errors } = await browser.open();
      await page.goto(`${url}/__admin/ui${adminToken === undefined ? '' : `#token=${adminToken}`}`);
      await page.getByLabel('Token (empty: one is made up)').fill('added-in-the-dashboard');
      await page.getByRole('button', { name: 'Add token' }).click();
      await expect
        .poll(() => mock.store.get('tokens', 'added-in-the-dashboard')?.id)
        .toBe('added-in-the-dashboard');
      // The token stays in this tab's session: the requests section reads with it.
      await page.goto(`${url}/__admin/ui#requests`);
      await expect.poll(() => page.locator('#request-list button.request').count()).toBeGreaterThan(0);
      expect(errors).toEqual([]);
      await page.close();
    }, 60_000);
  });
});
