import type { RespondFn, types } from '@slack/bolt';
import { z } from 'zod';
import type { EventRecord } from '../../ops/events.js';
import { handledEvent } from '../handled-event.js';
import { escapeMrkdwn } from '../blocks/escape.js';
import { ANSWER_STATUS_BLOCK, plainMessage, renderAnswer, type SlackMessage } from '../blocks/answer.js';
import { renderUnknownError } from '../blocks/diagnosis.js';
import { storedRelated } from '../unknown.js';
import { reasonView } from '../gaps/reason-modal.js';
import { callSlack, ThreadTarget } from '../reply.js';
import type { ButtonArgs } from './one-listener.js';
import type { SlackServices } from '../services.js';
import { teamIdOf } from '../text.js';
import { WATCH_ACTIONS_BLOCK } from '../watch/messages.js';
import { ACTION_IDS } from './ids.js';
import type { ActionContext, ActionHandler } from './types.js';
import { parseSlackPayload } from '../payload.js';

type KnownBlock = types.KnownBlock;

export { ACTION_IDS } from './ids.js';
export type { ActionContext, ActionHandler, ActionHandlers } from './types.js';

/** The parts of a `block_actions` payload the router relies on. */
const blockActionsSchema = z.looseObject({
  type: z.literal('block_actions'),
  user: z.looseObject({ id: z.string(), name: z.string().optional(), username: z.string().optional() }),
  channel: z.looseObject({ id: z.string() }).nullish(),
  container: z
    .looseObject({
      is_ephemeral: z.boolean().optional(),
      message_ts: z.string().optional(),
      channel_id: z.string().optional(),
      thread_ts: z.string().optional(),
    })
    .optional(),
  message: z.looseObject({ ts: z.string(), thread_ts: z.string().optional() }).optional(),
  actions: z
    .array(z.looseObject({ action_id: z.string(), block_id: z.string().optional(), value: z.string().optional() }))
    .min(1),
  response_url: z.string().optional(),
});

/**
 * An answer is stored just after Slack took its message, so a click may come before the write
 * (a script, or a store slow to answer): an ID not found is read again after these pauses before
 * the click is told the answer expired. A click on an answer that really expired waits this long.
 */
const MISSING_ANSWER_REREADS_MS = [50, 150, 300, 500];

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

function toRespondArgs(message: SlackMessage) {
  return { text: message.text, blocks: message.blocks };
}

/** Says something to the clicker only, through the click's response_url. */
function ephemeralReply(respond: RespondFn, logger: ActionContext['logger'], event: EventRecord | undefined) {
  return async (message: SlackMessage | string): Promise<void> => {
    const m = typeof message === 'string' ? plainMessage(escapeMrkdwn(message)) : message;
    await callSlack(
      logger,
      'response_url',
      {},
      () => respond({ response_type: 'ephemeral', replace_original: false, ...toRespondArgs(m) }),
      event,
    );
  };
}

/** Both vote buttons (their action IDs differ only by the vote). */
export const FEEDBACK_ACTION = new RegExp(`^(${ACTION_IDS.feedbackUp}|${ACTION_IDS.feedbackDown})$`);

/** "Full diagnosis" and "Show less". */
export const EXPAND_ACTION = new RegExp(`^(${ACTION_IDS.expand}|${ACTION_IDS.collapse})$`);
/** The "might be related" buttons of an unknown error (`meterdoc_related_0` …). */
export const RELATED_ACTION = new RegExp(`^${ACTION_IDS.related}_\\d$`);

/** Which "might be related" entry a clicked unknown-error message has open (its button reads "Hide"). */
function openIndex(message: unknown): number | undefined {
  const blocks = (message as { blocks?: unknown } | undefined)?.blocks;
  if (!Array.isArray(blocks)) return undefined;
  for (const b of blocks as Array<{
    type?: string;
    elements?: Array<{ action_id?: string; text?: { text?: string } }>;
  }>) {
    if (b.type !== 'actions') continue;
    const open = b.elements?.find(
      (e) => e.action_id?.startsWith(`${ACTION_IDS.related}_`) && e.text?.text?.includes('Hide'),
    );
    if (open) return Number(open.action_id!.slice(ACTION_IDS.related.length + 1));
  }
  return undefined;
}

/** Lines added to an answer after it was posted (who retried it and how it went): kept when it is redrawn. */
function statusBlocks(message: unknown): KnownBlock[] {
  const blocks = (message as { blocks?: unknown } | undefined)?.blocks;
  if (!Array.isArray(blocks)) return [];
  return blocks.filter(
    (b): b is KnownBlock =>
      typeof b === 'object' && b !== null && (b as { block_id?: unknown }).block_id === ANSWER_STATUS_BLOCK,
  );
}

/** The Retry button's label on a message, when it still carries one (after a partial retry it resends the unbilled rest). */
function retryLabelOf(message: unknown): string | undefined {
  const blocks = (message as { blocks?: unknown } | undefined)?.blocks;
  if (!Array.isArray(blocks)) return undefined;
  for (const b of blocks) {
    const elements = (b as { type?: unknown; elements?: unknown })?.elements;
    if ((b as { type?: unknown })?.type !== 'actions' || !Array.isArray(elements)) continue;
    for (const e of elements) {
      const el = e as { action_id?: unknown; text?: { text?: unknown } };
      if (el?.action_id === ACTION_IDS.retry && typeof el.text?.text === 'string') return el.text.text;
    }
  }
  return undefined;
}

/**
 * Bolt listeners for button clicks (src/app/listeners.ts routes each action ID to one). Each
 * click is acked at once and its stored payload loaded by the ID in the button's value; then a
 * handler does the work (`button`), the vote is recorded (`feedback`) or the answer re-posted in
 * the channel (`share`).
 */
export function buttonListeners(services: SlackServices): {
  button(kind: ActionContext['kind'], label: string, handler: ActionHandler): (args: ButtonArgs) => Promise<void>;
  feedback(args: ButtonArgs): Promise<void>;
  share(args: ButtonArgs): Promise<void>;
  expand(args: ButtonArgs): Promise<void>;
  related(args: ButtonArgs): Promise<void>;
} {
  const expired = plainMessage(
    ':hourglass: This answer has expired, so its buttons no longer work. Paste the error again for a fresh answer.',
  );
  const otherWorkspace = plainMessage(
    ':no_entry: This answer was posted in another Slack workspace, so its buttons work only there. Paste the error here for an answer of your own.',
  );

  async function storedAnswer(answerId: string) {
    const read = () => services.answers.get(answerId).catch(() => undefined);
    let payload = await read();
    for (const ms of MISSING_ANSWER_REREADS_MS) {
      if (payload) break;
      await pause(ms);
      payload = await read();
    }
    return payload;
  }

  /** `checksWorkspace`: the handler binds the click to the answer's workspace itself (and audits a refusal). */
  async function load(body: unknown, respond: RespondFn, context: ButtonArgs['context'], checksWorkspace = false) {
    const event = handledEvent(context);
    const click = parseSlackPayload(services, blockActionsSchema, body, 'block_actions payload', event);
    if (!click) return undefined;
    const action = click.actions[0]!;
    const answerId = action.value ?? '';
    const payload = await storedAnswer(answerId);
    if (!payload) {
      event?.ended('expired');
      await callSlack(
        services.logger,
        'response_url',
        { action: action.action_id },
        () => respond({ response_type: 'ephemeral', replace_original: false, ...toRespondArgs(expired) }),
        event,
      );
      return undefined;
    }
    // A button works only in the workspace its answer was posted in: an answer ID replayed from
    // another workspace (a shared channel, a copied payload) must not reach its records or role.
    const clickTeam = teamIdOf(body);
    if (!checksWorkspace && payload.teamId && clickTeam !== payload.teamId) {
      event?.ended('refused');
      services.logger.warn(
        { action: action.action_id, answer: answerId, answer_team: payload.teamId, click_team: clickTeam ?? null },
        'click refused: the answer belongs to another workspace',
      );
      await callSlack(
        services.logger,
        'response_url',
        { action: action.action_id },
        () => respond({ response_type: 'ephemeral', replace_original: false, ...toRespondArgs(otherWorkspace) }),
        event,
      );
      return undefined;
    }
    return { click, action, answerId, payload, event };
  }

  function triggerIdOf(body: unknown): string | undefined {
    const id = (body as { trigger_id?: unknown } | undefined)?.trigger_id;
    return typeof id === 'string' ? id : undefined;
  }

  function contextFor(
    kind: ActionContext['kind'],
    loaded: NonNullable<Awaited<ReturnType<typeof load>>>,
    args: { client: ActionContext['client']; respond: RespondFn; body: unknown },
  ): ActionContext {
    const { click, answerId, payload, action, event } = loaded;
    const isEphemeral = click.container?.is_ephemeral === true || click.message === undefined;
    const channelId = click.channel?.id ?? click.container?.channel_id ?? payload.channelId;
    const messageTs = isEphemeral ? undefined : (click.message?.ts ?? click.container?.message_ts);
    const threadTs = isEphemeral
      ? undefined
      : (click.message?.thread_ts ?? click.container?.thread_ts ?? payload.threadTs ?? messageTs);
    const logger = services.logger.child({
      action: kind,
      answer: answerId,
      entry: payload.answer.entryId,
      channel: channelId,
      user: click.user.id,
    });
    const ephemeral = ephemeralReply(args.respond, logger, event);
    /** The clicked answer's thread, where follow-ups are posted and the answer is redrawn. */
    const threadOf = (channel: string): ThreadTarget =>
      new ThreadTarget(args.client, services.queue, logger, channel, threadTs, services.posting, event);
    return {
      kind,
      answerId,
      payload,
      user: { id: click.user.id, ...(click.user.name ? { name: click.user.name } : {}) },
      teamId: teamIdOf(args.body),
      channelId,
      messageTs,
      threadTs,
      isEphemeral,
      fromWatch: action.block_id === WATCH_ACTIONS_BLOCK,
      client: args.client,
      store: services.store,
      logger,
      respond: args.respond,
      triggerId: triggerIdOf(args.body),
      postInThread: async (message) => {
        if (isEphemeral || !channelId) {
          await ephemeral(message);
          return undefined;
        }
        const ref = await threadOf(channelId).post(message);
        return ref?.ts;
      },
      updateOriginal: async (message) => {
        if (isEphemeral || !channelId || !messageTs) {
          await callSlack(
            logger,
            'response_url',
            { replace: true },
            () => args.respond({ replace_original: true, ...toRespondArgs(message) }),
            event,
          );
          return;
        }
        await threadOf(channelId).update({ channel: channelId, ts: messageTs }, message);
      },
      replyEphemeral: ephemeral,
    };
  }

  const button = (kind: ActionContext['kind'], label: string, handler: ActionHandler) =>
    async function clicked({ ack, body, client, respond, context }: ButtonArgs): Promise<void> {
      await ack();
      // Won't bill holds the records' watch to its workspace and records the refusal in the audit log.
      const loaded = await load(body, respond, context, kind === 'wont-bill');
      if (!loaded) return;
      const ctx = contextFor(kind, loaded, { client, respond, body });
      try {
        await handler(ctx);
      } catch (err) {
        ctx.logger.error({ err: (err as Error).message }, 'action handler failed');
        await ctx.replyEphemeral(`${label} failed: ${(err as Error).message}`);
      }
    };

  async function feedback({ ack, body, client, respond, context }: ButtonArgs): Promise<void> {
    await ack();
    const loaded = await load(body, respond, context);
    if (!loaded) return;
    const vote = loaded.action.action_id === ACTION_IDS.feedbackUp ? 'up' : 'down';
    const channelId = loaded.click.channel?.id ?? loaded.click.container?.channel_id ?? loaded.payload.channelId;
    const logger = services.logger.child({
      action: 'feedback',
      answer: loaded.answerId,
      entry: loaded.payload.answer.entryId,
      channel: channelId,
      user: loaded.click.user.id,
    });
    const reply = ephemeralReply(respond, logger, loaded.event);
    try {
      await services.answers.recordFeedback({
        answerId: loaded.answerId,
        entryId: loaded.payload.answer.entryId,
        source: loaded.payload.answer.source,
        vote,
        userId: loaded.click.user.id,
        ...(channelId ? { channelId } : {}),
        at: services.now().toISOString(),
      });
    } catch (err) {
      logger.error({ err: (err as Error).message }, 'could not record feedback');
      await reply('Your feedback could not be recorded; please try again later.');
      return;
    }
    logger.info({ vote }, 'feedback recorded');
    services.insights?.voted({
      answerId: loaded.answerId,
      teamId: teamIdOf(body),
      vote,
      entryId: loaded.payload.answer.entryId,
      facts: loaded.payload.facts,
    });
    const triggerId = triggerIdOf(body);
    if (vote === 'down' && services.insights && triggerId) {
      // The trigger_id lives 3 seconds: the modal opens before the thank-you note.
      await callSlack(
        logger,
        'views.open',
        { view: 'feedback_reason' },
        () =>
          client.views.open({ trigger_id: triggerId, view: reasonView(loaded.answerId, loaded.payload.answer.title) }),
        loaded.event,
      );
    }
    await reply(
      vote === 'up' ? 'Thanks! Glad it helped.' : 'Thanks for telling us. The catalog owners will look at this answer.',
    );
  }

  async function share({ ack, body, client, respond, context }: ButtonArgs): Promise<void> {
    await ack();
    const loaded = await load(body, respond, context);
    if (!loaded) return;
    const { payload, answerId, click, event } = loaded;
    const channel = click.channel?.id ?? click.container?.channel_id ?? payload.channelId;
    const log = services.logger.child({ action: 'share', answer: answerId, channel, user: click.user.id });
    const rendered = renderAnswer(payload.answer, { answerId });
    const shared: SlackMessage = {
      text: rendered.text,
      blocks: [
        ...rendered.blocks,
        { type: 'context', elements: [{ type: 'mrkdwn', text: `Shared by <@${click.user.id}>` }] },
      ],
    };
    const posted = channel
      ? await new ThreadTarget(client, services.queue, log, channel, undefined, services.posting, event).post(shared)
      : undefined;
    if (!posted) {
      // Not a member of the channel: the response_url can still post there.
      await callSlack(
        log,
        'response_url',
        { in_channel: true },
        () => respond({ response_type: 'in_channel', replace_original: false, ...toRespondArgs(shared) }),
        event,
      );
    }
    await callSlack(
      log,
      'response_url',
      { replace: true },
      () =>
        respond({
          replace_original: true,
          ...toRespondArgs(plainMessage(':white_check_mark: Shared in this channel.')),
        }),
      event,
    );
  }

  // "Full diagnosis" / "Show less": the same message redrawn in place from what MeterDoc stored, so
  // the details stay attached to the answer they belong to (also for ephemeral answers, through
  // the response_url) rather than piling up as more replies in a busy thread.
  async function expand({ ack, body, client, respond, context }: ButtonArgs): Promise<void> {
    await ack();
    const loaded = await load(body, respond, context);
    if (!loaded) return;
    const expanded = loaded.action.action_id === ACTION_IDS.expand;
    const ctx = contextFor('support-bundle', loaded, { client, respond, body });
    const status = statusBlocks(loaded.click.message);
    const { payload } = loaded;
    // A status line means the records were retried: the Retry button stays gone, unless the retry
    // left records unbilled and the message still offers to resend them (its label says so).
    const retryLabel = status.length > 0 ? retryLabelOf(loaded.click.message) : undefined;
    const answer =
      status.length > 0 && !retryLabel
        ? { ...payload.answer, actions: payload.answer.actions.filter((a) => a !== 'retry') }
        : payload.answer;
    const message = renderAnswer(answer, {
      answerId: loaded.answerId,
      facts: payload.facts,
      usageBatch: payload.usageBatch,
      now: services.now(),
      shareable: ctx.isEphemeral,
      expanded,
      ...(payload.lookup ? { lookup: true } : {}),
      ...(retryLabel ? { retryLabel } : {}),
    });
    if (status.length > 0) {
      const at = message.blocks.findIndex((b) => b.type === 'actions');
      message.blocks.splice(at >= 0 ? at : message.blocks.length, 0, ...status);
    }
    await ctx.updateOriginal(message);
  }

  // "Might be related": the unknown-error message redrawn with that entry open under it (a second
  // click on the same entry closes it). What opens is labelled as possibly related, never as the diagnosis.
  async function related({ ack, body, client, respond, context }: ButtonArgs): Promise<void> {
    await ack();
    const loaded = await load(body, respond, context);
    if (!loaded) return;
    const { payload } = loaded;
    const index = Number(loaded.action.action_id.slice(ACTION_IDS.related.length + 1));
    const entries = storedRelated(services.catalog, payload.related, payload.facts);
    const wasOpen = openIndex(loaded.click.message) === index;
    const error = {
      facts: payload.facts,
      occurrences: payload.unknown?.occurrences ?? 1,
      excerpt: payload.unknown?.excerpt ?? '',
    };
    const message = renderUnknownError(error, {
      reason: payload.unknown?.reason ?? '',
      related: entries,
      answerId: loaded.answerId,
      open: wasOpen || !entries[index] ? undefined : index,
    });
    await contextFor('support-bundle', loaded, { client, respond, body }).updateOriginal(message);
  }

  return { button, feedback, share, expand, related };
}
