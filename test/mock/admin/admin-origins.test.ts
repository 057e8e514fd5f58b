/**
 * The control plane is same-origin by default (hardening): a web page of another origin, in the browser
 * of the developer running the mock, can neither read nor change it. What a browser sends (Origin,
 * Sec-Fetch-Site, the Host it resolved) is sent here by hand; test/ui/admin-cross-origin.test.ts has a
 * real browser try.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMock, createMockServer, type MockServer } from '../../../mock/index.js';
import { KitError } from '../../../src/errors.js';
import { openApiProblems, request, type TestResponse } from '../../support/http.js';
import { type CliProcess, runTsCli, startMockCli } from '../../support/spawn-cli.js';

const servers: MockServer[] = [];
async function start(options: Parameters<typeof createMockServer>[0] = {}): Promise<string> {
  const server = createMockServer(options);
  servers.push(server);
  return server.start();
}
afterAll(() => Promise.all(servers.map((server) => server.close())));

const JSON_TYPE = { 'content-type': 'application/json' };
const OTHER = 'http://127.0.0.1:5173';

const refusedOrigin = (origin: string): string =>
  `The admin API answers the mock's own pages, not a web page of ${origin}: start the mock with --admin-origin ${origin} (option adminCors) to let a page of that origin call it.`;

function expectRefused(response: TestResponse, description: string, path = '/__admin/tokens'): void {
  expect(response.status).toBe(403);
  expect(response.json).toEqual({ error: 'forbidden', error_description: description });
  expect(response.headers['access-control-allow-origin']).toBeUndefined();
  expect(openApiProblems(path, 'get', response)).toEqual([]);
}

describe('the admin API by default', () => {
  let url = '';
  let own = '';
  beforeAll(async () => {
    url = await start({ cors: [OTHER, 'http://localhost:5173'] });
    own = url;
  });

  it('carries no CORS headers, while the mocked API keeps its own', async () => {
    const admin = await request(`${url}/__admin/tokens`, { headers: { origin: own } });
    expect(admin.status).toBe(200);
    expect(admin.headers['access-control-allow-origin']).toBeUndefined();
    const api = await request(`${url}/v1/userinfo`, {
      headers: { origin: OTHER, authorization: 'Bearer valid' },
    });
    expect(api.headers['access-control-allow-origin']).toBe(OTHER);
    const anyOrigin = await start();
    expect(
      (await request(`${anyOrigin}/__admin/tokens`)).headers['access-control-allow-origin'],
    ).toBeUndefined();
    expect(
      (await request(`${anyOrigin}/v1/userinfo`, { headers: { authorization: 'Bearer valid' } })).headers[
        'access-control-allow-origin'
      ],
    ).toBe('*');
  });

  it.each([
    ['a read', 'GET', '/__admin/requests', undefined],
    ['a live read of the journal', 'GET', '/__admin/requests?after=0&wait=25', undefined],
    ['a write', 'POST', '/__admin/tokens', '{"id":"planted"}'],
    ['a preflight', 'OPTIONS', '/__admin/fault', undefined],
    ['a reset', 'POST', '/__admin/reset', undefined],
  ])('refuses %s from a page of another origin with 403, at once', async (_case, method, path, body) => {
    const headers: Record<string, string> = { origin: OTHER, ...JSON_TYPE };
    const init: RequestInit = { method, headers };
    if (body !== undefined) init.body = body;
    const response = await request(`${url}${path}`, init);
    expectRefused(response, refusedOrigin(OTHER));
    expect((await request(`${url}/__admin/tokens/planted`)).status).toBe(404);
  });

  it('refuses a request a browser marks cross-site or same-site, without an Origin (a GET of a page of another site)', async () => {
    for (const site of ['cross-site', 'same-site']) {
      const response = await request(`${url}/__admin/requests`, { headers: { 'sec-fetch-site': site } });
      expectRefused(
        response,
        `The admin API answers the mock's own pages, not a web page of another site (Sec-Fetch-Site: ${site}): start the mock with --admin-origin <origin> (option adminCors) to let a page of that origin call it.`,
      );
    }
  });

  it("answers its own pages' calls, and clients that are no browser", async () => {
    const fromPage = await request(`${url}/__admin/tokens`, {
      method: 'POST',
      headers: { origin: own, 'sec-fetch-site': 'same-origin', ...JSON_TYPE },
      body: '{"id":"from-the-dashboard"}',
    });
    expect(fromPage.status).toBe(201);
    expect((await request(`${url}/__admin/clock`, { headers: { 'sec-fetch-site': 'none' } })).status).toBe(
      200,
    );
    expect((await request(`${url}/__admin/clock`)).status).toBe(200);
  });

  it('opens the pages from a link on another site; their calls are checked like any other', async () => {
    const page = await request(`${url}/__admin/ui`, {
      headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-mode': 'navigate' },
    });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
  });

  it.each([
    ['text/plain', 'text/plain;charset=UTF-8', '"text/plain;charset=UTF-8"'],
    ['a form', 'application/x-www-form-urlencoded', '"application/x-www-form-urlencoded"'],
    ['no Content-Type', undefined, 'none'],
  ])('refuses a write sent as %s with 415, naming what it needs', async (_case, type, got) => {
    const headers: Record<string, string> = type === undefined ? {} : { 'content-type': type };
    for (const [method, path, body] of [
      ['POST', '/__admin/tokens', '{"id":"typed"}'],
      ['PUT', '/__admin/fault', '{"failure":"too-many-requests"}'],
      ['POST', '/__admin/clock', '{"advanceMs":86400000}'],
      ['POST', '/__admin/reset', undefined],
    ] as const) {
      const init: RequestInit = { method, headers };
      // A string body would get fetch's own text/plain: bytes go without a Content-Type.
      if (body !== undefined) init.body = Buffer.from(body);
      const response = await request(`${url}${path}`, init);
      expect(response.status).toBe(415);
      expect(response.json).toEqual({
        error: 'unsupported_media_type',
        error_description: `${method} ${path} takes Content-Type: application/json (got ${got}): the admin API takes writes only as JSON, which a web page of another origin cannot send without asking first.`,
      });
      expect(openApiProblems(path, method === 'PUT' ? 'put' : 'post', response)).toEqual([]);
    }
    expect((await request(`${url}/__admin/tokens/typed`)).status).toBe(404);
    expect(((await request(`${url}/__admin/clock`)).json as { offsetMs: number }).offsetMs).toBe(0);
  });

  it('takes JSON with parameters, and a reset with an empty JSON body', async () => {
    const added = await request(`${url}/__admin/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'Application/JSON; charset=utf-8' },
      body: '{"id":"with-charset"}',
    });
    expect(added.status).toBe(201);
    expect((await request(`${url}/__admin/reset`, { method: 'POST', headers: JSON_TYPE })).status).toBe(204);
  });
});

describe('the Host a request names (DNS rebinding)', () => {
  let url = '';
  beforeAll(async () => {
    url = await start();
  });
  const withHost = (host: string, path = '/__admin/tokens'): Promise<TestResponse> =>
    new Promise((resolve, reject) => {
      // fetch sets Host itself: node:http lets the test name another.
      void import('node:http').then(({ request: send }) => {
        const outgoing = send(`${url}${path}`, { headers: { host }, agent: false }, (incoming) => {
          let text = '';
          incoming.on('data', (chunk: Buffer) => (text += chunk.toString()));
          incoming.on('end', () =>
            resolve({
              status: incoming.statusCode ?? 0,
              headers: incoming.headers as Record<string, string>,
              text,
              json: text === '' ? undefined : (JSON.parse(text) as unknown),
            }),
          );
        });
        outgoing.on('error', reject);
        outgoing.end();
      });
    });

  it.each(['attacker.example:4010', 'attacker.example', '192.0.2.7:4010', 'localhost.attacker.example'])(
    'refuses an admin request addressed to %s, pages included',
    async (host) => {
      const description = `The admin API answers requests addressed to this machine (localhost, 127.0.0.1, [::1]), not to Host ${host}: a web page can reach a mock on loopback through DNS rebinding. Call it by a loopback name, or listen elsewhere with --host and --admin-token.`;
      expectRefused(await withHost(host), description);
      expectRefused(await withHost(host, '/__admin/ui'), description, '/__admin/ui');
    },
  );

  it.each([
    '127.0.0.1:4010',
    'localhost:4010',
    'LOCALHOST',
    'dashboard.localhost:4010',
    '[::1]:4010',
    '127.1.2.3',
  ])('answers an admin request addressed to %s', async (host) => {
    expect((await withHost(host)).status).toBe(200);
  });

  it('leaves the mocked API alone, whatever its Host', async () => {
    expect((await withHost('oauth-account-noneu.truecaller.com', '/openapi.json')).status).toBe(200);
  });

  it('checks no Host in-process, where the URL is the real host', async () => {
    const mock = createMock();
    const response = await mock.fetch('https://oauth-account-noneu.truecaller.com/__admin/tokens');
    expect(response.status).toBe(200);
    await mock.close();
  });
});

describe('origins the user allows (adminCors, --admin-origin)', () => {
  const allowed = 'http://localhost:3000';
  let url = '';
  beforeAll(async () => {
    url = await start({ adminCors: [allowed], adminToken: 'admin-secret' });
  });

  it('answers their preflight and their calls with CORS headers; the secret is still needed', async () => {
    const preflight = await request(`${url}/__admin/tokens`, {
      method: 'OPTIONS',
      headers: {
        origin: allowed,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(allowed);
    expect(preflight.headers['access-control-allow-methods']).toBe('GET, HEAD, POST, PUT, PATCH, DELETE');
    expect(preflight.headers['access-control-allow-headers']).toBe('Authorization, Content-Type');
    const without = await request(`${url}/__admin/tokens`, { headers: { origin: allowed } });
    expect(without.status).toBe(401);
    expect(without.headers['access-control-allow-origin']).toBe(allowed);
    const added = await request(`${url}/__admin/tokens`, {
      method: 'POST',
      headers: { origin: allowed, authorization: 'Bearer admin-secret', ...JSON_TYPE },
      body: '{"id":"from-the-allowed-page"}',
    });
    expect(added.status).toBe(201);
    expect(added.headers['access-control-allow-origin']).toBe(allowed);
    expect(added.headers['access-control-expose-headers']).toContain('Location');
    expect(added.headers.vary).toBe('Origin');
  });

  it('refuses the others, with or without the secret', async () => {
    const response = await request(`${url}/__admin/tokens`, {
      headers: { origin: OTHER, authorization: 'Bearer admin-secret' },
    });
    expectRefused(response, refusedOrigin(OTHER));
  });

  it.each([['*'], ['http://localhost:3000/'], ['localhost:3000'], [7]])(
    'refuses %s as an origin, naming it',
    (origin) => {
      const attempt = (): unknown => createMockServer({ adminCors: [origin as string] });
      expect(attempt).toThrow(KitError);
      expect(attempt).toThrow(
        `createMockServer: adminCors must list origins such as "http://localhost:3000" (scheme, host and port as a browser sends them, no path, no "*"), got ${JSON.stringify(origin)}.`,
      );
    },
  );
});

describe('npm run mock --admin-origin', () => {
  const running: CliProcess[] = [];
  afterAll(() => {
    for (const cli of running) if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
  });

  it('exits 2 for a value that is not an origin, naming it', async () => {
    const cli = runTsCli('mock/cli/mock-cli.ts', ['--port', '0', '--admin-origin', 'localhost:3000']);
    running.push(cli);
    expect(await cli.exited).toBe(2);
    expect(cli.stderr()).toBe(
      '--admin-origin must be an origin such as http://localhost:3000 (scheme, host and port, no path), got "localhost:3000". Run "npm run mock -- --help" for the options.\n',
    );
  });

  it('lets the origins it names call the admin API', async () => {
    const { cli, url } = await startMockCli(
      ['--admin-origin', 'http://localhost:3000', '--admin-origin', 'http://localhost:8080'],
      running,
    );
    for (const origin of ['http://localhost:3000', 'http://localhost:8080']) {
      const response = await request(`${url}/__admin/clock`, { headers: { origin } });
      expect(response.headers['access-control-allow-origin']).toBe(origin);
    }
    expect((await request(`${url}/__admin/clock`, { headers: { origin: OTHER } })).status).toBe(403);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
  });
});
