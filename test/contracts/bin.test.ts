import { afterEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../contracts/bin.js';

afterEach(() => vi.restoreAllMocks());

describe('truecaller-oauth-kit', () => {
  it('lists the verify command in its help', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    expect(await runCli(['--help'])).toBe(0);
    expect(lines.join('\n')).toMatch(/^\s+verify\s+verify pact files or URLs/m);
  });

  it('hands verify its arguments: without pacts it exits 2, pointing at its own --help', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line));
    expect(await runCli(['verify'])).toBe(2);
    expect(lines).toEqual([
      'Give at least one pact file or URL. Run "truecaller-oauth-kit verify --help" for the options.',
    ]);
  });
});
