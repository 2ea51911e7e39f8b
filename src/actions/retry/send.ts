import type { types } from '@slack/bolt';
import { MAX_RETRY_DELAY_MS } from '../../aws/http-handler.js';
import { emptyCounts, retryBatch, type RetryOutcome } from '../../aws/retry-batch.js';
import { mergeSettled, unsettledPlan } from '../../core/usage/settled.js';
import { planBatch, plannedRecordCount, type BatchPlan } from '../../core/usage/validate-batch.js';
import { plainMessage } from '../../slack/blocks/answer.js';
import { chunkLines } from '../../slack/blocks/limits.js';
import { NO_LONGER_AVAILABLE, refuse } from '../access/refuse.js';
import { outcomeLines, planLines, retriedAnswer, retriedStatus, slackTime, summaryCounts } from './render.js';
import { sendsStoredBatch, unbilledCount, unsettledOf } from './remainder.js';
import { retryStateSchema, type AwsActionDeps, type RetryDraft, type RetryState } from '../types.js';
import { CLAIMS, NAMESPACES } from '../../store/keys.js';

type KnownBlock = types.KnownBlock;

/** Sends a confirmed batch once (a claim in the shared store), reports per-record outcomes in the thread and updates the original message. */

/** Slack between the end of the last call and the lock's expiry: reporting, store latency, clock skew. */
const LOCK_MARGIN_MS = 60_000;

/**
 * How long the retry lock is held: longer than the longest the send can take, so a second click
 * while a call hangs finds the lock and sends nothing. Resolving credentials may first run an
 * AssumeRole with the same timeouts (one `callMs`); each call then runs up to its deadline, plus
 * one back-off the SDK sleeps before it notices the deadline passed. Released early when nothing
 * reached AWS.
 */
export function retryLockTtlMs(callCount: number, callMs: number): number {
  return callMs + callCount * (callMs + MAX_RETRY_DELAY_MS) + LOCK_MARGIN_MS;
}

export function lockKey(answerId: string): string {
  return CLAIMS.retryLock(answerId);
}

function stateStore(deps: Pick<AwsActionDeps, 'store'>) {
  return deps.store.namespace<RetryState>(NAMESPACES.retryState, 30 * 24 * 3_600_000);
}

export async function retryState(
  deps: Pick<AwsActionDeps, 'store'>,
  answerId: string,
): Promise<RetryState | undefined> {
  const parsed = retryStateSchema.safeParse(await stateStore(deps).get(answerId));
  return parsed.success ? parsed.data : undefined;
}

async function tell(deps: AwsActionDeps, draft: RetryDraft | undefined, userId: string, text: string): Promise<void> {
  // Ephemeral in the answer's channel when there is one, else a DM from the bot.
  if (draft?.channelId) await deps.poster.ephemeral(draft.channelId, userId, plainMessage(text));
  else await deps.poster.post(userId, plainMessage(text));
}

async function postReport(
  deps: AwsActionDeps,
  draft: RetryDraft,
  userId: string,
  text: string,
  lines: string[],
): Promise<void> {
  const blocks: KnownBlock[] = chunkLines([text, ...lines])
    .slice(0, 45)
    .map((t) => ({ type: 'section', text: { type: 'mrkdwn', text: t } }));
  const thread = draft.threadTs ?? draft.messageTs;
  if (draft.channelId && thread && !draft.isEphemeral)
    await deps.poster.post(draft.channelId, { text, blocks }, thread);
  else if (draft.channelId) await deps.poster.ephemeral(draft.channelId, userId, { text, blocks });
  else await deps.poster.post(userId, { text, blocks });
}

/**
 * The answer message again with who retried it and how it went: without the Retry button, or
 * (when `retryLabel` is given) with it relabelled to resend what is still unbilled.
 */
async function updateOriginal(
  deps: AwsActionDeps,
  draft: RetryDraft,
  statusLine: string,
  retryLabel?: string,
): Promise<void> {
  if (!draft.channelId || !draft.messageTs || draft.isEphemeral) return;
  const stored = await deps.answers.get(draft.answerId);
  if (!stored) return;
  await deps.poster.update(
    draft.channelId,
    draft.messageTs,
    retriedAnswer(stored, draft.answerId, statusLine, retryLabel),
  );
}

function sentLines(plan: BatchPlan): string[] {
  return planLines(plan).send;
}

interface ToSend {
  plan: BatchPlan;
  state?: RetryState;
  /** The draft's batch is the stored answer's, so settled indexes apply to it. */
  fromStored: boolean;
  /** Set when nothing may be sent: what to tell the person. */
  refusal?: string;
}

/**
 * What a submission may send now: the whole plan for a first retry; after an answered retry only
 * the stored batch's records no retry has settled, and never one the dialog did not list (`only`).
 */
async function whatToSend(deps: AwsActionDeps, draft: RetryDraft, now: Date): Promise<ToSend> {
  const state = await retryState(deps, draft.answerId);
  const fromStored = !draft.edited && (await sendsStoredBatch(deps.answers, draft.answerId, now));
  const full = planBatch(draft.batch, now);
  if (!state) return { plan: draft.only ? unsettledPlan(full, new Set(), new Set(draft.only)) : full, fromStored };
  const rest = fromStored ? unsettledOf(state, draft.batch, now, draft.only) : undefined;
  if (rest && plannedRecordCount(rest) > 0) return { plan: rest, state, fromStored };
  return {
    plan: rest ?? full,
    state,
    fromStored,
    refusal: `${NO_LONGER_AVAILABLE}: already retried by <@${state.by}> at ${slackTime(new Date(state.at))} (${state.summary})${state.settled ? '; nothing this dialog listed is left unbilled and sendable' : ''}.`,
  };
}

function sameList(a: readonly number[] | undefined, b: readonly number[] | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((x, i) => x === b[i]));
}

/** Indexes of the records AWS accepted in this retry: billed (or already metered), never to be sent again. */
function acceptedIndexes(outcome: RetryOutcome): number[] {
  return outcome.records.filter((r) => r.status === 'Success' || r.status === 'DuplicateRecord').map((r) => r.index);
}

/**
 * Submission of the confirm modal: the one place records are sent. Returns once the work is done;
 * the Slack app acks the submission first (`{ response_action: 'clear' }`) and then calls this.
 *
 * Billing safety: what to send is decided while holding the retry lock, from the retry state read
 * under it, and the state (with the records AWS settled) is stored before the lock is let go. So
 * a retry that claims the lock after another one always sees what that one settled.
 */
export async function runConfirmedRetry(
  deps: AwsActionDeps,
  input: { draftId: string; userId: string },
): Promise<{ sent: boolean; outcome?: RetryOutcome; plan?: BatchPlan }> {
  const { userId } = input;
  const draft = await deps.drafts.get(input.draftId);
  if (!draft) {
    await tell(
      deps,
      undefined,
      userId,
      `${NO_LONGER_AVAILABLE}: this retry dialog was already sent or has expired. Click Retry again.`,
    );
    return { sent: false };
  }
  if (!(await deps.allowlist.isAllowed(userId))) {
    await refuse(deps, 'retry', userId, (t) => tell(deps, draft, userId, t), { channelId: draft.channelId });
    return { sent: false };
  }
  // A first look, to answer at once when nothing is left; the decision is made again under the lock.
  const early = await whatToSend(deps, draft, deps.now());
  if (early.refusal) {
    await tell(deps, draft, userId, early.refusal);
    return { sent: false };
  }
  const clients = deps.clients();
  const callMs = await clients.longestMeteringCallMs();
  if (
    !(await deps.store.claim(
      lockKey(draft.answerId),
      retryLockTtlMs(planBatch(draft.batch, deps.now()).calls.length, callMs),
    ))
  ) {
    await tell(
      deps,
      draft,
      userId,
      ':hourglass_flowing_sand: This batch is already being sent (someone clicked first). The result will appear in the thread.',
    );
    return { sent: false };
  }

  let keepLock = false;
  try {
    // Decided again under the lock: a retry that held it meanwhile may have settled records, and a
    // record may have gone stale while the dialog was open.
    const now = deps.now();
    const { plan, state, fromStored, refusal } = await whatToSend(deps, draft, now);
    if (refusal) {
      keepLock = true;
      await tell(deps, draft, userId, refusal);
      return { sent: false };
    }
    const where = {
      ...(draft.channelId ? { channelId: draft.channelId } : {}),
      ...(draft.messageTs ? { messageTs: draft.messageTs } : {}),
    };
    if (plannedRecordCount(plan) === 0) {
      const summary = summaryCounts(plan, undefined);
      await deps.audit.record({ action: 'retry', actor: userId, result: 'nothing-to-send', summary, ...where });
      deps.insights?.tried(draft.answerId, { kind: 'retry', result: 'nothing-to-send', summary, requestIds: [] });
      await postReport(
        deps,
        draft,
        userId,
        `*Nothing sent* by <@${userId}>: ${summary}.`,
        outcomeLines(plan, { records: [], calls: [], counts: emptyCounts(), anyAnswered: false }),
      );
      if (plan.stale.length > 0 && plan.invalid.length === 0) {
        // Every record is past the window: the button can never do anything again.
        keepLock = true;
        const state: RetryState = { by: userId, at: now.toISOString(), summary };
        await stateStore(deps).set(draft.answerId, state);
        await updateOriginal(
          deps,
          draft,
          `Retry checked by <@${userId}> at ${slackTime(now)}: ${summary} — nothing left to send.`,
        );
      }
      return { sent: false, plan };
    }

    const outcome = await retryBatch(clients.metering, plan, { callDeadlineMs: callMs });
    const summary = summaryCounts(plan, outcome);
    let progress: { settled: number; total: number; left: number } | undefined;
    if (outcome.anyAnswered) {
      // Stored first, before reporting and before the lock can go: the next retry must see it.
      keepLock = true;
      const settled = fromStored ? mergeSettled(state?.settled ?? [], acceptedIndexes(outcome)) : undefined;
      const next: RetryState = { by: userId, at: now.toISOString(), summary, ...(settled ? { settled } : {}) };
      // The store is best effort (a set can fail without throwing): read it back before trusting it.
      const written = (await stateStore(deps).set(draft.answerId, next)) !== false;
      const readBack = written ? await retryState(deps, draft.answerId) : undefined;
      const stored = readBack?.at === next.at && readBack.by === next.by && sameList(readBack.settled, settled);
      // This dialog got its answer: submitting it again (a double click) finds no draft and sends nothing.
      await deps.drafts.delete(input.draftId).catch(() => undefined);
      if (settled) {
        progress = {
          settled: settled.length,
          total: draft.batch.records.length,
          left: unbilledCount(next, draft.batch, now),
        };
        // Records are left to send: free the batch so the next retry can claim it, but only once
        // the state that says what it must not send again is surely stored (else the lock runs out).
        keepLock = progress.left === 0 || !stored;
      }
    }
    const requestIds = outcome.calls.flatMap((c) => (c.requestId ? [c.requestId] : []));
    const failedCalls = outcome.calls.filter((c) => c.error);
    const result = !outcome.anyAnswered
      ? 'failed'
      : failedCalls.length > 0 || outcome.counts.Success !== plannedRecordCount(plan)
        ? 'partial'
        : 'ok';
    await deps.audit.record({
      action: 'retry',
      actor: userId,
      result,
      summary,
      sent: sentLines(plan),
      requestIds,
      ...where,
    });
    deps.insights?.tried(draft.answerId, { kind: 'retry', result, summary, requestIds });
    // Accepted (or already recorded by AWS): billed, so no longer at risk.
    const billed = acceptedIndexes(outcome).map((i) => draft.batch.records[i]!);
    await deps.watch?.resent(draft.answerId, billed);

    const errors = failedCalls.map(
      (c) =>
        `:x: BatchMeterUsage failed after ${c.attempts ?? 1} attempt(s): *${c.error!.name}* ${c.error!.message}${c.requestId ? ` (request ${c.requestId})` : ''}`,
    );
    const head = `*Retried by <@${userId}>*: ${summary}.${requestIds.length ? ` AWS request ID${requestIds.length > 1 ? 's' : ''}: ${requestIds.join(', ')}` : ''}`;
    await postReport(deps, draft, userId, head, [...errors, ...outcomeLines(plan, outcome)]);

    if (outcome.anyAnswered) {
      const status = retriedStatus(userId, now, summary, progress);
      await updateOriginal(deps, draft, status.line, status.retryLabel);
    }
    return { sent: true, outcome, plan };
  } finally {
    // Nothing reached AWS, or records are left unbilled: free the batch for the next retry.
    if (!keepLock) await deps.store.release(lockKey(draft.answerId));
  }
}

/** Whether the answer's Retry button has nothing left to send (the deadline watch then offers no Retry). */
export async function retryExhausted(
  deps: Pick<AwsActionDeps, 'store' | 'answers'>,
  answerId: string,
  now: Date,
): Promise<boolean> {
  const state = await retryState(deps, answerId);
  if (!state) return false;
  const stored = await deps.answers.get(answerId);
  return unbilledCount(state, stored?.usageBatch, now) === 0;
}
