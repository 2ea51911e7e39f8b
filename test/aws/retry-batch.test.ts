import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { retryBatch } from '../../src/aws/retry-batch.js';
import { planBatch } from '../../src/core/usage/validate-batch.js';
import { allSuccess, hoursAgo, meteringReply, NOW, testClients, type Seen } from './fixtures.js';

afterEach(() => nock.cleanAll());

const records = [
  { timestamp: '2026-11-23T13:00:00.250Z', dimension: 'requests', quantity: 5, customerIdentifier: 'cust-ok' },
  { timestamp: hoursAgo(2), dimension: 'requests', quantity: 7, customerIdentifier: 'cust-gone' },
  { timestamp: hoursAgo(3), dimension: 'requests', quantity: 9, customerIdentifier: 'cust-dup' },
  { timestamp: hoursAgo(4), dimension: 'requests', quantity: 11, customerIdentifier: 'cust-later' },
];

describe('retryBatch', () => {
  it('reports every record of a mixed response: Success, CustomerNotSubscribed, DuplicateRecord, still unprocessed', async () => {
    const seen: Seen = { bodies: [], targets: [] };
    const scope = meteringReply(seen, (body) => {
      const [ok, gone, dup, later] = body.UsageRecords;
      return [
        200,
        {
          Results: [
            { UsageRecord: gone, MeteringRecordId: 'mr-2', Status: 'CustomerNotSubscribed' },
            { UsageRecord: ok, MeteringRecordId: 'mr-1', Status: 'Success' },
            { UsageRecord: dup, MeteringRecordId: 'mr-3', Status: 'DuplicateRecord' },
          ],
          UnprocessedRecords: [later],
        },
      ];
    });
    const plan = planBatch({ productCode: 'prod-abc123', records }, NOW);
    const out = await retryBatch(testClients().metering, plan);
    expect(scope.isDone()).toBe(true);
    expect(seen.targets).toEqual(['AWSMPMeteringService.BatchMeterUsage']);
    // Sent exactly as given: epoch seconds with the milliseconds kept, quantities untouched.
    expect(seen.bodies[0]).toEqual({
      ProductCode: 'prod-abc123',
      UsageRecords: records.map((r) => ({
        Timestamp: Date.parse(r.timestamp) / 1000,
        Dimension: r.dimension,
        CustomerIdentifier: r.customerIdentifier,
        Quantity: r.quantity,
      })),
    });
    expect(out.records.map((r) => [r.index, r.status])).toEqual([
      [0, 'Success'],
      [1, 'CustomerNotSubscribed'],
      [2, 'DuplicateRecord'],
      [3, 'Unprocessed'],
    ]);
    expect(out.records[0]!.meteringRecordId).toBe('mr-1');
    expect(out.calls[0]!.requestId).toBe('req-1');
    expect(out.anyAnswered).toBe(true);
  });

  it('retries throttling with the SDK strategy, then succeeds', async () => {
    const seen: Seen = { bodies: [], targets: [] };
    let calls = 0;
    const scope = meteringReply(
      seen,
      (body) => {
        calls++;
        if (calls < 3)
          return [400, { __type: 'com.amazonaws.marketplace.metering#ThrottlingException', message: 'Rate exceeded' }];
        return allSuccess(body) as [number, unknown];
      },
      3,
    );
    const plan = planBatch({ productCode: 'prod-abc123', records: records.slice(0, 1) }, NOW);
    const out = await retryBatch(testClients({}, 3).metering, plan);
    expect(scope.isDone()).toBe(true);
    expect(seen.bodies).toHaveLength(3);
    // Every attempt sent the identical record.
    expect(new Set(seen.bodies.map((b) => JSON.stringify(b))).size).toBe(1);
    expect(out.records[0]!.status).toBe('Success');
    expect(out.calls[0]!.attempts).toBe(3);
  });

  it('reports the modeled error when retries run out, and stops sending', async () => {
    const seen: Seen = { bodies: [], targets: [] };
    meteringReply(seen, () => [400, { __type: 'ThrottlingException', message: 'Rate exceeded' }], 2);
    const many = Array.from({ length: 30 }, (_, i) => ({ ...records[0]!, customerIdentifier: `c${i}` }));
    const out = await retryBatch(
      testClients({}, 2).metering,
      planBatch({ productCode: 'prod-abc123', records: many }, NOW),
    );
    expect(seen.bodies).toHaveLength(2); // one call, two attempts; the second call is never made
    expect(out.counts.Failed).toBe(25);
    expect(out.counts.NotSent).toBe(5);
    expect(out.calls[0]!.error).toMatchObject({ name: 'ThrottlingException' });
    expect(out.anyAnswered).toBe(false);
  });

  it('takes a stale record out before sending: AWS only sees the fresh ones', async () => {
    const seen: Seen = { bodies: [], targets: [] };
    meteringReply(seen, (b) => allSuccess(b) as [number, unknown]);
    const batch = { productCode: 'prod-abc123', records: [records[0]!, { ...records[1]!, timestamp: hoursAgo(30) }] };
    const plan = planBatch(batch, NOW);
    expect(plan.stale.map((s) => s.index)).toEqual([1]);
    const out = await retryBatch(testClients().metering, plan);
    const sent = (seen.bodies[0] as { UsageRecords: Array<{ CustomerIdentifier: string }> }).UsageRecords;
    expect(sent.map((r) => r.CustomerIdentifier)).toEqual(['cust-ok']);
    expect(out.records.map((r) => r.index)).toEqual([0]);
  });
});
