import type { PastedUsageBatch } from '../../core/extract/usage-records.js';
import { unsettledPlan } from '../../core/usage/settled.js';
import { planBatch, plannedRecordCount, type BatchPlan } from '../../core/usage/validate-batch.js';
import type { AnswerStore } from '../../slack/answer-store.js';
import type { RetryState } from '../types.js';
import { needsEditing } from './dialogs.js';

/**
 * What an answered retry left unbilled, as a plan of the stored batch. Settled indexes are only
 * ever read against the stored batch: the edit form opens only when that batch cannot be sent as
 * it is, so a batch that needs editing means the retries sent an edited batch whose positions are
 * not the stored one's, and then (as for a state without a settled list) everything counts as settled.
 */
export function unsettledOf(
  state: RetryState,
  batch: PastedUsageBatch | undefined,
  now: Date,
  only?: readonly number[] | undefined,
): BatchPlan | undefined {
  if (!state.settled || !batch) return undefined;
  const full = planBatch(batch, now);
  if (needsEditing(batch, full)) return undefined;
  return unsettledPlan(full, new Set(state.settled), only ? new Set(only) : undefined);
}

/** How many records the answer's Retry button can still send (0: none, or MeterDoc cannot tell which). */
export function unbilledCount(state: RetryState, batch: PastedUsageBatch | undefined, now: Date): number {
  const plan = unsettledOf(state, batch, now);
  return plan ? plannedRecordCount(plan) : 0;
}

/** Whether the stored batch is what a confirmed retry of this answer sends (it never went through the edit form). */
export async function sendsStoredBatch(
  answers: Pick<AnswerStore, 'get'>,
  answerId: string,
  now: Date,
): Promise<boolean> {
  const stored = await answers.get(answerId);
  const batch = stored?.usageBatch;
  return batch !== undefined && batch.records.length > 0 && !needsEditing(batch, planBatch(batch, now));
}
