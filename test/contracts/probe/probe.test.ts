/**
 * `probe` against the mock (every assumption holds), and against a test server in front of the mock that
 * differs from it in one assumption at a time: that assumption, and only that one, differs. No real
 * network: every server listens on 127.0.0.1, port 0.
 */
import { readFileSync } from 'node:fs';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { findPersona } from '../../../fixtures/personas.js';
import { probe, recordProbe, type ProbeReport } from '../../../contracts/probe/probe.js';
import { runProbeCli } from '../../../contracts/probe/probe-cli.js';
import { formatProbeMarkdown, formatProbeTable } from '../../../contracts/probe/probe-report.js';
import type { MockServer } from '../../../mock/index.js';
import { DEFAULT_CLIENT_ID } from '../../../src/operations/token/grants.js';
import { createPkcePair } from '../../../src/operations/token/pkce.js';
import { DEFAULT_PERSONA } from '../../../src/user-info.js';
import { kitErrorOf } from '../../support/errors.js';
import { startMock } from '../../support/doors.js';
import { runBuiltBin } from '../../support/packed-package.js';
import { scratchDirOfFile } from '../../support/scratch-dir.js';

const mock = await startMock();
const persona = findPersona(DEFAULT_PERSONA)!.claims;

/** An answer on its way back through the test server, which a variant may change. */
interface Passing {
  path: string;
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** Sent instead of the body as JSON: what a host answers that is not JSON at all. */
  raw?: string;
}
type Variant = (answer: Passing) => void;

let variant: Variant = () => undefined;
/** Every token and personal value that passed through the test server: none may reach a report. */
const seenSecrets = new Set<string>();
const scratch = scratchDirOfFile('kit-probe-');

/** Forwards to the mock (keeping the Host the client sent, so URLs name the test server) and applies `variant`. */
async function forward(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  const upstream = await new Promise<IncomingMessage>((resolve, reject) => {
    const { port } = new URL(mock.url);
    const outgoing = httpRequest(
      { host: '127.0.0.1', port, method: request.method, path: request.url, headers: request.headers },
      resolve,
    );
    outgoing.on('error', reject);
    outgoing.end(Buffer.concat(chunks));
  });
  const received: Buffer[] = [];
  for await (const chunk of upstream) received.push(chunk as Buffer);
  const text = Buffer.concat(received).toString('utf8');
  const passing: Passing = {
    path: new URL(request.url ?? '/', 'http://x').pathname,
    status: upstream.statusCode ?? 502,
    headers: Object.fromEntries(
      Object.entries(upstream.headers).filter(
        (entry): entry is [string, string] =>
          typeof entry[1] === 'string' &&
          !['content-length', 'connection', 'keep-alive', 'transfer-encoding'].includes(entry[0]),
      ),
    ),
    body: text === '' ? undefined : (JSON.parse(text) as unknown),
  };
  // The tokens and the personal data of the answers: no report may show them.
  if (passing.status === 200 && (passing.path === '/v1/token' || passing.path === '/v1/userinfo'))
    collect(passing.body);
  variant(passing);
  const body = passing.raw ?? (passing.body === undefined ? '' : JSON.stringify(passing.body));
  response.writeHead(passing.status, passing.headers).end(body);
}

function collect(value: unknown): void {
  if (typeof value === 'string' && value.length >= 3) seenSecrets.add(value);
  else if (typeof value === 'object' && value !== null)
    for (const child of Object.values(value)) collect(child);
}

function listen(
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve({
        server,
        url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
      });
    }),
  );
}

let proxy: { server: Server; url: string };
// A server no request should reach: the test server's discovery points here in one test.
let trap: { server: Server; url: string };
const trapped: string[] = [];
beforeAll(async () => {
  proxy = await listen((request, response) => {
    forward(request, response).catch(() => response.writeHead(502).end());
  });
  trap = await listen((request, response) => {
    trapped.push(`${request.method} ${request.url} ${request.headers.authorization ?? ''}`);
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});
afterAll(async () => {
  await new Promise((resolve) => proxy.server.close(resolve));
  await new Promise((resolve) => trap.server.close(resolve));
});
afterEach(() => {
  variant = () => undefined;
  vi.restoreAllMocks();
});

/** Every credential a team can pass: a token, and a fresh code with its verifier and client id. */
function credentials(server: MockServer = mock.server): {
  token: string;
  code: string;
  verifier: string;
  clientId: string;
} {
  const { codeVerifier, codeChallenge } = createPkcePair();
  return {
    token: server.registerToken({ scopes: 'openid profile phone email' }),
    code: server.registerCode({ scopes: 'openid profile phone offline_access', codeChallenge }),
    verifier: codeVerifier,
    clientId: DEFAULT_CLIENT_ID,
  };
}

const differing = (report: ProbeReport): string[] =>
  report.assumptions
    .filter((assumption) => assumption.outcome === 'differs')
    .map((assumption) => assumption.id);

/** Runs the bin's probe with `args`, capturing what it prints. */
async function runCli(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
  vi.spyOn(console, 'error').mockImplementation((line: string) => void err.push(line));
  const code = await runProbeCli(args);
  vi.restoreAllMocks();
  return { code, out: out.join('\n'), err: err.join('\n') };
}

// `--flag=value`: a random token or verifier may start with "-", which a separate argument cannot.
const cliArgs = (base: string, given: ReturnType<typeof credentials>): string[] => [
  `--base-url=${base}`,
  `--token=${given.token}`,
  `--code=${given.code}`,
  `--verifier=${given.verifier}`,
  `--client-id=${given.clientId}`,
];

describe('probe against the mock', () => {
  it('finds every assumption held and exits 0', async () => {
    const given = credentials();
    const { code, out } = await runCli(cliArgs(mock.url, given));
    expect(code).toBe(0);
    expect(out).toContain('Every assumption checked held.');
    const report = await probe({ baseUrl: mock.url, ...credentials() });
    expect(report.assumptions.map((assumption) => [assumption.id, assumption.outcome])).toEqual(
      report.assumptions.map((assumption) => [assumption.id, 'held']),
    );
    expect(report.differs).toBe(false);
  });

  it('sends each operation’s credential-free requests, in the order of the list, then those the credentials allow', async () => {
    const report = await probe({ baseUrl: mock.url, ...credentials() });
    expect(report.checks.map((check) => check.request)).toEqual([
      'GET /v1/userinfo without Authorization',
      'GET /v1/userinfo with an unknown token',
      'POST /v1/token with an unknown code',
      'POST /v1/token with an unsupported grant type',
      'POST /v1/token with an empty form',
      'GET /.well-known/openid-configuration',
      'GET /v1/userinfo with the given token',
      'POST /v1/token with the given code',
      'GET /v1/userinfo with the issued token',
    ]);
  });

  it('labels each assumption as openapi.yaml does', async () => {
    const report = await probe({ baseUrl: mock.url });
    const labels = Object.fromEntries(
      report.assumptions.map((assumption) => [assumption.id, assumption.label]),
    );
    expect(labels).toMatchObject({
      documented: 'documented',
      'error-body': 'assumed',
      'www-authenticate': 'assumed',
      'id-token': 'assumed',
    });
    // Without credentials, what needs them is not checked.
    const outcomes = Object.fromEntries(
      report.assumptions.map((assumption) => [assumption.id, assumption.outcome]),
    );
    expect(outcomes).toMatchObject({
      'id-token': 'not-checked',
      'token-scope': 'not-checked',
      'error-body': 'held',
      discovery: 'held',
    });
  });
});

describe('the probe table', () => {
  // Where the last column starts: the widest assumption id, label and outcome, two spaces after each.
  const more = ' '.repeat('www-authenticate'.length + 2 + 'documented'.length + 2 + 'not checked'.length + 2);

  it('shows in each row what each request got', async () => {
    const table = formatProbeTable(await probe({ baseUrl: mock.url })).split('\n');
    const rowOf = (id: string): string[] => {
      const start = table.findIndex((line) => line.startsWith(`${id} `));
      const end = table.findIndex((line, index) => index > start && !line.startsWith(more));
      return table.slice(start, end);
    };
    expect(rowOf('documented')).toEqual([
      'documented        documented  held         GET /v1/userinfo without Authorization: status 401',
      `${more}GET /v1/userinfo with an unknown token: status 401`,
      `${more}POST /v1/token with an unknown code: status 403`,
      `${more}POST /v1/token with an unsupported grant type: status 400`,
      `${more}POST /v1/token with an empty form: status 400`,
    ]);
    expect(rowOf('error-code')).toEqual([
      'error-code        assumed     held         GET /v1/userinfo without Authorization: "invalid_request"',
      `${more}GET /v1/userinfo with an unknown token: "invalid_token"`,
      `${more}POST /v1/token with an unknown code: "invalid_client"`,
      `${more}POST /v1/token with an unsupported grant type: "unsupported_grant_type"`,
      `${more}POST /v1/token with an empty form: "invalid_request"`,
    ]);
    expect(rowOf('id-token')).toEqual([
      'id-token          assumed     not checked  no request showed it (pass --token, or --code, --verifier and --client-id)',
    ]);
  });

  it('shows the same in the Markdown report, a line per request in one cell', async () => {
    const markdown = formatProbeMarkdown(await probe({ baseUrl: mock.url }));
    expect(markdown).toContain(
      '| documented | held | GET /v1/userinfo without Authorization: status 401<br>GET /v1/userinfo with an unknown token: status 401<br>POST /v1/token with an unknown code: status 403<br>POST /v1/token with an unsupported grant type: status 400<br>POST /v1/token with an empty form: status 400 |',
    );
  });
});

describe('probe against a server that differs from the mock in one assumption', () => {
  const isError = (answer: Passing): boolean => answer.status >= 400;
  const variants: [string, string, Variant][] = [
    [
      'another error body shape',
      'error-body',
      (answer) => {
        if (isError(answer)) answer.body = { code: answer.status, message: 'Request failed' };
      },
    ],
    [
      'no WWW-Authenticate',
      'www-authenticate',
      (answer) => {
        delete answer.headers['www-authenticate'];
      },
    ],
    [
      'a token response without scope',
      'token-scope',
      (answer) => {
        if (answer.path === '/v1/token' && answer.status === 200)
          delete (answer.body as Record<string, unknown>).scope;
      },
    ],
    [
      'no ID token',
      'id-token',
      (answer) => {
        if (answer.path === '/v1/token' && answer.status === 200)
          delete (answer.body as Record<string, unknown>).id_token;
      },
    ],
    [
      'another status for an unknown code',
      'documented',
      (answer) => {
        if (answer.path === '/v1/token' && answer.status === 403) answer.status = 400;
      },
    ],
    [
      'no Cache-Control',
      'cache-control',
      (answer) => {
        delete answer.headers['cache-control'];
      },
    ],
  ];

  it.each(variants)(
    'reports %s as %s differing, and nothing else; exit 1',
    async (_name, assumption, change) => {
      variant = change;
      const { code, out } = await runCli(cliArgs(proxy.url, credentials()));
      expect(code).toBe(1);
      expect(out).toMatch(new RegExp(`^${assumption}\\s+\\S+\\s+DIFFERS`, 'm'));
      variant = change;
      const report = await probe({ baseUrl: proxy.url, ...credentials() });
      expect(differing(report)).toEqual([assumption]);
    },
  );

  it('names what was seen: the body shape, without its values', async () => {
    variant = (answer) => {
      if (isError(answer)) answer.body = { code: answer.status, message: 'Request failed' };
    };
    const report = await probe({ baseUrl: proxy.url });
    const errorBody = report.assumptions.find((assumption) => assumption.id === 'error-body');
    expect(errorBody?.seen[0]?.detail).toBe(
      'body {code: number, message: string}, not {error, error_description}',
    );
    expect(formatProbeTable(report)).not.toContain('Request failed');
  });
});

describe('answers a host should never give', () => {
  it('reports an HTML page where a profile should be, and goes on', async () => {
    variant = (answer) => {
      if (answer.path === '/v1/userinfo' && answer.status === 200) {
        answer.headers['content-type'] = 'text/html';
        answer.raw = '<html><body>Sign in</body></html>';
      }
    };
    const report = await probe({ baseUrl: proxy.url, ...credentials() });
    expect(differing(report)).toContain('documented');
    const scopeClaims = report.assumptions.find((assumption) => assumption.id === 'scope-claims');
    expect(scopeClaims?.seen.map((seen) => seen.detail)).toContain(
      'the answer holds no JSON object of claims',
    );
  });

  it('reports a jwks_uri that is not a URL as the ID token differing', async () => {
    variant = (answer) => {
      if (answer.path === '/.well-known/openid-configuration')
        Object.assign(answer.body as object, { jwks_uri: 'http://[not-a-host/jwks.json' });
    };
    const report = await probe({ baseUrl: proxy.url, ...credentials() });
    const idToken = report.assumptions.find((assumption) => assumption.id === 'id-token');
    expect(idToken?.outcome).toBe('differs');
    expect(idToken?.seen.map((seen) => seen.detail)).toContain(
      "an id_token, but discovery's jwks_uri is not a URL",
    );
  });
});

describe('what probe sends, and what its reports show', () => {
  it('sends nothing to a host the answers name, not even through a redirect', async () => {
    trapped.length = 0;
    variant = (answer) => {
      if (answer.path === '/.well-known/openid-configuration') {
        Object.assign(answer.body as object, {
          jwks_uri: `${trap.url}/.well-known/:clientId/jwks.json`,
          userinfo_endpoint: `${trap.url}/v1/userinfo`,
          token_endpoint: `${trap.url}/v1/token`,
        });
      }
      if (answer.path === '/v1/userinfo') {
        answer.status = 307;
        answer.headers.location = `${trap.url}/v1/userinfo`;
      }
    };
    const report = await probe({ baseUrl: proxy.url, ...credentials() });
    expect(trapped).toEqual([]);
    const idToken = report.assumptions.find((assumption) => assumption.id === 'id-token');
    expect(idToken?.outcome).toBe('not-checked');
    expect(idToken?.seen[0]?.detail).toContain('not the base URL');
  });

  it('shows no token, code, verifier or personal value in the table, the JSON or the Markdown', async () => {
    seenSecrets.clear();
    const given = credentials();
    const markdown = join(scratch, 'report.md');
    const table = await runCli([...cliArgs(proxy.url, given), '--markdown', markdown]);
    const json = await runCli([...cliArgs(proxy.url, credentials()), '--json']);
    const outputs = [table.out, json.out, readFileSync(markdown, 'utf8')];
    const secrets = [
      given.token,
      given.code,
      given.verifier,
      ...seenSecrets,
      ...Object.values(persona).filter((value): value is string => typeof value === 'string'),
      // Words the report says for itself ("Bearer"), and what is no secret (a country code, the scope string).
    ].filter((secret) => !['Bearer', 'IN'].includes(secret) && !/^[a-z_ ]+$/.test(secret));
    expect(secrets.length).toBeGreaterThan(10);
    for (const output of outputs) {
      for (const secret of secrets) expect(output, `a report shows "${secret}"`).not.toContain(secret);
    }
    expect(JSON.parse(json.out)).toMatchObject({ differs: false });
  });

  it('refuses an exchange without its verifier or client id, and a token over plain http to another host', async () => {
    const missing = await runCli(['--base-url', mock.url, '--code', 'abc']);
    expect(missing.code).toBe(2);
    expect(missing.err).toBe(
      'The code exchange needs --code, --verifier and --client-id; missing --verifier, --client-id. Run "truecaller-oauth-kit probe --help" for the options.',
    );
    const insecure = await kitErrorOf(probe({ baseUrl: 'http://oauth.example', token: 'secret-token' }));
    expect(insecure.code).toBe('ERR_OPTIONS_INVALID');
    expect(insecure.message).toContain('refusing to send a token or code over plain http to oauth.example');
    expect(insecure.message).not.toContain('secret-token');
  });

  it('exits 2 naming the base URL when nothing answers', async () => {
    const closed = await listen(() => undefined);
    await new Promise((resolve) => closed.server.close(resolve));
    const { code, err } = await runCli(['--base-url', closed.url, '--timeout', '2000']);
    expect(code).toBe(2);
    expect(err).toContain(`No answer from ${closed.url}: ECONNREFUSED.`);
  });
});

describe('truecaller-oauth-kit probe', () => {
  it('is a command of the bin, probing the mock to exit 0', async () => {
    const cli = await runBuiltBin(['probe', `--base-url=${mock.url}`]);
    expect(await cli.exited).toBe(0);
    expect(cli.stdout()).toMatch(/^error-body\s+assumed\s+held/m);
  });
});

describe('probe --record', () => {
  it('writes the client id with idToken: false when no ID token came, and the mock then answers the same way', async () => {
    variant = (answer) => {
      if (answer.path === '/v1/token' && answer.status === 200)
        delete (answer.body as Record<string, unknown>).id_token;
    };
    const file = join(scratch, 'overlay.json');
    const { code, err } = await runCli([...cliArgs(proxy.url, credentials()), '--record', file]);
    expect(code, err).toBe(1);
    expect(err).toBe('');
    const overlay = JSON.parse(readFileSync(file, 'utf8')) as object;
    expect(overlay).toEqual({ clients: { [DEFAULT_CLIENT_ID]: { idToken: false } } });

    const { server: recorded, url } = await startMock({ config: file });
    const report = await probe({ baseUrl: url, ...credentials(recorded) });
    expect(differing(report)).toEqual(['id-token']);
    expect(report.assumptions.find((assumption) => assumption.id === 'id-token')?.seen[0]?.detail).toBe(
      'openid granted, no id_token',
    );
  });

  it('lists the differences a config cannot express', async () => {
    variant = (answer) => {
      delete answer.headers['www-authenticate'];
    };
    const report = await probe({ baseUrl: proxy.url });
    expect(recordProbe(report, undefined)).toEqual({
      config: {},
      notExpressed: ['www-authenticate (401 answers carry WWW-Authenticate: Bearer ...)'],
    });
    expect(formatProbeMarkdown(report)).toContain(
      '| `www-authenticate`: 401 answers carry WWW-Authenticate: Bearer ... | assumed | DIFFERS |',
    );
  });
});
