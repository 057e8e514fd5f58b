/**
 * What the mock can simulate, for its control plane (a test double, not for production): each operation's
 * outcomes from the list of operations, the paths a fault covers, the scope-to-claim mapping and the
 * fault failures, so a dashboard lists and offers them without a copy of its own.
 */
import { FAULT_FAILURES } from '../../src/faults.js';
import { DEFAULT_CLIENT_ID, EXAMPLE_CODE_VERIFIER } from '../../src/operations/token/grants.js';
import { CLAIMS_BY_SCOPE, SCOPES } from '../../src/scopes.js';
import type { ScenarioCatalogue } from '../../src/wire-types.js';
import { MOCK_OPERATIONS } from '../operations/index.js';

/** The catalogue `GET /__admin/scenarios` answers. */
export function scenarioCatalogue(): ScenarioCatalogue {
  return {
    operations: MOCK_OPERATIONS.map(({ api, faultPaths }) => ({
      name: api.name,
      summary: api.summary,
      host: api.host,
      paths: Object.values(api.endpoints),
      faultPaths: [...faultPaths],
      scenarios: api.scenarios.map(({ name, status, simulates, documented, builtIn, assignable }) => ({
        name,
        status,
        simulates,
        documented,
        builtIn,
        assignable,
      })),
    })),
    scopes: SCOPES.map((scope) => ({ scope, claims: [...CLAIMS_BY_SCOPE[scope]] })),
    failures: [...FAULT_FAILURES],
    faultPaths: MOCK_OPERATIONS.flatMap((operation) => operation.faultPaths),
    defaultClientId: DEFAULT_CLIENT_ID,
    exampleCodeVerifier: EXAMPLE_CODE_VERIFIER,
  };
}
