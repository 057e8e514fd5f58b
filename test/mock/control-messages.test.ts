import { describe, expect, it } from 'vitest';
import { createMock, createMockServer } from '../../mock/index.js';
import { validateConfig } from '../../mock/config/config-file.js';

const DELAY = 'must be milliseconds from 0 to 600000 (250) or a range of them ({ "min": 100, "max": 400 })';

/** What `call` throws: its code and its message. */
function refusal(call: () => unknown): { code: unknown; message: string } {
  try {
    call();
  } catch (error) {
    return { code: (error as { code?: unknown }).code, message: (error as Error).message };
  }
  throw new Error('not refused');
}

describe('a config file with a fault delay of no form it may take', () => {
  it('gets one line for it, not one per branch of the schema', () => {
    expect(refusal(() => validateConfig({ fault: { delayMs: '250' } }, 'mock.json')).message).toBe(
      `The config mock.json is invalid:\n  - fault.delayMs: ${DELAY}`,
    );
  });
});

describe('options refused in the words of the call they were given to', () => {
  it('names createMock', () => {
    expect(refusal(() => createMock({ tokenLifetimeSeconds: -1, colour: 1 } as never))).toEqual({
      code: 'ERR_OPTIONS_INVALID',
      message:
        'createMock: unknown option "colour"; tokenLifetimeSeconds must be a whole number of seconds from 1 to 31536000, got -1.',
    });
  });

  it('names createMockServer, and a fault option once per mistake', () => {
    const options = { host: '999.1.1.1', fault: { delayMs: 'soon' } } as never;
    expect(refusal(() => createMockServer(options))).toEqual({
      code: 'ERR_OPTIONS_INVALID',
      message: `createMockServer: fault.delayMs: ${DELAY}; host must be an IP address or "localhost", got "999.1.1.1".`,
    });
  });
});
