import type { App } from '@slack/bolt';
import { z } from 'zod';
import { diagnose } from '../../core/index.js';
import { claimMessage } from '../dedupe.js';
import { deliverDiagnosis } from '../deliver.js';
import { handledEvent } from '../handled-event.js';
import { readSharedFiles } from '../files.js';
import { callSlack, ThreadTarget } from '../reply.js';
import type { SlackServices } from '../services.js';
import { messageParts, stripMention, teamIdOf } from '../text.js';
import { parseSlackPayload } from '../payload.js';

export const MENTION_EVENTS = ['app_mention'] as const;

const mentionEventSchema = z.looseObject({
  type: z.literal('app_mention'),
  channel: z.string(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  text: z.string().default(''),
  ts: z.string(),
  thread_ts: z.string().optional(),
  files: z.array(z.unknown()).optional(),
  attachments: z.array(z.unknown()).optional(),
});

const repliesSchema = z.looseObject({
  messages: z
    .array(
      z.looseObject({
        ts: z.string(),
        text: z.string().optional(),
        files: z.array(z.unknown()).optional(),
        attachments: z.array(z.unknown()).optional(),
        blocks: z.array(z.unknown()).optional(),
      }),
    )
    .default([]),
});

/**
 * `@MeterDoc <error>`, or `@MeterDoc` in the thread of a message that holds the error (then the
 * thread's parent is read). Always answers, in the thread.
 */
export function registerMentions(app: App, services: SlackServices): void {
  app.event('app_mention', async ({ event, context, client, body }) => {
    const handled = handledEvent(context);
    const mention = parseSlackPayload(services, mentionEventSchema, event, 'app_mention event', handled);
    if (!mention) return;
    const log = services.logger.child({ surface: 'mention', channel: mention.channel, ts: mention.ts });
    if (mention.bot_id && (mention.bot_id === context.botId || !services.options.allowedBotIds.has(mention.bot_id))) {
      log.debug('mention by a bot ignored');
      handled?.ended('ignored');
      return;
    }
    const fileOptions = { ...services.files, logger: log };
    let paste = [
      messageParts({ ...mention, text: stripMention(mention.text, context.botUserId) }),
      await readSharedFiles(mention.files, fileOptions),
    ]
      .filter(Boolean)
      .join('\n');

    const own = diagnose(paste, services.catalog, { now: services.now() });
    let withParent = false;
    if (
      own.findings.length === 0 &&
      own.unmatched.length === 0 &&
      mention.thread_ts &&
      mention.thread_ts !== mention.ts
    ) {
      // "@MeterDoc" under a message: the error is in the thread's first message.
      const threadTs = mention.thread_ts;
      const replies = await callSlack(
        log,
        'conversations.replies',
        { channel: mention.channel, ts: threadTs },
        () => client.conversations.replies({ channel: mention.channel, ts: threadTs, limit: 1, inclusive: true }),
        handled,
      );
      const parent = replies.ok
        ? repliesSchema.safeParse(replies.value).data?.messages.find((m) => m.ts === threadTs)
        : undefined;
      if (parent) {
        const parentText = [messageParts(parent), await readSharedFiles(parent.files, fileOptions)]
          .filter(Boolean)
          .join('\n');
        paste = [paste, parentText].filter(Boolean).join('\n');
        withParent = true;
      }
    }

    const target = new ThreadTarget(
      client,
      services.queue,
      log,
      mention.channel,
      mention.thread_ts ?? mention.ts,
      services.posting,
      handled,
    );
    await deliverDiagnosis(services, {
      paste,
      mode: 'explicit',
      surface: 'mention',
      target,
      teamId: teamIdOf(body),
      requestedBy: mention.user,
      claim: () => claimMessage(services.store, mention.channel, mention.ts, services.options.dedupeTtlMs),
      newThread: !mention.thread_ts,
      // The mention's own text was diagnosed above; with the thread's parent added it is a new paste.
      ...(withParent ? {} : { diagnosis: own }),
      event: handled,
    });
  });
}
