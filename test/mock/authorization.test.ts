import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readBearerToken } from '../../mock/http/authorization.js';

// RFC 7235 §2.1 as one expression: a case-insensitive scheme, one or more spaces, the rest is the token.
const RFC_7235_BEARER = /^bearer +(.+)$/is;
const byTheRule = (header: string): string | null => RFC_7235_BEARER.exec(header)?.[1] ?? null;

describe('readBearerToken', () => {
  it.each([
    ['Bearer valid', 'valid'],
    ['bearer  valid', 'valid'],
    ['BEARER valid extra', 'valid extra'],
    ['Bearer', null],
    ['Bearer ', null],
    ['Basic dXNlcjpwYXNz', null],
    ['Bearervalid', null],
  ])('reads %j as %j', (header, token) => {
    expect(readBearerToken(header)).toBe(token);
  });

  it('reads every header as the RFC 7235 rule does, the usual `Bearer <token>` spelling included', () => {
    const scheme = fc.constantFrom('Bearer', 'bearer', 'BEARER', 'BeArEr', 'Basic', 'Bearer\t', '', 'Bear');
    const spaces = fc.stringMatching(/^ {0,3}$/);
    const rest = fc.string({ unit: fc.constantFrom('a', ' ', '.', '\n', '\u2028', 'é', '=', '\t') });
    fc.assert(
      fc.property(scheme, spaces, rest, (name, gap, tail) => {
        const header = `${name}${gap}${tail}`;
        expect(readBearerToken(header)).toBe(byTheRule(header));
      }),
      { numRuns: 2000 },
    );
  });
});
