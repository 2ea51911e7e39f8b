import { describe, expect, it } from 'vitest';
import { mergeSettled, plannedIndexes, unsettledPlan } from '../../../src/core/usage/settled.js';
import { MAX_RECORDS_PER_CALL, planBatch, plannedRecordCount } from '../../../src/core/usage/validate-batch.js';

const NOW = new Date('2026-11-23T14:02:00.000Z');

function record(i: number, timestamp = `2026-11-23T${String(10 + (i % 3)).padStart(2, '0')}:00:00Z`) {
  return { timestamp, dimension: 'requests', quantity: i + 1, customerIdentifier: `cust-${i}` };
}

describe('settled records', () => {
  it('merge across retries into one sorted list without repeats', () => {
    expect(mergeSettled([3, 0], [1, 3, 7])).toEqual([0, 1, 3, 7]);
    expect(mergeSettled([], [])).toEqual([]);
  });

  it('leave the plan with only the unsettled records, calls still split as planned and empty calls dropped', () => {
    // 30 records: two calls (25 + 5); #28 is past the billing window.
    const records = Array.from({ length: 30 }, (_, i) => record(i, i === 28 ? '2026-11-22T10:00:00Z' : undefined));
    const plan = planBatch({ productCode: 'prod-abc123', records }, NOW);
    expect(plan.calls.map((c) => c.records.length)).toEqual([MAX_RECORDS_PER_CALL, 4]);
    expect(plan.stale.map((s) => s.index)).toEqual([28]);

    // The whole second call and record #28 settled (a stale record once billed is not "lost"), plus #0 and #5.
    const settled = new Set([0, 5, 25, 26, 27, 28, 29]);
    const rest = unsettledPlan(plan, settled);
    expect(rest.calls).toHaveLength(1);
    expect(plannedIndexes(rest)).toEqual(Array.from({ length: 25 }, (_, i) => i).filter((i) => !settled.has(i)));
    expect(rest.calls[0]!.productCode).toBe('prod-abc123');
    expect(rest.stale).toEqual([]);
    expect(rest.total).toBe(30);
    // The plan it came from is unchanged.
    expect(plannedRecordCount(plan)).toBe(29);
  });

  it('never keep a record outside the listed ones', () => {
    const plan = planBatch({ productCode: 'prod-abc123', records: [0, 1, 2, 3].map((i) => record(i)) }, NOW);
    const rest = unsettledPlan(plan, new Set([1]), new Set([1, 2]));
    expect(plannedIndexes(rest)).toEqual([2]);
    expect(plannedIndexes(unsettledPlan(plan, new Set([1, 2]), new Set([1, 2])))).toEqual([]);
    expect(unsettledPlan(plan, new Set([1, 2]), new Set([1, 2])).calls).toEqual([]);
  });
});
