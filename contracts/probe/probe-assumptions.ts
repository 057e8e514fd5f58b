/**
 * What `probe` checks on a host, one row per thing the kit relies on. Each row points at the node of
 * `openapi.yaml` that states it; whether it is documented or assumed, and how it is worded, come from
 * that node (its `x-documented` flag and the first sentence of its description), not from here.
 */
import type { OpenAPIV3_1 } from 'openapi-types';
import { loadApiDocument, resolveReference } from '../../src/openapi/api-document.js';
import { firstSentence, type FlaggedNode } from '../verify/assumptions.js';

/** The ids of what `probe` checks. */
export type ProbeAssumptionId =
  | 'documented'
  | 'error-body'
  | 'error-code'
  | 'www-authenticate'
  | 'cache-control'
  | 'discovery'
  | 'token-scope'
  | 'refresh-token'
  | 'id-token'
  | 'scope-claims';

/** One thing `probe` checks, as `openapi.yaml` states it. */
export interface ProbeAssumption {
  readonly id: ProbeAssumptionId;
  /** What is expected, in a few words. */
  readonly title: string;
  /** `documented` when `openapi.yaml` does not mark the node `x-documented: false`. */
  readonly label: 'documented' | 'assumed';
  /** Where `openapi.yaml` states it: a JSON pointer. */
  readonly source: string;
  /** The first sentence of that node's description. */
  readonly statement: string;
}

// Where each is stated in openapi.yaml; the pointer, not this file, says documented or assumed.
const CATALOGUE: readonly { id: ProbeAssumptionId; title: string; source: string }[] = [
  {
    id: 'documented',
    title: 'the documented status of each answer, and the documented fields of a 200',
    source: '#/paths/~1v1~1userinfo/get',
  },
  {
    id: 'error-body',
    title: 'error answers are JSON {error, error_description}',
    source: '#/components/schemas/Error',
  },
  {
    id: 'error-code',
    title: "each error's code is the one openapi.yaml names for it",
    source: '#/components/schemas/Error',
  },
  {
    id: 'www-authenticate',
    title: '401 answers carry WWW-Authenticate: Bearer ...',
    source: '#/components/headers/WWWAuthenticate',
  },
  {
    id: 'cache-control',
    title: 'token and profile answers carry Cache-Control: no-store',
    source: '#/components/headers/CacheControl',
  },
  {
    id: 'discovery',
    title: 'discovery holds the captured fields (jwks_uri, claims_supported, ...)',
    source: '#/components/schemas/OpenIdConfiguration',
  },
  {
    id: 'token-scope',
    title: 'the token response carries the granted scope string',
    source: '#/components/schemas/TokenResponse',
  },
  {
    id: 'refresh-token',
    title: 'a refresh_token exactly when offline_access is granted',
    source: '#/components/schemas/TokenResponse/properties/refresh_token',
  },
  {
    id: 'id-token',
    title: 'an RS256 id_token when openid is granted, verified with jwks_uri',
    source: '#/components/schemas/TokenResponse/properties/id_token',
  },
  {
    id: 'scope-claims',
    title: 'userinfo answers only the claims of the granted scopes',
    source: '#/components/schemas/UserInfo/x-scope-mapping',
  },
];

/** Every assumption `probe` checks, worded and labelled by `openapi.yaml`. */
export function probeAssumptions(document: OpenAPIV3_1.Document = loadApiDocument()): ProbeAssumption[] {
  return CATALOGUE.map(({ id, title, source }) => {
    // A missing node throws ERR_OPENAPI_INVALID naming the pointer.
    const node = resolveReference<FlaggedNode>(document, { $ref: source });
    return {
      id,
      title,
      label: node['x-documented'] === false ? 'assumed' : 'documented',
      source,
      statement: firstSentence(node, title),
    };
  });
}
