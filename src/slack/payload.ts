import type { z } from 'zod';
import type { EventRecord } from '../ops/events.js';
import type { SlackServices } from './services.js';

/**
 * Validates the part of a Slack payload a listener relies on. A payload of another shape (a field
 * Slack usually sends is missing, a newer format) is logged with the paths at fault, never its
 * values, and the event is recorded as malformed; the listener then drops it.
 */
export function parseSlackPayload<T>(
  services: SlackServices,
  schema: z.ZodType<T>,
  payload: unknown,
  what: string,
  event?: EventRecord,
): T | undefined {
  const parsed = schema.safeParse(payload);
  if (parsed.success) return parsed.data;
  services.logger.warn(
    { issues: parsed.error.issues.map((i) => i.path.join('.') || '(top level)') },
    `${what} of an unexpected shape ignored`,
  );
  event?.ended('malformed');
  return undefined;
}
