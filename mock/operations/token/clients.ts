/**
 * The client ids the mock knows (a test double, not for production): `POST /v1/token` checks the grants
 * each may use; the validation call takes them as partner credentials; the key set is served for each.
 */
import {
  DEFAULT_CLIENT_ID,
  GRANT_TYPES,
  RESTRICTED_CLIENT_ID,
} from '../../../src/operations/token/grants.js';
import type { ClientRecord, GrantType } from '../../../src/operations/token/index.js';
import { defineCollection, ID_PATTERN, mergeById } from '../collection.js';

/** One client of a config file. */
export interface ClientConfig {
  /** Grants it may use. Default: both, `authorization_code` and `refresh_token`. */
  grantTypes?: GrantType[];
  /** `false`: tokens issued to it come without an ID token. */
  idToken?: boolean;
}

/** The `clients` section of a config file. */
export interface ClientsConfig {
  clients?: Record<string, ClientConfig>;
}

/** The `clients` collection. */
export const CLIENTS = defineCollection({
  name: 'clients',
  idIs: 'the client id',
  builtIns: (): ClientRecord[] => [
    {
      id: DEFAULT_CLIENT_ID,
      grantTypes: [...GRANT_TYPES],
      description: 'the default client, allowed every grant',
    },
    { id: RESTRICTED_CLIENT_ID, grantTypes: [], description: 'a client allowed no grant' },
  ],
  config: {
    schema: {
      type: 'object',
      propertyNames: { pattern: ID_PATTERN },
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          grantTypes: { type: 'array', items: { enum: GRANT_TYPES }, uniqueItems: true },
          idToken: { type: 'boolean' },
        },
      },
    },
    idRule: 'client id (letters, digits, . _ -)',
    apply(base, entries) {
      const added = Object.entries(entries).map(([id, entry]): ClientRecord => {
        const record: ClientRecord = {
          id,
          grantTypes: [...((entry.grantTypes as GrantType[] | undefined) ?? GRANT_TYPES)],
          description: 'from the config file',
        };
        if (entry.idToken !== undefined) record.idToken = entry.idToken as boolean;
        return record;
      });
      return mergeById(base as ClientRecord[], added);
    },
  },
  // Not a config field: the control plane may describe a client.
  runtimeFields: { description: 'string' },
  admin: { served: true },
  listFields: ['id', 'grantTypes', 'description'],
});
