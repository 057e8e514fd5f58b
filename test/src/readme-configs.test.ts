import { describe, expect, it } from 'vitest';
import { createMock, type MockConfig } from '../../mock/index.js';
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

describe('the README’s config files', () => {
  it('finds them', () => {
    expect(configs.length).toBeGreaterThanOrEqual(3);
  });

  it.each(configs.map((text, index) => [index + 1, text] as const))(
    'loads example %i, and every token of it answers as a known token',
    async (_, text) => {
      const config = JSON.parse(text) as MockConfig;
      const mock = createMock({ config });
      try {
        for (const [token, entry] of Object.entries(config.tokens ?? {})) {
          await mock.fetch('https://oauth-account-noneu.truecaller.com/v1/userinfo', {
            headers: { authorization: `Bearer ${token}` },
          });
          // An unknown token would be answered as `invalid`; a configured one answers its own scenario.
          const answered = mock.journal?.entries({ token }).at(-1)?.scenario;
          if (entry.scenario === undefined) expect(answered, token).not.toBe('invalid');
          else expect(answered, token).toBe(entry.scenario);
        }
      } finally {
        await mock.close();
      }
    },
  );
});
