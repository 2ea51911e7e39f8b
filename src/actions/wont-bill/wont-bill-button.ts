import type { App, types } from '@slack/bolt';
import { z } from 'zod';
import { openRecords, unitsByDimension } from '../../core/index.js';
import { handledMessage, postToPlace, unitsText } from '../../slack/watch/index.js';
import { NO_TEAM, type DeadlineWatch, type StoredWatch } from '../../watch/index.js';
import { teamIdOf } from '../../slack/text.js';
import { NO_LONGER_AVAILABLE, refuse } from '../access/refuse.js';
import { VIEW_IDS, type AwsActionContext, type AwsActionDeps } from '../types.js';
import { plainMessage } from '../../slack/blocks/answer.js';

/**
 * "Won't bill" on a deadline-watch message: someone allowed to resend records decides these will
 * not be resent (credited another way, a test customer, a known duplicate). A modal asks why; the
 * submission ends the watch, is recorded in the audit log with the records it gives up, and says so
 * in the thread. Same access rule as Retry: METERDOC_ALLOWED_USERS, and only from the workspace the
 * answer was posted in.
 */

const REASON_BLOCK = 'reason';
export const OTHER_WORKSPACE =
  ":no_entry: These records belong to another Slack workspace's answer, so they can only be marked *Won't bill* from there.";
const REASON_ACTION = 'reason_text';
const MAX_REASON = 500;

export interface WontBillDeps extends AwsActionDeps {
  watch: DeadlineWatch;
}

/**
 * A watch belongs to the workspace its answer was posted in (intake reports have none, and are
 * open to every workspace of the install): a click or a submission from elsewhere changes nothing.
 */
function otherWorkspace(watch: StoredWatch, teamId: string | undefined): boolean {
  return watch.team !== NO_TEAM && watch.team !== teamId;
}

async function refuseOtherWorkspace(
  deps: WontBillDeps,
  userId: string,
  teamId: string | undefined,
  reply: (text: string) => Promise<unknown>,
  channelId: string | undefined,
): Promise<void> {
  await deps.audit.record({
    action: 'wont-bill',
    actor: userId,
    result: 'refused',
    summary: `clicked from workspace ${teamId ?? 'unknown'}, not the answer's`,
    ...(channelId ? { channelId } : {}),
  });
  await reply(OTHER_WORKSPACE);
}

function endedText(watch: StoredWatch): string {
  const s = watch.state;
  if (s.status === 'handled' && s.handled) return `already marked *Won't bill* by <@${s.handled.by}>`;
  if (s.status === 'resent') return 'its records were already resent successfully';
  return 'its deadline has passed';
}

export function wontBillView(watch: StoredWatch): types.ModalView {
  const open = openRecords(watch.state);
  return {
    type: 'modal',
    callback_id: VIEW_IDS.wontBill,
    private_metadata: watch.id,
    title: { type: 'plain_text', text: "Won't bill" },
    submit: { type: 'plain_text', text: 'Stop watching' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `MeterDoc stops reminding about ${open.length} usage record${open.length === 1 ? '' : 's'} (${unitsText(unitsByDimension(open))}). They will not be billed unless someone resends them before the deadline. The reason goes to the audit log.`,
        },
      },
      {
        type: 'input',
        block_id: REASON_BLOCK,
        label: { type: 'plain_text', text: 'Why will these not be billed?' },
        element: {
          type: 'plain_text_input',
          action_id: REASON_ACTION,
          multiline: true,
          min_length: 3,
          max_length: MAX_REASON,
          placeholder: { type: 'plain_text', text: 'e.g. credited on the next invoice' },
        },
      },
    ],
  };
}

/** The `wontBill` button handler. */
export function createWontBillHandler(deps: WontBillDeps) {
  return async (ctx: AwsActionContext): Promise<void> => {
    const userId = ctx.user.id;
    if (!(await deps.allowlist.isAllowed(userId))) {
      await refuse(deps, 'wont-bill', userId, (t) => ctx.replyEphemeral(t), { channelId: ctx.channelId });
      return;
    }
    const watch = await deps.watch.registry.forAnswer(ctx.answerId);
    if (!watch) {
      await ctx.replyEphemeral(`${NO_LONGER_AVAILABLE}: MeterDoc is not watching these records any more.`);
      return;
    }
    if (otherWorkspace(watch, ctx.teamId)) {
      await refuseOtherWorkspace(deps, userId, ctx.teamId, (t) => ctx.replyEphemeral(t), ctx.channelId);
      return;
    }
    if (watch.state.status !== 'open') {
      await ctx.replyEphemeral(`${NO_LONGER_AVAILABLE}: ${endedText(watch)}.`);
      return;
    }
    if (!ctx.triggerId) {
      await ctx.replyEphemeral(
        ':warning: MeterDoc cannot open the reason dialog for this click (no trigger_id), so nothing changed.',
      );
      return;
    }
    await ctx.client.views.open({ trigger_id: ctx.triggerId, view: wontBillView(watch) });
  };
}

const submissionSchema = z.looseObject({
  user: z.looseObject({ id: z.string(), team_id: z.string().optional() }),
  view: z.looseObject({
    private_metadata: z.string(),
    state: z
      .looseObject({
        values: z.record(z.string(), z.record(z.string(), z.looseObject({ value: z.string().nullish() }))),
      })
      .optional(),
  }),
});

/** The submitted reason: the watch ends, the audit log says who gave up what and why, the thread hears it. */
export async function runWontBill(
  deps: WontBillDeps,
  input: { watchId: string; userId: string; teamId: string | undefined; reason: string },
): Promise<'handled' | 'refused' | 'ended' | 'unknown'> {
  const { userId } = input;
  const tell = (text: string) => deps.poster.post(userId, plainMessage(text));
  const before = await deps.watch.registry.get(input.watchId);
  if (!before) {
    await tell(`${NO_LONGER_AVAILABLE}: MeterDoc is not watching these records any more.`);
    return 'unknown';
  }
  const channelId = before.place.kind === 'thread' ? before.place.channelId : undefined;
  if (!(await deps.allowlist.isAllowed(userId))) {
    await refuse(deps, 'wont-bill', userId, (t) => tell(t).then(() => undefined), { channelId });
    return 'refused';
  }
  if (otherWorkspace(before, input.teamId)) {
    await refuseOtherWorkspace(deps, userId, input.teamId, tell, channelId);
    return 'refused';
  }
  const { watch, changed } = await deps.watch.handle(input.watchId, { by: userId, reason: input.reason });
  if (!watch || !changed) {
    await tell(
      `${NO_LONGER_AVAILABLE}: ${watch ? endedText(watch) : 'MeterDoc is not watching these records any more'}.`,
    );
    return 'ended';
  }
  const given = watch.state.records.filter((r) => r.state === 'handled');
  await deps.audit.record({
    action: 'wont-bill',
    actor: userId,
    result: 'ok',
    summary: `${given.length} record${given.length === 1 ? '' : 's'} not to be billed (${unitsByDimension(given)
      .map((d) => `${d.dimension} ${d.units}`)
      .join(', ')}): ${input.reason}`,
    sent: given.map((r) => `${r.timestamp} ${r.dimension} ${r.quantity ?? '?'}${r.customer ? ` ${r.customer}` : ''}`),
    ...(channelId ? { channelId } : {}),
    ...(before.place.kind === 'thread' && before.place.threadTs ? { messageTs: before.place.threadTs } : {}),
  });
  await postToPlace(deps.poster, watch.place, handledMessage(watch)).catch((err: unknown) =>
    deps.logger.error({ err: (err as Error).message }, "could not post the Won't bill note"),
  );
  return 'handled';
}

export function registerWontBillView(app: Pick<App, 'view'>, deps: WontBillDeps): void {
  app.view(VIEW_IDS.wontBill, async ({ ack, body }) => {
    const parsed = submissionSchema.safeParse(body);
    const reason = parsed.success
      ? (parsed.data.view.state?.values[REASON_BLOCK]?.[REASON_ACTION]?.value ?? '').trim()
      : '';
    if (!parsed.success || reason.length < 3) {
      await ack({
        response_action: 'errors',
        errors: { [REASON_BLOCK]: 'Say in a few words why these records will not be billed.' },
      });
      return;
    }
    await ack({ response_action: 'clear' });
    try {
      await runWontBill(deps, {
        watchId: parsed.data.view.private_metadata,
        userId: parsed.data.user.id,
        teamId: teamIdOf(body) ?? parsed.data.user.team_id,
        reason: reason.slice(0, MAX_REASON),
      });
    } catch (err) {
      deps.logger.error({ err: (err as Error).message }, "Won't bill failed unexpectedly");
    }
  });
}
