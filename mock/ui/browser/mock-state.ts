/**
 * What the dashboard shows of the mock, read in one go through the admin API and read again after every
 * change it makes: no copy of the mock's state lives in the page beyond this snapshot.
 */
import type { ClientRecord, CodeRecord } from '../../../src/operations/token/wire-types.js';
import type { ClockState, PersonaRecord, ScenarioCatalogue } from '../../../src/wire-types.js';
import type { TokenRecord } from '../../../src/operations/userinfo/wire-types.js';
import type { Fault } from '../../../src/faults.js';
import { adminCall } from './admin-calls.js';

/**
 * A part of the dashboard (a section, or a form inside one): it fills itself from every read of the
 * mock and wires its controls once. The dashboard holds one list of parts; a new one is a module that
 * exports its part, its markup in dashboard.html and a line in that list.
 */
export interface DashboardPart {
  /** Fills the part from a fresh read of the mock. */
  readonly render?: (state: MockState) => void;
  /** Wires the controls once, at start; `changed` reads the mock again after a change they made. */
  readonly wire?: (changed: () => Promise<void>) => void;
}

/** One read of the mock. */
export interface MockState {
  readonly catalogue: ScenarioCatalogue;
  readonly tokens: TokenRecord[];
  readonly codes: CodeRecord[];
  readonly personas: PersonaRecord[];
  readonly clients: ClientRecord[];
  readonly fault: Fault;
  readonly clock: ClockState;
}

/** Reads everything the dashboard shows. */
export async function readMockState(): Promise<MockState> {
  const [catalogue, tokens, codes, personas, clients, fault, clock] = await Promise.all([
    adminCall<ScenarioCatalogue>('GET', '/scenarios'),
    adminCall<TokenRecord[]>('GET', '/tokens'),
    adminCall<CodeRecord[]>('GET', '/codes'),
    adminCall<PersonaRecord[]>('GET', '/personas'),
    adminCall<ClientRecord[]>('GET', '/clients'),
    adminCall<Fault>('GET', '/fault'),
    adminCall<ClockState>('GET', '/clock'),
  ]);
  return { catalogue, tokens, codes, personas, clients, fault, clock };
}

/** Describes a fault in a few words: "none", "503 after 200 ms", ... */
export function describeFault(fault: Fault | undefined): string {
  if (fault === undefined || (fault.failure === undefined && fault.delayMs === undefined)) return 'none';
  const delay =
    fault.delayMs === undefined
      ? ''
      : typeof fault.delayMs === 'number'
        ? `${fault.delayMs} ms delay`
        : `${fault.delayMs.min}-${fault.delayMs.max} ms delay`;
  return [fault.failure, delay].filter((part) => part !== undefined && part !== '').join(', ');
}
