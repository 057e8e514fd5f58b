/**
 * How a mock is set up (a test double, not for production): frozen defaults, partial input merged over
 * them and checked once, every problem named in one error. The CLI, the config file and code meet here.
 */
import { isIP } from 'node:net';
import { KitError } from '../../src/errors.js';
import type { Fault } from '../../src/faults.js';
import type { CorsOrigin } from '../http/cors.js';
import { type Clock, SYSTEM_CLOCK } from '../state/clock.js';
import { DEFAULT_JOURNAL_MAX_BYTES, DEFAULT_JOURNAL_SIZE, MAX_JOURNAL_SIZE } from '../state/journal.js';
import { type StoreOption, storeOptionProblems } from '../shared/store-option.js';
import { configProblems, type MockConfig } from './config-file.js';
import { MOCK_OPERATIONS, OPERATION_OPTION_DEFAULTS, type OperationsOptions } from '../operations/index.js';

/**
 * How to set a mock up, whichever door it is reached through. Every field is optional; see
 * `DEFAULT_MOCK_OPTIONS`. The operations add their own (`allowCallbackHosts`).
 */
export interface MockOptions extends OperationsOptions {
  /** Extra personas and tokens: a JSON file's path, or the same object in code. */
  config: string | MockConfig | undefined;
  /** Origins allowed to call the mocked API from a browser (not the control plane: see `adminCors`). */
  cors: CorsOrigin;
  /**
   * Origins whose web pages may call the control plane (`/__admin`) from a browser, besides the mock's own
   * pages (`http://localhost:3000`); none by default.
   */
  adminCors: readonly string[];
  /** Receives one line per request (method, path, scenario, status, ms); null for silence. */
  log: ((line: string) => void) | null;
  /** The time issued tokens and codes expire against; `mock.clock.advance(ms)` moves it on. */
  clock: Clock;
  /** `expires_in` of the access tokens `POST /v1/token` issues, in seconds (the documented sample: 3600). */
  tokenLifetimeSeconds: number;
  /** Serve the control plane under `/__admin` (and record the journal). */
  admin: boolean;
  /** Secret the admin API requires as `Authorization: Bearer <secret>`; mandatory off loopback. */
  adminToken: string | undefined;
  /** How many requests the journal keeps (a ring buffer). */
  journalSize: number;
  /** How many bytes the journal's entries may hold (their headers and bodies); the oldest are dropped past it. */
  journalMaxBytes: number;
  /** A JSON file the store is loaded from and every change kept in (see the README); undefined keeps it in memory. */
  db: string | undefined;
  /**
   * A store replicas share (`redis://host:port/db`, or `{ url, prefix }`): everything made at run time
   * lives in Redis, so mocks pointed at the same one behave as one. Undefined: this process's own store.
   */
  store: StoreOption | undefined;
  /** A fault every answer gets (the CLI's `--delay`); replaces the config file's global fault. */
  fault: Fault | undefined;
  /** `false`: `POST /v1/token` issues no ID token at all (a config's `idToken: false` does the same). */
  idToken: boolean;
}

/** How to start the mock on a port: the mock's options plus where to listen. */
export interface MockServerOptions extends MockOptions {
  /** Interface to listen on. Loopback by default: the mock is for tests, not for a network. */
  host: string;
  /** TCP port; 0 picks a free one. */
  port: number;
  /** A request's headers must arrive within this (else 408): a silent connection is not held. */
  headersTimeoutMs: number;
  /** A whole request, body included, must arrive within this (else 408). */
  requestTimeoutMs: number;
  /** An idle kept-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
}

/** The options used where none are given (in-process doors). */
export const DEFAULT_MOCK_OPTIONS: Readonly<MockOptions> = Object.freeze({
  config: undefined,
  cors: '*',
  adminCors: Object.freeze([]),
  log: null,
  clock: SYSTEM_CLOCK,
  tokenLifetimeSeconds: 3600,
  admin: true,
  adminToken: undefined,
  journalSize: DEFAULT_JOURNAL_SIZE,
  journalMaxBytes: DEFAULT_JOURNAL_MAX_BYTES,
  db: undefined,
  store: undefined,
  fault: undefined,
  idToken: true,
  ...OPERATION_OPTION_DEFAULTS,
});

/** The options of `createMockServer` where none are given. The CLI changes only `port` (4010) and `log`. */
export const DEFAULT_MOCK_SERVER_OPTIONS: Readonly<MockServerOptions> = Object.freeze({
  ...DEFAULT_MOCK_OPTIONS,
  host: '127.0.0.1',
  port: 0,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
});

/** Merges partial options over the defaults of an in-process mock and checks them once. */
export function resolveMockOptions(options: Partial<MockOptions> = {}): Readonly<MockOptions> {
  const resolved = merge(DEFAULT_MOCK_OPTIONS, options);
  throwIfAny('createMock', mockOptionProblems(resolved, options, DEFAULT_MOCK_OPTIONS));
  return Object.freeze(resolved);
}

/** Merges partial options over the defaults of a mock server and checks them once. */
export function resolveMockServerOptions(
  options: Partial<MockServerOptions> = {},
): Readonly<MockServerOptions> {
  const resolved = merge(DEFAULT_MOCK_SERVER_OPTIONS, options);
  const problems = mockOptionProblems(resolved, options, DEFAULT_MOCK_SERVER_OPTIONS);
  if (!Number.isInteger(resolved.port) || resolved.port < 0 || resolved.port > 65535) {
    problems.push(`port must be an integer from 0 to 65535, got ${JSON.stringify(resolved.port)}`);
  }
  if (typeof resolved.host !== 'string' || (resolved.host !== 'localhost' && isIP(resolved.host) === 0)) {
    problems.push(`host must be an IP address or "localhost", got ${JSON.stringify(resolved.host)}`);
  } else if (resolved.admin === true && resolved.adminToken === undefined && !isLoopback(resolved.host)) {
    problems.push(
      `the admin API on ${resolved.host} (not loopback) would let anyone on the network change the mock: give it a secret (adminToken, --admin-token) or turn it off (admin: false, --no-admin)`,
    );
  }
  for (const key of ['headersTimeoutMs', 'requestTimeoutMs', 'keepAliveTimeoutMs'] as const) {
    const value = resolved[key];
    if (!Number.isInteger(value) || value < 1 || value > 3_600_000) {
      problems.push(
        `${key} must be a whole number of milliseconds from 1 to 3600000, got ${JSON.stringify(value)}`,
      );
    }
  }
  if (resolved.headersTimeoutMs > resolved.requestTimeoutMs) {
    problems.push('headersTimeoutMs must not exceed requestTimeoutMs (the headers are part of the request)');
  }
  throwIfAny('createMockServer', problems);
  return Object.freeze(resolved);
}

function merge<T extends object>(defaults: Readonly<T>, options: Partial<T>): T {
  const resolved = { ...defaults };
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) Object.assign(resolved, { [key]: value });
  }
  return resolved;
}

// In the words of the call the options were given to: `createMockServer: port must be ...`.
function throwIfAny(call: string, problems: readonly string[]): void {
  if (problems.length > 0) {
    throw new KitError('ERR_OPTIONS_INVALID', `${call}: ${problems.join('; ')}.`);
  }
}

// The checks every door shares; `known` names the options this door takes.
function mockOptionProblems(resolved: MockOptions, given: object, known: object): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(given))
    if (!Object.hasOwn(known, key)) problems.push(`unknown option "${key}"`);
  const cors = resolved.cors as unknown;
  if (
    cors !== '*' &&
    cors !== false &&
    !(Array.isArray(cors) && cors.every((origin) => typeof origin === 'string'))
  ) {
    problems.push(`cors must be "*", false or a list of origins, got ${JSON.stringify(cors)}`);
  }
  problems.push(...adminCorsProblems(resolved.adminCors));
  if (resolved.log !== null && typeof resolved.log !== 'function')
    problems.push('log must be a function or null');
  if (
    resolved.config !== undefined &&
    typeof resolved.config !== 'string' &&
    typeof resolved.config !== 'object'
  ) {
    problems.push('config must be a file path or a config object');
  }
  if (typeof (resolved.clock as Partial<Clock> | null)?.now !== 'function') {
    problems.push('clock must be an object with a now() method returning epoch milliseconds');
  }
  const lifetime = resolved.tokenLifetimeSeconds;
  if (!Number.isInteger(lifetime) || lifetime < 1 || lifetime > 31_536_000) {
    problems.push(
      `tokenLifetimeSeconds must be a whole number of seconds from 1 to 31536000, got ${JSON.stringify(lifetime)}`,
    );
  }
  if (typeof resolved.admin !== 'boolean') problems.push('admin must be true or false');
  if (typeof resolved.idToken !== 'boolean') problems.push('idToken must be true or false');
  if (
    resolved.adminToken !== undefined &&
    (typeof resolved.adminToken !== 'string' || resolved.adminToken === '')
  ) {
    problems.push('adminToken must be a non-empty string');
  }
  const { journalSize } = resolved;
  if (!Number.isInteger(journalSize) || journalSize < 0 || journalSize > MAX_JOURNAL_SIZE) {
    problems.push(
      `journalSize must be an integer from 0 to ${MAX_JOURNAL_SIZE}, got ${JSON.stringify(journalSize)}`,
    );
  }
  const maxBytes = resolved.journalMaxBytes;
  if (!Number.isInteger(maxBytes) || maxBytes < 2 ** 20 || maxBytes > 2 ** 30) {
    problems.push(
      `journalMaxBytes must be a whole number of bytes from 1048576 (1 MiB) to 1073741824 (1 GiB), got ${JSON.stringify(maxBytes)}`,
    );
  }
  if (resolved.db !== undefined && (typeof resolved.db !== 'string' || resolved.db === '')) {
    problems.push('db must be a file path');
  }
  if (resolved.store !== undefined) {
    problems.push(...storeOptionProblems(resolved.store));
    if (resolved.db !== undefined)
      problems.push(
        "store and db cannot be used together: db keeps one process's store in a file, store shares it between processes in Redis",
      );
  }
  if (resolved.fault !== undefined) {
    problems.push(...configProblems({ fault: resolved.fault }));
  }
  for (const operation of MOCK_OPERATIONS)
    problems.push(...(operation.options?.problems(resolved as unknown as Record<string, unknown>) ?? []));
  return problems;
}

/**
 * Problems of `adminCors`: a list of origins, each `scheme://host[:port]` as a browser sends it in
 * `Origin` (no path, no `*`: the control plane is never open to every page).
 */
function adminCorsProblems(value: unknown): string[] {
  if (!Array.isArray(value)) return [`adminCors must be a list of origins, got ${JSON.stringify(value)}`];
  return value
    .filter((origin) => !isOrigin(origin))
    .map(
      (origin) =>
        `adminCors must list origins such as "http://localhost:3000" (scheme, host and port as a browser sends them, no path, no "*"), got ${JSON.stringify(origin)}`,
    );
}

/** Whether `value` is an origin as a browser's `Origin` header writes it: `http://localhost:3000`. */
export function isOrigin(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.origin === value;
  } catch {
    return false;
  }
}

/** Whether `host` only accepts connections from this machine. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}
