import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { README_FILES, readmeText, type ReadmeFile } from '../support/readme.js';
import { ROOT } from '../support/spawn-cli.js';

/** The lines of a Markdown text outside its fenced code blocks, with inline code spans blanked out. */
function proseLines(text: string): string[] {
  let fenced = false;
  return text.split('\n').flatMap((line) => {
    if (line.startsWith('```')) {
      fenced = !fenced;
      return [];
    }
    return fenced ? [] : [line.replace(/(`+)[^`]*?\1/g, 'code')];
  });
}

/**
 * GitHub's anchor for a heading (github-slugger): its text as shown, lowercase, with every character but
 * letters, digits, `_`, `-` and spaces dropped and each space made a `-`; a repeated one gets `-1`, `-2`.
 */
function headingAnchors(text: string): Set<string> {
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6} (.*?)\s*$/.exec(line);
    if (!heading) continue;
    const shown = (heading[1] ?? '').replace(/`/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    const slug = shown
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
      .replace(/ /g, '-');
    let anchor = slug;
    for (let n = 1; anchors.has(anchor); n += 1) anchor = `${slug}-${n}`;
    anchors.add(anchor);
  }
  return anchors;
}

/** Every relative link (and image) of a README file, outside code: `[text](target)`. */
function relativeLinks(file: ReadmeFile): string[] {
  return proseLines(readmeText(file))
    .flatMap((line) => [...line.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)].map(([, target = '']) => target))
    .filter((target) => !/^[a-z][a-z0-9+.-]*:/i.test(target));
}

/** What is wrong with a link's target, seen from `file`; null when it resolves. */
function brokenLink(file: ReadmeFile, target: string): string | null {
  const [path = '', anchor] = target.split('#');
  const resolved = path === '' ? join(ROOT, file) : normalize(join(ROOT, dirname(file), path));
  const inRepository = relative(ROOT, resolved);
  if (inRepository.startsWith('..')) return 'leaves the repository';
  if (!existsSync(resolved)) return `${inRepository} does not exist`;
  if (anchor === undefined) return null;
  if (!resolved.endsWith('.md')) return `an anchor into ${inRepository}, which is not Markdown`;
  const anchors = headingAnchors(readFileSync(resolved, 'utf8'));
  return anchors.has(anchor) ? null : `${inRepository} has no heading whose anchor is #${anchor}`;
}

describe("the READMEs' relative links", () => {
  it('finds links in every README file', () => {
    for (const file of README_FILES) expect(relativeLinks(file).length, file).toBeGreaterThan(0);
  });

  it('reads anchors as GitHub makes them', () => {
    const anchors = headingAnchors(
      [
        '## Control plane (/__admin)',
        "### Verifying a client team's pacts",
        '### A backend test: code -> token -> userinfo',
        '## Scopes and claims (assumed, from OpenID Connect Core §5.4)',
        '```sh',
        '# a comment in a code block',
        '```',
        '## Answers',
        '## Answers',
      ].join('\n'),
    );
    expect([...anchors]).toEqual([
      'control-plane-__admin',
      'verifying-a-client-teams-pacts',
      'a-backend-test-code---token---userinfo',
      'scopes-and-claims-assumed-from-openid-connect-core-54',
      'answers',
      'answers-1',
    ]);
  });

  it.each(README_FILES)('resolve from %s: the file exists and the anchor is one of its headings', (file) => {
    const broken = relativeLinks(file)
      .map((target) => [target, brokenLink(file, target)] as const)
      .filter(([, problem]) => problem !== null)
      .map(([target, problem]) => `${target}: ${problem}`);
    expect(broken).toEqual([]);
  });
});
