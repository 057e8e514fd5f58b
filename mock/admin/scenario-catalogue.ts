/**
 * What the mock can simulate, for its control plane (a test double, not for production): the rows of the
 * scenario and exchange-outcome tables, the scope-to-claim mapping and the fault failures, so a dashboard
 * lists and offers them without a copy of its own.
 */
import {
  CODE_SCENARIO_NAMES,
  DEFAULT_CLIENT_ID,
  EXAMPLE_CODE_VERIFIER,
  EXCHANGE_OUTCOMES,
} from '../../src/operations/token/outcomes.js';
import { ENDPOINTS } from '../../src/endpoints.js';
import { FAULT_FAILURES } from '../../src/faults.js';
import { PHONE_NUMBER_CALLS } from '../../src/operations/phone-number/scenarios.js';
import { SCENARIOS, TOKEN_SCENARIO_NAMES } from '../../src/operations/userinfo/scenarios.js';
import { CLAIMS_BY_SCOPE, SCOPES } from '../../src/scopes.js';
import type { ScenarioCatalogue } from '../../src/wire-types.js';

/** The catalogue `GET /__admin/scenarios` answers. */
export function scenarioCatalogue(): ScenarioCatalogue {
  const tokenScenarios: ReadonlySet<string> = new Set(TOKEN_SCENARIO_NAMES);
  const codeScenarios: ReadonlySet<string> = new Set(CODE_SCENARIO_NAMES);
  return {
    userinfo: SCENARIOS.map((scenario) => ({
      name: scenario.name,
      status: scenario.status,
      simulates: scenario.simulates,
      documented: scenario.documented,
      builtIn: scenario.token,
      assignable: tokenScenarios.has(scenario.name),
    })),
    token: EXCHANGE_OUTCOMES.map((outcome) => ({
      name: outcome.name,
      status: outcome.status,
      simulates: outcome.simulates,
      documented: outcome.documented,
      builtIn: outcome.code,
      assignable: codeScenarios.has(outcome.name),
    })),
    scopes: SCOPES.map((scope) => ({ scope, claims: [...CLAIMS_BY_SCOPE[scope]] })),
    failures: [...FAULT_FAILURES],
    faultPaths: faultPaths(),
    defaultClientId: DEFAULT_CLIENT_ID,
    exampleCodeVerifier: EXAMPLE_CODE_VERIFIER,
  };
}

/**
 * The paths whose routes put a fault on their answers (the global one, or the token's or code's own):
 * the one list to extend when a route of a new operation does (test/ui/dashboard.test.ts holds it to
 * what the mock does).
 */
function faultPaths(): string[] {
  return [ENDPOINTS.userinfo, ENDPOINTS.token, ...Object.values(PHONE_NUMBER_CALLS).map((call) => call.path)];
}
