import { describe, expect, it } from 'vitest';
import { formatSpread, pairedRatios, spread } from '../../../bench/anchors/summary.js';

describe('the figures of interleaved rounds', () => {
  it('gives min, median and max, the median of an even count being the mean of the middle two', () => {
    expect(spread([3, 1, 2])).toEqual({ min: 1, median: 2, max: 3 });
    expect(spread([4, 1, 3, 2])).toEqual({ min: 1, median: 2.5, max: 4 });
  });

  it('leaves out rounds without a figure (NaN) and says so when none has one', () => {
    expect(spread([Number.NaN, 5, 7])).toEqual({ min: 5, median: 6, max: 7 });
    expect(spread([Number.NaN])).toEqual({ min: Number.NaN, median: Number.NaN, max: Number.NaN });
    expect(formatSpread(spread([]))).toBe('– [–––]');
  });

  it('pairs ratios by round, so a slow round slows both sides of its own ratio', () => {
    expect(pairedRatios([6, 20, 9], [2, 10, 3])).toEqual([3, 2, 3]);
    expect(pairedRatios([1], [0])).toEqual([Number.NaN]);
  });

  it('prints the median first, then the range', () => {
    expect(formatSpread({ min: 1.234, median: 2.345, max: 3.456 }, 2)).toBe('2.35 [1.23–3.46]');
  });
});
