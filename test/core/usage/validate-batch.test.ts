import { describe, expect, it } from 'vitest';
import type { PastedUsageRecord } from '../../../src/core/extract/usage-records.js';
import { planBatch, plannedRecordCount } from '../../../src/core/usage/validate-batch.js';
import { wireBatchSchema, batchFromWire } from '../../../src/core/usage/wire.js';
import { epochSecondsToIso } from '../../../src/core/usage/timestamp.js';
import { hoursAgo, NOW } from '../../aws/fixtures.js';

const rec = (over: Partial<PastedUsageRecord> = {}): PastedUsageRecord => ({
  timestamp: hoursAgo(1),
  dimension: 'requests',
  quantity: 5,
  customerIdentifier: 'cust-1',
  ...over,
});

function problemsOf(over: Partial<PastedUsageRecord>, productCode: string | null = 'prod-abc123'): string[] {
  const plan = planBatch({ ...(productCode !== null ? { productCode } : {}), records: [rec(over)] }, NOW);
  return plan.invalid[0]?.problems ?? [];
}

describe('planBatch: service rules', () => {
  it('sends a valid record exactly as given', () => {
    const plan = planBatch(
      { productCode: 'prod-abc123', records: [rec({ timestamp: '2026-11-23T13:00:00.123Z' })] },
      NOW,
    );
    expect(plan.invalid).toEqual([]);
    expect(plan.calls).toHaveLength(1);
    expect(plan.calls[0]!.records[0]!.record).toEqual({
      Timestamp: new Date('2026-11-23T13:00:00.123Z'),
      Dimension: 'requests',
      Quantity: 5,
      CustomerIdentifier: 'cust-1',
    });
  });

  it.each([
    [{ quantity: -1 }, /negative/],
    [{ quantity: 1.5 }, /whole number/],
    [{ quantity: 2_147_483_648 }, /exceed/],
    [{ quantity: undefined }, /quantity is missing/],
    [{ customerAwsAccountId: '123456789012' }, /mutually exclusive/],
    [{ customerIdentifier: undefined }, /no customer/],
    [{ customerIdentifier: undefined, customerAwsAccountId: '12ab' }, /digits only/],
    [{ dimension: '' }, /dimension is empty/],
    [{ timestamp: '2026-11-23 13:00' }, /with a zone/],
    [{ timestamp: '2026-11-23T13:00:00.1234Z' }, /millisecond/],
    [{ timestamp: hoursAgo(-1) }, /future/],
    [{ usageAllocations: [{ AllocatedUsageQuantity: 4 }] }, /add up to 4/],
    [{ usageAllocations: [] }, /at least one allocation/],
    [{ usageAllocations: [{ AllocatedUsageQuantity: 5, Tags: [] }] }, /1 to 5 tags/],
    [
      {
        usageAllocations: [
          { AllocatedUsageQuantity: 5, Tags: Array.from({ length: 6 }, (_, i) => ({ Key: `k${i}`, Value: 'v' })) },
        ],
      },
      /at most 5 tags/,
    ],
    [
      { usageAllocations: [{ AllocatedUsageQuantity: 5, Tags: [{ Key: 'k'.repeat(101), Value: 'v' }] }] },
      /UsageAllocations/,
    ],
    [
      { usageAllocations: [{ AllocatedUsageQuantity: 5, Tags: [{ Key: 'k', Value: 'v'.repeat(257) }] }] },
      /UsageAllocations/,
    ],
    [{ usageAllocations: [{ AllocatedUsageQuantity: 5, Tags: [{ Key: 'bad?key', Value: 'v' }] }] }, /tag keys/],
    [
      {
        usageAllocations: [
          { AllocatedUsageQuantity: 2, Tags: [{ Key: 'a', Value: 'b' }] },
          { AllocatedUsageQuantity: 3, Tags: [{ Key: 'a', Value: 'b' }] },
        ],
      },
      /unique set of tags/,
    ],
    [{ usageAllocations: Array.from({ length: 2501 }, () => ({ AllocatedUsageQuantity: 0 })) }, /at most 2500/],
    [{ licenseArn: 'not-an-arn' }, /not an ARN/],
  ] as Array<[Partial<PastedUsageRecord>, RegExp]>)('rejects %j', (over, re) => {
    expect(problemsOf(over).join(' | ')).toMatch(re);
  });

  it('accepts allocations that add up, with valid tags', () => {
    expect(
      problemsOf({
        usageAllocations: [
          { AllocatedUsageQuantity: 2, Tags: [{ Key: 'team', Value: 'a b' }] },
          { AllocatedUsageQuantity: 3 },
        ],
      }),
    ).toEqual([]);
  });

  it('never mixes ProductCode with LicenseArn, and needs one of them', () => {
    const arn = 'arn:aws:license-manager::123456789012:license:l-0123456789abcdef0123456789abcdef';
    expect(problemsOf({ licenseArn: arn })).toEqual([expect.stringMatching(/both ProductCode and LicenseArn/)]);
    expect(problemsOf({}, null)).toEqual([expect.stringMatching(/no product/)]);
    expect(
      problemsOf({ licenseArn: arn, customerIdentifier: undefined, customerAwsAccountId: '123456789012' }, null),
    ).toEqual([]);
  });

  it('takes stale records out, reports them as lost, and keeps the rest', () => {
    const plan = planBatch(
      {
        productCode: 'prod-abc123',
        records: [rec({ timestamp: hoursAgo(25) }), rec({ customerIdentifier: 'cust-2' })],
      },
      NOW,
    );
    expect(plan.stale.map((s) => s.index)).toEqual([0]);
    expect(plan.stale[0]!.verdict.reason).toBe('too-old');
    expect(plan.calls.flatMap((c) => c.records.map((r) => r.index))).toEqual([1]);
  });

  it('closes the previous month at 06:00 UTC on the 1st even inside 24 hours', () => {
    const now = new Date('2026-12-01T06:30:00Z');
    const plan = planBatch(
      {
        productCode: 'p',
        records: [
          rec({ timestamp: '2026-11-30T23:00:00Z' }),
          rec({ timestamp: '2026-12-01T01:00:00Z', customerIdentifier: 'c2' }),
        ],
      },
      now,
    );
    expect(plan.stale.map((s) => s.index)).toEqual([0]);
    expect(plannedRecordCount(plan)).toBe(1);
  });

  it('splits into calls of at most 25 and never mixes identifier kinds', () => {
    const records = [
      ...Array.from({ length: 30 }, (_, i) => rec({ customerIdentifier: `c${i}` })),
      ...Array.from({ length: 3 }, (_, i) =>
        rec({ customerIdentifier: undefined, customerAwsAccountId: `11111111111${i}` }),
      ),
    ];
    const plan = planBatch({ productCode: 'prod-abc123', records }, NOW);
    expect(plan.calls.map((c) => c.records.length)).toEqual([25, 5, 3]);
    for (const call of plan.calls) {
      const kinds = new Set(call.records.map((r) => (r.record.CustomerAWSAccountId ? 'a' : 'i')));
      expect(kinds.size).toBe(1);
    }
  });

  it('refuses conflicting duplicates (same customer, dimension, time; different quantity)', () => {
    const plan = planBatch(
      { productCode: 'p', records: [rec({ quantity: 5 }), rec({ quantity: 6 }), rec({ customerIdentifier: 'other' })] },
      NOW,
    );
    expect(plan.invalid.map((v) => v.index)).toEqual([0, 1]);
    expect(plan.invalid[0]!.problems[0]).toMatch(/DuplicateRecord/);
    expect(plannedRecordCount(plan)).toBe(1);
  });

  it('sends nothing when the product code itself is malformed', () => {
    const plan = planBatch({ productCode: 'bad code!', records: [rec()] }, NOW);
    expect(plan.batchProblems[0]).toMatch(/product code/);
    expect(plan.calls).toEqual([]);
    expect(plan.invalid).toHaveLength(1);
  });
});

describe('wire records', () => {
  it('reads epoch seconds exactly, refusing precision Date would lose', () => {
    expect(epochSecondsToIso(1795410000)).toBe('2026-11-23T05:00:00.000Z');
    expect(epochSecondsToIso(1795410000.123)).toBe('2026-11-23T05:00:00.123Z');
    expect(epochSecondsToIso(1795410000.1234)).toBeUndefined();
    const parsed = wireBatchSchema.safeParse({ UsageRecords: [{ Timestamp: '2026-11-23T10:00:00', Dimension: 'd' }] });
    expect(parsed.success).toBe(false);
    const ok = wireBatchSchema.parse({
      ProductCode: 'p',
      UsageRecords: [{ Timestamp: 1795410000.5, Dimension: 'd', Quantity: 1, CustomerIdentifier: 'c' }],
    });
    expect(batchFromWire(ok, 'request').records[0]).toEqual({
      timestamp: '2026-11-23T05:00:00.500Z',
      dimension: 'd',
      quantity: 1,
      customerIdentifier: 'c',
    });
  });
});
