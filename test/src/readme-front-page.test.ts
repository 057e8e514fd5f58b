import { describe, expect, it } from 'vitest';
import { readmeText } from '../support/readme.js';

const lines = readmeText('README.md').split('\n');
const firstScreen = lines.slice(0, 60).join('\n');

describe('the README as a front page', () => {
  it('is at most 250 lines; the rest lives beside the code it documents', () => {
    expect(lines.length).toBeLessThanOrEqual(250);
  });

  it('says it is a test double, not for production, and gives the two commands', () => {
    expect(firstScreen).toContain('a test double for the Truecaller OAuth API, not for production');
    expect(firstScreen).toMatch(
      /^npm install\nnpm run mock {2,}# the mock on http:\/\/127\.0\.0\.1:4010\nnpm test /m,
    );
  });

  it.each([
    ['on a port', 'createMockServer'],
    ['in-process', 'createMock('],
    ['in-process', 'mock.fetch'],
    ['through MSW', 'truecallerHandlers'],
  ])('shows the door %s (%s) in its first 60 lines', (_, name) => {
    expect(firstScreen).toContain(name);
  });
});
