import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMock } from '../../mock/index.js';
import { decodePayload } from '../../src/operations/signed-profile/client.js';
import { publicKeyEntry } from '../../src/operations/signed-profile/signing.js';
import { KIT_TEST_PRIVATE_KEY } from '../../src/operations/signed-profile/test-keys.js';
import { kitErrorOf } from '../support/errors.js';
import { scratchDirOfFile } from '../support/scratch-dir.js';
import { readmeExample } from '../support/readme.js';

const KEYS_URL = 'https://api4.truecaller.com/v1/key';
const scratch = scratchDirOfFile('kit-profile-keys-');

/** The keys a mock serves, through its fetch. */
async function servedBy(mock: ReturnType<typeof createMock>): Promise<unknown> {
  return (await mock.fetch(KEYS_URL)).json();
}

const pem = (bits: number, type: 'rsa' | 'ec' = 'rsa'): string =>
  type === 'rsa'
    ? generateKeyPairSync('rsa', { modulusLength: bits })
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString()
    : generateKeyPairSync('ec', { namedCurve: 'P-256' })
        .privateKey.export({ type: 'pkcs8', format: 'pem' })
        .toString();

describe('the keys of signed profiles', () => {
  it('serves a config’s own key instead of the kit’s, and signs with it', async () => {
    const privateKey = pem(2048);
    const mock = createMock({ config: { profileKeys: { ours: { privateKey } } } });
    expect(await servedBy(mock)).toEqual([publicKeyEntry(privateKey)]);
    const profile = mock.signProfile({ requestNonce: 'config-nonce' });
    expect(mock.store.get('profileKeys', 'kit-test-key')?.served).toBe(false);
    expect(decodePayload(profile.payload).requestNonce).toBe('config-nonce');
    await mock.close();
  });

  it('makes a key for the process when a config names one without its private key', async () => {
    const config = { profileKeys: { made: {} } };
    const first = createMock({ config });
    const second = createMock({ config });
    const [served] = (await servedBy(first)) as { key: string }[];
    expect(served?.key).not.toBe(publicKeyEntry(KIT_TEST_PRIVATE_KEY).key);
    expect(await servedBy(second)).toEqual(await servedBy(first));
    await Promise.all([first.close(), second.close()]);
  });

  it('keeps the keys, and a rotation, in the --db file across a restart', async () => {
    const db = join(scratch, 'store.json');
    const first = createMock({ db, config: { profileKeys: { 'db-made': {} } } });
    first.signProfile({ requestNonce: 'rotation-nonce', scenario: 'key-rotation' });
    const before = await servedBy(first);
    await first.close();
    const second = createMock({ db });
    expect(await servedBy(second)).toEqual(before);
    expect((before as unknown[]).length).toBe(2);
    await second.close();
  });

  it('reports every problem of the configured keys at start, one line each', async () => {
    const error = await kitErrorOf(
      Promise.resolve().then(() =>
        createMock({
          config: {
            profileKeys: {
              small: { privateKey: pem(512) },
              curve: { privateKey: pem(0, 'ec') },
              garbage: { privateKey: 'not a key' },
              'bad id!': {},
            },
            keyEndpoints: { 'v1-key': { scenario: 'nope' } },
          } as never,
        }),
      ),
    );
    expect(error.code).toBe('ERR_CONFIG_INVALID');
    const lines = error.message.split('\n').slice(1);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^ {2}- profileKeys\.small\.privateKey: must be at least 1024 bits, got 512$/),
        expect.stringMatching(/^ {2}- profileKeys\.curve\.privateKey: must be an RSA key/),
        expect.stringMatching(/^ {2}- profileKeys\.garbage\.privateKey: not a readable private key/),
        expect.stringMatching(/^ {2}- profileKeys: "bad id!" is not a valid key id/),
        expect.stringMatching(
          /^ {2}- keyEndpoints\.v1-key\.scenario: must be one of keys, keys-server-error$/,
        ),
      ]),
    );
    expect(lines).toHaveLength(5);
  });

  it('refuses a signProfile of an unknown persona, field or scenario, naming each', async () => {
    const mock = createMock();
    expect(() =>
      mock.signProfile({
        persona: 'nobody',
        requestNonce: 'short',
        scenario: 'forged' as never,
        colour: 'red',
      } as never),
    ).toThrow(
      /^signProfile: persona: no persona "nobody"; scenario: must be one of .*; colour: not a field of the payload .*; requestNonce: must be 8 to 64/,
    );
    await mock.close();
  });

  it('sets payload fields over the persona’s and leaves out those given as null', async () => {
    const mock = createMock();
    const payload = decodePayload(
      mock.signProfile({ requestNonce: 'fields-nonce', jobTitle: 'Pilot', email: null, isAmbassador: true })
        .payload,
    );
    expect(payload).toMatchObject({ jobTitle: 'Pilot', isAmbassador: true });
    expect(payload.phoneNumber).toMatch(/^\+91/);
    expect(payload).not.toHaveProperty('email');
    await mock.close();
  });

  it('stops serving the rotation key on setKeyEndpoint, and refuses a key it does not have', async () => {
    const mock = createMock();
    mock.signProfile({ scenario: 'key-rotation' });
    mock.setKeyEndpoint({ rotation: false });
    expect(await servedBy(mock)).toEqual([publicKeyEntry(KIT_TEST_PRIVATE_KEY)]);
    expect(() => mock.setKeyEndpoint({ served: ['missing'] })).toThrow(/served: no key "missing"/);
    mock.setKeyEndpoint({ served: [] });
    expect(await servedBy(mock)).toEqual([]);
    expect(() => mock.signProfile()).toThrow(/no key is served/);
    await mock.close();
  });

  it('loads the README’s config: a key made for the process served, another kept back, a slow /v1/key', async () => {
    const mock = createMock({ config: JSON.parse(readmeExample('signed-profile-config')) as never });
    const served = (await servedBy(mock)) as { key: string }[];
    expect(served).toHaveLength(1);
    expect(mock.store.get('profileKeys', 'next-key')?.served).toBe(false);
    expect(mock.store.get('keyEndpoints', 'v1-key')?.fault).toEqual({ delayMs: 300 });
    await mock.close();
  });
});
