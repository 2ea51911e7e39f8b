/**
 * When a deadline watch reminds, as one setting such as `50%,2h`: `N%` is the moment N percent of
 * the time left (from when the watch started to the earliest deadline) has passed; a duration
 * (`2h`, `90m`, `1.5h`) is that long before the earliest deadline. `off` means no reminders: the
 * watch still posts when records are lost.
 */

export type ReminderSpec =
  | { kind: 'elapsed'; fraction: number; label: string }
  | { kind: 'before'; ms: number; label: string };

export const DEFAULT_REMINDERS = '50%,2h';
const MAX_REMINDERS = 5;
const MAX_BEFORE_MS = 24 * 3_600_000;

export type ReminderSpecResult = { ok: true; specs: ReminderSpec[] } | { ok: false; error: string };

function parseItem(item: string): ReminderSpec | string {
  const percent = /^(\d{1,2})%$/.exec(item);
  if (percent) {
    const n = Number(percent[1]);
    if (n < 1) return `"${item}": a percentage must be from 1% to 99%`;
    return { kind: 'elapsed', fraction: n / 100, label: `${n}%` };
  }
  const duration = /^(\d+(?:\.\d+)?)(h|m)$/.exec(item);
  if (duration) {
    const ms = Math.round(Number(duration[1]) * (duration[2] === 'h' ? 3_600_000 : 60_000));
    if (ms < 60_000 || ms > MAX_BEFORE_MS) return `"${item}": a time before the deadline must be from 1m to 24h`;
    return { kind: 'before', ms, label: item };
  }
  return `"${item}" is neither a percentage (50%) nor a time before the deadline (2h, 30m)`;
}

/** Parses the setting; the error names the item at fault. */
export function parseReminderSpec(text: string): ReminderSpecResult {
  const value = text.trim().toLowerCase();
  if (value === 'off' || value === 'none') return { ok: true, specs: [] };
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0) return { ok: false, error: 'is empty (use e.g. 50%,2h, or off)' };
  if (items.length > MAX_REMINDERS)
    return { ok: false, error: `lists ${items.length} reminders; at most ${MAX_REMINDERS}` };
  const specs: ReminderSpec[] = [];
  for (const item of items) {
    const spec = parseItem(item);
    if (typeof spec === 'string') return { ok: false, error: spec };
    if (!specs.some((s) => s.label === spec.label)) specs.push(spec);
  }
  return { ok: true, specs };
}

export interface ScheduledReminder {
  /** Stable across replicas: the spec and the deadline it counts down to. */
  id: string;
  /** ISO instant the reminder is due. */
  at: string;
  label: string;
}

/**
 * The reminders due between `from` (exclusive) and `deadline` (exclusive), soonest first. Two specs
 * that land on the same instant remind once.
 */
export function reminderSchedule(from: Date, deadline: Date, specs: readonly ReminderSpec[]): ScheduledReminder[] {
  const start = from.getTime();
  const end = deadline.getTime();
  const out: ScheduledReminder[] = [];
  for (const spec of specs) {
    const at = spec.kind === 'elapsed' ? Math.round(start + spec.fraction * (end - start)) : end - spec.ms;
    if (at <= start || at >= end || out.some((r) => Date.parse(r.at) === at)) continue;
    out.push({ id: `${spec.label}@${deadline.toISOString()}`, at: new Date(at).toISOString(), label: spec.label });
  }
  return out.sort((a, b) => a.at.localeCompare(b.at));
}
