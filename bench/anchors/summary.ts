/** Figures of interleaved rounds: min, median and max per figure, and ratios paired by round. */

export interface Spread {
  min: number;
  median: number;
  max: number;
}

const round3 = (n: number): number => Math.round(n * 1000) / 1000;

export function spread(values: number[]): Spread {
  const finite = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (finite.length === 0) return { min: Number.NaN, median: Number.NaN, max: Number.NaN };
  const mid = finite.length / 2;
  const median = finite.length % 2 === 1 ? finite[Math.floor(mid)]! : (finite[mid - 1]! + finite[mid]!) / 2;
  return { min: round3(finite[0]!), median: round3(median), max: round3(finite[finite.length - 1]!) };
}

/**
 * a[i] / b[i] for each round i: runs of the same round were adjacent in time, so their ratio is
 * less disturbed by the other work on the machine than a ratio of medians would be.
 */
export function pairedRatios(a: number[], b: number[]): number[] {
  return a.map((x, i) => (b[i]! > 0 ? x / b[i]! : Number.NaN));
}

export function formatSpread(s: Spread, digits = 1): string {
  const f = (n: number): string => (Number.isFinite(n) ? n.toFixed(digits) : '–');
  return `${f(s.median)} [${f(s.min)}–${f(s.max)}]`;
}
