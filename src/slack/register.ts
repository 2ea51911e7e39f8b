import type { App, RespondFn } from '@slack/bolt';
import type { AckProbe } from '../ops/ack.js';
import { currentEvent, kindOfBody } from '../ops/events.js';
import { registerActions } from './actions/index.js';
import { registerCommands } from './commands/index.js';
import { claimEvent } from './dedupe.js';
import { registerHome } from './home/index.js';
import { registerMentions } from './mentions/index.js';
import { registerMessages } from './messages/index.js';
import type { SlackServices } from './services.js';
import { callSlack } from './reply.js';
import { registerShortcuts } from './shortcuts/index.js';

/**
 * Wires every surface into a Bolt app. The manifest test drives this with a recording stand-in
 * for `App`, so what manifest.yml declares is checked against what is really registered.
 */
export function registerSlackSurfaces(app: App, services: SlackServices): void {
  // Runs before any listener: every request becomes one handled event (timed, tracked for a
  // graceful stop, one log line), and a redelivered event (same event_id) stops here. Events are
  // acked by Bolt before middleware runs, so dropping one costs Slack nothing.
  app.use(async (args) => {
    const { body, next, context } = args;
    // Present for clicks, commands, shortcuts and submissions (events are acked by Bolt itself).
    const { ack, respond } = args as { ack?: () => Promise<void>; respond?: RespondFn };
    const { kind, ids } = kindOfBody(body);
    const probe = (context as { ackProbe?: AckProbe }).ackProbe;
    if (probe) probe.kind = kind;
    const retry = typeof context.retryNum === 'number' ? { retry: context.retryNum } : {};
    await services.ops.run(kind, { ...ids, ...retry }, async () => {
      const eventId = (body as { event_id?: unknown }).event_id;
      if (typeof eventId === 'string') {
        const first = await claimEvent(services.store, eventId, services.options.dedupeTtlMs).catch((err: unknown) => {
          // A store outage must not silence MeterDoc: answer, at the risk of a duplicate.
          services.logger.warn({ err: (err as Error).message }, 'dedupe claim failed');
          return true;
        });
        if (!first) {
          services.ops.metrics.duplicateDropped('event_id');
          currentEvent()?.ended('duplicate');
          services.logger.debug({ event_id: eventId, retry: context.retryNum, reason: context.retryReason }, 'duplicate event delivery dropped');
          return;
        }
        // Bolt has already written the ack of an event; yielding once lets the acks of other requests
        // that arrived in the same burst go out before this event's diagnosis and posts run.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      let failed = false;
      try {
        await next();
      } catch (err) {
        failed = true;
        throw err;
      } finally {
        if (ack && probe) await safetyAck(ack, respond, failed);
      }
    });
  });

  /**
   * A click, command or submission no listener acked (an action ID from an older version, a
   * listener that failed before its ack) would otherwise hang for 3 s and reach Slack as a 404,
   * which shows the person an error triangle and nothing else. Ack it now and say why.
   * Only in HTTP mode (`probe` is set there): its ack refuses a second call, so a successful ack
   * here proves nobody acked; Socket Mode's ack ignores repeats and cannot tell.
   */
  async function safetyAck(ack: () => Promise<void>, respond: RespondFn | undefined, failed: boolean): Promise<void> {
    const unacked = await ack().then(
      () => true,
      () => false,
    );
    if (!unacked) return;
    currentEvent()?.ended(failed ? 'error' : 'ignored');
    services.logger.warn({ failed }, failed ? 'listener failed before acking; acked for it' : 'request matched no listener; acked');
    const text = failed
      ? ':warning: MeterDoc could not handle that; the error is logged. Please try again.'
      : ":grey_question: That isn't a button MeterDoc knows (it may come from an older version). Paste the error again for a fresh answer.";
    if (respond) await callSlack(services.logger, 'response_url', { safety_ack: true }, () => respond({ response_type: 'ephemeral', replace_original: false, text }));
  }

  registerMessages(app, services);
  registerMentions(app, services);
  registerCommands(app, services);
  registerShortcuts(app, services);
  registerHome(app, services);
  registerActions(app, services);

  app.error(async (error) => {
    // Bolt calls this for listener errors; logging is all that is wanted, never a crash.
    services.logger.error({ err: error.message, code: (error as { code?: string }).code }, 'unhandled error in a Slack listener');
  });
}


