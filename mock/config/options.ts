import { isIP } from 'node:net';
import { KitError } from '../../src/errors.js';
import type { Fault } from '../../src/faults.js';
import { DEFAULT_JOURNAL_SIZE } from '../state/journal.js';
import { type Clock, SYSTEM_CLOCK } from '../state/clock.js';
import { configProblems, type MockConfig } from './config-file.js';
import type { CorsOrigin } from '../http/cors.js';

/** How to start a mock server. Every field is optional; see `DEFAULT_MOCK_OPTIONS`. */
export interface MockServerOptions {
  /** Interface to listen on. Loopback by default: the mock is for tests, not for a network. */
  host: string;
  /** TCP port; 0 picks a free one. */
  port: number;
  /** Extra personas and tokens: a JSON file's path, or the same object in code. */
  config: string | MockConfig | undefined;
  /** Origins allowed to call from a browser. */
  cors: CorsOrigin;
  /** Receives one line per request (method, path, scenario, status, ms); null for silence. */
  log: ((line: string) => void) | null;
  /** The time issued tokens and codes expire against; `server.clock.advance(ms)` moves it on. */
  clock: Clock;
  /** `expires_in` of the access tokens `POST /v1/token` issues, in seconds (the documented sample: 3600). */
  tokenLifetimeSeconds: number;
  /** Serve the control plane under `/__admin` (and record the journal). */
  admin: boolean;
  /** Secret the admin API requires as `Authorization: Bearer <secret>`; mandatory off loopback. */
  adminToken: string | undefined;
  /** How many requests the journal keeps (a ring buffer). */
  journalSize: number;
  /** A JSON file the store is loaded from and saved to after every admin change, reset or reload; undefined keeps it in memory. */
  db: string | undefined;
  /** A fault every answer gets (the CLI's `--delay`); replaces the config file's global fault. */
  fault: Fault | undefined;
}

/** The options used where none are given. The CLI changes only `port` (4010) and `log`. */
export const DEFAULT_MOCK_OPTIONS: Readonly<MockServerOptions> = Object.freeze({
  host: '127.0.0.1',
  port: 0,
  config: undefined,
  cors: '*',
  log: null,
  clock: SYSTEM_CLOCK,
  tokenLifetimeSeconds: 3600,
  admin: true,
  adminToken: undefined,
  journalSize: DEFAULT_JOURNAL_SIZE,
  db: undefined,
  fault: undefined,
});

/** Merges partial options over the defaults and checks them once, naming every problem in one error. */
export function resolveMockOptions(options: Partial<MockServerOptions> = {}): Readonly<MockServerOptions> {
  const resolved: MockServerOptions = { ...DEFAULT_MOCK_OPTIONS };
  for (const [key, value] of Object.entries(options)) {
    if (value !== undefined) Object.assign(resolved, { [key]: value });
  }
  const problems: string[] = [];
  const known = new Set(Object.keys(DEFAULT_MOCK_OPTIONS));
  for (const key of Object.keys(options)) if (!known.has(key)) problems.push(`unknown option "${key}"`);
  if (!Number.isInteger(resolved.port) || resolved.port < 0 || resolved.port > 65535) {
    problems.push(`port must be an integer from 0 to 65535, got ${JSON.stringify(resolved.port)}`);
  }
  if (typeof resolved.host !== 'string' || (resolved.host !== 'localhost' && isIP(resolved.host) === 0)) {
    problems.push(`host must be an IP address or "localhost", got ${JSON.stringify(resolved.host)}`);
  }
  const cors = resolved.cors as unknown;
  if (
    cors !== '*' &&
    cors !== false &&
    !(Array.isArray(cors) && cors.every((origin) => typeof origin === 'string'))
  ) {
    problems.push(`cors must be "*", false or a list of origins, got ${JSON.stringify(cors)}`);
  }
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
  if (
    resolved.adminToken !== undefined &&
    (typeof resolved.adminToken !== 'string' || resolved.adminToken === '')
  ) {
    problems.push('adminToken must be a non-empty string');
  } else if (resolved.admin && resolved.adminToken === undefined && !isLoopback(resolved.host)) {
    problems.push(
      `the admin API on ${String(resolved.host)} (not loopback) would let anyone on the network change the mock: give it a secret (adminToken, --admin-token) or turn it off (admin: false, --no-admin)`,
    );
  }
  if (
    !Number.isInteger(resolved.journalSize) ||
    resolved.journalSize < 0 ||
    resolved.journalSize > 1_000_000
  ) {
    problems.push(
      `journalSize must be an integer from 0 to 1000000, got ${JSON.stringify(resolved.journalSize)}`,
    );
  }
  if (resolved.db !== undefined && (typeof resolved.db !== 'string' || resolved.db === '')) {
    problems.push('db must be a file path');
  }
  if (resolved.fault !== undefined) {
    problems.push(...configProblems({ fault: resolved.fault }).map((problem) => `options.${problem}`));
  }
  if (problems.length > 0) {
    throw new KitError('ERR_OPTIONS_INVALID', `Invalid mock server options: ${problems.join('; ')}.`);
  }
  return Object.freeze(resolved);
}

/** Whether `host` only accepts connections from this machine. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
}
