/**
 * The fixtures' share of `npm run bench`: profiles per second of `createProfiles` for 100,000 profiles,
 * beside the bare faker calls each profile is made of, measured in the same run. The ratio is what the
 * factory adds: libphonenumber-js checking every number, scope filtering, building the object.
 */
import { performance } from 'node:perf_hooks';
import { COUNTRIES, COUNTRY_RULES } from '../../fixtures/countries.js';
import { createProfiles } from '../../fixtures/profile-factory.js';
import { median, type SectionResult } from './figures.js';
import { alternate } from './servers.js';

const COUNT = 100_000;
const ROUNDS = 5;

/** The same faker calls as one profile, in the same order, and nothing else (one phone attempt). */
function bareFakerCalls(count: number): number {
  let sink = 0;
  for (let i = 0; i < count; i++) {
    const { faker, mobilePrefixes, mobileLength, postalCode } =
      COUNTRY_RULES[COUNTRIES[i % COUNTRIES.length]!];
    faker.seed(i);
    const sex = faker.person.sexType();
    const firstName = faker.person.firstName(sex);
    const lastName = faker.person.lastName(sex);
    sink += faker.string.numeric({ length: 17, allowLeadingZeros: false }).length;
    const prefix = faker.helpers.arrayElement(mobilePrefixes);
    sink += faker.string.numeric(mobileLength - prefix.length).length;
    sink += faker.image.personPortrait({ sex }).length + faker.location.city().length;
    for (let digit = 0; digit < postalCode.length; digit++) sink += faker.number.int(9);
    sink += faker.internet.exampleEmail({ firstName, lastName }).length;
  }
  return sink;
}

function factory(count: number): number {
  let sink = 0;
  for (const profile of createProfiles({ seed: 1, count })) sink += profile.sub?.length ?? 0;
  return sink;
}

function perSecond(work: (count: number) => number, count: number): number {
  const start = performance.now();
  work(count);
  return count / ((performance.now() - start) / 1000);
}

/** The factory's table and its acceptance figure: profiles per second against the bare faker calls. */
export async function benchFixtures(count = COUNT): Promise<SectionResult> {
  factory(2_000); // warm up: JIT, libphonenumber-js metadata, faker locales
  bareFakerCalls(2_000);
  const [made = [], bare = []] = await alternate(ROUNDS, [
    () => perSecond(factory, count),
    () => perSecond(bareFakerCalls, count),
  ]);
  const ratios = made.map((rate, round) => rate / (bare[round] ?? Number.NaN));
  const factoryRate = median(made);
  const bareRate = median(bare);
  return {
    lines: [
      `| fixtures: ${count.toLocaleString('en-US')} profiles, all countries (median of ${ROUNDS}, alternating) | profiles/s | µs/profile | factory/bare |`,
      '|---|---|---|---|',
      `| createProfiles (the factory) | ${factoryRate.toFixed(0)} | ${(1e6 / factoryRate).toFixed(1)} | **${median(ratios).toFixed(2)}x** |`,
      `| the bare faker calls of a profile | ${bareRate.toFixed(0)} | ${(1e6 / bareRate).toFixed(1)} | 1.00x |`,
    ],
    figures: [
      {
        name: 'fixtures factory / the bare faker calls of a profile (profiles/s)',
        value: median(ratios),
        unit: 'x',
        atLeast: 0.9,
        rounds: ratios,
      },
    ],
  };
}
