import { z } from 'zod';

/**
 * Settings of the health log, the gap log and the daily digest, from the environment:
 *   METERDOC_HEALTH_RETENTION_DAYS  how long the health log keeps a day (default 8: a full week back from any hour)
 *   METERDOC_GAPS_RETENTION_DAYS    how long a gap is kept after it was last seen (default 30)
 *   METERDOC_DIGEST_CHANNEL         channel ID for the daily digest; unset = no digest
 *   METERDOC_DIGEST_HOUR_UTC        hour of the day (UTC) the digest is posted, 0–23 (default 9)
 */
export interface InsightsConfig {
  retentionDays: number;
  gapRetentionDays: number;
  digestChannel: string | undefined;
  digestHourUtc: number;
}

export class InsightsConfigError extends Error {
  override name = 'InsightsConfigError';
}

const blankToUndefined = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();
const int = (min: number, max: number, fallback: number) =>
  blankToUndefined.pipe(z.coerce.number<string | undefined>().int().min(min).max(max).default(fallback).catch(() => Number.NaN));

const envSchema = z.object({
  METERDOC_HEALTH_RETENTION_DAYS: int(8, 90, 8),
  METERDOC_GAPS_RETENTION_DAYS: int(1, 365, 30),
  METERDOC_DIGEST_CHANNEL: blankToUndefined.pipe(z.string().regex(/^[CG][A-Z0-9]{2,}$/).optional().catch(() => 'invalid')),
  METERDOC_DIGEST_HOUR_UTC: int(0, 23, 9),
});

export const DEFAULT_INSIGHTS_CONFIG: InsightsConfig = { retentionDays: 8, gapRetentionDays: 30, digestChannel: undefined, digestHourUtc: 9 };

export function loadInsightsConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined> = process.env): InsightsConfig {
  const e = envSchema.parse(env);
  const problems: string[] = [];
  if (Number.isNaN(e.METERDOC_HEALTH_RETENTION_DAYS)) problems.push('METERDOC_HEALTH_RETENTION_DAYS must be a whole number of days from 8 to 90 (7-day figures need 8)');
  if (Number.isNaN(e.METERDOC_GAPS_RETENTION_DAYS)) problems.push('METERDOC_GAPS_RETENTION_DAYS must be a whole number of days from 1 to 365');
  if (Number.isNaN(e.METERDOC_DIGEST_HOUR_UTC)) problems.push('METERDOC_DIGEST_HOUR_UTC must be an hour from 0 to 23');
  if (e.METERDOC_DIGEST_CHANNEL === 'invalid') problems.push('METERDOC_DIGEST_CHANNEL must be a channel ID such as C0123ABCD (channel details → "Channel ID"), not a name');
  if (problems.length > 0) throw new InsightsConfigError(problems.join('; '));
  return { retentionDays: e.METERDOC_HEALTH_RETENTION_DAYS, gapRetentionDays: e.METERDOC_GAPS_RETENTION_DAYS, digestChannel: e.METERDOC_DIGEST_CHANNEL, digestHourUtc: e.METERDOC_DIGEST_HOUR_UTC };
}
