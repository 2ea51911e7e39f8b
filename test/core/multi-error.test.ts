import { describe, expect, it } from 'vitest';
import { answerFromFinding, diagnose } from '../../src/core/index.js';
import { NOW, realCatalog } from './helpers.js';

const LOG = `2026-11-23T12:00:01.002Z INFO  metering-worker starting hourly run for 3 products
2026-11-23T12:00:02.114Z WARN  metering-worker An error occurred (ThrottlingException) when calling the BatchMeterUsage operation (reached max retries: 4): Rate exceeded
2026-11-23T12:00:02.530Z INFO  metering-worker retry scheduled in 30s
2026-11-23T12:00:03.771Z ERROR metering-worker An error occurred (TimestampOutOfBoundsException) when calling the BatchMeterUsage operation: The timestamp value passed in the UsageRecord is out of allowed range. {"ProductCode":"7k2m9xq4d1abcdef","UsageRecords":[{"Timestamp":1795255200,"Dimension":"api_calls","CustomerIdentifier":"Kx3Lp9QrT2wY","Quantity":42}]}
2026-11-23T12:00:32.118Z WARN  metering-worker An error occurred (ThrottlingException) when calling the BatchMeterUsage operation (reached max retries: 4): Rate exceeded
2026-11-23T12:01:10.045Z ERROR entitlement-sync An error occurred (AccessDeniedException) when calling the BatchMeterUsage operation: User: arn:aws:sts::123456789012:assumed-role/saas-metering/worker-7 is not authorized to perform: aws-marketplace:BatchMeterUsage
2026-11-23T12:01:11.000Z INFO  metering-worker run finished: 3 batches, 2 failed`;

describe('a log excerpt with several errors', () => {
  const result = diagnose(LOG, realCatalog(), { now: NOW });

  it('reports each distinct error once, blockers first', () => {
    expect(result.isError).toBe(true);
    expect(result.findings.map((f) => f.entry.id)).toEqual([
      'metering-access-denied',
      'metering-timestamp-out-of-bounds',
      'metering-throttling',
    ]);
  });

  it('counts repeats instead of repeating the answer', () => {
    expect(result.findings.find((f) => f.entry.id === 'metering-throttling')!.occurrences).toBe(2);
  });

  it("keeps each error's own facts: the stale record is 52 hours old against a 24-hour window", () => {
    const stale = result.findings.find((f) => f.entry.id === 'metering-timestamp-out-of-bounds')!;
    expect(stale.facts).toMatchObject({
      timestamp: '2026-11-21T10:00:00.000Z',
      timestampAgeHours: 52,
      dimension: 'api_calls',
      productCode: '7k2m9xq4d1abcdef',
    });
    expect(answerFromFinding(stale).what + answerFromFinding(stale).fix.join(' ')).toMatch(/24 hours/);
  });

  it("does not lend one error's record facts to another", () => {
    const throttled = result.findings.find((f) => f.entry.id === 'metering-throttling')!;
    expect(throttled.facts.productCode).toBeUndefined();
    expect(throttled.facts.timestamp).toBeUndefined();
    expect(result.findings[0]!.facts.roleName).toBe('saas-metering');
  });

  it('fills the access-denied answer with the role and the exact policy statement', () => {
    const denied = answerFromFinding(result.findings[0]!);
    expect(denied.fix.join('\n')).toContain('saas-metering');
    expect(JSON.parse(denied.policy!)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'MeterDocAllowAwsMarketplace',
          Effect: 'Allow',
          Action: ['aws-marketplace:BatchMeterUsage'],
          Resource: '*',
        },
      ],
    });
  });

  it('carries the usage batch found in the paste, exactly as given', () => {
    expect(result.usageBatch).toEqual({
      origin: 'request',
      productCode: '7k2m9xq4d1abcdef',
      records: [
        {
          timestamp: '2026-11-21T10:00:00.000Z',
          dimension: 'api_calls',
          customerIdentifier: 'Kx3Lp9QrT2wY',
          quantity: 42,
        },
      ],
    });
  });
});
