import type { PastedUsageRecord } from '../extract/usage-records.js';
import { checkWindow, type MeteringOperation } from '../time-window.js';
import { pastedRecordKey } from '../usage/record-key.js';
import { reminderSchedule, type ReminderSpec, type ScheduledReminder } from './reminder-spec.js';

/**
 * A deadline watch: the records of one answer that can still be billed, each with the instant the
 * Metering Service stops accepting it, and the reminders due before the earliest of those instants.
 *
 * Pure state transitions: nothing here reads a clock, stores or posts. The caller passes `now` and
 * persists what comes back; `advanceWatch` says what to post. The same state and `now` give the
 * same result on every replica, so a claim on an event's id is enough to post it once.
 */

export type WatchRecordState = 'open' | 'resent' | 'lost' | 'handled';
export type WatchStatus = 'open' | 'resent' | 'handled' | 'expired';

export interface WatchRecord {
  /** The service's idempotency key (customer, dimension, time, license): how a resend is matched. */
  key: string;
  timestamp: string;
  dimension: string;
  quantity?: number;
  customer?: string;
  /** When the service stops accepting the record (ISO). */
  deadline: string;
  state: WatchRecordState;
}

export interface WatchState {
  v: 1;
  operation: MeteringOperation;
  createdAt: string;
  records: WatchRecord[];
  /** The reminders counting down to the earliest open deadline (fixed when that deadline came first). */
  reminders: ScheduledReminder[];
  /** Reminder ids already posted, or passed over because a later one was due at the same time. */
  sent: string[];
  status: WatchStatus;
  endedAt?: string;
  handled?: { by: string; reason: string; at: string };
}

export type WatchEvent =
  | { kind: 'reminder'; id: string; reminder: ScheduledReminder; atRisk: WatchRecord[]; deadline: string }
  | { kind: 'lost'; id: string; lost: WatchRecord[]; stillOpen: WatchRecord[]; final: boolean };

export interface StartedWatch {
  /** Undefined when no record can still be billed. */
  watch?: WatchState;
  /** Records whose window had already closed when the answer was given. */
  pastWindow: PastedUsageRecord[];
  /** Records with a timestamp in the future: the service refuses them as they are. */
  future: PastedUsageRecord[];
}

function customerOf(r: PastedUsageRecord): string | undefined {
  return r.customerIdentifier ?? r.customerAwsAccountId;
}

export function openRecords(state: WatchState): WatchRecord[] {
  return state.records.filter((r) => r.state === 'open');
}

/** The earliest deadline among records still open. */
export function earliestDeadline(state: WatchState): string | undefined {
  return openRecords(state).reduce<string | undefined>(
    (min, r) => (min === undefined || r.deadline < min ? r.deadline : min),
    undefined,
  );
}

/** When this watch next has something to do (a reminder or a deadline), or undefined once it ended. */
export function nextEventAt(state: WatchState): string | undefined {
  if (state.status !== 'open') return undefined;
  const deadline = earliestDeadline(state);
  if (deadline === undefined) return undefined;
  // Reminders are kept soonest first.
  const reminder = state.reminders.find((r) => !state.sent.includes(r.id) && r.at < deadline);
  return reminder ? reminder.at : deadline;
}

/**
 * Puts the records that can still be billed on watch. Records are read with the operation's window
 * (`checkWindow`, the same rule the retry applies); a record seen twice in the paste is watched once.
 */
export function startWatch(input: {
  records: PastedUsageRecord[];
  operation: MeteringOperation;
  now: Date;
  reminders: readonly ReminderSpec[];
}): StartedWatch {
  const { now } = input;
  const out: StartedWatch = { pastWindow: [], future: [] };
  const records: WatchRecord[] = [];
  for (const r of input.records) {
    const at = new Date(r.timestamp);
    if (Number.isNaN(at.getTime())) continue;
    const verdict = checkWindow(input.operation, at, now);
    if (verdict.reason === 'future') out.future.push(r);
    else if (!verdict.accepted) out.pastWindow.push(r);
    else {
      const key = pastedRecordKey(r);
      if (records.some((w) => w.key === key)) continue;
      const customer = customerOf(r);
      records.push({
        key,
        timestamp: r.timestamp,
        dimension: r.dimension,
        ...(r.quantity !== undefined ? { quantity: r.quantity } : {}),
        ...(customer ? { customer } : {}),
        deadline: verdict.closesAt!,
        state: 'open',
      });
    }
  }
  if (records.length === 0) return out;
  const base: WatchState = {
    v: 1,
    operation: input.operation,
    createdAt: now.toISOString(),
    records,
    reminders: [],
    sent: [],
    status: 'open',
  };
  out.watch = { ...base, reminders: reminderSchedule(now, new Date(earliestDeadline(base)!), input.reminders) };
  return out;
}

/**
 * Moves the watch to `now`: records past their deadline are lost (one `lost` event per deadline
 * reached; the last one ends the watch), then the latest reminder now due is posted (earlier ones
 * due at the same time are passed over: one message says it). When the earliest deadline passes
 * with records still open, the reminders count down afresh to the next deadline, from `now`.
 */
export function advanceWatch(
  state: WatchState,
  now: Date,
  reminders: readonly ReminderSpec[],
): { state: WatchState; events: WatchEvent[] } {
  if (state.status !== 'open') return { state, events: [] };
  const at = now.toISOString();
  const events: WatchEvent[] = [];
  let next: WatchState = { ...state, records: state.records.map((r) => ({ ...r })), sent: [...state.sent] };

  const due = openRecords(next).filter((r) => Date.parse(r.deadline) <= now.getTime());
  if (due.length > 0) {
    for (const r of due) r.state = 'lost';
    const stillOpen = openRecords(next);
    const latest = due.reduce((max, r) => (r.deadline > max ? r.deadline : max), due[0]!.deadline);
    const final = stillOpen.length === 0;
    events.push({ kind: 'lost', id: `lost@${latest}`, lost: due, stillOpen, final });
    if (final) return { state: { ...next, status: 'expired', endedAt: at }, events };
    next = { ...next, reminders: reminderSchedule(now, new Date(earliestDeadline(next)!), reminders), sent: [] };
  }

  const deadline = earliestDeadline(next)!;
  const ready = next.reminders.filter(
    (r) => !next.sent.includes(r.id) && Date.parse(r.at) <= now.getTime() && r.at < deadline,
  );
  if (ready.length > 0) {
    const reminder = ready[ready.length - 1]!;
    next.sent.push(...ready.map((r) => r.id));
    events.push({ kind: 'reminder', id: reminder.id, reminder, atRisk: openRecords(next), deadline });
  }
  // Nothing due: the state is returned as it was, so the caller need not write it.
  return events.length === 0 ? { state, events } : { state: next, events };
}

/**
 * Records resent successfully (the retry flow, or the metering job reporting success) leave the
 * watch; when none is left open the watch ends as resent. Unknown keys are ignored.
 */
export function resolveRecords(
  state: WatchState,
  keys: Iterable<string>,
  now: Date,
): { state: WatchState; resolved: number } {
  if (state.status !== 'open') return { state, resolved: 0 };
  const wanted = new Set(keys);
  let resolved = 0;
  const records = state.records.map((r) => {
    if (r.state !== 'open' || !wanted.has(r.key)) return r;
    resolved++;
    return { ...r, state: 'resent' as const };
  });
  const next: WatchState = { ...state, records };
  if (resolved === 0) return { state, resolved };
  return {
    state: records.some((r) => r.state === 'open') ? next : { ...next, status: 'resent', endedAt: now.toISOString() },
    resolved,
  };
}

/** "Won't bill": someone decided these records will not be resent. Ends the watch. */
export function markHandled(state: WatchState, input: { by: string; reason: string; now: Date }): WatchState {
  if (state.status !== 'open') return state;
  const at = input.now.toISOString();
  return {
    ...state,
    records: state.records.map((r) => (r.state === 'open' ? { ...r, state: 'handled' as const } : r)),
    status: 'handled',
    endedAt: at,
    handled: { by: input.by, reason: input.reason, at },
  };
}

export interface DimensionUnits {
  dimension: string;
  records: number;
  /** Sum of the known quantities. */
  units: number;
  /** Records without a quantity in the paste (their units are not in `units`). */
  unknownQuantity: number;
}

/** Records and units per dimension, dimensions in alphabetical order. */
export function unitsByDimension(records: readonly Pick<WatchRecord, 'dimension' | 'quantity'>[]): DimensionUnits[] {
  const byDimension = new Map<string, DimensionUnits>();
  for (const r of records) {
    const row = byDimension.get(r.dimension) ?? { dimension: r.dimension, records: 0, units: 0, unknownQuantity: 0 };
    row.records++;
    if (r.quantity === undefined) row.unknownQuantity++;
    else row.units += r.quantity;
    byDimension.set(r.dimension, row);
  }
  return [...byDimension.values()].sort((a, b) => a.dimension.localeCompare(b.dimension));
}
