import { plainMessage } from '../../slack/blocks/answer.js';
import { escapeMrkdwn } from '../../slack/blocks/escape.js';

import { plannedIndexes } from '../../core/usage/settled.js';
import { planBatch, plannedRecordCount } from '../../core/usage/validate-batch.js';
import { NO_LONGER_AVAILABLE, refuse } from '../access/refuse.js';
import { confirmView, editView, needsEditing, saveDraft } from './dialogs.js';
import { retryState } from './send.js';
import { settledNote, slackTime } from './render.js';
import { unsettledOf } from './remainder.js';
import type { AwsActionContext, AwsActionDeps, RetryDraft } from '../types.js';

/**
 * Retry a failed BatchMeterUsage batch from Slack:
 * click → (allowlist) → edit form when the paste held no complete record → confirm modal that lists
 * exactly what will be sent and what is left out → submit → one send per batch (a claim in the
 * shared store) → per-record outcomes in the thread, the original message updated in place.
 */

export function createRetryHandler(deps: AwsActionDeps) {
  return async (ctx: AwsActionContext): Promise<void> => {
    const userId = ctx.user.id;
    if (!(await deps.allowlist.isAllowed(userId))) {
      await refuse(deps, 'retry', userId, (t) => ctx.replyEphemeral(t), { channelId: ctx.channelId });
      return;
    }
    const done = await retryState(deps, ctx.answerId);
    // After an answered retry only what it left unbilled may be sent, and only from the stored batch.
    const rest = done ? unsettledOf(done, ctx.payload.usageBatch, deps.now()) : undefined;
    if (done && (!rest || plannedRecordCount(rest) === 0)) {
      // MeterDoc's own mention and date must render, so this goes as mrkdwn, not as text to escape.
      await ctx.replyEphemeral(
        plainMessage(
          `${escapeMrkdwn(NO_LONGER_AVAILABLE)}: these records were already retried by <@${done.by}> at ${slackTime(new Date(done.at))} (${escapeMrkdwn(done.summary)}).${rest && rest.stale.length > 0 ? ` ${rest.stale.length} still unbilled ${rest.stale.length === 1 ? 'record is' : 'records are'} past the billing window: nothing is left to send.` : ''}`,
        ),
      );
      return;
    }
    if (!ctx.triggerId) {
      await ctx.replyEphemeral(
        ':warning: MeterDoc cannot open the confirm dialog for this click (no trigger_id), so nothing was sent.',
      );
      return;
    }
    const batch = ctx.payload.usageBatch ?? {
      records: [],
      origin: 'record' as const,
      ...(ctx.payload.facts.productCode ? { productCode: ctx.payload.facts.productCode } : {}),
    };
    // From a deadline reminder, the message to update after sending is the answer itself, not the reminder.
    const messageTs = ctx.fromWatch
      ? ctx.payload.channelId === ctx.channelId
        ? ctx.payload.messageTs
        : undefined
      : ctx.messageTs;
    const draft: RetryDraft = {
      answerId: ctx.answerId,
      batch,
      ...(ctx.payload.facts.code ? { code: ctx.payload.facts.code } : {}),
      ...(ctx.channelId ? { channelId: ctx.channelId } : {}),
      ...(messageTs ? { messageTs } : {}),
      ...(ctx.threadTs ? { threadTs: ctx.threadTs } : {}),
      isEphemeral: ctx.isEphemeral,
      openedBy: userId,
      ...(rest ? { only: plannedIndexes(rest) } : {}),
    };
    const draftId = await saveDraft(deps, draft);
    if (done && rest) {
      await ctx.client.views.open({
        trigger_id: ctx.triggerId,
        view: confirmView(draftId, rest, settledNote(done, batch.records.length)),
      });
      return;
    }
    const plan = planBatch(batch, deps.now());
    const f = ctx.payload.facts;
    const view = needsEditing(batch, plan)
      ? editView(
          draftId,
          batch,
          {
            productCode: f.productCode,
            licenseArn: f.licenseArn,
            customerIdentifier: f.customerIdentifier,
            customerAwsAccountId: f.customerAwsAccountId,
            dimension: f.dimension,
            timestamp: f.timestamp,
          },
          [...plan.batchProblems, ...plan.invalid.map((v) => `record #${v.index + 1}: ${v.problems.join('; ')}`)],
        )
      : confirmView(draftId, plan);
    await ctx.client.views.open({ trigger_id: ctx.triggerId, view });
  };
}
