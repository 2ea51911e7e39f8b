import { describe, expect, it } from 'vitest';
import { excerptAround } from '../../../src/core/text/excerpt.js';

describe('excerptAround', () => {
  const log = [
    '2026-12-07T10:00:00Z INFO meter-worker starting hourly run',
    '2026-12-07T10:00:01Z INFO meter-worker 25 records queued',
    '2026-12-07T10:00:02Z ERROR meter-worker ThrottlingException: Rate exceeded',
    '    at BatchMeterUsageCommand (client-marketplace-metering)',
    '2026-12-07T10:00:03Z INFO meter-worker backing off',
  ].join('\n');

  it('starts at the line that mentions the error', () => {
    expect(excerptAround(log, 'ThrottlingException').split('\n')[0]).toContain(
      'ERROR meter-worker ThrottlingException',
    );
  });

  it('starts at the top of the paste when the error is not named, or not found', () => {
    expect(excerptAround(log, undefined).startsWith('2026-12-07T10:00:00Z INFO')).toBe(true);
    expect(excerptAround(log, 'NoSuchCode').startsWith('2026-12-07T10:00:00Z INFO')).toBe(true);
  });

  it('keeps at most six lines and 1,500 characters', () => {
    const long = Array.from({ length: 40 }, (_, i) => `line ${i} ${'x'.repeat(400)}`).join('\n');
    const excerpt = excerptAround(long, 'line 3 ');
    expect(excerpt.startsWith('line 3 ')).toBe(true);
    expect(excerpt.split('\n').length).toBeLessThanOrEqual(6);
    expect(excerpt.length).toBe(1500);
  });
});
