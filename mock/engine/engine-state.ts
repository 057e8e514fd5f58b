/**
 * What one engine holds (a test double, not for production): the store and where it comes from, the
 * clock, the journal, the expiry queue, the control plane's writer and API, and the headers every answer
 * carries. Made once, from options already checked.
 */
import { EventEmitter } from 'node:events';
import type { OpenAPIV3_1 } from 'openapi-types';
import { loadApiDocument } from '../../src/openapi/api-document.js';
import { type AdminApi, createAdminApi } from '../admin/admin-api.js';
import { isLoopbackHost } from '../admin/admin-origin.js';
import { createRecordWriter, type RecordWriter } from '../admin/record-writes.js';
import { isLoopback, type MockOptions } from '../config/options.js';
import { openStore, type StoreSource } from '../config/store-source.js';
import { corsHeadersForAnyOrigin } from '../http/cors.js';
import { DEFAULT_JSON_BODY_LIMIT } from '../http/json-body.js';
import type { ResponseContext } from '../http/responses.js';
import { expiringCollections } from '../config/built-ins.js';
import { MOCK_OPERATIONS } from '../operations/index.js';
import { SharedJournal } from '../shared/shared-journal.js';
import { type JournalReader, localJournalReader } from '../state/journal-reader.js';
import { MockClock } from '../state/clock.js';
import { ExpiryQueue } from '../state/expiry-queue.js';
import { createKeyRing, type KeyRing } from '../state/key-ring.js';
import { RequestJournal } from '../state/journal.js';
import type { MockStore } from '../state/store.js';
import { adminActionsOf, type ControlParts } from './control-context.js';

/** The headers every answer of the control plane carries: none (no CORS for any origin by default). */
const ADMIN_ANSWERS: ResponseContext = Object.freeze({ commonHeaders: Object.freeze([]) });

/** The state of one engine. */
export interface EngineState {
  readonly document: OpenAPIV3_1.Document;
  readonly events: EventEmitter;
  readonly source: StoreSource;
  readonly store: MockStore;
  readonly clock: MockClock;
  /** This process's requests; null with `admin: false`. */
  readonly journal: RequestJournal | null;
  /** What the control plane reads: this journal, or every replica's with a shared store; null with `admin: false`. */
  readonly journalReader: JournalReader | null;
  /** Resolves once the store can answer (a shared store: connected and read); rejects when it cannot. */
  readonly ready: () => Promise<void>;
  /** Ships what the journal has not shipped, and lets go of the store. */
  readonly close: () => Promise<void>;
  /** Headers every answer carries. */
  readonly answers: ResponseContext;
  readonly expiries: ExpiryQueue;
  /** The private keys the mock signs with, kept in the store by purpose. */
  readonly keys: KeyRing;
  readonly writer: RecordWriter;
  /** The control plane; undefined with `admin: false`. */
  readonly admin: AdminApi | undefined;
  /** What the operations' controls and the control plane's actions are made from. */
  readonly controlParts: ControlParts;
}

/**
 * The state of an engine for `settings`; `baseUrl` reads the base URL a door set on the engine;
 * `listenHost` is the address a server door listens on (undefined in-process), for the control plane's
 * check of the `Host` a browser sends.
 */
export function openEngineState(
  settings: Readonly<MockOptions>,
  baseUrl: () => string,
  listenHost?: string,
): EngineState {
  const events = new EventEmitter();
  const clock = new MockClock(settings.clock);
  const source = openStore(settings, { events, clock });
  const { store } = source;
  const journal = settings.admin
    ? new RequestJournal(settings.journalSize, settings.journalMaxBytes, credentialInPath)
    : null;
  // With a shared store, the control plane reads every replica's requests; each replica ships its own.
  const sharedJournal =
    journal === null || source.shared === undefined
      ? undefined
      : new SharedJournal(source.shared.link, source.shared.keys, journal);
  const journalReader = sharedJournal ?? (journal === null ? null : localJournalReader(journal));
  const answers: ResponseContext = { commonHeaders: corsHeadersForAnyOrigin(settings.cors) };
  const expiries = new ExpiryQueue(store, expiringCollections(settings.tokenLifetimeSeconds));
  const writer = createRecordWriter(store, clock, expiries);
  const controlParts: ControlParts = {
    store,
    authority: source.authority,
    writer,
    clock,
    baseUrl,
    options: settings,
    synced: source.synced,
  };
  const admin =
    journalReader === null
      ? undefined
      : createAdminApi({
          store,
          journal: journalReader,
          writer,
          clock,
          // Same-origin by default: none of the API's CORS headers (the `cors` option) on the control plane.
          answers: ADMIN_ANSWERS,
          origins: {
            allowedOrigins: new Set(settings.adminCors),
            hostAllowed: listenHost !== undefined && isLoopback(listenHost) ? isLoopbackHost : undefined,
          },
          adminToken: settings.adminToken,
          bodyLimit: DEFAULT_JSON_BODY_LIMIT,
          reset: () => {
            source.reset();
            return source.synced();
          },
          afterChange: source.synced,
          actions: adminActionsOf(controlParts),
        });
  return {
    document: loadApiDocument(),
    events,
    source,
    store,
    clock,
    journal,
    journalReader,
    ready: async () => {
      await source.ready();
      await sharedJournal?.start();
    },
    close: async () => {
      await sharedJournal?.close();
      journal?.close();
      await source.close();
    },
    answers,
    expiries,
    keys: createKeyRing(store),
    writer,
    admin,
    controlParts,
  };
}

/** The token a request carries in its path, for the operations whose credential travels there. */
function credentialInPath(path: string): string | null {
  for (const operation of MOCK_OPERATIONS) {
    const credential = operation.credentialInPath?.(path) ?? null;
    if (credential !== null) return credential;
  }
  return null;
}
