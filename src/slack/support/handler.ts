import type { types } from '@slack/bolt';
import { AuditLog } from '../../actions/audit/audit-log.js';
import type { ActionContext, ActionHandler } from '../buttons/types.js';
import { escapeCode } from '../blocks/escape.js';
import { LIMITS } from '../blocks/limits.js';
import type { SlackServices } from '../services.js';
import { supportBundleText } from './bundle.js';

export const SUPPORT_VIEW_ID = 'meterdoc_support_bundle';
/** Modal views hold up to 100 blocks; the bundle never needs more than a few. */
const MAX_SECTIONS = 20;
const FENCE = '```';

/** The text in code-block sections, cut at line ends so each stays under the section limit. */
export function codeSections(text: string, maxSections = MAX_SECTIONS): types.KnownBlock[] {
  const budget = LIMITS.sectionText - 2 * FENCE.length - 2;
  const chunks: string[] = [];
  let current = '';
  for (const raw of escapeCode(text).split('\n')) {
    const line = raw.length > budget ? `${raw.slice(0, budget - 1)}…` : raw;
    if (current && current.length + 1 + line.length > budget) {
      chunks.push(current);
      current = line;
    } else current = current ? `${current}\n${line}` : line;
  }
  if (current) chunks.push(current);
  return chunks
    .slice(0, maxSections)
    .map((c) => ({ type: 'section', text: { type: 'mrkdwn', text: `${FENCE}${c}${FENCE}` } }));
}

export function supportView(text: string): types.ModalView {
  return {
    type: 'modal',
    callback_id: SUPPORT_VIEW_ID,
    title: { type: 'plain_text', text: 'AWS Support case' },
    close: { type: 'plain_text', text: 'Done' },
    blocks: [
      {
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: 'Copy the text below into your AWS Support case as it is. Secrets are masked; read it once before you send it.',
          },
        ],
      },
      ...codeSections(text),
    ],
  };
}

/** What the bundle says was tried: the health log's trail, plus audit entries on the same message. */
async function gather(services: SlackServices, ctx: ActionContext) {
  const record = await services.insights?.answerRecord(ctx.answerId).catch(() => undefined);
  const messageTs = ctx.payload.messageTs ?? ctx.messageTs;
  const channelId = ctx.payload.channelId ?? ctx.channelId;
  const audit = messageTs
    ? (await new AuditLog(services.store).recent(200).catch(() => [])).filter(
        (e) => e.messageTs === messageTs && (!channelId || e.channelId === channelId),
      )
    : [];
  return supportBundleText({ payload: ctx.payload, record, audit });
}

/**
 * "Copy for AWS Support" (`ActionHandlers.supportBundle`): the case text in a modal. Without a
 * trigger_id (or when views.open fails) the clicker gets the same text ephemerally.
 */
export function createSupportBundleHandler(services: SlackServices): ActionHandler {
  return async (ctx) => {
    const text = await gather(services, ctx);
    if (ctx.triggerId) {
      try {
        await ctx.client.views.open({ trigger_id: ctx.triggerId, view: supportView(text) });
        ctx.logger.info('support bundle shown');
        return;
      } catch (err) {
        ctx.logger.warn(
          { err: (err as Error).message },
          'could not open the support bundle modal; answering in the channel instead',
        );
      }
    }
    await ctx.replyEphemeral({
      text: 'Case details for AWS Support',
      blocks: codeSections(text, LIMITS.messageBlocks),
    });
  };
}
