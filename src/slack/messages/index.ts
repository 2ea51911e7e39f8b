import type { App, webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { EventRecord } from '../../ops/events.js';
import { claimMessage } from '../dedupe.js';
import { deliverDiagnosis } from '../deliver.js';
import { readSharedFiles } from '../files.js';
import { handledEvent } from '../handled-event.js';
import { ThreadTarget } from '../reply.js';
import type { SlackServices } from '../services.js';
import { messageParts, teamIdOf } from '../text.js';
import { ignoreReason, messageEventSchema, type MessageEvent } from './filter.js';
import { parseSlackPayload } from '../payload.js';

/** Bot events this surface needs (manifest: message.channels, message.groups, message.im). */
export const MESSAGE_EVENTS = ['message'] as const;

/**
 * Pasted errors. In channels the core decides whether a message is an error worth answering
 * unprompted; in a DM with MeterDoc every message is a question and gets an answer.
 */
export function registerMessages(app: App, services: SlackServices): void {
  app.event('message', async ({ event, context, client, body }) => {
    const handled = handledEvent(context);
    const message = parseSlackPayload(services, messageEventSchema, event, 'message event', handled);
    if (!message) return;
    const reason = ignoreReason(message, {
      botUserId: context.botUserId,
      botId: context.botId,
      allowedBotIds: services.options.allowedBotIds,
    });
    const log = services.logger.child({ surface: 'message', channel: message.channel, ts: message.ts });
    if (reason) {
      log.debug({ reason }, 'message ignored');
      handled?.ended('ignored');
      return;
    }
    const isDm = message.channel_type === 'im';
    // A DM to MeterDoc is a question; a channel paste is answered unprompted and may be shed
    // when the process is over capacity (logged and counted by the gate).
    await services.ops.admit(
      isDm ? 'explicit' : 'passive',
      () => answerMessage(services, message, log, client, body, isDm, handled),
      handled,
    );
  });
}

/** Reads the message (and its shared files) and answers it in its thread, or in the DM. */
async function answerMessage(
  services: SlackServices,
  message: MessageEvent,
  log: Logger,
  client: webApi.WebClient,
  body: unknown,
  isDm: boolean,
  event: EventRecord | undefined,
): Promise<void> {
  const fileText = message.files ? await readSharedFiles(message.files, { ...services.files, logger: log }) : '';
  const paste = [messageParts(message), fileText].filter(Boolean).join('\n');
  const threadTs = message.thread_ts ?? message.ts;
  const target = new ThreadTarget(
    client,
    services.queue,
    log,
    message.channel,
    isDm && !message.thread_ts ? undefined : threadTs,
    services.posting,
    event,
  );

  const outcome = await deliverDiagnosis(services, {
    paste,
    mode: isDm ? 'explicit' : 'passive',
    surface: isDm ? 'dm' : 'message',
    target,
    teamId: teamIdOf(body),
    pastedBy: message.user ?? message.bot_id,
    claim: () => claimMessage(services.store, message.channel, message.ts, services.options.dedupeTtlMs),
    newThread: !message.thread_ts,
    event,
  });
  if (outcome.answered)
    log.info(
      { answers: outcome.answerIds.length, findings: outcome.diagnosis.findings.map((f) => f.entry.id) },
      'answered a pasted error',
    );
  else log.debug('not answered: no error, or already answered');
}
