import type { BatchPlan } from './validate-batch.js';

/**
 * Which records of a batch a retry already settled (AWS accepted them: Success, or DuplicateRecord
 * because a record with that key was metered before), and what of a plan is left once they are
 * taken out. Indexes are positions in the batch as given, as `planBatch` numbers them.
 *
 * Pure: no clock, no I/O.
 */

/** The union of two settled lists, sorted and without repeats. */
export function mergeSettled(a: readonly number[], b: readonly number[]): number[] {
  return [...new Set([...a, ...b])].sort((x, y) => x - y);
}

/**
 * The plan with every record in `keep` only (when given) and none in `settled`: calls lose those
 * records (a call left empty is dropped), and settled records are no longer reported as stale or
 * invalid either, because they were billed. Calls only shrink, so each still fits the service's limits.
 */
export function unsettledPlan(
  plan: BatchPlan,
  settled: ReadonlySet<number>,
  keep?: ReadonlySet<number> | undefined,
): BatchPlan {
  const open = (index: number): boolean => !settled.has(index) && (keep === undefined || keep.has(index));
  return {
    ...plan,
    calls: plan.calls
      .map((call) => ({ ...call, records: call.records.filter((p) => open(p.index)) }))
      .filter((call) => call.records.length > 0),
    stale: plan.stale.filter((s) => open(s.index)),
    invalid: plan.invalid.filter((v) => open(v.index)),
  };
}

/** Indexes of the records a plan would send. */
export function plannedIndexes(plan: BatchPlan): number[] {
  return plan.calls.flatMap((c) => c.records.map((p) => p.index)).sort((a, b) => a - b);
}
