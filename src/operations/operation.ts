/**
 * What an operation of Truecaller's API is, at the bottom layer: its name, its host and paths, and its
 * outcomes in the one form every table of the kit shares. Each operation's folder under `src/operations/`
 * defines one; `src/operations/index.ts` lists them, and the mock, the control plane's catalogue, the Pact
 * provider states and `probe` loop over that list.
 */

/** One outcome an operation can answer with, in the form every scenario table of the kit shares. */
export interface OperationScenario {
  /** Stable name, also what a record's `scenario` field holds. */
  readonly name: string;
  readonly status: number;
  /** What it simulates, one line for the tables. */
  readonly simulates: string;
  /** Whether Truecaller documents this outcome, or the kit assumes it. */
  readonly documented: boolean;
  /** The mock's built-in credential (token or code) that reaches it; null where none does. */
  readonly builtIn: string | null;
  /** Whether a record added through the control plane may take it as its `scenario`. */
  readonly assignable: boolean;
  /** The Pact provider state that sets it up. */
  readonly providerState: string;
  /** The named example of `openapi.yaml` under its status: the body it answers with. */
  readonly example: string;
}

/** One operation of Truecaller's API (or a group of calls that share their state). */
export interface Operation<
  Endpoints extends Readonly<Record<string, string>> = Readonly<Record<string, string>>,
> {
  /** Stable name, in kebab case: `userinfo`, `token`, `phone-number`. */
  readonly name: string;
  /** One line saying what it is, for tables and the dashboard. */
  readonly summary: string;
  /** The documented host that serves it. */
  readonly host: string;
  /** Its paths by name: what `ENDPOINTS` is made of. */
  readonly endpoints: Endpoints;
  /** Its outcomes, one row each. */
  readonly scenarios: readonly OperationScenario[];
}

/** Freezes an operation's definition, keeping its endpoints' literal types. */
export function defineOperation<const Endpoints extends Readonly<Record<string, string>>>(
  operation: Operation<Endpoints>,
): Operation<Endpoints> {
  return Object.freeze({
    ...operation,
    endpoints: Object.freeze(operation.endpoints),
    scenarios: Object.freeze(operation.scenarios.map((scenario) => Object.freeze({ ...scenario }))),
  });
}
