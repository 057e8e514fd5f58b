/**
 * The tables the CLI prints at start-up (hardening): every built-in record, the first twenty others and
 * a count of the rest, so a store of any size prints a screen.
 */
import { describe, expect, it } from 'vitest';
import { createMock } from '../../../mock/index.js';
import { formatCodeTable } from '../../../mock/operations/token/code-table.js';
import { formatTokenTable } from '../../../mock/operations/userinfo/token-table.js';

describe('the start-up tables', () => {
  it('list the built-in tokens, twenty others and a count of the rest', async () => {
    const mock = createMock({ admin: false });
    for (let index = 0; index < 25; index++)
      mock.registerToken({ token: `extra-${index}`, scopes: 'openid' });
    const lines = formatTokenTable(mock.store).split('\n');
    expect(lines.filter((line) => /^ {2}extra-/.test(line))).toHaveLength(20);
    expect(lines.at(-2)).toBe('  ...                       5 more tokens, not listed here');
    expect(lines.at(-1)).toMatch(/^ {2}\(anything else\) +401 /);
    expect(lines.some((line) => /^ {2}valid +200 /.test(line))).toBe(true);
    await mock.close();
  });

  it('name twenty clients and count the rest', async () => {
    const clients = Object.fromEntries(Array.from({ length: 23 }, (_, index) => [`client-${index}`, {}]));
    const mock = createMock({ admin: false, config: { clients } });
    const line = formatCodeTable(mock.store).split('\n').at(-1) ?? '';
    expect(line).toMatch(/^ {2}clients: kit-test-client \(authorization_code, refresh_token\); /);
    expect(line).toMatch(/; client-17 \(authorization_code, refresh_token\); and 5 more clients$/);
    await mock.close();
  });
});
