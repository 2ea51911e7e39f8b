import { describe, expect, it } from 'vitest';
import {
  advanceWatch,
  markHandled,
  nextEventAt,
  parseReminderSpec,
  reminderSchedule,
  resolveRecords,
  startWatch,
  unitsByDimension,
  pastedRecordKey,
  type PastedUsageRecord,
  type ReminderSpec,
  type WatchState,
} from '../../src/core/index.js';

const at = (iso: string) => new Date(iso);
const HOUR = 3_600_000;

function specs(text: string): ReminderSpec[] {
  const parsed = parseReminderSpec(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.specs;
}

const record = (timestamp: string, dimension: string, quantity?: number): PastedUsageRecord => ({
  timestamp,
  dimension,
  ...(quantity !== undefined ? { quantity } : {}),
  customerIdentifier: 'cust-7Hq2xK',
});

describe('the reminder setting', () => {
  it('reads percentages of the time left and times before the deadline', () => {
    expect(parseReminderSpec('50%,2h')).toEqual({
      ok: true,
      specs: [
        { kind: 'elapsed', fraction: 0.5, label: '50%' },
        { kind: 'before', ms: 2 * HOUR, label: '2h' },
      ],
    });
    expect(parseReminderSpec(' 75% , 30m, 1.5h ')).toMatchObject({
      ok: true,
      specs: [{ fraction: 0.75 }, { ms: 30 * 60_000 }, { ms: 1.5 * HOUR }],
    });
  });

  it('"off" keeps only the lost-records message', () => {
    expect(parseReminderSpec('off')).toEqual({ ok: true, specs: [] });
  });

  it('names the item it cannot read', () => {
    expect(parseReminderSpec('50%,2 days')).toEqual({
      ok: false,
      error: '"2 days" is neither a percentage (50%) nor a time before the deadline (2h, 30m)',
    });
    expect(parseReminderSpec('0%')).toMatchObject({ ok: false, error: expect.stringContaining('1% to 99%') });
    expect(parseReminderSpec('25h')).toMatchObject({ ok: false, error: expect.stringContaining('1m to 24h') });
    expect(parseReminderSpec('')).toMatchObject({ ok: false });
  });

  it('schedules half-way through the time left and two hours before the deadline, soonest first', () => {
    const from = at('2026-11-23T10:00:00Z');
    const deadline = at('2026-11-24T08:00:00Z');
    expect(reminderSchedule(from, deadline, specs('2h,50%'))).toEqual([
      { id: '50%@2026-11-24T08:00:00.000Z', at: '2026-11-23T21:00:00.000Z', label: '50%' },
      { id: '2h@2026-11-24T08:00:00.000Z', at: '2026-11-24T06:00:00.000Z', label: '2h' },
    ]);
  });

  it('drops a reminder that would come before the watch starts, and reminds once for two that coincide', () => {
    const from = at('2026-11-23T10:00:00Z');
    expect(reminderSchedule(from, at('2026-11-23T11:30:00Z'), specs('50%,2h')).map((r) => r.label)).toEqual(['50%']);
    expect(reminderSchedule(from, at('2026-11-23T14:00:00Z'), specs('50%,2h'))).toHaveLength(1);
  });
});

describe('a deadline watch', () => {
  const now = at('2026-11-23T14:00:00Z');
  // One record already past BatchMeterUsage's 24 hours, two still inside it.
  const pasted = [
    record('2026-11-22T09:00:00Z', 'api_calls', 900),
    record('2026-11-23T04:00:00Z', 'api_calls', 120),
    record('2026-11-23T06:00:00Z', 'storage_gb', 40),
  ];

  function started(): WatchState {
    const { watch } = startWatch({ records: pasted, operation: 'BatchMeterUsage', now, reminders: specs('50%,2h') });
    return watch!;
  }

  it('watches the records that can still be billed, each with its own deadline', () => {
    const result = startWatch({ records: pasted, operation: 'BatchMeterUsage', now, reminders: specs('50%,2h') });
    expect(result.pastWindow).toEqual([pasted[0]]);
    expect(result.watch!.records).toEqual([
      {
        key: pastedRecordKey(pasted[1]!),
        timestamp: '2026-11-23T04:00:00Z',
        dimension: 'api_calls',
        quantity: 120,
        customer: 'cust-7Hq2xK',
        deadline: '2026-11-24T04:00:00.000Z',
        state: 'open',
      },
      {
        key: pastedRecordKey(pasted[2]!),
        timestamp: '2026-11-23T06:00:00Z',
        dimension: 'storage_gb',
        quantity: 40,
        customer: 'cust-7Hq2xK',
        deadline: '2026-11-24T06:00:00.000Z',
        state: 'open',
      },
    ]);
    // Counted down to the earliest deadline: 14 hours left, so half-way is 21:00; two hours before is 02:00.
    expect(result.watch!.reminders.map((r) => r.at)).toEqual(['2026-11-23T21:00:00.000Z', '2026-11-24T02:00:00.000Z']);
    expect(nextEventAt(result.watch!)).toBe('2026-11-23T21:00:00.000Z');
  });

  it('MeterUsage records have 6 hours', () => {
    const { watch, pastWindow } = startWatch({
      records: [record('2026-11-23T07:00:00Z', 'hosts', 3), record('2026-11-23T12:30:00Z', 'hosts', 2)],
      operation: 'MeterUsage',
      now,
      reminders: [],
    });
    expect(pastWindow).toHaveLength(1);
    expect(watch!.records.map((r) => r.deadline)).toEqual(['2026-11-23T18:30:00.000Z']);
  });

  it("the previous month's records are watched only until 06:00 UTC on the 1st", () => {
    const { watch } = startWatch({
      records: [record('2026-11-30T20:00:00Z', 'api_calls', 5)],
      operation: 'BatchMeterUsage',
      now: at('2026-11-30T22:00:00Z'),
      reminders: specs('50%,2h'),
    });
    expect(watch!.records[0]!.deadline).toBe('2026-12-01T06:00:00.000Z');
    expect(watch!.reminders.map((r) => r.at)).toEqual(['2026-12-01T02:00:00.000Z', '2026-12-01T04:00:00.000Z']);
  });

  it('starts nothing when every record is past its window or in the future', () => {
    const result = startWatch({
      records: [pasted[0]!, record('2026-11-23T18:00:00Z', 'api_calls', 1)],
      operation: 'BatchMeterUsage',
      now,
      reminders: specs('50%,2h'),
    });
    expect(result.watch).toBeUndefined();
    expect(result.future).toHaveLength(1);
  });

  it('a record pasted twice is watched once', () => {
    const { watch } = startWatch({
      records: [pasted[1]!, { ...pasted[1]! }],
      operation: 'BatchMeterUsage',
      now,
      reminders: [],
    });
    expect(watch!.records).toHaveLength(1);
  });

  it('posts each reminder once, at its time, with what is at risk', () => {
    const r = specs('50%,2h');
    let state = started();
    expect(advanceWatch(state, at('2026-11-23T20:59:59Z'), r).events).toEqual([]);
    const half = advanceWatch(state, at('2026-11-23T21:00:00Z'), r);
    expect(half.events).toEqual([
      {
        kind: 'reminder',
        id: '50%@2026-11-24T04:00:00.000Z',
        reminder: state.reminders[0],
        atRisk: state.records,
        deadline: '2026-11-24T04:00:00.000Z',
      },
    ]);
    state = half.state;
    expect(advanceWatch(state, at('2026-11-23T23:00:00Z'), r).events).toEqual([]);
    const late = advanceWatch(state, at('2026-11-24T02:00:00Z'), r);
    expect(late.events.map((e) => e.id)).toEqual(['2h@2026-11-24T04:00:00.000Z']);
    expect(advanceWatch(late.state, at('2026-11-24T03:00:00Z'), r).events).toEqual([]);
    expect(nextEventAt(late.state)).toBe('2026-11-24T04:00:00.000Z');
  });

  it('after a long pause posts only the latest reminder due', () => {
    const { state, events } = advanceWatch(started(), at('2026-11-24T03:00:00Z'), specs('50%,2h'));
    expect(events.map((e) => e.id)).toEqual(['2h@2026-11-24T04:00:00.000Z']);
    expect(state.sent).toHaveLength(2);
  });

  it('loses records at their deadline, keeps the rest on watch and counts down to the next deadline', () => {
    const r = specs('50%,2h');
    const first = advanceWatch(started(), at('2026-11-24T04:00:00Z'), r);
    expect(first.events).toEqual([
      {
        kind: 'lost',
        id: 'lost@2026-11-24T04:00:00.000Z',
        lost: [expect.objectContaining({ dimension: 'api_calls', state: 'lost' })],
        stillOpen: [expect.objectContaining({ dimension: 'storage_gb' })],
        final: false,
      },
    ]);
    expect(first.state.status).toBe('open');
    expect(first.state.reminders.map((x) => x.at)).toEqual(['2026-11-24T05:00:00.000Z']);
    const last = advanceWatch(first.state, at('2026-11-24T06:00:00Z'), r);
    expect(last.events).toEqual([expect.objectContaining({ kind: 'lost', final: true, stillOpen: [] })]);
    expect(last.state).toMatchObject({ status: 'expired', endedAt: '2026-11-24T06:00:00.000Z' });
    expect(advanceWatch(last.state, at('2026-11-25T00:00:00Z'), r).events).toEqual([]);
    expect(nextEventAt(last.state)).toBeUndefined();
  });

  it('a resend of every open record ends the watch; a partial one keeps the rest', () => {
    const state = started();
    const partial = resolveRecords(state, [state.records[0]!.key], at('2026-11-23T15:00:00Z'));
    expect(partial).toMatchObject({ resolved: 1, state: { status: 'open' } });
    const all = resolveRecords(partial.state, [state.records[1]!.key, 'unknown'], at('2026-11-23T15:05:00Z'));
    expect(all).toMatchObject({ resolved: 1, state: { status: 'resent', endedAt: '2026-11-23T15:05:00.000Z' } });
    expect(advanceWatch(all.state, at('2026-11-24T02:00:00Z'), specs('50%,2h')).events).toEqual([]);
    expect(resolveRecords(state, ['unknown'], now)).toEqual({ state, resolved: 0 });
  });

  it('"Won\'t bill" ends the watch with who and why', () => {
    const handled = markHandled(started(), {
      by: 'U0ALLOWED',
      reason: 'customer credited directly',
      now: at('2026-11-23T16:00:00Z'),
    });
    expect(handled).toMatchObject({
      status: 'handled',
      handled: { by: 'U0ALLOWED', reason: 'customer credited directly', at: '2026-11-23T16:00:00.000Z' },
    });
    expect(handled.records.every((r) => r.state === 'handled')).toBe(true);
    expect(nextEventAt(handled)).toBeUndefined();
  });

  it('counts records and units per dimension, keeping unknown quantities apart', () => {
    expect(
      unitsByDimension([
        { dimension: 'storage_gb', quantity: 40 },
        { dimension: 'api_calls', quantity: 120 },
        { dimension: 'api_calls', quantity: 30 },
        { dimension: 'api_calls' },
      ]),
    ).toEqual([
      { dimension: 'api_calls', records: 3, units: 150, unknownQuantity: 1 },
      { dimension: 'storage_gb', records: 1, units: 40, unknownQuantity: 0 },
    ]);
  });
});
