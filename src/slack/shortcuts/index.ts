import type { App } from '@slack/bolt';
import { z } from 'zod';
import { deliverDiagnosis } from '../deliver.js';
import { handledEvent } from '../handled-event.js';
import { readSharedFiles } from '../files.js';
import { EphemeralTarget, ThreadOrEphemeralTarget, ThreadTarget } from '../reply.js';
import type { SlackServices } from '../services.js';
import { messageParts, teamIdOf } from '../text.js';
import { parseSlackPayload } from '../payload.js';

/** The message shortcut's callback_id, as in manifest.yml. Never rename: installs refer to it. */
export const DIAGNOSE_SHORTCUT = { callback_id: 'diagnose_message', type: 'message_action' } as const;

const messageActionSchema = z.looseObject({
  type: z.literal('message_action'),
  callback_id: z.string(),
  user: z.looseObject({ id: z.string() }),
  channel: z.looseObject({ id: z.string() }),
  response_url: z.string().optional(),
  message: z.looseObject({
    ts: z.string(),
    thread_ts: z.string().optional(),
    text: z.string().optional(),
    files: z.array(z.unknown()).optional(),
    attachments: z.array(z.unknown()).optional(),
    blocks: z.array(z.unknown()).optional(),
  }),
});

/**
 * "Diagnose with MeterDoc" on any message: answers in that message's thread, even when the text
 * is not confidently an error. Where MeterDoc is not in the channel it answers the clicker only.
 */
export function registerShortcuts(app: App, services: SlackServices): void {
  app.shortcut(DIAGNOSE_SHORTCUT, async ({ ack, shortcut, client, respond, body, context }) => {
    await ack();
    const event = handledEvent(context);
    const action = parseSlackPayload(services, messageActionSchema, shortcut, 'message shortcut payload', event);
    if (!action) return;
    const log = services.logger.child({
      surface: 'shortcut',
      channel: action.channel.id,
      ts: action.message.ts,
      user: action.user.id,
    });
    const fileText = await readSharedFiles(action.message.files, { ...services.files, logger: log });
    const paste = [messageParts(action.message), fileText].filter(Boolean).join('\n');
    const thread = new ThreadTarget(
      client,
      services.queue,
      log,
      action.channel.id,
      action.message.thread_ts ?? action.message.ts,
      services.posting,
      event,
    );
    const target = new ThreadOrEphemeralTarget(thread, new EphemeralTarget(respond, log, action.channel.id, event));
    await deliverDiagnosis(services, {
      paste,
      mode: 'explicit',
      surface: 'shortcut',
      target,
      teamId: teamIdOf(body),
      requestedBy: action.user.id,
      event,
    });
  });
}
