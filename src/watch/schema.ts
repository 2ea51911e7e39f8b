import { z } from 'zod';
import { WINDOW_HOURS, type MeteringOperation, type WatchState } from '../core/index.js';

/**
 * The stored forms of the deadline watch. Everything read back from the shared store goes through
 * these schemas: an entry another version wrote, or anything else put there, is ignored rather
 * than trusted.
 */

const iso = z.string().max(40);

const watchRecordSchema = z.object({
  key: z.string().max(5000),
  timestamp: z.string().max(64),
  dimension: z.string().max(1000),
  quantity: z.number().optional(),
  customer: z.string().max(1000).optional(),
  deadline: iso,
  state: z.enum(['open', 'resent', 'lost', 'handled']),
});

const reminderSchema = z.object({ id: z.string().max(200), at: iso, label: z.string().max(20) });

export const watchStateSchema = z.object({
  v: z.literal(1),
  operation: z.enum(Object.keys(WINDOW_HOURS) as [MeteringOperation, ...MeteringOperation[]]),
  createdAt: iso,
  records: z.array(watchRecordSchema).min(1).max(10_000),
  reminders: z.array(reminderSchema).max(20),
  sent: z.array(z.string().max(200)).max(200),
  status: z.enum(['open', 'resent', 'handled', 'expired']),
  endedAt: iso.optional(),
  handled: z.object({ by: z.string().max(100), reason: z.string().max(3000), at: iso }).optional(),
}) satisfies z.ZodType<WatchState>;

/**
 * Where the watch's messages go: the answer's thread (channel answers, DMs with the app), or a
 * direct message to whoever asked when the answer was ephemeral (slash commands).
 */
export const watchPlaceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('thread'), channelId: z.string().max(100), threadTs: z.string().max(100).optional() }),
  z.object({ kind: z.literal('dm'), userId: z.string().max(100) }),
]);
export type WatchPlace = z.infer<typeof watchPlaceSchema>;

export const storedWatchSchema = z.object({
  id: z.string().max(100),
  /** The stored answer whose Retry button resends these records. */
  answerId: z.string().max(100),
  /** The workspace, or `_` for answers with none (the intake endpoint). */
  team: z.string().max(100),
  place: watchPlaceSchema,
  state: watchStateSchema,
});
export type StoredWatch = z.infer<typeof storedWatchSchema>;

/** The list of open watches, kept beside them because the store cannot list its keys. */
export const indexEntrySchema = z.object({ id: z.string(), team: z.string(), deadline: iso, next: iso });
export type IndexEntry = z.infer<typeof indexEntrySchema>;
export const indexSchema = z.array(indexEntrySchema);

/** Records lost per workspace and UTC day, one row per dimension each time records were lost. */
export const lostRowSchema = z.object({
  at: iso,
  dimension: z.string().max(1000),
  records: z.number().int().nonnegative(),
  units: z.number(),
  unknownQuantity: z.number().int().nonnegative(),
});
export type LostRow = z.infer<typeof lostRowSchema>;
export const lostDaySchema = z.array(lostRowSchema);
