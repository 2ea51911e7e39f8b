import { describe, expect, it } from 'vitest';
import { billingDeadline, resendBy, timeLeft, utcTimeFrom } from '../../src/core/deadline.js';

const now = new Date('2026-12-02T18:01:00Z');
const at = (timestamp: string) => ({ timestamp });

describe('billingDeadline', () => {
  it('gives BatchMeterUsage records 24 hours from their timestamp and names the first to close', () => {
    const d = billingDeadline([at('2026-12-02T15:01:00Z'), at('2026-12-02T16:30:00Z')], 'BatchMeterUsage', now)!;
    expect(d).toEqual({
      operation: 'BatchMeterUsage',
      billable: 2,
      lost: 0,
      future: 0,
      closesAt: '2026-12-03T15:01:00.000Z',
      minutesLeft: 21 * 60,
      monthClose: false,
    });
    expect(resendBy(d, now)).toBe('resend by 15:01 UTC tomorrow (21 h left)');
  });

  it('counts records past the window as lost', () => {
    const d = billingDeadline([at('2026-12-02T15:01:00Z'), at('2026-12-01T14:00:00Z')], 'BatchMeterUsage', now)!;
    expect(d.billable).toBe(1);
    expect(d.lost).toBe(1);
  });

  it('gives MeterUsage records 6 hours', () => {
    const d = billingDeadline([at('2026-12-02T15:01:00Z')], 'MeterUsage', now)!;
    expect(d.closesAt).toBe('2026-12-02T21:01:00.000Z');
    expect(resendBy(d, now)).toBe('resend by 21:01 UTC today (3 h left)');
    expect(billingDeadline([at('2026-12-02T11:00:00Z')], 'MeterUsage', now)).toMatchObject({ billable: 0, lost: 1 });
  });

  it('closes last month at 06:00 UTC on the 1st, before the 24 hours are up', () => {
    const early = new Date('2026-12-01T02:00:00Z');
    const d = billingDeadline([at('2026-11-30T23:30:00Z')], 'BatchMeterUsage', early)!;
    expect(d.closesAt).toBe('2026-12-01T06:00:00.000Z');
    expect(d.monthClose).toBe(true);
    expect(resendBy(d, early)).toBe('resend by 06:00 UTC today (4 h left, the month close)');
    expect(
      billingDeadline([at('2026-11-30T23:30:00Z')], 'BatchMeterUsage', new Date('2026-12-01T06:00:00Z')),
    ).toMatchObject({ billable: 0, lost: 1 });
  });

  it('counts records in the future apart, and gives no deadline without a metering operation or a readable timestamp', () => {
    expect(billingDeadline([at('2026-12-02T20:00:00Z')], 'BatchMeterUsage', now)).toMatchObject({
      billable: 0,
      future: 1,
    });
    expect(billingDeadline([at('2026-12-02T15:01:00Z')], 'GetEntitlements', now)).toBeUndefined();
    expect(billingDeadline([at('2026-12-02T15:01:00Z')], undefined, now)).toBeUndefined();
    expect(billingDeadline([at('not a time')], 'BatchMeterUsage', now)).toBeUndefined();
  });

  it('has no "resend by" once every record is lost', () => {
    expect(resendBy(billingDeadline([at('2026-11-30T10:00:00Z')], 'BatchMeterUsage', now)!, now)).toBeUndefined();
  });
});

describe('deadline wording', () => {
  it('says today, tomorrow or the day', () => {
    expect(utcTimeFrom(new Date('2026-12-02T23:10:00Z'), now)).toBe('23:10 UTC today');
    expect(utcTimeFrom(new Date('2026-12-04T09:00:00Z'), now)).toBe('09:00 UTC on Fri 4 Dec');
  });

  it('counts hours, and minutes in the last hour', () => {
    expect(timeLeft(21 * 60 + 59)).toBe('21 h left');
    expect(timeLeft(40)).toBe('40 min left');
  });
});
