import { describe, expect, it } from 'vitest';
import { checkWindow, windowDescription } from '../../src/core/index.js';

const at = (iso: string) => new Date(iso);

describe('the metering time window', () => {
  it('BatchMeterUsage takes a record up to (not including) 24 hours old', () => {
    expect(checkWindow('BatchMeterUsage', at('2026-11-22T14:00:01Z'), at('2026-11-23T14:00:00Z')).accepted).toBe(true);
    expect(checkWindow('BatchMeterUsage', at('2026-11-22T14:00:00Z'), at('2026-11-23T14:00:00Z'))).toMatchObject({
      accepted: false,
      reason: 'too-old',
      ageHours: 24,
    });
  });

  it('MeterUsage takes a record up to 6 hours old', () => {
    expect(checkWindow('MeterUsage', at('2026-11-23T08:30:00Z'), at('2026-11-23T14:00:00Z')).accepted).toBe(true);
    expect(checkWindow('MeterUsage', at('2026-11-23T07:59:00Z'), at('2026-11-23T14:00:00Z'))).toMatchObject({
      accepted: false,
      reason: 'too-old',
    });
  });

  it('the previous month closes at 06:00 UTC on the 1st, even for a record under 24 hours old', () => {
    const lateOctober = at('2026-10-31T22:00:00Z');
    expect(checkWindow('BatchMeterUsage', lateOctober, at('2026-11-01T05:59:00Z')).accepted).toBe(true);
    expect(checkWindow('BatchMeterUsage', lateOctober, at('2026-11-01T06:00:00Z'))).toMatchObject({
      accepted: false,
      closesAt: '2026-11-01T06:00:00.000Z',
    });
  });

  it('December closes on 1 January of the next year', () => {
    expect(checkWindow('BatchMeterUsage', at('2026-12-31T23:00:00Z'), at('2027-01-01T06:30:00Z')).accepted).toBe(false);
  });

  it('a record from the future is refused, a few minutes of clock skew is not', () => {
    const now = at('2026-11-23T14:00:00Z');
    expect(checkWindow('BatchMeterUsage', at('2026-11-23T14:03:00Z'), now).accepted).toBe(true);
    expect(checkWindow('BatchMeterUsage', at('2026-11-23T15:00:00Z'), now)).toMatchObject({
      accepted: false,
      reason: 'future',
    });
  });
});

describe('the window, in words', () => {
  it('names the registration deadline for RegisterUsage, which sends no records', () => {
    expect(windowDescription('RegisterUsage')).toBe('the first 6 hours after the container starts');
    expect(windowDescription('MeterUsage')).toBe('6 hours for MeterUsage');
  });
});
