import { checkWindow, WINDOW_HOURS, type MeteringOperation } from './time-window.js';

/**
 * The billing deadline of failed usage records: until when they can still be sent and billed, and
 * which of them can no longer be. Pure, with the clock passed in, so that an answer, a retry
 * dialog and a watch that warns before records expire all say the same thing.
 */

export interface BillingDeadline {
  operation: MeteringOperation;
  /** Records the service would still accept now. */
  billable: number;
  /** Records past the window (or the month close): that usage can no longer be billed through the API. */
  lost: number;
  /** Records dated in the future beyond normal clock skew: rejected until their time comes. */
  future: number;
  /** When the first billable record stops being accepted (ISO); absent when none is billable. */
  closesAt?: string;
  /** Whole minutes from `now` to `closesAt`. */
  minutesLeft?: number;
  /** Whether `closesAt` is the month close (06:00 UTC on the 1st) rather than the record's own window. */
  monthClose?: boolean;
}

const MINUTE_MS = 60_000;

function meteringOperation(operation: string | undefined): MeteringOperation | undefined {
  return operation !== undefined && operation in WINDOW_HOURS ? (operation as MeteringOperation) : undefined;
}

/**
 * The deadline for records sent with `operation` (BatchMeterUsage or MeterUsage; undefined for
 * any other operation or when no record has a readable timestamp).
 */
export function billingDeadline(
  records: ReadonlyArray<{ timestamp: string }>,
  operation: string | undefined,
  now: Date,
): BillingDeadline | undefined {
  const op = meteringOperation(operation);
  if (!op) return undefined;
  const result: BillingDeadline = { operation: op, billable: 0, lost: 0, future: 0 };
  let closes: number | undefined;
  let seen = 0;
  for (const record of records) {
    const at = new Date(record.timestamp);
    if (Number.isNaN(at.getTime())) continue;
    seen++;
    const verdict = checkWindow(op, at, now);
    if (verdict.accepted) {
      result.billable++;
      const t = Date.parse(verdict.closesAt!);
      if (closes === undefined || t < closes) closes = t;
    } else if (verdict.reason === 'future') result.future++;
    else result.lost++;
  }
  if (seen === 0) return undefined;
  if (closes !== undefined) {
    result.closesAt = new Date(closes).toISOString();
    result.minutesLeft = Math.floor((closes - now.getTime()) / MINUTE_MS);
    const close = new Date(closes);
    result.monthClose =
      op === 'BatchMeterUsage' &&
      close.getUTCDate() === 1 &&
      close.getUTCHours() === 6 &&
      close.getUTCMinutes() === 0 &&
      close.getUTCSeconds() === 0;
  }
  return result;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "15:01 UTC today", "15:01 UTC tomorrow" or "15:01 UTC on Fri 4 Dec", seen from `now`. */
export function utcTimeFrom(at: Date, now: Date): string {
  const time = at.toISOString().slice(11, 16);
  const dayOf = (d: Date) => Math.floor(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) / 86_400_000);
  const days = dayOf(at) - dayOf(now);
  const when =
    days === 0
      ? 'today'
      : days === 1
        ? 'tomorrow'
        : `on ${DAYS[at.getUTCDay()]} ${at.getUTCDate()} ${MONTHS[at.getUTCMonth()]}`;
  return `${time} UTC ${when}`;
}

/** "21 h left", "40 min left". */
export function timeLeft(minutes: number): string {
  if (minutes < 60) return `${Math.max(0, minutes)} min left`;
  return `${Math.floor(minutes / 60)} h left`;
}

/** "15:01 UTC tomorrow (21 h left)": when billing closes; undefined when nothing can be billed any more. */
export function billableUntil(deadline: BillingDeadline, now: Date): string | undefined {
  if (!deadline.closesAt || deadline.minutesLeft === undefined) return undefined;
  const close = deadline.monthClose ? ', the month close' : '';
  return `${utcTimeFrom(new Date(deadline.closesAt), now)} (${timeLeft(deadline.minutesLeft)}${close})`;
}

/** "resend by 15:01 UTC tomorrow (21 h left)"; undefined when nothing can be billed any more. */
export function resendBy(deadline: BillingDeadline, now: Date): string | undefined {
  const until = billableUntil(deadline, now);
  return until ? `resend by ${until}` : undefined;
}
