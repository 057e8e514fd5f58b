/**
 * Where the mock's store comes from and goes to (a test double, not for production): built-ins plus the
 * config, or the `--db` file; every change logged with `--db`; rebuilt when a watched config changes.
 */
import type { EventEmitter } from 'node:events';
import { applyConfig, type MockConfig, readConfigFile, validateConfig } from './config-file.js';
import { watchConfigFile } from './config-watcher.js';
import { checkStoreData } from './db-file.js';
import { openDbFile } from './db-persistence.js';
import type { MockOptions } from './options.js';
import { MockStore } from '../state/store.js';
import { embeddedAuthority, type StoreAuthority } from '../state/store-access.js';
import { builtInStoreData, COLLECTIONS } from './built-ins.js';
import type { StoreData } from '../../src/wire-types.js';
import type { IdTokenSettings } from '../operations/operation.js';

/** The live store and what can happen to it as a whole. */
export interface StoreSource {
  readonly store: MockStore;
  /** Where the operations' claims are decided and their misses asked. */
  readonly authority: StoreAuthority;
  /** Restores the store as it was at start (or at the last config reload), and saves it. */
  readonly reset: () => void;
  /**
   * Makes every change so far outlive a crash (the `--db` file's log is flushed to disk); does nothing
   * without one. Throws a `KitError` when they could not be saved.
   */
  readonly persist: () => void;
  /** Stops watching the config file, and saves and lets go of the `--db` file. */
  readonly close: () => void;
  /** The ID-token settings of the config in force (the last one reloaded). */
  readonly idTokenSettings: () => IdTokenSettings;
}

/**
 * Opens the store for `settings`. With a `config` path the file is watched: `events` gets
 * `config-reloaded`, or `config-rejected` with the `KitError` while the previous config stays.
 */
export function openStore(settings: Readonly<MockOptions>, events: EventEmitter): StoreSource {
  let config = readConfig(settings);
  let initial = initialStoreData(settings, config);
  const db = settings.db === undefined ? undefined : openDbFile(settings.db);
  let store: MockStore;
  try {
    store = new MockStore(
      COLLECTIONS,
      db?.saved === undefined ? structuredClone(initial) : checkStoreData(db.saved, settings.db ?? ''),
    );
  } catch (error) {
    db?.release();
    throw error;
  }
  if (db?.saved !== undefined) initial = structuredClone(store.snapshot());
  const saved = db?.follow(store);
  const persist = (): void => saved?.persist();
  const reset = (): void => {
    store.replace(structuredClone(initial));
    persist();
  };

  const configFile = settings.config;
  const stopWatching =
    typeof configFile === 'string'
      ? watchConfigFile(configFile, () => {
          try {
            const reloaded = readConfig(settings);
            initial = initialStoreData(settings, reloaded);
            config = reloaded;
            // Inside the try: a --db save that fails (disk full, folder gone) is reported, not thrown
            // from a watcher callback where nothing would catch it.
            reset();
          } catch (error) {
            events.emit('config-rejected', error);
            return;
          }
          events.emit('config-reloaded');
        })
      : () => undefined;
  const idTokenSettings = (): IdTokenSettings => ({
    enabled: settings.idToken && config.idToken !== false,
    signingKey: config.signingKey,
  });
  return {
    store,
    authority: embeddedAuthority(store),
    reset,
    persist,
    close: () => {
      stopWatching();
      saved?.close();
    },
    idTokenSettings,
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
