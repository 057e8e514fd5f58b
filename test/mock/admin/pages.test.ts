import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createPageFiles } from '../../../mock/ui/page-files.js';
import { importGraph } from '../../support/import-graph.js';
import { openApiProblems, rawRequest, request, type TestResponse } from '../../support/http.js';
import { startMock } from '../../support/doors.js';

const mock = await startMock();

// A page is text, not JSON: the document's schema for it is a string.
const asText = (response: TestResponse): TestResponse => ({ ...response, json: response.text });

describe('the pages under /__admin', () => {
  it.each([
    ['/__admin/ui', '/__admin/ui', '/__admin/ui/dashboard.js'],
    ['/__admin/docs', '/__admin/docs', '/__admin/ui/docs.js'],
  ])(
    'serves %s as HTML that loads its script from the mock, under a content security policy',
    async (path, operation, script) => {
      const response = await request(`${mock.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.text).toContain(`src="${script}"`);
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
      expect(response.headers['content-security-policy']).toContain("connect-src 'self'");
      expect(openApiProblems(operation, 'get', asText(response))).toEqual([]);
    },
  );

  it('serves the scripts, the styles and Redoc from its own files, with no address elsewhere to load', async () => {
    for (const [file, type] of [
      ['dashboard.js', 'text/javascript; charset=utf-8'],
      ['ui.css', 'text/css; charset=utf-8'],
      ['redoc.standalone.js', 'text/javascript; charset=utf-8'],
    ] as const) {
      const response = await request(`${mock.url}/__admin/ui/${file}`);
      expect(response.status, file).toBe(200);
      expect(response.headers['content-type']).toBe(type);
      expect(openApiProblems('/__admin/ui/{file}', 'get', asText(response))).toEqual([]);
    }
    const redoc = (await request(`${mock.url}/__admin/ui/redoc.standalone.js`)).text;
    expect(redoc).not.toContain('cdn.redoc.ly');
    expect(redoc).not.toMatch(/sourceMappingURL=redoc/);
  });

  it.each(['/__admin/ui/nothing.js', '/__admin/ui/page-files.ts', '/__admin/ui/..%2F..%2Fpackage.json'])(
    'answers %s with a JSON 404 naming what it serves',
    async (path) => {
      const response = await request(`${mock.url}${path}`);
      expect(response.status).toBe(404);
      expect(openApiProblems('/__admin/ui/{file}', 'get', response)).toEqual([]);
      expect((response.json as { error_description: string }).error_description).toContain('dashboard.js');
    },
  );

  it('reaches no file outside its folder by dot segments', async () => {
    const response = await rawRequest(
      mock.url,
      'GET /__admin/ui/../../package.json HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n',
    );
    expect(response.status).toBe(404);
    expect(response.text).not.toContain('"dependencies"');
  });

  it('answers a method other than GET and HEAD with 405', async () => {
    const response = await request(`${mock.url}/__admin/ui`, { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.allow).toBe('GET, HEAD');
  });

  it('leaves the pages out of the journal, as every admin request', async () => {
    await request(`${mock.url}/__admin/requests`, { method: 'DELETE' });
    await request(`${mock.url}/__admin/ui`);
    await request(`${mock.url}/__admin/ui/dashboard.js`);
    expect(mock.server.journal?.entries()).toEqual([]);
  });
});

describe('the pages and the admin API settings', () => {
  it('serves no page with the admin API off (--no-admin)', async () => {
    const { url: base } = await startMock({ admin: false });
    for (const path of ['/__admin/ui', '/__admin/docs', '/__admin/ui/dashboard.js']) {
      const response = await request(`${base}${path}`);
      expect(response.status, path).toBe(404);
      expect(openApiProblems('/__admin/ui', 'get', response)).toEqual([]);
    }
  });

  it('serves the page without the admin token, and nothing the page reads without it', async () => {
    const { url: base } = await startMock({ adminToken: 'page-secret' });
    expect((await request(`${base}/__admin/ui`)).status).toBe(200);
    expect((await request(`${base}/__admin/ui/dashboard.js`)).status).toBe(200);
    for (const path of ['/__admin/scenarios', '/__admin/tokens', '/__admin/requests', '/__admin/clock']) {
      expect((await request(`${base}${path}`)).status, path).toBe(401);
    }
  });
});

describe('the pages module', () => {
  it('answers 503 naming the build step when the files were not built', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'tok-pages-'));
    try {
      const files = createPageFiles({ commonHeaders: [] }, 'admin:page', pathToFileURL(`${empty}/`));
      const answer = await files.answer('dashboard.html');
      expect(answer).toMatchObject({ ok: false, status: 503 });
      expect(answer.ok ? '' : answer.problem).toContain('npm run build:ui');
    } finally {
      rmSync(empty, { recursive: true });
    }
  });

  it('is not loaded with the mock: only the first request for a page imports it', () => {
    const loaded = [...importGraph('mock/index.ts', { lazy: false })];
    expect(loaded).toContain('mock/admin/admin-api.ts');
    expect(loaded.filter((file) => file.startsWith('mock/ui/'))).toEqual([]);
    expect([...importGraph('mock/index.ts')]).toContain('mock/ui/page-files.ts');
  });
});
