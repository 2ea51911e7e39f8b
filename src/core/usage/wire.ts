import { z } from 'zod';
import type { PastedUsageBatch, PastedUsageRecord } from '../extract/usage-records.js';
import { readTimestamp, TIMESTAMP_RULE } from './timestamp.js';

/**
 * Usage records in BatchMeterUsage's own JSON shape (what a metering job has at hand and what
 * the edit form shows), read into MeterDoc's record type without changing any value.
 * `Timestamp` may be epoch seconds (as on the wire) or an ISO 8601 instant with a zone.
 */

const MAX_TEXT = 4096;

const timestampSchema = z.union([z.number(), z.string().max(64)]).transform((value, ctx) => {
  const iso = readTimestamp(value);
  if (!iso) {
    ctx.addIssue({ code: 'custom', message: TIMESTAMP_RULE });
    return z.NEVER;
  }
  return iso;
});

export const wireUsageRecordSchema = z
  .object({
    Timestamp: timestampSchema,
    Dimension: z.string().max(MAX_TEXT),
    Quantity: z.number().optional(),
    CustomerIdentifier: z.string().max(MAX_TEXT).optional(),
    CustomerAWSAccountId: z.string().max(MAX_TEXT).optional(),
    LicenseArn: z.string().max(MAX_TEXT).optional(),
    UsageAllocations: z.unknown().optional(),
  })
  .strict();
export type WireUsageRecord = z.input<typeof wireUsageRecordSchema>;

export function fromWire(r: z.output<typeof wireUsageRecordSchema>): PastedUsageRecord {
  const out: PastedUsageRecord = { timestamp: r.Timestamp, dimension: r.Dimension };
  if (r.Quantity !== undefined) out.quantity = r.Quantity;
  if (r.CustomerIdentifier !== undefined) out.customerIdentifier = r.CustomerIdentifier;
  if (r.CustomerAWSAccountId !== undefined) out.customerAwsAccountId = r.CustomerAWSAccountId;
  if (r.LicenseArn !== undefined) out.licenseArn = r.LicenseArn;
  if (r.UsageAllocations !== undefined) out.usageAllocations = r.UsageAllocations;
  return out;
}

/** The record in BatchMeterUsage's shape, Timestamp as the ISO instant (for the edit form). */
export function toWire(r: PastedUsageRecord): Record<string, unknown> {
  const out: Record<string, unknown> = { Timestamp: r.timestamp, Dimension: r.dimension };
  if (r.quantity !== undefined) out.Quantity = r.quantity;
  if (r.customerIdentifier !== undefined) out.CustomerIdentifier = r.customerIdentifier;
  if (r.customerAwsAccountId !== undefined) out.CustomerAWSAccountId = r.customerAwsAccountId;
  if (r.licenseArn !== undefined) out.LicenseArn = r.licenseArn;
  if (r.usageAllocations !== undefined) out.UsageAllocations = r.usageAllocations;
  return out;
}

export const wireBatchSchema = z
  .object({
    ProductCode: z.string().max(MAX_TEXT).optional(),
    UsageRecords: z.array(wireUsageRecordSchema).min(1).max(1000),
  })
  .strict();

export function batchFromWire(
  input: z.output<typeof wireBatchSchema>,
  origin: PastedUsageBatch['origin'],
): PastedUsageBatch {
  return {
    ...(input.ProductCode !== undefined ? { productCode: input.ProductCode } : {}),
    records: input.UsageRecords.map(fromWire),
    origin,
  };
}
