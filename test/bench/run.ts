/**
 * `npm run bench`: what users wait on, each part measured against its baseline in the same run, in
 * alternating rounds, so every figure is a ratio (or a difference) that means something on a shared
 * 2-core machine. `npm run bench -- store hot-path` runs only the parts named. Never part of `npm test`.
 */
import { execFileSync } from 'node:child_process';
import { benchColdStart } from './cold-start-bench.js';
import { acceptanceTable, type BenchSection, type Figure } from './figures.js';
import { benchFirstWrite } from './first-write-bench.js';
import { benchFixtures } from './fixtures-bench.js';
import { benchGrowth } from './growth-bench.js';
import { benchHotPath } from './hot-path-bench.js';
import { benchInProcess } from './in-process-bench.js';
import { journalBench } from './journal-bench.js';
import { benchReplicas } from './replicas-bench.js';
import { PINNED, ROOT } from './servers.js';
import { benchSignedProfile } from './signed-profile-bench.js';
import { benchStore } from './store-bench.js';
import { benchTokenMemory } from './token-memory-bench.js';

/** Every part of the benchmark, in the order it runs. Add a part here. */
const SECTIONS: readonly BenchSection[] = [
  {
    name: 'hot-path',
    summary: 'GET /v1/userinfo: the mock (request log to a file, and --quiet) against bare node:http',
    run: benchHotPath,
  },
  {
    name: 'in-process',
    summary: 'mock.fetch and the MSW handlers against a prebuilt Response and a static MSW handler',
    run: benchInProcess,
  },
  {
    name: 'cold-start',
    summary: 'start-up: the bin to its first 200, and the mock in-process, against bare node:http',
    run: benchColdStart,
  },
  {
    name: 'fixtures',
    summary: 'the fixtures factory against the bare faker calls of a profile',
    run: benchFixtures,
  },
  {
    name: 'store',
    summary: 'refresh, revoke, userinfo and admin writes at 50,000 live tokens against a fresh mock',
    run: benchStore,
  },
  {
    name: 'first-write',
    summary: "a userinfo behind a fresh mock's first admin write (the bin), against the userinfo alone",
    run: benchFirstWrite,
  },
  {
    name: 'replicas',
    summary: 'userinfo and exchanges per second of 1, 2 and N processes on one Redis (--store, --workers)',
    run: benchReplicas,
  },
  {
    name: 'growth',
    summary: 'the heap after 100,000 run-time codes, used or expired, against the start',
    run: benchGrowth,
  },
  {
    name: 'signed-profile',
    summary: 'signProfile against crypto.sign of the same payload; GET /v1/key against bare node:http',
    run: benchSignedProfile,
  },
  {
    name: 'token-memory',
    summary: 'heap and RSS per live issued token, for 1 KiB and 16 KiB token requests',
    run: benchTokenMemory,
  },
  {
    name: 'journal',
    summary: "the request journal's memory after 100,000 requests",
    run: async () => ({ lines: await journalBench(), figures: [] }),
  },
];

async function main(names: readonly string[]): Promise<void> {
  const unknown = names.filter((name) => !SECTIONS.some((section) => section.name === name));
  if (unknown.length > 0) {
    console.error(`Unknown part ${unknown.join(', ')}: one of ${SECTIONS.map((s) => s.name).join(', ')}.`);
    process.exitCode = 2;
    return;
  }
  const chosen = names.length === 0 ? SECTIONS : SECTIONS.filter((section) => names.includes(section.name));
  console.error('building dist/ (the mock is measured as a user runs it, without tsx)...');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
  console.error(PINNED ? 'servers on CPU 0, load on CPU 1' : 'NOT pinned (taskset or a second core missing)');
  const figures: Figure[] = [];
  for (const section of chosen) {
    console.error(`\n[${section.name}] ${section.summary}...`);
    const result = await section.run();
    console.log(['', `### ${section.name}`, '', ...result.lines].join('\n'));
    figures.push(...result.figures);
  }
  if (figures.length > 0) console.log(['', '### acceptance', '', ...acceptanceTable(figures)].join('\n'));
}

await main(process.argv.slice(2));
