/**
 * Where the mock's store comes from and goes to (a test double, not for production): built-ins plus the
 * config, or the `--db` file (every change logged), or a store replicas share in Redis (`--store`, whose
 * records are laid over the built-ins and the config); rebuilt when a watched config changes.
 */
import type { EventEmitter } from 'node:events';
import { applyConfig, type MockConfig, readConfigFile, validateConfig } from './config-file.js';
import { watchConfigFile } from './config-watcher.js';
import { checkStoreData } from './db-file.js';
import { openDbFile } from './db-persistence.js';
import type { MockOptions } from './options.js';
import type { MockClock } from '../state/clock.js';
import { MockStore } from '../state/store.js';
import { embeddedAuthority, type StoreAuthority } from '../state/store-access.js';
import { builtInStoreData, COLLECTIONS, dropTimes } from './built-ins.js';
import type { StoreData } from '../../src/wire-types.js';
import type { IdTokenSettings } from '../operations/operation.js';
import { SharedStore } from '../shared/shared-store.js';
import { sharedStoreSettings, type StoreOption } from '../shared/store-option.js';

/** The live store and what can happen to it as a whole. */
export interface StoreSource {
  readonly store: MockStore;
  /** Where the operations' claims are decided and their misses asked. */
  readonly authority: StoreAuthority;
  /** The store replicas share, with `--store`; undefined for the embedded store. */
  readonly shared: SharedStore | undefined;
  /** Resolves once the store can answer (at once, but for a shared store: connected and read). */
  readonly ready: () => Promise<void>;
  /** Restores the store as it was at start (or at the last config reload), and saves it. */
  readonly reset: () => void;
  /**
   * Makes every change so far outlive a crash (the `--db` file's log is flushed to disk); does nothing
   * without one. Throws a `KitError` when they could not be saved.
   */
  readonly persist: () => void;
  /**
   * Resolves once every change so far is where the store keeps it: flushed to the `--db` file, or
   * written to the shared store; rejects when one could not be.
   */
  readonly synced: () => Promise<void>;
  /** Stops watching the config file, and saves and lets go of the `--db` file or the shared store. */
  readonly close: () => Promise<void>;
  /** The ID-token settings of the config in force (the last one reloaded). */
  readonly idTokenSettings: () => IdTokenSettings;
}

/** What a store source needs besides the options. */
export interface StoreSourceContext {
  /** `config-reloaded`, or `config-rejected` with the `KitError` while the previous config stays. */
  readonly events: EventEmitter;
  /** The mock's clock (a shared store shares its offset). */
  readonly clock: MockClock;
}

/** The parts of a store source that differ between the embedded and the shared store. */
interface StoreBackend {
  readonly store: MockStore;
  readonly authority: StoreAuthority;
  readonly shared: SharedStore | undefined;
  readonly ready: () => Promise<void>;
  /** What the store holds at a reset (the embedded store: as loaded from `--db`; frozen records, shared). */
  initial(): StoreData;
  /** The config changed: `initial` is what every mock now starts with. */
  reload(initial: StoreData): void;
  readonly persist: () => void;
  readonly synced: () => Promise<void>;
  readonly close: () => Promise<void>;
}

/**
 * Opens the store for `settings`. With a `config` path the file is watched: `events` gets
 * `config-reloaded`, or `config-rejected` with the `KitError` while the previous config stays.
 */
export function openStore(settings: Readonly<MockOptions>, context: StoreSourceContext): StoreSource {
  let config = readConfig(settings);
  const backend =
    settings.store === undefined
      ? openEmbedded(settings, initialStoreData(settings, config))
      : openShared(settings, settings.store, config, context.clock);
  const reset = (): void => {
    backend.store.replace(backend.initial());
    backend.persist();
  };
  const configFile = settings.config;
  const stopWatching =
    typeof configFile === 'string'
      ? watchConfigFile(configFile, () => {
          try {
            const reloaded = readConfig(settings);
            // Inside the try: a --db save that fails (disk full, folder gone) is reported, not thrown
            // from a watcher callback where nothing would catch it.
            backend.reload(initialStoreData(settings, reloaded));
            config = reloaded;
          } catch (error) {
            context.events.emit('config-rejected', error);
            return;
          }
          context.events.emit('config-reloaded');
        })
      : () => undefined;
  const { store, authority, shared, ready, persist, synced } = backend;
  return {
    store,
    authority,
    shared,
    ready,
    reset,
    persist,
    synced,
    close: () => {
      stopWatching();
      return backend.close();
    },
    idTokenSettings: () => ({
      enabled: settings.idToken && config.idToken !== false,
      signingKey: config.signingKey ?? shared?.signingKey,
    }),
  };
}

/** The store of one process: in memory, or in a `--db` file. */
function openEmbedded(settings: Readonly<MockOptions>, configured: StoreData): StoreBackend {
  // The store a reset goes back to. Its records are frozen by the store that holds them and never change,
  // so a reset shares them instead of copying them (a --db file may hold a million): one copy, made here,
  // keeps the records apart from the objects of a config passed in code.
  let initial = structuredClone(configured);
  const db = settings.db === undefined ? undefined : openDbFile(settings.db);
  let store: MockStore;
  try {
    const saved = db?.saved === undefined ? undefined : checkStoreData(db.saved, settings.db ?? '');
    // The keys a --db file kept (the ID token's, ...) sign again: a token signed before a restart verifies after it.
    store = new MockStore(COLLECTIONS, saved ?? initial, saved?.keys);
  } catch (error) {
    db?.release();
    throw error;
  }
  if (db?.saved !== undefined) initial = store.snapshot();
  const saved = db?.follow(store);
  const persist = (): void => saved?.persist();
  return {
    store,
    authority: embeddedAuthority(store),
    shared: undefined,
    ready: () => Promise.resolve(),
    initial: () => initial,
    reload(reloaded) {
      initial = structuredClone(reloaded);
      store.replace(initial);
      persist();
    },
    persist,
    // A save that throws rejects the promise (the executor's exception).
    synced: () =>
      new Promise<void>((resolve) => {
        persist();
        resolve();
      }),
    close: () => {
      saved?.close();
      return Promise.resolve();
    },
  };
}

/** The local model of a store replicas share: what every replica starts with, Redis's records laid over it. */
function openShared(
  settings: Readonly<MockOptions>,
  option: StoreOption,
  config: MockConfig,
  clock: MockClock,
): StoreBackend {
  const initial = initialStoreData(settings, config);
  const store = new MockStore(COLLECTIONS, structuredClone(initial));
  const shared = new SharedStore({
    settings: sharedStoreSettings(option),
    store,
    clock,
    initial,
    dropAt: dropTimes(settings.tokenLifetimeSeconds),
    sharesSigningKey: settings.idToken && config.idToken !== false && config.signingKey === undefined,
  });
  return {
    store,
    authority: shared.authority,
    shared,
    ready: () => shared.ready(),
    initial: () => shared.initialData(),
    // Each replica watches its own config; a reload lays the shared records over the new one (no reset).
    reload: (reloaded) => void shared.rebuild(reloaded).catch(() => undefined),
    persist: () => undefined,
    synced: () => shared.synced(),
    close: () => shared.close(),
  };
}

/** The checked config of `settings` (a file read anew, or the object given); `{}` without one. */
function readConfig({ config }: Readonly<MockOptions>): MockConfig {
  const base = builtInStoreData();
  const knownPersonas = base.personas.map((persona) => persona.id);
  const knownClients = base.clients.map((client) => client.id);
  return config === undefined
    ? {}
    : typeof config === 'string'
      ? readConfigFile(config, knownPersonas, knownClients)
      : validateConfig(config, '(options.config)', knownPersonas, knownClients);
}

function initialStoreData({ fault }: Readonly<MockOptions>, config: MockConfig): StoreData {
  const data = applyConfig(builtInStoreData(), config);
  if (fault !== undefined) data.fault = structuredClone(fault);
  return data;
}
