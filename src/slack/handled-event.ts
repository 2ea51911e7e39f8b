import type { Context } from '@slack/bolt';
import type { EventRecord } from '../ops/events.js';

/**
 * The middleware keeps each request's `EventRecord` on Bolt's per-request `context`, which every
 * listener is given: that is how a listener notes its outcome, answers and failed Slack calls on
 * the event's log line (see `Operations.run`).
 */
const EVENT_KEY = 'meterdocEvent';

export function keepHandledEvent(context: Context, record: EventRecord): void {
  context[EVENT_KEY] = record;
}

/** The record of the request this context belongs to; undefined outside the middleware (unit tests). */
export function handledEvent(context: Context | undefined): EventRecord | undefined {
  return context?.[EVENT_KEY] as EventRecord | undefined;
}
