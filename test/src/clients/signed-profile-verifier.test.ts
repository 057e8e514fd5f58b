import { describe, expect, it } from 'vitest';
import {
  decodePayload,
  fetchPublicKeys,
  verifySignedProfile,
} from '../../../src/operations/signed-profile/client.js';
import {
  PROFILE_SCENARIO_NAMES,
  type ProfileScenarioName,
} from '../../../src/operations/signed-profile/scenarios.js';
import { publicKeyEntry, signPayload } from '../../../src/operations/signed-profile/signing.js';
import { KIT_TEST_PRIVATE_KEY } from '../../../src/operations/signed-profile/test-keys.js';
import type { KitErrorCode } from '../../../src/errors.js';
import { kitErrorOf } from '../../support/errors.js';
import { startMock } from '../../support/doors.js';
import { schemaProblems } from '../../support/http.js';
import { LEGACY_TEST_VECTOR } from '../../support/legacy-test-vector.js';

const mock = await startMock();
const keysUrl = (): string => `${mock.url}/v1/key`;
const NONCE = 'verifier-nonce-1';

/** A fetch answering `body` (as JSON) with `status`, whatever it is asked. */
const answering =
  (body: unknown, status = 200): typeof fetch =>
  () =>
    Promise.resolve(Response.json(body, { status }));

/** What the reference verifier rejects each scenario with; `signed` and a rotation are accepted. */
const REJECTED_WITH: Readonly<Record<ProfileScenarioName, KitErrorCode | null>> = {
  signed: null,
  'tampered-payload': 'ERR_SIGNATURE_INVALID',
  'unserved-key': 'ERR_SIGNATURE_INVALID',
  'stale-request-time': 'ERR_PROFILE_STALE',
  'other-nonce': 'ERR_NONCE_MISMATCH',
  'empty-algorithm': 'ERR_SIGNATURE_ALGORITHM',
  'key-rotation': null,
};

describe('verifySignedProfile', () => {
  it('accepts Truecaller’s real signed profile with the key /v1/key served for it', async () => {
    const { key, requestNonce, ...profile } = LEGACY_TEST_VECTOR;
    const payload = await verifySignedProfile(profile, {
      expectedNonce: requestNonce,
      fetch: answering([{ key, keyType: 'RSA' }]),
      maxAgeSeconds: null,
    });
    expect(payload).toMatchObject({
      phoneNumber: '+918146814184',
      countryCode: 'in',
      requestTime: 1510251862,
    });
    expect(schemaProblems('SignedProfilePayload', payload)).toEqual([]);
    expect(schemaProblems('SignedProfile', profile)).toEqual([]);
  });

  it('accepts the real profile when its key is the second of two served, and judges its age by the time given', async () => {
    const { key, requestNonce, ...profile } = LEGACY_TEST_VECTOR;
    const keys = [publicKeyEntry(KIT_TEST_PRIVATE_KEY), { key, keyType: 'RSA' }];
    const payload = await verifySignedProfile(profile, {
      expectedNonce: requestNonce,
      fetch: answering(keys),
      now: 1510251862_000 + 60_000,
    });
    expect(payload.requestNonce).toBe(requestNonce);
  });

  it('rejects the real profile changed by one character of its payload', async () => {
    const { key, requestNonce, ...profile } = LEGACY_TEST_VECTOR;
    const changed = { ...profile, payload: `${profile.payload.slice(0, 40)}A${profile.payload.slice(41)}` };
    const error = await kitErrorOf(
      verifySignedProfile(changed, {
        expectedNonce: requestNonce,
        fetch: answering([{ key, keyType: 'RSA' }]),
        maxAgeSeconds: null,
      }),
    );
    expect(error.code).toBe('ERR_SIGNATURE_INVALID');
  });

  it.each(PROFILE_SCENARIO_NAMES)(
    'judges a profile of scenario %s that the mock signed, by the same code path',
    async (scenario) => {
      const profile = mock.server.signProfile({ persona: 'full-in', requestNonce: NONCE, scenario });
      expect(schemaProblems('SignedProfile', profile)).toEqual([]);
      expect(schemaProblems('SignedProfilePayload', decodePayload(profile.payload))).toEqual([]);
      const verifying = verifySignedProfile(profile, { expectedNonce: NONCE, keysUrl: keysUrl() });
      const expected = REJECTED_WITH[scenario];
      if (expected === null) await expect(verifying).resolves.toMatchObject({ requestNonce: NONCE });
      else expect((await kitErrorOf(verifying)).code).toBe(expected);
      mock.server.setKeyEndpoint({ rotation: false });
    },
  );

  it('rejects a profile whose requestTime is epoch milliseconds, saying so', async () => {
    const profile = mock.server.signProfile({ requestNonce: NONCE, requestTime: Date.now() });
    const error = await kitErrorOf(
      verifySignedProfile(profile, { expectedNonce: NONCE, keysUrl: keysUrl() }),
    );
    expect(error.code).toBe('ERR_PROFILE_STALE');
    expect(error.message).toContain('epoch seconds, not milliseconds');
  });

  it('rejects a profile without requestTime unless the age is not checked', async () => {
    const profile = mock.server.signProfile({ requestNonce: NONCE, requestTime: null });
    const error = await kitErrorOf(
      verifySignedProfile(profile, { expectedNonce: NONCE, keysUrl: keysUrl() }),
    );
    expect(error.code).toBe('ERR_PROFILE_STALE');
    await expect(
      verifySignedProfile(profile, { expectedNonce: NONCE, keysUrl: keysUrl(), maxAgeSeconds: null }),
    ).resolves.not.toHaveProperty('requestTime');
  });

  it('rejects a signed payload that is not base64 of a JSON object', async () => {
    const payload = Buffer.from('[1]').toString('base64');
    const profile = {
      payload,
      signature: signPayload(payload, KIT_TEST_PRIVATE_KEY),
      signatureAlgorithm: 'SHA512withRSA',
    };
    const fetch = answering([publicKeyEntry(KIT_TEST_PRIVATE_KEY)]);
    const error = await kitErrorOf(verifySignedProfile(profile, { expectedNonce: NONCE, fetch }));
    expect(error.code).toBe('ERR_PAYLOAD_INVALID');
  });

  it.each([
    ['a 500', answering({ code: 500, message: 'boom' }, 500), 'ERR_API_REJECTED'],
    ['{ keys: [...] } instead of an array', answering({ keys: [] }), 'ERR_API_INVALID'],
    ['no answer', () => Promise.reject(new TypeError('fetch failed')), 'ERR_API_UNREACHABLE'],
  ] as const)('throws the kit’s error of the key fetch for %s', async (_case, send, code) => {
    const profile = mock.server.signProfile({ requestNonce: NONCE });
    const error = await kitErrorOf(verifySignedProfile(profile, { expectedNonce: NONCE, fetch: send }));
    expect(error.code).toBe(code);
  });

  it('fetches the keys from the real host by default, through the fetch given', async () => {
    const asked: string[] = [];
    const keys = await fetchPublicKeys({
      fetch: (input) => {
        asked.push(input instanceof Request ? input.url : input.toString());
        return Promise.resolve(Response.json([publicKeyEntry(KIT_TEST_PRIVATE_KEY)]));
      },
    });
    expect(asked).toEqual(['https://api4.truecaller.com/v1/key']);
    expect(keys).toEqual([publicKeyEntry(KIT_TEST_PRIVATE_KEY)]);
  });
});
