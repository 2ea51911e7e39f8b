import { z } from 'zod';

/**
 * The fields of a `message` event MeterDoc relies on (https://docs.slack.dev/reference/events/message).
 * Everything else passes through untouched.
 */
export const messageEventSchema = z.looseObject({
  type: z.literal('message'),
  subtype: z.string().optional(),
  channel: z.string(),
  channel_type: z.string().optional(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  text: z.string().optional(),
  ts: z.string(),
  thread_ts: z.string().optional(),
  hidden: z.boolean().optional(),
  files: z.array(z.unknown()).optional(),
  attachments: z.array(z.unknown()).optional(),
  blocks: z.array(z.unknown()).optional(),
});
export type MessageEvent = z.infer<typeof messageEventSchema>;

/** Subtypes that can carry a pasted error. Every other subtype is an edit, a deletion or a system notice. */
const ANSWERABLE_SUBTYPES = new Set(['file_share', 'thread_broadcast', 'bot_message']);

export interface Identity {
  botUserId: string | undefined;
  botId: string | undefined;
  allowedBotIds: ReadonlySet<string>;
}

/**
 * Why a message is not for MeterDoc, or undefined when it is. Pure, so each rule is tested on its own.
 * - edits (`message_changed`, which our own chat.update also fires), deletions, joins, topic changes
 *   and other system subtypes: never;
 * - our own posts: never (Bolt's ignoreSelf misses some shapes, e.g. edits of our messages);
 * - other bots: only those on the allowlist;
 * - messages that mention MeterDoc: left to the `app_mention` listener, which answers them even
 *   when they are not confidently an error.
 */
export function ignoreReason(event: MessageEvent, me: Identity): string | undefined {
  if (event.subtype !== undefined && !ANSWERABLE_SUBTYPES.has(event.subtype)) return `subtype ${event.subtype}`;
  if (event.hidden) return 'hidden';
  if (event.bot_id !== undefined) {
    if (event.bot_id === me.botId) return 'own message';
    if (!me.allowedBotIds.has(event.bot_id)) return 'bot not on the allowlist';
  } else if (event.subtype === 'bot_message') {
    return 'bot message without bot_id';
  }
  if (me.botUserId && event.user === me.botUserId) return 'own message';
  if (me.botUserId && event.text?.includes(`<@${me.botUserId}`)) return 'mentions MeterDoc (answered as app_mention)';
  return undefined;
}
