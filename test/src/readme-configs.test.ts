import { describe, expect, it } from 'vitest';
import type { MockConfig } from '../../mock/index.js';
import { COLLECTIONS } from '../../mock/config/built-ins.js';
import { ENDPOINTS } from '../../src/endpoints.js';
import { startMock } from '../support/doors.js';
import { README_FILES, readmeText } from '../support/readme.js';

// Every config-file example of the READMEs (a ```json block with a config's sections), as a user copies it.
const SECTIONS = [
  'personas',
  'tokens',
  'codes',
  'clients',
  'phoneNumberTokens',
  'profileKeys',
  'keyEndpoints',
  'fault',
];
const configs = README_FILES.flatMap((file) => [...readmeText(file).matchAll(/```json\n([\s\S]*?)```/g)])
  .map(([, text = '']) => text)
  .filter((text) => SECTIONS.some((section) => text.includes(`"${section}"`)) && text.trim().startsWith('{'))
  .filter((text) => !/"(delayMs|failure)"/.test(text.split('\n')[0] ?? ''));

const numbered = configs.map((text, index) => [index + 1, JSON.parse(text) as MockConfig] as const);
const withTokens = numbered.filter(([, config]) => Object.keys(config.tokens ?? {}).length > 0);

describe('the README’s config files', () => {
  it('finds them, tokens among them', () => {
    expect(configs.length).toBeGreaterThanOrEqual(3);
    expect(withTokens.length).toBeGreaterThanOrEqual(1);
  });

  it.each(numbered)('loads example %i, every record it configures in the store', async (_, config) => {
    const { server } = await startMock('fetch', { config });
    const configured = COLLECTIONS.flatMap((collection) =>
      Object.keys(config[collection as keyof MockConfig] ?? {}).map((id) => `${collection} ${id}`),
    );
    expect(configured).not.toEqual([]);
    const stored = COLLECTIONS.flatMap((collection) =>
      server.store.ids(collection).map((id) => `${collection} ${id}`),
    );
    expect(stored).toEqual(expect.arrayContaining(configured));
  });

  it.each(withTokens)(
    'loads example %i, and every token of it answers as a known token',
    async (_, config) => {
      const mock = await startMock('fetch', { config });
      const tokens = Object.entries(config.tokens ?? {});
      expect(tokens).not.toEqual([]);
      for (const [token, entry] of tokens) {
        await mock.request(ENDPOINTS.userinfo, { headers: { authorization: `Bearer ${token}` } });
        // An unknown token would be answered as `invalid`; a configured one answers its own scenario.
        const answered = mock.server.journal?.entries({ token }).at(-1)?.scenario;
        if (entry.scenario === undefined) expect(answered, token).not.toBe('invalid');
        else expect(answered, token).toBe(entry.scenario);
      }
    },
  );
});
