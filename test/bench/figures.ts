/**
 * What a part of `npm run bench` hands back: markdown lines to print, and the acceptance figures it
 * measured, each a ratio (or a difference) of two sides measured in the same run, in alternating rounds.
 */

/** One acceptance figure: the measured value, its goal, and how much it moved between rounds. */
export interface Figure {
  readonly name: string;
  /** The figure as its goal defines it: a median of the rounds' ratios, or a ratio of medians. */
  readonly value: number;
  readonly unit: 'x' | 'ms' | 'MiB' | 'KiB';
  /** `value` must be at least this (a throughput ratio) ... */
  readonly atLeast?: number;
  /** ... or at most this (a latency ratio, a difference). */
  readonly atMost?: number;
  /** Every round's own ratio (or difference), so the noise shows beside the figure. */
  readonly rounds: readonly number[];
}

/** A part of the benchmark, run by name (`npm run bench -- store`). */
export interface BenchSection {
  readonly name: string;
  /** What it measures, one line (printed before it runs). */
  readonly summary: string;
  run(): Promise<SectionResult>;
}

/** What a part printed and measured. */
export interface SectionResult {
  readonly lines: readonly string[];
  readonly figures: readonly Figure[];
}

/** The median of `values` (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** `value` with its unit: `0.93x`, `41 ms`. */
export function formatValue(value: number, unit: Figure['unit']): string {
  if (unit === 'MiB' || unit === 'KiB') return `${value.toFixed(2)} ${unit}`;
  return unit === 'x' ? `${value.toFixed(2)}x` : `${value.toFixed(0)} ms`;
}

/** Whether a figure meets its goal (one without a goal is shown for what it tells). */
export function meetsGoal(figure: Figure): boolean {
  return (
    (figure.atLeast === undefined || figure.value >= figure.atLeast) &&
    (figure.atMost === undefined || figure.value <= figure.atMost)
  );
}

/** The acceptance table: every figure, its goal, its spread across rounds, and whether it is met. */
export function acceptanceTable(figures: readonly Figure[]): string[] {
  return [
    '| acceptance figure | measured | goal | rounds: min to max (count) | met |',
    '|---|---|---|---|---|',
    ...figures.map((figure) => {
      const informational = figure.atLeast === undefined && figure.atMost === undefined;
      const goal = informational
        ? '(shown beside)'
        : figure.atLeast !== undefined
          ? `>= ${formatValue(figure.atLeast, figure.unit)}`
          : `<= ${formatValue(figure.atMost ?? Number.NaN, figure.unit)}`;
      const low = Math.min(...figure.rounds);
      const high = Math.max(...figure.rounds);
      return `| ${figure.name} | **${formatValue(figure.value, figure.unit)}** | ${goal} | ${formatValue(low, figure.unit)} to ${formatValue(high, figure.unit)} (${figure.rounds.length}) | ${informational ? '' : meetsGoal(figure) ? 'yes' : '**no**'} |`;
    }),
  ];
}
