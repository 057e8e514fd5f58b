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
import { COLLECTION_DEFINITIONS, MOCK_OPERATIONS } from '../operations/index.js';
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
  /** Null with `admin: false`. */
  readonly journal: RequestJournal | null;
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
  const source = openStore(settings, events);
  const { store } = source;
  const clock = new MockClock(settings.clock);
  const journal = settings.admin
    ? new RequestJournal(settings.journalSize, settings.journalMaxBytes, credentialInPath)
    : null;
  const answers: ResponseContext = { commonHeaders: corsHeadersForAnyOrigin(settings.cors) };
  const expiries = new ExpiryQueue(
    store,
    COLLECTION_DEFINITIONS.flatMap(({ name, expiry }) =>
      expiry === undefined
        ? []
        : [{ collection: name, graceMs: expiry.graceMs(settings.tokenLifetimeSeconds), keeps: expiry.keeps }],
    ),
  );
  const writer = createRecordWriter(store, clock, expiries);
  const controlParts: ControlParts = { store, writer, clock, baseUrl, options: settings };
  const admin =
    journal === null
      ? undefined
      : createAdminApi({
          store,
          journal,
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
          reset: source.reset,
          afterChange: source.persist,
          actions: adminActionsOf(controlParts),
        });
  return {
    document: loadApiDocument(),
    events,
    source,
    store,
    clock,
    journal,
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
