/**
 * The mock's link to Redis (a test double, not for production): a connection for commands and one for
 * the change channel, through node-redis's `@redis/client` (the Redis project's own client: no
 * dependencies of its own, reconnects and re-subscribes by itself). It is an optional peer dependency,
 * loaded only when a mock is given a shared store, so a mock-only install stays as small as it was.
 *
 * A command never waits for a lost connection (no offline queue): it fails at once, and the request that
 * needed it gets its documented 5xx. When both connections are back, `onRestored` listeners run (the
 * replica then reloads what it may have missed).
 */
import { createRequire } from 'node:module';
import { KitError } from '../../src/errors.js';
import { StoreUnavailableError } from '../state/store-access.js';
import type { SharedStoreSettings } from './store-option.js';

/** The optional peer, and the range `package.json` declares for it (a test keeps the two in step). */
export const REDIS_PEER = Object.freeze({ name: '@redis/client', range: '^6.4.0' });

/** How long a command may take before the request that sent it gets its 5xx (Redis hung, say). */
const COMMAND_TIMEOUT_MS = 2000;

/** How long a connection may take to open. */
const CONNECT_TIMEOUT_MS = 2000;

/** How long closing waits for commands already sent before it drops the connections. */
const CLOSE_TIMEOUT_MS = 1000;

/** The most time between two attempts to reconnect: the mock is back within this once Redis is. */
const MAX_RECONNECT_DELAY_MS = 500;

/** What the kit uses of a node-redis client (typed here: the peer may be missing where the kit is built). */
interface RedisClient {
  connect(): Promise<unknown>;
  sendCommand<T>(args: readonly string[], options?: object): Promise<T>;
  subscribe(channel: string, listener: (message: string) => void): Promise<void>;
  duplicate(): RedisClient;
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  close(): Promise<void>;
  destroy(): void;
  readonly isReady: boolean;
}

interface RedisModule {
  readonly createClient: (options: object) => RedisClient;
}

// Resolved from the kit's own folder, as an import would be; the standalone build bundles it.
const require = createRequire(import.meta.url);

/** The client module, or a `KitError` (`ERR_DEPENDENCY_MISSING`) with the command that installs it. */
function loadRedisModule(): RedisModule {
  try {
    // A literal name: the standalone executable's build bundles it.
    return require('@redis/client') as RedisModule;
  } catch (cause) {
    const { code, message } = cause as { code?: unknown; message?: unknown };
    const missing =
      code === 'MODULE_NOT_FOUND' && typeof message === 'string' && message.includes(REDIS_PEER.name);
    if (!missing) throw cause;
    throw new KitError(
      'ERR_DEPENDENCY_MISSING',
      `--store needs ${REDIS_PEER.name} (optional peer dependency of truecaller-oauth-kit): run npm install --save-dev ${REDIS_PEER.name}@${REDIS_PEER.range}`,
    );
  }
}

/** Two connections to one Redis: commands, and the subscriptions of the change channels. */
export class RedisLink {
  readonly settings: SharedStoreSettings;
  readonly #commands: RedisClient;
  readonly #subscriber: RedisClient;
  readonly #restored = new Set<() => void>();
  readonly #scripts = new Map<string, string>();
  #opened = false;
  #closing = false;
  #lost = false;

  constructor(settings: SharedStoreSettings) {
    this.settings = settings;
    const { createClient } = loadRedisModule();
    this.#commands = createClient({
      url: settings.url,
      disableOfflineQueue: true,
      commandOptions: { timeout: COMMAND_TIMEOUT_MS, rejectInFlight: true },
      socket: {
        connectTimeout: CONNECT_TIMEOUT_MS,
        // Before the first connection, a failure ends the start (one line, exit 1); after it, retry.
        reconnectStrategy: (retries: number, cause: Error) =>
          this.#closing ? false : this.#opened ? Math.min(50 * 2 ** retries, MAX_RECONNECT_DELAY_MS) : cause,
      },
    });
    this.#subscriber = this.#commands.duplicate();
    for (const client of [this.#commands, this.#subscriber]) {
      // An error event without a listener would end the process: a lost Redis is an outage, not a crash.
      client.on('error', () => {
        if (this.#opened) this.#lost = true;
      });
      client.on('ready', () => this.#onReady());
    }
  }

  /** Whether both connections are up. */
  get up(): boolean {
    return this.#commands.isReady && this.#subscriber.isReady;
  }

  /** Opens both connections; rejects with a one-line `StoreUnavailableError` when Redis cannot be reached. */
  async open(): Promise<void> {
    try {
      await this.#commands.connect();
      await this.#subscriber.connect();
      this.#opened = true;
    } catch (cause) {
      this.#closing = true;
      for (const client of [this.#commands, this.#subscriber]) client.destroy();
      throw new StoreUnavailableError(
        `Cannot reach the shared store ${this.settings.shown} (--store): ${reasonOf(cause)}. Start Redis there, or give --store the URL of one that runs.`,
        cause,
      );
    }
  }

  /** Whether Redis answers at `settings` (connects and closes); rejects as `open` does. */
  static async probe(settings: SharedStoreSettings): Promise<void> {
    const link = new RedisLink(settings);
    await link.open();
    await link.close();
  }

  /** Calls `listener` each time both connections are back after one was lost. */
  onRestored(listener: () => void): void {
    this.#restored.add(listener);
  }

  /** Sends one command; a failure is a `StoreUnavailableError`. */
  async send<T>(args: readonly string[]): Promise<T> {
    try {
      return await this.#commands.sendCommand<T>(args);
    } catch (cause) {
      throw this.#unavailable(cause);
    }
  }

  /** Runs a Lua script (by its digest once Redis knows it); a failure is a `StoreUnavailableError`. */
  async script<T>(source: string, keys: readonly string[], args: readonly string[]): Promise<T> {
    const sha = this.#scripts.get(source);
    if (sha !== undefined) {
      try {
        return await this.#commands.sendCommand<T>(['EVALSHA', sha, String(keys.length), ...keys, ...args]);
      } catch (cause) {
        // A restarted Redis without persistence forgot its scripts: send the text again.
        if (!String((cause as Error).message).startsWith('NOSCRIPT')) throw this.#unavailable(cause);
      }
    }
    const loaded = await this.send<string>(['SCRIPT', 'LOAD', source]);
    this.#scripts.set(source, loaded);
    return this.send<T>(['EVALSHA', loaded, String(keys.length), ...keys, ...args]);
  }

  /** Listens to `channel` (re-subscribed by the client after a reconnection). */
  subscribe(channel: string, listener: (message: string) => void): Promise<void> {
    return this.#subscriber.subscribe(channel, listener);
  }

  /** Closes both connections, letting commands already sent finish (for a second at most). */
  async close(): Promise<void> {
    if (this.#closing) return;
    this.#closing = true;
    if (!this.#opened) {
      // Not connected (yet): drop whatever is under way; a client never connected has nothing to drop.
      for (const client of [this.#commands, this.#subscriber]) {
        try {
          client.destroy();
        } catch {
          // nothing to destroy
        }
      }
      return;
    }
    const closed = Promise.allSettled([this.#commands.close(), this.#subscriber.close()]);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(resolve, CLOSE_TIMEOUT_MS, 'late');
    });
    // A Redis that is away (or hung) does not hold the mock's exit.
    if ((await Promise.race([closed, late])) === 'late')
      for (const client of [this.#commands, this.#subscriber]) client.destroy();
    clearTimeout(timer);
  }

  #onReady(): void {
    if (!this.#lost || !this.up) return;
    this.#lost = false;
    for (const listener of this.#restored) listener();
  }

  #unavailable(cause: unknown): StoreUnavailableError {
    return new StoreUnavailableError(
      `The shared store ${this.settings.shown} failed: ${reasonOf(cause)}.`,
      cause,
    );
  }
}

function reasonOf(cause: unknown): string {
  const error = cause as { message?: unknown; errors?: unknown };
  // A connection refused on every address of a name (localhost: ::1 and 127.0.0.1) is an AggregateError.
  if (Array.isArray(error.errors) && error.errors.length > 0) return reasonOf(error.errors[0]);
  return typeof error.message === 'string' && error.message !== '' ? error.message : String(cause);
}
