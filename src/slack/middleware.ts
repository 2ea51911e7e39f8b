import type { App, RespondFn } from '@slack/bolt';
import type { AckProbe } from '../ops/ack.js';
import { kindOfBody, type EventRecord } from '../ops/events.js';
import { claimEvent } from './dedupe.js';
import { keepHandledEvent } from './handled-event.js';
import type { SlackServices } from './services.js';
import { callSlack } from './reply.js';

/**
 * What runs around every listener: one handled event per request (timed, tracked for a graceful
 * stop, one log line), redelivered events dropped, listener work sliced so acks are not starved,
 * a safety ack for clicks no listener took, and listener errors logged.
 */
export function registerMiddleware(app: App, services: SlackServices): void {
  // One setImmediate per event is not enough: every immediate queued before the check phase runs
  // in that same phase, so a burst of 100 events ran 100 events' listener work back to back
  // (~100 ms) while later requests of the burst waited unread for their ack. Chained turns hand
  // the loop back to I/O (new requests, their acks) every SLICE_MS of listener work. One event per
  // turn (no slice) made the last answers of a burst later (each waited ~100 iterations); 5 ms
  // measured best for both (bench slack: ack p99 ~45 ms, was ~110; answer p99 unchanged or better).
  let lastTurn: Promise<void> = Promise.resolve();
  let sliceStarted = 0;
  const SLICE_MS = 5;
  const nextTurn = (): Promise<void> => {
    const turn = lastTurn.then(() => {
      if (performance.now() - sliceStarted < SLICE_MS) return undefined;
      return new Promise<void>((resolve) =>
        setImmediate(() => {
          sliceStarted = performance.now();
          resolve();
        }),
      );
    });
    lastTurn = turn;
    return turn;
  };

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
    await services.ops.run(kind, { ...ids, ...retry }, async (record) => {
      keepHandledEvent(context, record);
      const eventId = (body as { event_id?: unknown }).event_id;
      if (typeof eventId === 'string') {
        const first = await claimEvent(services.store, eventId, services.options.dedupeTtlMs).catch((err: unknown) => {
          // A store outage must not silence MeterDoc: answer, at the risk of a duplicate.
          services.logger.warn({ err: (err as Error).message }, 'dedupe claim failed');
          return true;
        });
        if (!first) {
          services.ops.metrics.duplicateDropped('event_id');
          record.ended('duplicate');
          services.logger.debug(
            { event_id: eventId, retry: context.retryNum, reason: context.retryReason },
            'duplicate event delivery dropped',
          );
          return;
        }
        // Bolt has already written the ack of this event. Its listener work waits for a time slice,
        // so requests still arriving in a burst are read and acked between slices.
        await nextTurn();
      }
      let failed = false;
      try {
        // Message events pass the admission gate in their listener, once it knows whether the
        // message is a channel paste (passive) or a DM, and after ignoring MeterDoc's own posts.
        // Everything else is someone asking: never held back, but counted as work in flight.
        if (kind === 'message') await next();
        else await services.ops.admit('explicit', next, record);
      } catch (err) {
        failed = true;
        throw err;
      } finally {
        if (ack && probe) await safetyAck(ack, respond, failed, record);
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
  async function safetyAck(
    ack: () => Promise<void>,
    respond: RespondFn | undefined,
    failed: boolean,
    record: EventRecord,
  ): Promise<void> {
    const unacked = await ack().then(
      () => true,
      () => false,
    );
    if (!unacked) return;
    record.ended(failed ? 'error' : 'ignored');
    services.logger.warn(
      { failed },
      failed ? 'listener failed before acking; acked for it' : 'request matched no listener; acked',
    );
    const text = failed
      ? ':warning: MeterDoc could not handle that; the error is logged. Please try again.'
      : ":grey_question: That isn't a button MeterDoc knows (it may come from an older version). Paste the error again for a fresh answer.";
    if (respond)
      await callSlack(
        services.logger,
        'response_url',
        { safety_ack: true },
        () => respond({ response_type: 'ephemeral', replace_original: false, text }),
        record,
      );
  }

  app.error(async (error) => {
    // Bolt calls this for listener errors; logging is all that is wanted, never a crash.
    services.logger.error(
      { err: error.message, code: (error as { code?: string }).code },
      'unhandled error in a Slack listener',
    );
  });
}
