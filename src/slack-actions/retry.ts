import type { App, ViewSubmitAction } from '@slack/bolt';
import type { types } from '@slack/bolt';
import { z } from 'zod';
import { retryBatch, type RetryOutcome } from '../aws/retry-batch.js';
import type { PastedUsageBatch } from '../core/extract/usage-records.js';
import { planBatch, plannedRecordCount, type BatchPlan } from '../core/usage/validate-batch.js';
import { batchFromWire, toWire, wireBatchSchema } from '../core/usage/wire.js';
import { renderAnswer, type SlackMessage } from '../slack/blocks/answer.js';
import { chunkLines } from '../slack/blocks/limits.js';
import { NO_LONGER_AVAILABLE, refuse } from './refuse.js';
import { outcomeLines, planBlocks, planLines, slackTime, summaryCounts } from './render.js';
import { VIEW_IDS, retryStateSchema, type AwsActionContext, type AwsActionDeps, type RetryDraft, type RetryState } from './types.js';

type View = types.View;
type KnownBlock = types.KnownBlock;

/**
 * Retry a failed BatchMeterUsage batch from Slack:
 * click → (allowlist) → edit form when the paste held no complete record → confirm modal that lists
 * exactly what will be sent and what is left out → submit → one send per batch (a claim in the
 * shared store) → per-record outcomes in the thread, the original message updated in place.
 */

const DRAFT_TTL_MS = 60 * 60_000;
/** Long enough to cover the SDK's retries of every call; released early when nothing was answered. */
const LOCK_TTL_MS = 10 * 60_000;
const STATE_NAMESPACE = 'retry-state';
const EDIT_BLOCK = 'records';
const EDIT_ACTION = 'records_json';
const EDIT_MAX_CHARS = 3000;

export function lockKey(answerId: string): string {
  return `retry-lock:${answerId}`;
}

function stateStore(deps: AwsActionDeps) {
  return deps.store.namespace<RetryState>(STATE_NAMESPACE, 30 * 24 * 3_600_000);
}

export async function retryState(deps: AwsActionDeps, answerId: string): Promise<RetryState | undefined> {
  const parsed = retryStateSchema.safeParse(await stateStore(deps).get(answerId));
  return parsed.success ? parsed.data : undefined;
}

function plain(text: string): types.PlainTextElement {
  return { type: 'plain_text', text: text.slice(0, 75) };
}

/** A plan is "complete" when the only reasons not to send are the clock's (stale records). */
function needsEditing(batch: PastedUsageBatch, plan: BatchPlan): boolean {
  return batch.records.length === 0 || plan.batchProblems.length > 0 || plan.invalid.some((v) => v.problems.some((p) => /missing|no customer|no product/.test(p)));
}

function editView(draftId: string, batch: PastedUsageBatch, prefill: Record<string, string | undefined>, problems: string[]): View {
  const records =
    batch.records.length > 0
      ? batch.records.map(toWire)
      : [
          Object.fromEntries(
            Object.entries({
              Timestamp: prefill.timestamp ?? '',
              Dimension: prefill.dimension ?? '',
              Quantity: null,
              CustomerIdentifier: prefill.customerIdentifier,
              CustomerAWSAccountId: prefill.customerAwsAccountId,
              LicenseArn: prefill.licenseArn,
            }).filter(([, v]) => v !== undefined),
          ),
        ];
  const productCode = batch.productCode ?? prefill.productCode;
  const json = JSON.stringify({ ...(productCode ? { ProductCode: productCode } : {}), UsageRecords: records }, null, 2);
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text:
          'Complete the records exactly as your metering job first sent them (BatchMeterUsage JSON). Use the *original* timestamp and quantity: a changed one is a different record and a second bill.' +
          (problems.length > 0 ? `\n*Still to fix:*\n${problems.slice(0, 10).map((p) => `• ${p}`).join('\n')}` : ''),
      },
    },
  ];
  if (json.length > EDIT_MAX_CHARS) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: 'This batch is too large to edit here. Fix it at the source and post it through the intake endpoint.' } });
    return { type: 'modal', callback_id: VIEW_IDS.retryEdit, private_metadata: draftId, title: plain('Retry failed records'), close: plain('Close'), blocks };
  }
  blocks.push({
    type: 'input',
    block_id: EDIT_BLOCK,
    label: plain('Usage records'),
    element: { type: 'plain_text_input', action_id: EDIT_ACTION, multiline: true, initial_value: json, max_length: EDIT_MAX_CHARS },
  });
  return { type: 'modal', callback_id: VIEW_IDS.retryEdit, private_metadata: draftId, title: plain('Retry failed records'), submit: plain('Review'), close: plain('Cancel'), blocks };
}

export function confirmView(draftId: string, plan: BatchPlan): View {
  const count = plannedRecordCount(plan);
  const view: View = {
    type: 'modal',
    callback_id: VIEW_IDS.retryConfirm,
    private_metadata: draftId,
    title: plain('Confirm retry'),
    close: plain(count > 0 ? 'Cancel' : 'Close'),
    blocks: planBlocks(plan),
  };
  if (count > 0) view.submit = plain(`Send ${count} record${count === 1 ? '' : 's'}`);
  return view;
}

async function saveDraft(deps: AwsActionDeps, draft: RetryDraft): Promise<string> {
  return deps.drafts.put(draft, DRAFT_TTL_MS);
}

/** The `retry` button handler (registered as `ActionHandlers.retry`). */
export function createRetryHandler(deps: AwsActionDeps) {
  return async (ctx: AwsActionContext): Promise<void> => {
    const userId = ctx.user.id;
    if (!(await deps.allowlist.isAllowed(userId))) {
      await refuse(deps, 'retry', userId, (t) => ctx.replyEphemeral(t), { channelId: ctx.channelId });
      return;
    }
    const done = await retryState(deps, ctx.answerId);
    if (done) {
      await ctx.replyEphemeral(`${NO_LONGER_AVAILABLE}: these records were already retried by <@${done.by}> at ${slackTime(new Date(done.at))} (${done.summary}).`);
      return;
    }
    if (!ctx.triggerId) {
      await ctx.replyEphemeral(':warning: MeterDoc cannot open the confirm dialog for this click (no trigger_id), so nothing was sent.');
      return;
    }
    const batch = ctx.payload.usageBatch ?? { records: [], origin: 'record' as const, ...(ctx.payload.facts.productCode ? { productCode: ctx.payload.facts.productCode } : {}) };
    const draft: RetryDraft = {
      answerId: ctx.answerId,
      batch,
      ...(ctx.payload.facts.code ? { code: ctx.payload.facts.code } : {}),
      ...(ctx.channelId ? { channelId: ctx.channelId } : {}),
      ...(ctx.messageTs ? { messageTs: ctx.messageTs } : {}),
      ...(ctx.threadTs ? { threadTs: ctx.threadTs } : {}),
      isEphemeral: ctx.isEphemeral,
      openedBy: userId,
    };
    const draftId = await saveDraft(deps, draft);
    const plan = planBatch(batch, deps.now());
    const f = ctx.payload.facts;
    const view = needsEditing(batch, plan)
      ? editView(draftId, batch, { productCode: f.productCode, licenseArn: f.licenseArn, customerIdentifier: f.customerIdentifier, customerAwsAccountId: f.customerAwsAccountId, dimension: f.dimension, timestamp: f.timestamp }, [
          ...plan.batchProblems,
          ...plan.invalid.map((v) => `record #${v.index + 1}: ${v.problems.join('; ')}`),
        ])
      : confirmView(draftId, plan);
    await ctx.client.views.open({ trigger_id: ctx.triggerId, view });
  };
}

export type ViewSubmissionResponse =
  | { response_action: 'errors'; errors: Record<string, string> }
  | { response_action: 'update'; view: View }
  | { response_action: 'clear' }
  | undefined;

const editedSchema = z.string().transform((text, ctx) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    ctx.addIssue({ code: 'custom', message: 'not valid JSON' });
    return z.NEVER;
  }
}).pipe(wireBatchSchema);

/** Submission of the edit form: validate, then swap the modal for the confirm view. */
export async function handleEditSubmission(deps: AwsActionDeps, input: { draftId: string; userId: string; text: string | undefined }): Promise<ViewSubmissionResponse> {
  const draft = await deps.drafts.get(input.draftId);
  if (!draft) return { response_action: 'errors', errors: { [EDIT_BLOCK]: 'This retry has expired. Close the dialog and click Retry again.' } };
  const parsed = editedSchema.safeParse(input.text ?? '');
  if (!parsed.success) {
    const msg = parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'records'}: ${i.message}`).join('; ');
    return { response_action: 'errors', errors: { [EDIT_BLOCK]: msg.slice(0, 300) } };
  }
  const batch = batchFromWire(parsed.data, draft.batch.origin);
  const plan = planBatch(batch, deps.now());
  if (needsEditing(batch, plan)) {
    const msg = [...plan.batchProblems, ...plan.invalid.map((v) => `#${v.index + 1}: ${v.problems.join('; ')}`)].join(' | ');
    return { response_action: 'errors', errors: { [EDIT_BLOCK]: msg.slice(0, 300) } };
  }
  const draftId = await saveDraft(deps, { ...draft, batch, openedBy: input.userId });
  return { response_action: 'update', view: confirmView(draftId, plan) };
}

async function tell(deps: AwsActionDeps, draft: RetryDraft | undefined, userId: string, text: string): Promise<void> {
  // Ephemeral in the answer's channel when there is one, else a DM from the bot.
  if (draft?.channelId) await deps.slack.chat.postEphemeral({ channel: draft.channelId, user: userId, text });
  else await deps.slack.chat.postMessage({ channel: userId, text });
}

async function postReport(deps: AwsActionDeps, draft: RetryDraft, userId: string, text: string, lines: string[]): Promise<void> {
  const blocks: KnownBlock[] = chunkLines([text, ...lines]).slice(0, 45).map((t) => ({ type: 'section', text: { type: 'mrkdwn', text: t } }));
  const thread = draft.threadTs ?? draft.messageTs;
  if (draft.channelId && thread && !draft.isEphemeral) await deps.slack.chat.postMessage({ channel: draft.channelId, thread_ts: thread, text, blocks });
  else if (draft.channelId) await deps.slack.chat.postEphemeral({ channel: draft.channelId, user: userId, text, blocks });
  else await deps.slack.chat.postMessage({ channel: userId, text, blocks });
}

/** The answer message again, without the Retry button, with who retried it and how it went. */
async function updateOriginal(deps: AwsActionDeps, draft: RetryDraft, statusLine: string): Promise<void> {
  if (!draft.channelId || !draft.messageTs || draft.isEphemeral) return;
  const stored = await deps.answers.get(draft.answerId);
  if (!stored) return;
  const answer = { ...stored.answer, actions: stored.answer.actions.filter((a) => a !== 'retry') };
  const message: SlackMessage = renderAnswer(answer, { answerId: draft.answerId });
  const blocks = [...message.blocks];
  const status: KnownBlock = { type: 'context', elements: [{ type: 'mrkdwn', text: statusLine }] };
  const actionsAt = blocks.findIndex((b) => b.type === 'actions');
  blocks.splice(actionsAt >= 0 ? actionsAt : blocks.length, 0, status);
  await deps.slack.chat.update({ channel: draft.channelId, ts: draft.messageTs, text: message.text, blocks });
}

function sentLines(plan: BatchPlan): string[] {
  return planLines(plan).send;
}

/**
 * Submission of the confirm modal: the one place records are sent. Returns once the work is done;
 * the Slack app acks the submission first (`{ response_action: 'clear' }`) and then calls this.
 */
export async function runConfirmedRetry(deps: AwsActionDeps, input: { draftId: string; userId: string }): Promise<{ sent: boolean; outcome?: RetryOutcome; plan?: BatchPlan }> {
  const { userId } = input;
  const draft = await deps.drafts.get(input.draftId);
  if (!draft) {
    await tell(deps, undefined, userId, `${NO_LONGER_AVAILABLE}: the retry dialog expired. Click Retry again.`);
    return { sent: false };
  }
  if (!(await deps.allowlist.isAllowed(userId))) {
    await refuse(deps, 'retry', userId, (t) => tell(deps, draft, userId, t), { channelId: draft.channelId });
    return { sent: false };
  }
  const already = await retryState(deps, draft.answerId);
  if (already) {
    await tell(deps, draft, userId, `${NO_LONGER_AVAILABLE}: already retried by <@${already.by}> at ${slackTime(new Date(already.at))} (${already.summary}).`);
    return { sent: false };
  }
  if (!(await deps.store.claim(lockKey(draft.answerId), LOCK_TTL_MS))) {
    await tell(deps, draft, userId, ':hourglass_flowing_sand: This batch is already being sent (someone clicked first). The result will appear in the thread.');
    return { sent: false };
  }

  let keepLock = false;
  try {
    // Planned again at send time: a record may have gone stale while the dialog was open.
    const now = deps.now();
    const plan = planBatch(draft.batch, now);
    const where = { ...(draft.channelId ? { channelId: draft.channelId } : {}), ...(draft.messageTs ? { messageTs: draft.messageTs } : {}) };
    if (plannedRecordCount(plan) === 0) {
      const summary = summaryCounts(plan, undefined);
      await deps.audit.record({ action: 'retry', actor: userId, result: 'nothing-to-send', summary, ...where });
      deps.insights?.tried(draft.answerId, { kind: 'retry', result: 'nothing-to-send', summary, requestIds: [] });
      await postReport(deps, draft, userId, `*Nothing sent* by <@${userId}>: ${summary}.`, outcomeLines(plan, { records: [], calls: [], counts: { Success: 0, CustomerNotSubscribed: 0, DuplicateRecord: 0, Unprocessed: 0, Failed: 0, NotSent: 0, NoResult: 0, Unknown: 0 }, anyAnswered: false }));
      if (plan.stale.length > 0 && plan.invalid.length === 0) {
        // Every record is past the window: the button can never do anything again.
        keepLock = true;
        const state: RetryState = { by: userId, at: now.toISOString(), summary };
        await stateStore(deps).set(draft.answerId, state);
        await updateOriginal(deps, draft, `Retry checked by <@${userId}> at ${slackTime(now)}: ${summary} — nothing left to send.`);
      }
      return { sent: false, plan };
    }

    const outcome = await retryBatch(deps.clients().metering, plan);
    const summary = summaryCounts(plan, outcome);
    const requestIds = outcome.calls.flatMap((c) => (c.requestId ? [c.requestId] : []));
    const failedCalls = outcome.calls.filter((c) => c.error);
    const result = !outcome.anyAnswered ? 'failed' : failedCalls.length > 0 || outcome.counts.Success !== plannedRecordCount(plan) ? 'partial' : 'ok';
    await deps.audit.record({ action: 'retry', actor: userId, result, summary, sent: sentLines(plan), requestIds, ...where });
    deps.insights?.tried(draft.answerId, { kind: 'retry', result, summary, requestIds });

    const errors = failedCalls.map((c) => `:x: BatchMeterUsage failed after ${c.attempts ?? 1} attempt(s): *${c.error!.name}* ${c.error!.message}${c.requestId ? ` (request ${c.requestId})` : ''}`);
    const head = `*Retried by <@${userId}>*: ${summary}.${requestIds.length ? ` AWS request ID${requestIds.length > 1 ? 's' : ''}: ${requestIds.join(', ')}` : ''}`;
    await postReport(deps, draft, userId, head, [...errors, ...outcomeLines(plan, outcome)]);

    if (outcome.anyAnswered) {
      keepLock = true;
      await stateStore(deps).set(draft.answerId, { by: userId, at: now.toISOString(), summary });
      await updateOriginal(deps, draft, `Retried by <@${userId}> at ${slackTime(now)}: ${summary}`);
    }
    return { sent: true, outcome, plan };
  } finally {
    // Nothing reached AWS successfully: free the batch so it can be retried once the cause is fixed.
    if (!keepLock) await deps.store.release(lockKey(draft.answerId));
  }
}

/** Bolt wiring for the two modals. */
export type ViewRegistrar = Pick<App, 'view'>;

export function registerRetryViews(app: ViewRegistrar, deps: AwsActionDeps): void {
  app.view<ViewSubmitAction>({ callback_id: VIEW_IDS.retryEdit, type: 'view_submission' }, async ({ ack, body, view }) => {
    // `state` is always sent by Slack, but a payload without it must get a field error, not a crash before the ack.
    const text = view.state?.values?.[EDIT_BLOCK]?.[EDIT_ACTION]?.value ?? undefined;
    await ack(await handleEditSubmission(deps, { draftId: view.private_metadata, userId: body.user.id, text }));
  });
  app.view<ViewSubmitAction>({ callback_id: VIEW_IDS.retryConfirm, type: 'view_submission' }, async ({ ack, body, view }) => {
    await ack({ response_action: 'clear' });
    try {
      await runConfirmedRetry(deps, { draftId: view.private_metadata, userId: body.user.id });
    } catch (err) {
      deps.logger.error({ err: (err as Error)?.message }, 'retry failed unexpectedly');
    }
  });
}

