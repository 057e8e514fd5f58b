/**
 * Every path the kit serves or calls, in one table: the mock's routes, the reference clients, discovery,
 * the contracts and the tests read it, so a path is spelled once. Each operation's paths come from its
 * own folder (`src/operations/<op>/endpoints.ts`); the kit's own are here.
 */
import { OPERATIONS } from './operations/index.js';

/** The mock's own paths: not part of Truecaller's API. */
export const KIT_ENDPOINTS = Object.freeze({
  /** `GET`: the mock's own `openapi.yaml`, the document it answers from (not part of Truecaller's API). */
  apiDocumentYaml: '/openapi.yaml',
  /** `GET`: the same document as JSON. */
  apiDocumentJson: '/openapi.json',
  /** The prefix of the mock's own control plane (not part of Truecaller's API). */
  admin: '/__admin',
} as const);

type Intersection<Union> = (Union extends unknown ? (each: Union) => void : never) extends (
  all: infer All,
) => void
  ? All
  : never;

/** The paths of every operation of `OPERATIONS`, by name. */
type OperationEndpoints = Intersection<(typeof OPERATIONS)[number]['endpoints']>;

/** Every path: the kit's own and each operation's, by name. */
export const ENDPOINTS = Object.freeze(
  Object.assign({}, KIT_ENDPOINTS, ...OPERATIONS.map((operation) => operation.endpoints)) as unknown,
) as Readonly<typeof KIT_ENDPOINTS & OperationEndpoints>;

/** One path of `ENDPOINTS`. */
export type Endpoint = (typeof ENDPOINTS)[keyof typeof ENDPOINTS];
