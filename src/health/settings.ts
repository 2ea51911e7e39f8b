/** Settings of the health log, the gap log and the daily digest (read and validated by src/app/settings.ts). */
export interface InsightsConfig {
  /** How long the health log keeps a day (8 covers a full week back from any hour). */
  retentionDays: number;
  /** How long a gap is kept after it was last seen. */
  gapRetentionDays: number;
  /** Channel ID for the daily digest; undefined = no digest. */
  digestChannel: string | undefined;
  /** Hour of the day (UTC) the digest is posted. */
  digestHourUtc: number;
}
