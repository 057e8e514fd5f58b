#!/usr/bin/env node
/**
 * `npm run mock`: starts the mock server (a test double of Truecaller's OAuth API, not for production).
 * It only parses flags and calls `createMockServer`, as a test would.
 */
import { statSync } from 'node:fs';
import { isIP } from 'node:net';
import { rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { parseArgs } from 'node:util';
import {
  type CliContext,
  EXIT,
  parseCommandLine,
  runAsMain,
  runReportingKitErrors,
  usageError,
} from '../../src/cli-support.js';
import { isMainModule } from '../../src/is-main-module.js';
import { MAX_DELAY_MS, parseDelay } from '../../src/faults.js';
import { writeFileAtomically } from '../../fixtures/atomic-write.js';
import { DEFAULT_JOURNAL_SIZE, MAX_JOURNAL_SIZE } from '../state/journal.js';
import { isLoopback, isOrigin, type MockServerOptions } from '../config/options.js';
import { RedisLink } from '../shared/redis-link.js';
import { sharedStoreSettings, type StoreOption, storeOptionProblems } from '../shared/store-option.js';
import { announceWorker, isWorker, runPrimary, workerCount } from './workers.js';
import { createMockServer } from '../server/mock-server.js';
import { createRequestLog } from '../server/request-log.js';
import { untilStopped } from './stop-triggers.js';
import { ENDPOINTS } from '../../src/endpoints.js';
import { isStandalone } from '../../src/package-files.js';
import { ADMIN_COLLECTIONS } from '../admin/admin-paths.js';
import { MOCK_OPERATIONS, OPERATION_FLAGS } from '../operations/index.js';
import type { MockStore } from '../state/store.js';

/**
 * The first line the mock prints once it listens, whatever the port: `TRUECALLER_OAUTH_KIT_URL=<base URL>`.
 * A test harness in any language reads the first line of stdout and takes what follows the `=`.
 */
export const READY_LINE_PREFIX = 'TRUECALLER_OAUTH_KIT_URL=';

// The operations' flags in the usage text, each written as the kit's own long flags are.
const OPERATION_FLAG_LINES = OPERATION_FLAGS.map(
  (flag) => `  --${flag.name} ${flag.argument}\n${' '.repeat(19)}${flag.help}\n`,
).join('');

const usage = (invocation: string): string => `Usage: ${invocation} [options]

Starts the Truecaller OAuth mock server (a test double, not for production). Once it listens, the first
line of stdout is ${READY_LINE_PREFIX}<base URL>.

Options:
  --port <n>       port to listen on (default 4010; 0 picks a free one)
  --host <addr>    address to listen on (default 127.0.0.1)
  --ready-file <file>
                   write the base URL to this file once listening (atomically); removed on exit
  --config <file>  JSON file with extra tokens, personas, codes and clients; watched, a valid change applies live
  --quiet          do not log each request
  --exit-on-stdin-close
                   stop when stdin closes: a harness's pipe, closed when the harness dies, even by SIGKILL
  --db <file>      load the store from this JSON file and keep every change there (logged as it happens)
  --store <url>    share the store with every mock given the same Redis (redis://host:port/db); not with --db
  --store-prefix <prefix>
                   the prefix of the keys in that Redis (default truecaller-oauth-kit): two kits, one database
  --workers <n|auto>
                   run n processes (auto: one per core) on the port, sharing the state through --store
  --delay <ms>     delay every answer: 250 (fixed) or 100-400 (random in the range)
  --no-admin       do not serve the control plane under /__admin (nor record the journal)
  --admin-token <secret>
                   require 'Authorization: Bearer <secret>' on /__admin (needed off loopback)
  --admin-origin <origin>
                   let web pages of this origin (http://localhost:3000) call /__admin from a browser;
                   repeat for more (by default only the mock's own pages may)
  --journal-size <n>
                   requests the journal keeps (default 1000, at most 100000)
${OPERATION_FLAG_LINES}  --version        print the kit's version
  --help           show this text`;

/** The mock's settings as the command line gave them, checked. */
interface MockCliSettings {
  readonly options: Partial<MockServerOptions>;
  readonly readyFile: string | undefined;
  readonly quiet: boolean;
  readonly configFile: string | undefined;
  readonly exitOnStdinClose: boolean;
  /** How many worker processes (`--workers`); undefined: this process serves. */
  readonly workers: number | undefined;
}

/**
 * Runs the mock CLI with `argv` (without `node` and the script); resolves with the exit code.
 * `context.invocation` is how the user started it, for the usage text.
 */
export async function runMockCli(
  argv: readonly string[],
  context: CliContext = { invocation: 'truecaller-oauth-kit mock' },
): Promise<number> {
  const parsed = parseCommandLine(argv, { options: FLAGS, usage }, context);
  if (typeof parsed === 'number') return parsed;
  const settings = checkFlags(parsed.values, context);
  if (typeof settings === 'number') return settings;
  return runReportingKitErrors(() => serve(settings));
}

const KIT_FLAGS = {
  port: { type: 'string', default: '4010' },
  host: { type: 'string', default: '127.0.0.1' },
  'ready-file': { type: 'string' },
  config: { type: 'string' },
  quiet: { type: 'boolean', default: false },
  'exit-on-stdin-close': { type: 'boolean', default: false },
  db: { type: 'string' },
  store: { type: 'string' },
  'store-prefix': { type: 'string' },
  workers: { type: 'string' },
  delay: { type: 'string' },
  'no-admin': { type: 'boolean', default: false },
  'admin-token': { type: 'string' },
  'admin-origin': { type: 'string', multiple: true },
  'journal-size': { type: 'string', default: String(DEFAULT_JOURNAL_SIZE) },
} as const;

// The kit's own flags and the operations' (each repeatable; see `OperationFlag`).
const FLAGS: typeof KIT_FLAGS = {
  ...KIT_FLAGS,
  ...Object.fromEntries(OPERATION_FLAGS.map((flag) => [flag.name, { type: 'string', multiple: true }])),
};

type Flags = ReturnType<typeof parseArgs<{ options: typeof KIT_FLAGS }>>['values'];

/** The options the operations' flags set: those given, each as the list of its values. */
function operationOptions(flags: Flags): Record<string, readonly string[]> {
  const given = flags as Readonly<Record<string, unknown>>;
  return Object.fromEntries(
    OPERATION_FLAGS.flatMap((flag) => {
      const values = given[flag.name];
      return Array.isArray(values) ? [[flag.option, values as string[]]] : [];
    }),
  );
}

/** The settings the flags give, or the exit code of a mistake (its message already printed). */
function checkFlags(flags: Flags, context: CliContext): MockCliSettings | number {
  const port = Number(flags.port);
  if (!/^\d+$/.test(flags.port) || port > 65535) {
    return usageError(
      `--port must be a whole number from 0 to 65535 (0 picks a free one), got "${flags.port}".`,
      context,
    );
  }
  const delayMs = flags.delay === undefined ? undefined : parseDelay(flags.delay);
  if (delayMs === null) {
    return usageError(
      `--delay must be milliseconds (250) or a range (100-400) of at most ${MAX_DELAY_MS}, got "${flags.delay}".`,
      context,
    );
  }
  if (!/^\d{1,7}$/.test(flags['journal-size']) || Number(flags['journal-size']) > MAX_JOURNAL_SIZE) {
    return usageError(
      `--journal-size must be a whole number from 0 to ${MAX_JOURNAL_SIZE}, got "${flags['journal-size']}".`,
      context,
    );
  }
  if (flags['admin-token'] === '') return usageError('--admin-token needs a secret.', context);
  const hostProblem = problemOfHost(flags);
  if (hostProblem !== undefined) return usageError(hostProblem, context);
  const adminOrigins = flags['admin-origin'] ?? [];
  const notOrigin = adminOrigins.find((origin) => !isOrigin(origin));
  if (notOrigin !== undefined) {
    return usageError(
      `--admin-origin must be an origin such as http://localhost:3000 (scheme, host and port, no path), got "${notOrigin}".`,
      context,
    );
  }
  const store = checkStoreFlags(flags, context);
  if (typeof store === 'number') return store;
  const workers = flags.workers === undefined ? undefined : workerCount(flags.workers);
  if (typeof workers === 'string') return usageError(workers, context);
  if (workers !== undefined && store === undefined)
    return usageError(
      '--workers needs --store: the worker processes share their state through Redis (redis-server, then --store redis://127.0.0.1:6379/0).',
      context,
    );
  if (flags['ready-file'] === '') return usageError('--ready-file needs a file name.', context);
  if (!readyFileUsable(flags['ready-file'])) return EXIT.failed;
  return {
    options: {
      host: flags.host,
      port,
      config: flags.config,
      admin: !flags['no-admin'],
      adminToken: flags['admin-token'],
      adminCors: adminOrigins,
      journalSize: Number(flags['journal-size']),
      db: flags.db,
      store,
      fault: delayMs === undefined ? undefined : { delayMs },
      ...operationOptions(flags),
    },
    readyFile: flags['ready-file'],
    quiet: flags.quiet,
    configFile: flags.config,
    exitOnStdinClose: flags['exit-on-stdin-close'],
    workers,
  };
}

/** What is wrong with `--host` as given (with `--admin-token` and `--no-admin`), if anything. */
function problemOfHost(flags: Flags): string | undefined {
  const { host } = flags;
  if (host !== 'localhost' && isIP(host) === 0)
    return `--host must be an IP address of this machine or "localhost", got "${host}".`;
  if (!isLoopback(host) && !flags['no-admin'] && flags['admin-token'] === undefined)
    return `--host ${host} is not loopback: anyone who reaches it could change the mock through /__admin. Give --admin-token <secret>, or --no-admin.`;
  return undefined;
}

/** The `store` option of `--store` and `--store-prefix`, or the exit code of a mistake (its message printed). */
function checkStoreFlags(flags: Flags, context: CliContext): StoreOption | undefined | number {
  const { store, db } = flags;
  const prefix = flags['store-prefix'];
  if (store === undefined) {
    return prefix === undefined ? undefined : usageError('--store-prefix needs --store.', context);
  }
  if (db !== undefined)
    return usageError(
      "--store and --db cannot be used together: --db keeps one process's store in a file, --store shares it between processes in Redis.",
      context,
    );
  const option: StoreOption = prefix === undefined ? store : { url: store, prefix };
  const problems = storeOptionProblems(option);
  return problems.length === 0
    ? option
    : usageError(
        `${problems.map((problem) => `--${problem.replace(/^store\.prefix/, 'store-prefix')}`).join('; ')}.`,
        context,
      );
}

/**
 * Whether the mock can announce itself in `readyFile` (its message printed when not): found before
 * listening, so a harness waiting for the file never sees a start that cannot announce itself.
 */
function readyFileUsable(readyFile: string | undefined): boolean {
  if (readyFile === undefined) return true;
  const folder = dirname(resolve(readyFile));
  if (!isFolder(folder)) {
    console.error(
      `Cannot use --ready-file ${readyFile}: the folder ${folder} does not exist. Create it or choose another path.`,
    );
    return false;
  }
  // The file is replaced at each start: a folder (or a device) of that name would stop the start half-way.
  const existing = statSync(readyFile, { throwIfNoEntry: false });
  if (existing !== undefined && !existing.isFile()) {
    console.error(
      `Cannot use --ready-file ${readyFile}: it is ${existing.isDirectory() ? 'a folder' : 'not a file'}. Give the path of a file to write.`,
    );
    return false;
  }
  return true;
}

/** Starts the mock (or its workers), announces it, serves until Ctrl-C or SIGTERM (or see `untilStopped`), and stops it. */
async function serve(settings: MockCliSettings): Promise<number> {
  const { readyFile, workers, options } = settings;
  if (workers === undefined || isWorker()) return serveHere(settings);
  // One line and exit 1 if Redis cannot be reached, before any worker starts (and says it N times).
  await RedisLink.probe(sharedStoreSettings(options.store as StoreOption));
  if (readyFile !== undefined) await rm(readyFile, { force: true });
  const code = await runPrimary(workers, {
    announce: (url, text) => announce(url, text, readyFile),
    stopped: untilStopped({ onStdinClose: settings.exitOnStdinClose }),
  });
  if (readyFile !== undefined) await rm(readyFile, { force: true });
  if (code === EXIT.ok) console.log('mock stopped');
  return code;
}

/** Writes the ready file (if asked), then the ready line and the start-up text. */
async function announce(url: string, text: string, readyFile: string | undefined): Promise<void> {
  if (readyFile !== undefined) await writeFileAtomically(readyFile, [`${url}\n`]);
  console.log(`${READY_LINE_PREFIX}${url}`);
  console.log(text);
}

/** Serves in this process (alone, or as one of the workers, which tells the primary instead of printing). */
async function serveHere(settings: MockCliSettings): Promise<number> {
  const { options, readyFile, quiet, configFile } = settings;
  const requestLog = quiet ? null : createRequestLog(process.stdout);
  const server = createMockServer({ ...options, log: requestLog?.write ?? null });
  server.events.on('config-reloaded', () => {
    requestLog?.flush(); // the requests answered before the reload come first
    console.log(`config ${configFile ?? ''} reloaded`);
  });
  server.events.on('config-rejected', (error: Error) =>
    console.error(`${error.message}\nThe previous config stays in effect.`),
  );
  const worker = isWorker();
  // A ready file left by an earlier run must not announce this one before it listens.
  if (readyFile !== undefined && !worker) await rm(readyFile, { force: true });
  const url = await server.start();
  // Listening for Ctrl-C and SIGTERM before announcing it: whoever reads the ready line may stop it at once.
  // A worker's primary is the one a harness holds: the worker stops when the primary is gone.
  const stopped = untilStopped({ onStdinClose: settings.exitOnStdinClose && !worker, onDisconnect: worker });
  const admin = options.admin === false ? undefined : options.adminToken !== undefined;
  try {
    // Made before the ready line: whatever fails here fails before a harness is told the mock serves.
    const text = startupText(server.store, url, admin);
    if (worker) announceWorker(url, text);
    else await announce(url, text, readyFile);
  } catch (error) {
    await server.close();
    throw error;
  }
  await stopped;
  await server.close();
  if (worker) {
    requestLog?.flush();
    // The channel to the primary would keep the worker alive: let go of it, and the worker ends.
    process.disconnect?.();
    return EXIT.ok;
  }
  // The file first: a harness that died took stdout's reader with it, and a write to it ends the process.
  if (readyFile !== undefined) await rm(readyFile, { force: true });
  requestLog?.flush();
  console.log('mock stopped');
  return EXIT.ok;
}

if (isMainModule(import.meta.url)) runAsMain((argv) => runMockCli(argv, { invocation: 'npm run mock --' }));

/**
 * What the mock prints once it listens: each operation's table and `curl` lines, and where the control
 * plane is (`adminBehindToken` undefined: no control plane).
 */
function startupText(store: MockStore, url: string, adminBehindToken: boolean | undefined): string {
  const texts = MOCK_OPERATIONS.flatMap((operation) => operation.startupText?.(store, url) ?? []);
  const collections = ADMIN_COLLECTIONS.map((collection) => `/${collection}`).join(', ');
  const admin =
    adminBehindToken === undefined
      ? ''
      : `Control plane: ${url}${ENDPOINTS.admin}${collections}, /fault, /requests, /reset\n` +
        // The standalone executable ships no pages.
        (isStandalone()
          ? ''
          : `Dashboard: ${url}${ENDPOINTS.admin}/ui  API reference: ${url}${ENDPOINTS.admin}/docs` +
            `${adminBehindToken ? ' (they ask for the --admin-token)' : ''}\n`);
  return (
    `truecaller-oauth-kit mock (a test double, not for production) listening on ${url}\n\n` +
    texts.map(({ table }) => `${table}\n\n`).join('') +
    `Try it:\n${texts.flatMap(({ tryIt }) => tryIt.map((line) => `  ${line}\n`)).join('')}` +
    admin
  );
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
