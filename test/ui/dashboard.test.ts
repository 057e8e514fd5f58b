import { afterEach, expect, it } from 'vitest';
import { findPersona } from '../../fixtures/personas.js';
import { ENDPOINTS } from '../../src/endpoints.js';
import { loadApiDocument } from '../../src/openapi/api-document.js';
import { filterClaimsByScopes } from '../../src/scopes.js';
import { verifySignedProfile } from '../../src/operations/signed-profile/client.js';
import type { Journal } from '../../src/wire-types.js';
import type { TokenResponse } from '../../src/operations/token/wire-types.js';
import {
  pngSize,
  screenshot,
  seriousAccessibilityProblems,
  useBrowser,
  type WatchedPage,
} from '../support/browser.js';
import { curlForm, request } from '../support/http.js';
import { startMock } from '../support/doors.js';
import { describeWith } from '../support/tools.js';
import { postCodeExchange } from '../support/token.js';
import { usePartner } from '../support/partner.js';
import { findWebProfile } from '../../fixtures/web-profiles.js';
import type { WebCallbackApproved } from '../../src/operations/mobile-web/wire-types.js';

const mock = await startMock();
const browser = useBrowser();
const partner = usePartner();

let watched: WatchedPage[] = [];
async function open(path: string, viewport?: { width: number; height: number }): Promise<WatchedPage> {
  const page = await browser.open(viewport);
  watched.push(page);
  await page.page.goto(`${mock.url}${path}`);
  return page;
}

// Every page of every test: no console error, no request anywhere but the mock.
afterEach(async () => {
  for (const { page, errors, offsite } of watched) {
    expect(errors).toEqual([]);
    expect(offsite).toEqual([]);
    await page.close();
  }
  watched = [];
});

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

const userInfo = (token: string) =>
  request(`${mock.url}/v1/userinfo`, { headers: { authorization: `Bearer ${token}` } });

describeWith('chromium')('the dashboard', () => {
  it('shows a request made with curl in the live list, with its headers and form fields, without a reload', async () => {
    const { page } = await open('/__admin/ui#requests');
    await page.getByText(/^Live:/).waitFor();
    let navigations = 0;
    page.on('framenavigated', () => navigations++);
    // The page's read of the journal is waiting on the mock before the request is made.
    await expect.poll(() => mock.server.journal?.waiting).toBe(1);
    const pending = page.waitForResponse((response) => response.url().includes('/__admin/requests?after='));

    const status = await curlForm(
      `${mock.url}/v1/token`,
      'grant_type=authorization_code&client_id=kit-test-client&code=invalid-code&code_verifier=from-curl',
      { 'x-request-id': 'curl-42' },
    );
    const delivered = (await (await pending).json()) as Journal;
    expect(delivered.requests.map((entry) => [entry.method, entry.path, entry.status])).toEqual([
      ['POST', '/v1/token', status],
    ]);

    const row = page.locator('#request-list button.request').first();
    await expect.poll(() => row.textContent()).toContain('/v1/token');
    await row.click();
    const detail = page.locator('#request-detail');
    const headers = detail.getByRole('region', { name: 'Request headers' });
    await expect.poll(() => headers.getByRole('row', { name: /x-request-id curl-42/ }).count()).toBe(1);
    await expect.poll(() => headers.getByRole('row', { name: /user-agent curl\/8\.5\.0/ }).count()).toBe(1);
    const form = detail.getByRole('region', { name: 'Form fields' });
    await expect.poll(() => form.getByRole('row', { name: 'code invalid-code' }).count()).toBe(1);
    await expect.poll(() => form.getByRole('row', { name: 'code_verifier from-curl' }).count()).toBe(1);
    expect(await detail.textContent()).toMatch(new RegExp(`${status} · [a-z:]*invalid-code`));
    expect(navigations).toBe(0);

    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    expect(pngSize(await screenshot(page, 'dashboard-requests'))).toEqual({ width: 1280, height: 800 });
  });

  it('adds a token from the form, and the token answers GET /v1/userinfo with its persona and scopes', async () => {
    const { page } = await open('/__admin/ui');
    await page.getByRole('table', { name: 'Tokens for GET /v1/userinfo' }).waitFor();
    const form = page.locator('#add-token');
    await form.getByLabel('Token (empty: one is made up)').fill('added-in-the-browser');
    await form.getByLabel('Persona').selectOption('unverified-phone');
    for (const scope of ['profile', 'email', 'address', 'offline_access'])
      await form.getByLabel(scope).uncheck();
    await form.getByRole('button', { name: 'Add token' }).click();
    await page.getByRole('status').getByText('Added token added-in-the-browser.').waitFor();

    const response = await userInfo('added-in-the-browser');
    expect(response.status).toBe(200);
    const claims = findPersona('unverified-phone')?.claims;
    expect(response.json).toEqual(claims && filterClaimsByScopes(claims, ['openid', 'phone']));
    const table = page.getByRole('table', { name: 'Tokens for GET /v1/userinfo' });
    expect(await table.getByRole('row', { name: /added-in-the-browser/ }).count()).toBe(1);

    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await page.getByRole('status').scrollIntoViewIfNeeded();
    await screenshot(page, 'dashboard-scenarios');
  });

  it('sets the global fault and a token fault from the page, which change the next answers', async () => {
    const { page } = await open('/__admin/ui#faults');
    const global = page.locator('#global-fault');
    await global.getByLabel('Failure').selectOption('service-unavailable');
    await global.getByRole('button', { name: 'Set the global fault' }).click();
    await page
      .getByRole('status')
      .getByText(/The global fault is now: service-unavailable/)
      .waitFor();
    expect((await userInfo('valid')).status).toBe(503);

    await global.getByRole('button', { name: 'Clear it' }).click();
    await page.getByRole('status').getByText('The global fault is cleared.').waitFor();
    expect((await userInfo('valid')).status).toBe(200);

    const token = page.locator('#token-fault');
    await token.getByLabel('Token').selectOption('reduced-scopes');
    await token.getByLabel('Failure').selectOption('too-many-requests');
    await token.getByLabel('Retry-After in seconds (429 and 503)').fill('7');
    await token.getByRole('button', { name: "Set the token's fault" }).click();
    await page
      .getByRole('status')
      .getByText(/The token's fault is now: too-many-requests/)
      .waitFor();
    const throttled = await userInfo('reduced-scopes');
    expect([throttled.status, throttled.headers['retry-after']]).toEqual([429, '7']);
    expect((await userInfo('valid')).status).toBe(200);

    await token.getByRole('button', { name: 'Clear it' }).click();
    await page.getByRole('status').getByText("The token's fault is cleared.").waitFor();
    expect((await userInfo('reduced-scopes')).status).toBe(200);
  });

  it('names in the global fault card the paths whose answers the global fault takes over, and no other', async () => {
    const { page } = await open('/__admin/ui#faults');
    const paths = page.locator('#global-fault-paths code');
    await paths.first().waitFor();
    const named = await paths.allTextContents();

    mock.server.setFault({ failure: 'service-unavailable' });
    try {
      const faulted: string[] = [];
      for (const [path, item] of Object.entries(loadApiDocument().paths ?? {})) {
        if (path.startsWith(ENDPOINTS.admin)) continue;
        const url = `${mock.url}${path.replace(/\{[^}]+\}/, 'any')}`;
        const answers = [
          item?.get && (await request(url)),
          item?.post && (await request(url, { method: 'POST', headers: FORM, body: '' })),
        ];
        if (answers.some((answer) => answer && answer.status === 503)) faulted.push(path);
      }
      expect(faulted.length).toBeGreaterThan(0);
      expect([...named].sort()).toEqual(faulted.sort());
    } finally {
      mock.server.clearFault();
    }
    const sentence = await page.locator('#global-fault p').first().textContent();
    expect(sentence?.replace(/\s+/g, ' ').trim()).toBe(
      `Every answer of ${named.slice(0, -1).join(', ')} and ${named.at(-1)} gets it, unless its token or code has its own.`,
    );
  });

  it('advances the clock from the page, which expires an issued token', async () => {
    const issued = (await postCodeExchange(mock.url, 'valid-code')).json as TokenResponse;
    expect((await userInfo(issued.access_token)).status).toBe(200);

    const { page } = await open('/__admin/ui#faults');
    const clock = page.locator('#clock');
    await clock.getByLabel('Advance by').fill(String(issued.expires_in / 60));
    await clock.getByLabel('Unit').selectOption({ label: 'minutes' });
    await clock.getByRole('button', { name: 'Advance the clock' }).click();
    await page.getByRole('status').getByText(`The clock moved ${issued.expires_in} s forward.`).waitFor();

    const expired = await userInfo(issued.access_token);
    expect(expired.status).toBe(401);
    expect(expired.headers['www-authenticate']).toContain('error="invalid_token"');
    const table = page.getByRole('table', { name: 'Issued tokens' });
    expect(await table.getByRole('row', { name: /expired/ }).count()).toBeGreaterThan(0);

    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'dashboard-faults-and-clock');
  });

  it('shows a persona as the JSON a client receives for the scopes chosen', async () => {
    const { page } = await open('/__admin/ui#personas');
    const form = page.locator('#persona-view');
    await form.getByLabel('Persona').selectOption('full-in');
    for (const scope of ['profile', 'phone', 'address', 'offline_access'])
      await form.getByLabel(scope).uncheck();
    const claims = findPersona('full-in')?.claims;
    const expected = JSON.stringify(claims && filterClaimsByScopes(claims, ['openid', 'email']), null, 2);
    await expect.poll(() => page.locator('#persona-json').textContent()).toBe(expected);

    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'dashboard-personas');
  });

  it('signs a profile from the form, whose three values verify against /v1/key as the scenario says', async () => {
    const { page } = await open('/__admin/ui#personas');
    const form = page.locator('#sign-profile');
    await form.getByLabel('Persona').selectOption('full-in');
    await form.getByLabel(/^Request nonce/).fill('dashboard-nonce-1');
    await form.getByLabel('Scenario').selectOption('other-nonce');
    await form.getByRole('button', { name: 'Sign' }).click();
    const value = (name: string) => page.locator('#signed-profile dt', { hasText: new RegExp(`^${name}$`) });
    await value('payload').waitFor();
    const read = async (name: string): Promise<string> =>
      (await page
        .locator('#signed-profile dd')
        .nth(['payload', 'signature', 'signatureAlgorithm'].indexOf(name))
        .locator('code')
        .textContent()) ?? '';
    const profile = {
      payload: await read('payload'),
      signature: await read('signature'),
      signatureAlgorithm: await read('signatureAlgorithm'),
    };
    const verdict = await verifySignedProfile(profile, {
      expectedNonce: 'dashboard-nonce-1',
      keysUrl: `${mock.url}/v1/key`,
    }).catch((error: { code: string }) => error.code);
    expect(verdict).toBe('ERR_NONCE_MISMATCH');
    expect(await page.getByRole('button', { name: 'Copy signature', exact: true }).isVisible()).toBe(true);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('reads on a phone-sized window: one column, no sideways scrolling of the page', async () => {
    const { page } = await open('/__admin/ui#requests', { width: 390, height: 844 });
    await page.getByText(/^Live:/).waitFor();
    await request(`${mock.url}/v1/userinfo`, { headers: { authorization: 'Bearer valid' } });
    await page.locator('#request-list button.request').first().click();
    const overflow = await page.evaluate(() => {
      const { document, innerWidth } = globalThis as unknown as {
        document: { documentElement: { scrollWidth: number } };
        innerWidth: number;
      };
      return document.documentElement.scrollWidth - innerWidth;
    });
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    expect(pngSize(await screenshot(page, 'dashboard-phone'))).toEqual({ width: 390, height: 844 });
  });

  it('completes a mobile website’s sign-in from the form, and the token it posted answers /v1/default', async () => {
    const { page } = await open('/__admin/ui#web-sign-in');
    const form = page.locator('#web-sign-in-form');
    await form.getByLabel('Persona').selectOption('full-pk');
    await form.getByLabel('Request id').fill('RL8YZ41FQMt5Jiak2sc_Ys0OgQA=');
    await form.getByLabel('Callback URL').fill(`${partner.url}/truecaller/callback`);
    await form.getByLabel('What the user does').selectOption('approved');
    await form.getByRole('button', { name: 'Send the callbacks' }).click();
    await page
      .getByRole('status')
      .getByText(/^Sign-in RL8YZ41FQMt5Jiak2sc_Ys0OgQA= completed/)
      .waitFor();

    const [handshake, approved] = partner.received.map(({ body }) => body);
    expect(handshake).toEqual({ requestId: 'RL8YZ41FQMt5Jiak2sc_Ys0OgQA=', status: 'flow_invoked' });
    const { accessToken, endpoint } = approved as WebCallbackApproved;
    expect(endpoint).toBe(`${mock.url}/v1/default`);
    const profile = await request(endpoint, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(profile.json).toEqual(findWebProfile('full-pk'));
    const result = page.getByRole('table', { name: 'Callbacks sent' });
    expect(await result.getByRole('row').count()).toBe(3);

    // The callback URL stays for the next sign-in of this tab.
    await page.reload();
    await expect
      .poll(() => page.getByLabel('Callback URL').inputValue())
      .toBe(`${partner.url}/truecaller/callback`);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
  });

  it('shows what a web sign-in sent and what the callback answered', async () => {
    partner.answerNext(
      { status: 500 },
      { status: 200, body: '{"ok":true}' },
      { status: 200, body: '{"ok":true}' },
    );
    const { page } = await open('/__admin/ui#web-sign-in');
    await page.getByLabel('Request id').fill('nonce-from-my-page-7f3a');
    await page.getByLabel('Callback URL').fill(`${partner.url}/truecaller/callback`);
    await page.getByRole('button', { name: 'Send the callbacks' }).click();
    const result = page.getByRole('table', { name: 'Callbacks sent' });
    await result.waitFor();
    const retried = result.getByRole('row', { name: /flow_invoked.*500 in \d+ ms; 200 in \d+ ms.*yes/ });
    expect(await retried.count()).toBe(1);
    expect(await seriousAccessibilityProblems(page)).toEqual([]);
    await screenshot(page, 'dashboard-web-sign-in');
  });

  it('moves between sections with the keyboard alone', async () => {
    const { page } = await open('/__admin/ui');
    await page.getByRole('table', { name: 'Tokens for GET /v1/userinfo' }).waitFor();
    await page.getByRole('link', { name: 'Personas' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#personas').isVisible()).toBe(true);
    expect(await page.locator('#scenarios').isVisible()).toBe(false);
    expect(await page.getByRole('link', { name: 'Personas' }).getAttribute('aria-current')).toBe('page');
  });
});

describeWith('chromium')('the dashboard of a mock with an admin token', () => {
  it('asks for the token, and works once it is given (or handed over in the address)', async () => {
    const { url: base } = await startMock({ adminToken: 'browser-secret' });
    const asked = await browser.open();
    const handed = await browser.open();
    try {
      await asked.page.goto(`${base}/__admin/ui`);
      await asked.page.getByLabel('Admin token', { exact: true }).fill('browser-secret');
      await asked.page.getByRole('button', { name: 'Use this token' }).click();
      await asked.page.getByRole('table', { name: 'Tokens for GET /v1/userinfo' }).waitFor();
      // The first calls were refused with 401, which the console reports: that is the point here.
      expect(asked.errors.filter((text) => !text.includes('status of 401'))).toEqual([]);

      await handed.page.goto(`${base}/__admin/ui#token=browser-secret`);
      await handed.page.getByRole('table', { name: 'Tokens for GET /v1/userinfo' }).waitFor();
      expect(new URL(handed.page.url()).hash).toBe('');
      expect(await handed.page.locator('#token-form').isHidden()).toBe(true);
      expect(handed.errors).toEqual([]);
    } finally {
      // Before the mock closes (when the test finishes): a page still following the journal would see it go.
      await asked.page.close();
      await handed.page.close();
    }
  });
});
