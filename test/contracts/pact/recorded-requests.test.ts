import { PactV4 } from '@pact-foundation/pact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { userInfoInteraction } from '../../../contracts/operations/userinfo/interactions.js';
import { PACT_PROVIDER } from '../../../contracts/pact/provider-state.js';
import { scratchDirOfFile } from '../../support/scratch-dir.js';
import { unpooledFetch } from '../../support/unpooled-fetch.js';

// The kit's builders let Pact's mock server record a test's requests before `executeTest` checks them
// (contracts/pact/recorded-requests.ts). A test function that returns while its request is still on its
// way is the race of a busy machine made certain: without the wait, Pact reads the records first and
// reports the request as never received.
const scratch = scratchDirOfFile('kit-recorded-');
const pact = new PactV4({
  consumer: 'kit-recorded',
  provider: PACT_PROVIDER,
  dir: scratch,
  logLevel: 'error',
});

/** Sends the expired-token request to `url` without waiting for it; the promise settles later. */
function sendWithoutWaiting(url: string): Promise<unknown> {
  return unpooledFetch(`${url}/v1/userinfo`, { headers: { authorization: 'Bearer expired' } }).then(
    (response) => response.status,
    (error: unknown) => error,
  );
}

afterEach(() => {
  vi.useRealTimers();
});

describe('executeTest of an interaction the kit built', () => {
  it('passes when the test function returned before its request was recorded', async () => {
    let sent: Promise<unknown> = Promise.resolve();
    await userInfoInteraction(pact, 'expired').executeTest(async (mock) => {
      sent = sendWithoutWaiting(mock.url);
      await Promise.resolve();
    });
    expect(await sent).toBe(401);
  });

  it('passes the same way while the test fakes the clock', async () => {
    vi.useFakeTimers();
    let sent: Promise<unknown> = Promise.resolve();
    await userInfoInteraction(pact, 'expired').executeTest(async (mock) => {
      sent = sendWithoutWaiting(mock.url);
      await Promise.resolve();
    });
    vi.useRealTimers();
    expect(await sent).toBe(401);
  });

  it('still fails an interaction whose request was never sent, naming it', async () => {
    const verdict = await userInfoInteraction(pact, 'expired')
      .executeTest(async () => {})
      .then(
        () => 'passed',
        (error: unknown) => String(error),
      );
    expect(verdict).toMatch(/The following request was expected but not received/);
    expect(verdict).toContain('/v1/userinfo');
  });
});
