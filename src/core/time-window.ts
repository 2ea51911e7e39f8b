/**
 * How far back the Metering Service accepts a usage record (service model, July 2026):
 * BatchMeterUsage takes records less than 24 hours old, and no record of the previous month after
 * 06:00 UTC on the 1st; MeterUsage takes records up to 6 hours old. Records cannot be in the future.
 */

const HOUR_MS = 3_600_000;

export const WINDOW_HOURS = { BatchMeterUsage: 24, MeterUsage: 6 } as const;
export type MeteringOperation = keyof typeof WINDOW_HOURS;

export function windowDescription(operation: string | undefined): string {
  if (operation === 'BatchMeterUsage')
    return '24 hours for BatchMeterUsage, and the previous month closes at 06:00 UTC on the 1st';
  if (operation === 'MeterUsage') return '6 hours for MeterUsage';
  // Read in a RegisterUsage step ("registration must succeed within …"), which already names the operation.
  if (operation === 'RegisterUsage') return 'the first 6 hours after the container starts';
  return '24 hours for BatchMeterUsage, 6 hours for MeterUsage';
}

export interface WindowVerdict {
  accepted: boolean;
  ageHours: number;
  /** When the record stops being accepted (ISO); undefined for records in the future. */
  closesAt?: string;
  reason?: 'future' | 'too-old';
}

/** Whether the service would accept a record with this timestamp at `now`. */
export function checkWindow(operation: MeteringOperation, timestamp: Date, now: Date): WindowVerdict {
  const ageMs = now.getTime() - timestamp.getTime();
  const ageHours = Math.round((ageMs / HOUR_MS) * 10) / 10;
  // A few minutes of clock skew between the metering host and AWS is normal; beyond that it is a bug.
  if (ageMs < -5 * 60_000) return { accepted: false, ageHours, reason: 'future' };
  let closes = timestamp.getTime() + WINDOW_HOURS[operation] * HOUR_MS;
  if (operation === 'BatchMeterUsage') {
    // The month closes at 06:00 UTC on the 1st: after that no record of the previous month is
    // accepted, even one less than 24 hours old. Taking the earlier limit never sends a record AWS rejects.
    const monthCloses = Date.UTC(timestamp.getUTCFullYear(), timestamp.getUTCMonth() + 1, 1, 6);
    closes = Math.min(closes, monthCloses);
  }
  const closesAt = new Date(closes).toISOString();
  return ageMs < closes - timestamp.getTime()
    ? { accepted: true, ageHours, closesAt }
    : { accepted: false, ageHours, closesAt, reason: 'too-old' };
}
