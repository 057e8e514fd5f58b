/**
 * Pact's mock server answers a request first and records the match through a queue another of its
 * threads empties; `executeTest` reads those records as soon as the test function returns. On a busy
 * machine it can read them too early and fail an interaction whose request was sent and answered:
 * "The following request was expected but not received" (pact-foundation/pact-core-mock-server#13; seen
 * here in the README's worked example, run under Jest in a client team's project during a full test
 * run). The kit's interaction builders hand `executeTest` a test function that, once the team's own has
 * returned or thrown, waits until the mock server has recorded every request it expects, refused one,
 * or a second has passed: a request that was never sent is still reported, a second later.
 */
import { loadPactCore, type PactCoreModule } from './peer-dependencies.js';
import type { ReadyInteraction } from './pact-steps.js';

/** The longest wait for the records, in pauses of a millisecond: longer only for a test that fails anyway. */
const MAX_PAUSES = 1000;

// Taken when the module loads, before a test can fake the clock (vi.useFakeTimers): a faked setTimeout
// would never fire, and the wait would never end.
const realSetTimeout = globalThis.setTimeout;
const pause = (): Promise<void> => new Promise((resolve) => realSetTimeout(resolve, 1));

/** `interaction`, whose `executeTest` lets the mock server record its requests before Pact checks them. */
export function recordedBeforeVerdict<Interaction extends ReadyInteraction>(
  interaction: Interaction,
): Interaction {
  const executeTest = interaction.executeTest.bind(interaction);
  return Object.assign(interaction, {
    executeTest: <T>(testFn: Parameters<typeof executeTest<T>>[0]) =>
      executeTest<T>(async (mock) => {
        try {
          return await testFn(mock);
        } finally {
          await untilRecorded(mock.port);
        }
      }),
  });
}

/**
 * Resolves once the mock server on `port` has no expected request left unrecorded, or refused one. The
 * wait is a help, never a new way to fail: a core it cannot ask, or an answer it cannot read, ends it.
 */
async function untilRecorded(port: number): Promise<void> {
  let ffi: ReturnType<PactCoreModule['getFfiLib']>;
  try {
    ffi = loadPactCore('executeTest').getFfiLib();
  } catch {
    return;
  }
  for (let pauses = 0; pauses < MAX_PAUSES; pauses++) {
    const entries = recordsOf(ffi.pactffiMockServerMismatches(port));
    if (entries === undefined) return;
    const waiting = entries.some((entry) => entry.type === 'missing-request');
    const refused = entries.some((entry) => entry.type !== 'missing-request');
    if (!waiting || refused) return;
    await pause();
  }
}

/** The mock server's list of what it is missing and what it refused, or undefined for anything else. */
function recordsOf(text: string): { type?: unknown }[] | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? (parsed as { type?: unknown }[]) : undefined;
  } catch {
    return undefined;
  }
}
