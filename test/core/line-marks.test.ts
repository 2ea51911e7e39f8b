import { describe, expect, it } from 'vitest';
import type { CatalogHit } from '../../src/core/catalog/catalog.js';
import { LINE_HINT_GATE } from '../../src/core/diagnose.js';
import { LINE_MARKS } from '../../src/core/extract/line-marks.js';
import { realCatalog } from './helpers.js';

describe('line marks', () => {
  it('gate every alternative of the line filter that is not anchored at the line start', () => {
    // An alternative listed here is tried at every position of every line of a log: add a word every
    // match of it holds (its longest literal text) to LINE_MARKS.
    expect(LINE_HINT_GATE.unanchored).toEqual([]);
  });

  it('start with no white space, which the scan reads as nothing after a line break', () => {
    expect(LINE_MARKS.filter((m) => m.length === 0 || /^\s/.test(m))).toEqual([]);
  });

  it('are found by the catalog scan, in any case, on the line that holds them', () => {
    const text = 'INFO starting\npod web-1 is in CRASHLOOPBACKOFF\n  Task timed out after 3.00 seconds';
    const ends: number[] = [];
    realCatalog().scanIndex.scan(`${text}\n`, ({ end, value }: { end: number; value: CatalogHit }) => {
      if (value.kind === 'mark') ends.push(end);
    });
    expect(ends.map((end) => text.slice(0, end).split('\n').length - 1)).toEqual([1, 2]);
  });
});
