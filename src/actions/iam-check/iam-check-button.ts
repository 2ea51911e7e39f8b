import { iamCheck } from '../../aws/iam-check.js';
import { renderIamCheck } from './render.js';
import { chunkLines } from '../../slack/blocks/limits.js';
import { refuse } from '../access/refuse.js';
import type { AwsActionContext, AwsActionDeps } from '../types.js';
import { CLAIMS } from '../../store/keys.js';

/** A double click or Slack's retry of the click runs one check, not two. */
const IAM_LOCK_MS = 60_000;

/** The `iam-check` button handler (registered as `ActionHandlers.iamCheck`). */
export function createIamCheckHandler(deps: AwsActionDeps) {
  return async (ctx: AwsActionContext): Promise<void> => {
    const userId = ctx.user.id;
    if (!deps.config.iamCheckOpen && !(await deps.allowlist.isAllowed(userId))) {
      await refuse(deps, 'iam-check', userId, (t) => ctx.replyEphemeral(t), { channelId: ctx.channelId });
      return;
    }
    const lock = CLAIMS.iamCheckLock(ctx.answerId);
    if (!(await deps.store.claim(lock, IAM_LOCK_MS))) {
      await ctx.replyEphemeral(
        ':hourglass_flowing_sand: An IAM check for this answer is already running; its result will appear in the thread.',
      );
      return;
    }
    try {
      const roleArn = ctx.payload.facts.roleArn;
      const report = await iamCheck(deps.clients(), roleArn ? { principalRoleArn: roleArn } : {});
      const text = renderIamCheck(report);
      const failed = report.items.filter((i) => i.mark === 'fail').length;
      const unknown = report.items.filter((i) => i.mark === 'unknown').length;
      const summary = `${report.items.length - failed - unknown} passed, ${failed} failed, ${unknown} not checked${report.simulatedFor ? ` (simulated for ${report.simulatedFor})` : ''}`;
      const result = failed > 0 || unknown > 0 ? 'partial' : 'ok';
      deps.insights?.tried(ctx.answerId, { kind: 'iam-check', result, summary, requestIds: report.requestIds });
      await deps.audit.record({
        action: 'iam-check',
        actor: userId,
        result,
        summary,
        sent: report.missingActions.map((a) => `missing ${a}`),
        requestIds: report.requestIds,
        ...(ctx.channelId ? { channelId: ctx.channelId } : {}),
        ...(ctx.messageTs ? { messageTs: ctx.messageTs } : {}),
      });
      await ctx.postInThread({
        text: `IAM check by <@${userId}>: ${summary}`,
        blocks: chunkLines([`IAM check by <@${userId}>`, ...text.split('\n')])
          .slice(0, 45)
          .map((t) => ({ type: 'section', text: { type: 'mrkdwn', text: t } })),
      });
    } finally {
      await deps.store.release(lock);
    }
  };
}
