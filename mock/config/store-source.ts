/**
 * Where the mock's store comes from and goes to (a test double, not for production): built-ins plus the
 * config, or the `--db` file; saved after each change with `--db`; rebuilt when a watched config changes.
 */
import type { EventEmitter } from 'node:events';
import { applyConfig, readConfigFile, validateConfig } from './config-file.js';
import { watchConfigFile } from './config-watcher.js';
import { checkStoreData, loadDbFile, saveDbFile } from './db-file.js';
import type { MockOptions } from './options.js';
import { builtInStoreData, MockStore } from '../state/store.js';
import type { StoreData } from '../../src/wire-types.js';

/** The live store and what can happen to it as a whole. */
export interface StoreSource {
  readonly store: MockStore;
  /** Restores the store as it was at start (or at the last config reload), and saves it. */
  readonly reset: () => void;
  /** Saves the store to the `--db` file; does nothing without one. */
  readonly persist: () => void;
  /** Stops watching the config file. */
  readonly close: () => void;
}

/**
 * Opens the store for `settings`. With a `config` path the file is watched: `events` gets
 * `config-reloaded`, or `config-rejected` with the `KitError` while the previous config stays.
 */
export function openStore(settings: Readonly<MockOptions>, events: EventEmitter): StoreSource {
  let initial = initialStoreData(settings);
  const saved = settings.db === undefined ? undefined : loadDbFile(settings.db);
  const store = new MockStore(
    saved === undefined ? structuredClone(initial) : checkStoreData(saved, settings.db ?? ''),
  );
  if (saved !== undefined) initial = structuredClone(store.snapshot());
  const persist = (): void => {
    if (settings.db !== undefined) saveDbFile(settings.db, store.snapshot());
  };
  const reset = (): void => {
    store.replace(structuredClone(initial));
    persist();
  };
  persist();

  const configFile = settings.config;
  const close =
    typeof configFile === 'string'
      ? watchConfigFile(configFile, () => {
          try {
            initial = initialStoreData(settings);
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
  return { store, reset, persist, close };
}

function initialStoreData({ config, fault }: Readonly<MockOptions>): StoreData {
  const base = builtInStoreData();
  const knownPersonas = base.personas.map((persona) => persona.id);
  const knownClients = base.clients.map((client) => client.id);
  const checked =
    config === undefined
      ? {}
      : typeof config === 'string'
        ? readConfigFile(config, knownPersonas, knownClients)
        : validateConfig(config, '(options.config)', knownPersonas, knownClients);
  const data = applyConfig(base, checked);
  if (fault !== undefined) data.fault = structuredClone(fault);
  return data;
}
