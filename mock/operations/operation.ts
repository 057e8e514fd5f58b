/**
 * What an operation is in the mock (a test double, not for production): its routes, what of the store
 * it reads and writes, the collections it owns, and what it adds to the CLI's start-up text and the
 * journal. Each operation's folder under `mock/operations/` defines one; `mock/operations/index.ts` lists
 * them, and the engine, the config file, the control plane and the CLI loop over that list.
 */
import type { JWK } from 'jose';
import type { OpenAPIV3_1 } from 'openapi-types';
import type { Operation } from '../../src/operations/operation.js';
import type { ResponseContext } from '../http/responses.js';
import type { RouteDefinition } from '../routes/route-context.js';
import type { CollectionDefinition, RecordInput } from './collection.js';
import type { AnswerCache } from '../state/answer-cache.js';
import type { Clock } from '../state/clock.js';
import type { ExpiryQueue } from '../state/expiry-queue.js';
import type { KeyRing } from '../state/key-ring.js';
import type { StoreAccess, StoreNeeds, StoreReader } from '../state/store-access.js';
import type { Collection } from '../state/store.js';

/** A config's global ID-token settings. */
export interface IdTokenSettings {
  /** False when the config (or the options) turn ID tokens off. */
  readonly enabled: boolean;
  /** The config's private JWK, or undefined for the mock's generated key. */
  readonly signingKey: JWK | undefined;
}

/** The settings of one mock that operations answer from. */
export interface OperationSettings {
  /** `expires_in` of issued access tokens, in seconds. */
  readonly tokenLifetimeSeconds: number;
  /** The base URL the mock answers on (`http://127.0.0.1:4010`), for a request that names no host. */
  readonly baseUrl: () => string;
  /** Whether ID tokens are issued at all, and the key they are signed with (the config in force). */
  readonly idTokens: () => IdTokenSettings;
}

/** What an operation's routes are built from, once per mock. */
export interface OperationContext {
  /** The store, as far as the operation declared it reads and writes it. */
  readonly state: StoreAccess;
  /**
   * A cache of prepared answers by the ids of `keyedBy` (one of the operation's reads), dropped by the
   * engine when what the operation reads changes.
   */
  cache<V>(keyedBy?: Collection): AnswerCache<V>;
  /** `openapi.yaml`: the statuses, named examples and headers routes answer with. */
  readonly document: OpenAPIV3_1.Document;
  /** Headers every answer carries. */
  readonly answers: ResponseContext;
  /** The time tokens and codes expire against. */
  readonly clock: Clock;
  /** Drops what has expired, so the store stays bounded (it schedules every record the store is given). */
  readonly expiries: ExpiryQueue;
  /** The private keys the mock signs with, by purpose, kept in the store (and its `--db` file). */
  readonly keys: KeyRing;
  readonly settings: OperationSettings;
}

/** What a write of a control gave: done, or why not. */
export type ControlWrite =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly status: number;
      readonly problem: string;
      readonly problems?: readonly string[];
    };

/** What an operation's controls (`registerToken`, ...) are built from, once per mock. */
export interface ControlContext {
  /**
   * Adds a record through the control plane's checks: done, or why not (a 409 for an id taken; for a 400,
   * each problem with its field's dotted path, `tokens.<id>.scenario: ...`, for the call to word).
   */
  create(collection: Collection, input: RecordInput): ControlWrite;
  /** Stores a record through the same checks, replacing the one of its id (`input.id`) if there is one. */
  put(collection: Collection, input: RecordInput & { readonly id: string }): ControlWrite;
  /** The store, as far as the operation declared it reads it. */
  readonly state: StoreReader;
  /** The time registered records expire against. */
  readonly clock: Clock;
  /** The base URL the mock answers on (`http://127.0.0.1:4010`; the OAuth host for the in-process doors). */
  readonly baseUrl: () => string;
  /** The mock's options, checked: an operation reads its own (see `MockOperation.options`). */
  readonly options: Readonly<Record<string, unknown>>;
  /**
   * Resolves once every change so far is where the store keeps it (the `--db` file, or the store replicas
   * share): before a control tells another party to use what it wrote.
   */
  synced(): Promise<void>;
}

/** Options of `createMock` and `createMockServer` an operation adds (`allowCallbackHosts`, ...). */
export interface OperationOptions {
  /** Each option's default, merged into `DEFAULT_MOCK_OPTIONS`. */
  readonly defaults: Readonly<Record<string, unknown>>;
  /** Problems of the options as given, merged over the defaults, each naming its option; checked once. */
  problems(options: Readonly<Record<string, unknown>>): string[];
  /** The flags of the mock's command line that set them (`--allow-callback-host`). */
  readonly flags?: readonly OperationFlag[];
}

/**
 * A flag of the mock's command line an operation adds: repeatable, its values in order the list one of
 * its options takes. The option's `problems` check what was given.
 */
export interface OperationFlag {
  /** The flag without its dashes: `allow-callback-host`. */
  readonly name: string;
  /** What it takes, for the usage text: `<host>`. */
  readonly argument: string;
  /** One line for the usage text. */
  readonly help: string;
  /** The option it sets: `allowCallbackHosts`. */
  readonly option: string;
}

/** What an action of the control plane answers: a status and a JSON body. */
export interface AdminActionAnswer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * An action an operation adds to the control plane: `POST /__admin/<name>` with a JSON object body, run
 * with the operation's control context (what its controls do from code, a dashboard or `curl` does here).
 * What it changes goes through `context` and is saved before it is answered; a `KitError` it throws is
 * answered 400 with its message.
 */
export interface AdminAction {
  /** The path segment after `/__admin/` (camel case, like the collections'): `webSignIns`. */
  readonly name: string;
  run(context: ControlContext, input: RecordInput): AdminActionAnswer | Promise<AdminActionAnswer>;
}

/** What an operation adds to the CLI's start-up text. */
export interface StartupText {
  /** A heading and a table of what it answers (built-in and configured credentials). */
  readonly table: string;
  /** Ready-to-paste `curl` lines against `baseUrl`. */
  readonly tryIt: readonly string[];
}

/** One operation of the mock. */
export interface MockOperation extends StoreNeeds {
  /** The operation as `src/operations` defines it: name, host, paths, scenarios. */
  readonly api: Operation;
  /** The collections of the store it owns (their config section, checks, control-plane listing). */
  readonly collections: readonly CollectionDefinition[];
  /**
   * The paths (templates as `openapi.yaml` writes them) whose answers a fault covers: the global fault,
   * unless the record asked for has its own.
   */
  readonly faultPaths: readonly string[];
  /** Its routes, built once per mock. */
  createRoutes(context: OperationContext): readonly RouteDefinition[];
  /** What it adds to every door's controls (`registerToken`, ...). */
  controls?(context: ControlContext): object;
  /** The options it adds to `createMock` and `createMockServer`. */
  readonly options?: OperationOptions;
  /** What it adds to the control plane besides its collections (`POST /__admin/<name>`). */
  readonly adminActions?: readonly AdminAction[];
  /** The credential a request to it carries in its path (the journal records it as the request's token). */
  credentialInPath?(path: string): string | null;
  /** What the CLI prints for it at start-up; `store` is read-only here. */
  startupText?(store: StoreReader, baseUrl: string): StartupText;
}

/** Freezes an operation's definition (and types its callbacks). */
export function defineMockOperation(operation: MockOperation): MockOperation {
  return Object.freeze({ ...operation });
}
