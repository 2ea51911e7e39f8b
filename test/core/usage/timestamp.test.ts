import { describe, expect, it } from 'vitest';
import { extractUsageBatch } from '../../../src/core/extract/usage-records.js';
import { extractFacts } from '../../../src/core/extract/facts-extract.js';
import { readTimestamp } from '../../../src/core/usage/timestamp.js';
import { batchFromWire, wireBatchSchema } from '../../../src/core/usage/wire.js';

const request = (timestamp: string | number) =>
  JSON.stringify({
    ProductCode: 'prod-abc123',
    UsageRecords: [{ Timestamp: timestamp, Dimension: 'requests', Quantity: 5, CustomerIdentifier: 'cust-1' }],
  });

/** Every path a usage-record timestamp comes in by: a paste, the edit form or intake (the wire shape), a log line's facts. */
function readEverywhere(timestamp: string | number) {
  const pasted = extractUsageBatch(
    `An error occurred (ThrottlingException) when calling the BatchMeterUsage operation\nrequest: ${request(timestamp)}`,
  )?.records[0]?.timestamp;
  const wire = wireBatchSchema.safeParse(JSON.parse(request(timestamp)));
  const form = wire.success ? batchFromWire(wire.data, 'request').records[0]?.timestamp : undefined;
  const fact = extractFacts(`"Timestamp": ${JSON.stringify(timestamp)}`).timestamp;
  return { reader: readTimestamp(timestamp), pasted, form, fact };
}

describe('usage-record timestamps: one reader on every path', () => {
  it('keeps an exact instant exactly, whether epoch seconds or ISO with a zone', () => {
    for (const [given, iso] of [
      [1795410000, '2026-11-23T05:00:00.000Z'],
      [1795410000.123, '2026-11-23T05:00:00.123Z'],
      ['1795410000.5', '2026-11-23T05:00:00.500Z'],
      ['2026-11-23T05:00:00Z', '2026-11-23T05:00:00.000Z'],
      ['2026-11-23T07:00:00.250+02:00', '2026-11-23T05:00:00.250Z'],
    ] as const) {
      expect(readEverywhere(given), String(given)).toEqual({ reader: iso, pasted: iso, form: iso, fact: iso });
    }
  });

  it('refuses sub-millisecond digits on every path instead of rounding a billed timestamp', () => {
    for (const given of [1795410000.1234, '1795410000.0001', '2026-11-23T05:00:00.1234Z']) {
      expect(readEverywhere(given), String(given)).toEqual({
        reader: undefined,
        pasted: undefined,
        form: undefined,
        fact: undefined,
      });
    }
  });

  it('refuses a time without a zone: it names no single instant', () => {
    expect(readEverywhere('2026-11-23T05:00:00')).toEqual({
      reader: undefined,
      pasted: undefined,
      form: undefined,
      fact: undefined,
    });
  });
});
