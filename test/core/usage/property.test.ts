import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { retryBatch } from '../../../src/aws/retry-batch.js';
import type { PastedUsageRecord } from '../../../src/core/extract/usage-records.js';
import { planBatch, type SendableRecord } from '../../../src/core/usage/validate-batch.js';
import { allSuccess, meteringReply, testClients, type Seen } from '../../aws/fixtures.js';

afterEach(() => nock.cleanAll());

/** mulberry32: small, seeded, good enough to explore batch shapes reproducibly. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}

const LICENSE = 'arn:aws:license-manager::123456789012:license:l-0123456789abcdef0123456789abcdef';

/** Each field is well-formed most of the time and broken some of the time, so both paths run. */
function genTimestamp(r: ReturnType<typeof rng>, now: Date): string {
  const offsetMs = r.chance(0.6)
    ? -r.int(0, 23 * 3_600_000) // fresh
    : r.pick([
        () => -r.int(24 * 3_600_000, 72 * 3_600_000), // stale
        () => -r.int(23 * 3_600_000 + 3_590_000, 24 * 3_600_000 + 10_000), // around the 24 h edge
        () => r.int(-5 * 60_000, 2 * 3_600_000), // skew and future
      ])();
  const t = new Date(now.getTime() + offsetMs);
  if (r.chance(0.8))
    return r.pick([
      t.toISOString(),
      t.toISOString().replace('Z', '+00:00'),
      t.toISOString().replace(/\.\d{3}Z$/, '.000Z'),
    ]);
  return r.pick([
    () => t.toISOString().replace('T', ' ').replace('Z', ''), // no zone: must never be sent
    () => t.toISOString().replace('Z', '9Z'), // sub-millisecond: must never be sent
    () => t.toISOString().replace(/\.\d{3}Z$/, '+02:00'), // another zone: same instant must be kept
    () => 'yesterday',
  ])();
}

function genRecord(r: ReturnType<typeof rng>, now: Date): PastedUsageRecord {
  const bad = (p = 0.08) => r.chance(p);
  const rec: PastedUsageRecord = {
    timestamp: genTimestamp(r, now),
    dimension: bad() ? r.pick(['', 'x'.repeat(256)]) : r.pick(['requests', 'gb', 'users']),
  };
  if (!bad(0.05))
    rec.quantity = bad() ? r.pick([2_147_483_648, -1, 1.5]) : r.pick([0, 1, 42, r.int(0, 1_000_000), 2_147_483_647]);
  const who = bad() ? r.pick([2, 3]) : r.int(0, 1);
  if (who === 0 || who === 2) rec.customerIdentifier = r.pick(['cust-1', 'cust-2', 'cust-3', 'cust-4']);
  if (who === 1 || who === 2) rec.customerAwsAccountId = bad() ? '12ab' : r.pick(['111122223333', '444455556666']);
  if (r.chance(0.1)) rec.licenseArn = r.pick([LICENSE, 'arn:nope']);
  if (r.chance(0.25)) {
    const q = typeof rec.quantity === 'number' ? rec.quantity : 0;
    const split = r.int(0, Math.max(0, Math.min(q, 1000)));
    rec.usageAllocations = bad(0.3)
      ? r.pick([
          () => [{ AllocatedUsageQuantity: q + 1 }],
          () => [{ AllocatedUsageQuantity: q, Tags: [{ Key: 'bad?', Value: 'v' }] }],
          () => [],
        ])()
      : [{ AllocatedUsageQuantity: split, Tags: [{ Key: 'team', Value: 'a' }] }, { AllocatedUsageQuantity: q - split }];
  }
  return rec;
}

/** An independent statement of what AWS accepts, written without the production code. */
function awsAccepts(s: SendableRecord, productCode: string | undefined, now: Date): string | undefined {
  const t = s.Timestamp.getTime();
  if (now.getTime() - t >= 24 * 3_600_000) return 'older than 24 h';
  const ts = s.Timestamp;
  if (now.getTime() >= Date.UTC(ts.getUTCFullYear(), ts.getUTCMonth() + 1, 1, 6)) return 'month closed';
  if (t - now.getTime() > 5 * 60_000) return 'future';
  if (!Number.isInteger(s.Quantity) || s.Quantity < 0 || s.Quantity > 2_147_483_647) return 'quantity';
  if (s.Dimension.length < 1 || s.Dimension.length > 255) return 'dimension';
  if ((s.CustomerIdentifier === undefined) === (s.CustomerAWSAccountId === undefined)) return 'customer';
  if (s.CustomerAWSAccountId !== undefined && !/^\d+$/.test(s.CustomerAWSAccountId)) return 'account';
  if (s.LicenseArn !== undefined && (!s.LicenseArn.startsWith('arn:aws') || productCode !== undefined))
    return 'license';
  if (s.LicenseArn === undefined && productCode === undefined) return 'no product';
  if (s.UsageAllocations) {
    if (s.UsageAllocations.length < 1 || s.UsageAllocations.length > 2500) return 'allocations count';
    if (s.UsageAllocations.reduce((n, a) => n + a.AllocatedUsageQuantity, 0) !== s.Quantity) return 'allocation sum';
    for (const a of s.UsageAllocations) {
      if (a.Tags && (a.Tags.length < 1 || a.Tags.length > 5)) return 'tag count';
      for (const tag of a.Tags ?? [])
        if (!/^[a-zA-Z0-9+ -=._:/@]+$/.test(tag.Key) || !/^[a-zA-Z0-9+ -=._:/@]+$/.test(tag.Value)) return 'tag text';
    }
  }
  return undefined;
}

/** The instant the user wrote, only when the text leaves no doubt about it. */
function givenInstant(text: string): number | undefined {
  if (!/(Z|[+-]\d{2}:?\d{2})$/.test(text) || !/T/.test(text)) return undefined;
  const frac = /\.(\d+)/.exec(text)?.[1];
  if (frac && frac.length > 3) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

describe('property: no path sends a record the user did not give or that AWS would reject', () => {
  it('holds over 400 random batches', async () => {
    let sentTotal = 0;
    let wireChecked = 0;
    for (let seed = 1; seed <= 400; seed++) {
      const r = rng(seed);
      const now = new Date(
        Date.UTC(
          2026,
          r.int(0, 11),
          r.pick([1, 1, 2, 15, 28]),
          r.int(0, 23),
          r.int(0, 59),
          r.int(0, 59),
          r.int(0, 999),
        ),
      );
      const productCode = r.chance(0.85) ? (r.chance(0.95) ? 'prod-abc123' : 'bad code') : undefined;
      const records = Array.from({ length: r.int(0, 60) }, () => genRecord(r, now));
      const batch = { ...(productCode !== undefined ? { productCode } : {}), records };
      const plan = planBatch(batch, now);

      // Every record lands in exactly one place: sent, stale (reported lost) or invalid (reported).
      const placed = [
        ...plan.calls.flatMap((c) => c.records.map((p) => p.index)),
        ...plan.stale.map((s) => s.index),
        ...plan.invalid.map((v) => v.index),
      ].sort((a, b) => a - b);
      expect(placed, `seed ${seed}`).toEqual(records.map((_, i) => i));

      for (const call of plan.calls) {
        expect(call.records.length).toBeGreaterThan(0);
        expect(call.records.length).toBeLessThanOrEqual(25);
        expect(call.productCode).toBe(productCode);
        expect(
          new Set(call.records.map((p) => (p.record.CustomerAWSAccountId !== undefined ? 'account' : 'id'))).size,
        ).toBe(1);
        expect(new Set(call.records.map((p) => p.record.LicenseArn ?? '')).size).toBe(1);
        const keys = new Map<string, string>();
        for (const p of call.records) {
          const given = records[p.index]!;
          const key = JSON.stringify([
            p.record.CustomerIdentifier,
            p.record.CustomerAWSAccountId,
            p.record.Dimension,
            p.record.Timestamp.getTime(),
            p.record.LicenseArn,
          ]);
          const content = JSON.stringify(p.record);
          expect(keys.get(key) ?? content, `seed ${seed}: conflicting duplicate sent`).toBe(content);
          keys.set(key, content);
          // Exactly what the user gave.
          expect(givenInstant(given.timestamp), `seed ${seed} #${p.index} ${given.timestamp}`).toBe(
            p.record.Timestamp.getTime(),
          );
          expect(p.record.Quantity).toBe(given.quantity);
          expect(p.record.Dimension).toBe(given.dimension);
          expect(p.record.CustomerIdentifier).toBe(given.customerIdentifier);
          expect(p.record.CustomerAWSAccountId).toBe(given.customerAwsAccountId);
          // And acceptable to AWS.
          expect(
            awsAccepts(p.record, productCode, now),
            `seed ${seed} #${p.index} ${JSON.stringify(given)}`,
          ).toBeUndefined();
          sentTotal++;
        }
      }

      // Through the SDK for some batches: the wire carries the same instants, in epoch seconds.
      if (seed % 20 === 0 && plan.calls.length > 0) {
        const seen: Seen = { bodies: [], targets: [] };
        meteringReply(seen, (b) => allSuccess(b) as [number, unknown], plan.calls.length);
        const out = await retryBatch(testClients().metering, plan);
        const wire = seen.bodies.flatMap(
          (b) => (b as { UsageRecords: Array<{ Timestamp: number; Quantity: number }> }).UsageRecords,
        );
        const expected = plan.calls.flatMap((c) =>
          c.records.map((p) => [givenInstant(records[p.index]!.timestamp)! / 1000, records[p.index]!.quantity]),
        );
        expect(wire.map((w) => [w.Timestamp, w.Quantity])).toEqual(expected);
        expect(out.counts.Success).toBe(wire.length);
        wireChecked += wire.length;
      }
    }
    // The generator must actually exercise the sending path, not only the refusals.
    expect(sentTotal).toBeGreaterThan(500);
    expect(wireChecked).toBeGreaterThan(20);
  });
});
