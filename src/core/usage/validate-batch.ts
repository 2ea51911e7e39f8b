import { z } from 'zod';
import type { PastedUsageBatch, PastedUsageRecord } from '../extract/usage-records.js';
import { checkWindow, type WindowVerdict } from '../time-window.js';
import { recordKey } from './record-key.js';
import { parseInstant } from './timestamp.js';

/**
 * Turns a pasted (or posted) usage batch into the BatchMeterUsage calls a retry may make.
 *
 * Every rule the service enforces on a record is checked here, before anything is sent, because
 * one bad record makes AWS reject the whole call. Records AWS would reject are never sent: stale
 * ones are reported as lost revenue, the others as invalid with the reason. Nothing is ever
 * rewritten: a changed timestamp or quantity would be a second, different metering record (a
 * double bill), so a record is sent exactly as given or not at all.
 *
 * Pure: no SDK, no clock (the caller passes `now`).
 */

export const MAX_RECORDS_PER_CALL = 25;
/** The service rejects requests of 1 MB or more; keep a margin for the JSON envelope and signing. */
export const MAX_CALL_BYTES = 900_000;
export const MAX_QUANTITY = 2_147_483_647;
export const MAX_ALLOCATIONS = 2_500;

const PRODUCT_CODE = /^[-a-zA-Z0-9/=:_.@]*$/;
/** AWS's pattern verbatim; note ` -=` is a range (space to '='), so it admits more than it seems. */
const TAG_TEXT = /^[a-zA-Z0-9+ -=._:/@]+$/;
/** License Manager's ARN shape (the metering model adds no narrower pattern). */
const LICENSE_ARN =
  /^arn:aws[a-zA-Z-]*:[A-Za-z0-9][A-Za-z0-9_/.-]{0,62}:[A-Za-z0-9_/.-]{0,63}:[A-Za-z0-9_/.-]{0,63}:[A-Za-z0-9][A-Za-z0-9:_/+=,@.-]{0,1023}$/;
/**
 * An instant with an explicit zone and at most millisecond precision. A zone-less time would be
 * read in the server's local zone, and finer precision would be rounded by `Date`: either way the
 * record sent would not be the one the user gave.
 */

export const productCodeSchema = z
  .string()
  .min(1)
  .max(255)
  .regex(PRODUCT_CODE, 'product codes use letters, digits and - / = : _ . @');

const tagSchema = z.object({
  Key: z.string().min(1).max(100).regex(TAG_TEXT, 'tag keys must match ^[a-zA-Z0-9+ -=._:\\/@]+$'),
  Value: z.string().min(1).max(256).regex(TAG_TEXT, 'tag values must match ^[a-zA-Z0-9+ -=._:\\/@]+$'),
});

const quantitySchema = z
  .number({ error: 'quantity must be a number' })
  .int('quantity must be a whole number')
  .min(0, 'quantity cannot be negative')
  .max(MAX_QUANTITY, `quantity cannot exceed ${MAX_QUANTITY}`);

const allocationSchema = z.object({
  AllocatedUsageQuantity: quantitySchema,
  Tags: z
    .array(tagSchema)
    .min(1, 'an allocation with tags needs 1 to 5 tags')
    .max(5, 'an allocation takes at most 5 tags')
    .optional(),
});

const allocationsSchema = z
  .array(allocationSchema)
  .min(1, 'UsageAllocations, when given, needs at least one allocation')
  .max(MAX_ALLOCATIONS, `a record takes at most ${MAX_ALLOCATIONS} allocations`);

export type UsageAllocation = z.infer<typeof allocationSchema>;

/** One record as the service takes it; `Timestamp` is the user's instant, unchanged. */
export interface SendableRecord {
  Timestamp: Date;
  Dimension: string;
  Quantity: number;
  CustomerIdentifier?: string;
  CustomerAWSAccountId?: string;
  LicenseArn?: string;
  UsageAllocations?: UsageAllocation[];
}

const recordSchema = z
  .object({
    timestamp: z
      .string()
      .refine(
        (t) => parseInstant(t) !== undefined,
        'timestamp must be an ISO 8601 instant with a zone (e.g. 2026-11-23T10:00:00Z), at most millisecond precision',
      ),
    dimension: z.string().min(1, 'dimension is empty').max(255, 'dimension is longer than 255 characters'),
    quantity: quantitySchema.optional(),
    customerIdentifier: z.string().min(1, 'customer identifier is empty').max(255).optional(),
    customerAwsAccountId: z
      .string()
      .min(1)
      .max(255)
      .regex(/^[0-9]+$/, 'CustomerAWSAccountId is digits only')
      .optional(),
    licenseArn: z.string().max(2048).regex(LICENSE_ARN, 'LicenseArn is not an ARN').optional(),
    usageAllocations: z.unknown().optional(),
  })
  .superRefine((r, ctx) => {
    // The service defaults a missing quantity to 0; sending 0 for usage the user never stated
    // would under-bill silently, so a retry needs the quantity spelled out.
    if (r.quantity === undefined)
      ctx.addIssue({
        code: 'custom',
        message: 'quantity is missing: give the exact quantity of the original record',
        path: ['quantity'],
      });
    if (r.customerIdentifier !== undefined && r.customerAwsAccountId !== undefined)
      ctx.addIssue({
        code: 'custom',
        message: 'CustomerIdentifier and CustomerAWSAccountId are mutually exclusive: keep one',
        path: ['customerIdentifier'],
      });
    if (r.customerIdentifier === undefined && r.customerAwsAccountId === undefined)
      ctx.addIssue({
        code: 'custom',
        message: 'no customer: give CustomerIdentifier or CustomerAWSAccountId',
        path: ['customerIdentifier'],
      });
    if (r.usageAllocations !== undefined) {
      const parsed = allocationsSchema.safeParse(r.usageAllocations);
      if (!parsed.success) {
        for (const issue of parsed.error.issues)
          ctx.addIssue({
            code: 'custom',
            message: `UsageAllocations${issue.path.map((p) => `[${String(p)}]`).join('')}: ${issue.message}`,
            path: ['usageAllocations'],
          });
        return;
      }
      const sum = parsed.data.reduce((s, a) => s + a.AllocatedUsageQuantity, 0);
      if (r.quantity !== undefined && sum !== r.quantity)
        ctx.addIssue({
          code: 'custom',
          message: `allocations add up to ${sum}, not the record's quantity ${r.quantity}`,
          path: ['usageAllocations'],
        });
      const seen = new Set<string>();
      for (const a of parsed.data) {
        const tagSet = JSON.stringify((a.Tags ?? []).map((t) => [t.Key, t.Value]).sort());
        if (seen.has(tagSet)) {
          ctx.addIssue({
            code: 'custom',
            message: 'two allocations have the same tag set: each allocation needs a unique set of tags',
            path: ['usageAllocations'],
          });
          break;
        }
        seen.add(tagSet);
      }
    }
  });

export interface PlannedRecord {
  /** Position in the batch as given (0-based). */
  index: number;
  record: SendableRecord;
}

export interface PlannedCall {
  productCode?: string;
  records: PlannedRecord[];
}

export interface StaleRecord {
  index: number;
  record: PastedUsageRecord;
  verdict: WindowVerdict;
}

export interface InvalidRecord {
  index: number;
  record: PastedUsageRecord;
  problems: string[];
}

export interface BatchPlan {
  calls: PlannedCall[];
  /** Older than the service accepts: this usage can no longer be billed. */
  stale: StaleRecord[];
  /** Records AWS would reject for another reason (or that cannot be sent exactly as given). */
  invalid: InvalidRecord[];
  /** Problems with the batch as a whole (e.g. a malformed product code): nothing is sent. */
  batchProblems: string[];
  total: number;
  /** `now` the plan was made for (ISO). */
  plannedAt: string;
}

export interface BatchInput {
  productCode?: string;
  records: PastedUsageRecord[];
}

function toSendable(r: PastedUsageRecord, allocations: UsageAllocation[] | undefined): SendableRecord {
  const out: SendableRecord = { Timestamp: parseInstant(r.timestamp)!, Dimension: r.dimension, Quantity: r.quantity! };
  if (r.customerIdentifier !== undefined) out.CustomerIdentifier = r.customerIdentifier;
  if (r.customerAwsAccountId !== undefined) out.CustomerAWSAccountId = r.customerAwsAccountId;
  if (r.licenseArn !== undefined) out.LicenseArn = r.licenseArn;
  if (allocations !== undefined) out.UsageAllocations = allocations;
  return out;
}

function approxBytes(r: SendableRecord): number {
  return JSON.stringify({ ...r, Timestamp: r.Timestamp.getTime() / 1000 }).length + 1;
}

/**
 * Splits what can be sent into calls the service takes: at most 25 records and under 1 MB each,
 * one product per call (records that carry their own LicenseArn are grouped per license because
 * the license, not a product code, names the product), and never CustomerIdentifier and
 * CustomerAWSAccountId records in the same request.
 */
function splitIntoCalls(productCode: string | undefined, records: PlannedRecord[]): PlannedCall[] {
  const groups = new Map<string, PlannedRecord[]>();
  for (const p of records) {
    const key = JSON.stringify([
      p.record.LicenseArn ?? null,
      p.record.CustomerAWSAccountId !== undefined ? 'account' : 'identifier',
    ]);
    const list = groups.get(key);
    if (list) list.push(p);
    else groups.set(key, [p]);
  }
  const calls: PlannedCall[] = [];
  for (const list of groups.values()) {
    let current: PlannedRecord[] = [];
    let bytes = 0;
    for (const p of list) {
      const size = approxBytes(p.record);
      if (current.length > 0 && (current.length >= MAX_RECORDS_PER_CALL || bytes + size > MAX_CALL_BYTES)) {
        calls.push(productCode !== undefined ? { productCode, records: current } : { records: current });
        current = [];
        bytes = 0;
      }
      current.push(p);
      bytes += size;
    }
    if (current.length > 0)
      calls.push(productCode !== undefined ? { productCode, records: current } : { records: current });
  }
  return calls;
}

export function planBatch(batch: BatchInput, now: Date): BatchPlan {
  const plan: BatchPlan = {
    calls: [],
    stale: [],
    invalid: [],
    batchProblems: [],
    total: batch.records.length,
    plannedAt: now.toISOString(),
  };
  const productCode = batch.productCode;
  if (productCode !== undefined) {
    const parsed = productCodeSchema.safeParse(productCode);
    if (!parsed.success)
      plan.batchProblems.push(`product code: ${parsed.error.issues.map((i) => i.message).join('; ')}`);
  }

  const candidates: PlannedRecord[] = [];
  batch.records.forEach((record, index) => {
    const parsed = recordSchema.safeParse(record);
    const problems = parsed.success ? [] : parsed.error.issues.map((i) => i.message);
    if (record.licenseArn !== undefined && productCode !== undefined)
      problems.push(
        'both ProductCode and LicenseArn: AWS bills records sent both ways twice; send license-based records without the product code',
      );
    if (record.licenseArn === undefined && productCode === undefined)
      problems.push('no product: give the product code or the record’s LicenseArn');
    const instant = parseInstant(record.timestamp);
    if (instant) {
      const verdict = checkWindow('BatchMeterUsage', instant, now);
      if (!verdict.accepted && verdict.reason === 'future') problems.push('timestamp is in the future');
      else if (!verdict.accepted && problems.length === 0) {
        plan.stale.push({ index, record, verdict });
        return;
      } else if (!verdict.accepted)
        problems.push('also too old to be accepted now: this usage can no longer be billed');
    }
    if (problems.length > 0) {
      plan.invalid.push({ index, record, problems });
      return;
    }
    const allocations =
      record.usageAllocations === undefined ? undefined : allocationsSchema.parse(record.usageAllocations);
    candidates.push({ index, record: toSendable(record, allocations) });
  });

  // Two records with the same customer, dimension and time but different content: AWS would keep
  // one and answer DuplicateRecord for the other, and only the source system knows which is right.
  const byKey = new Map<string, PlannedRecord[]>();
  for (const c of candidates) {
    const key = recordKey(c.record);
    const list = byKey.get(key);
    if (list) list.push(c);
    else byKey.set(key, [c]);
  }
  const conflicting = new Set<number>();
  for (const list of byKey.values()) {
    if (list.length < 2) continue;
    const first = JSON.stringify(list[0]!.record);
    if (list.some((c) => JSON.stringify(c.record) !== first)) for (const c of list) conflicting.add(c.index);
  }
  const sendable: PlannedRecord[] = [];
  for (const c of candidates) {
    if (conflicting.has(c.index)) {
      const others = byKey
        .get(recordKey(c.record))!
        .filter((o) => o.index !== c.index)
        .map((o) => `#${o.index + 1}`);
      plan.invalid.push({
        index: c.index,
        record: batch.records[c.index]!,
        problems: [
          `same customer, dimension and time as record ${others.join(', ')} with a different quantity or allocations: AWS would honour only one (DuplicateRecord)`,
        ],
      });
    } else sendable.push(c);
  }
  plan.invalid.sort((a, b) => a.index - b.index);

  if (plan.batchProblems.length === 0) plan.calls = splitIntoCalls(productCode, sendable);
  else
    for (const c of sendable)
      plan.invalid.push({
        index: c.index,
        record: batch.records[c.index]!,
        problems: ['not sent: the batch itself is invalid'],
      });
  plan.invalid.sort((a, b) => a.index - b.index);
  return plan;
}

export function plannedRecordCount(plan: BatchPlan): number {
  return plan.calls.reduce((n, c) => n + c.records.length, 0);
}

/** A stored batch as the retry action keeps it (JSON-safe). */
export const pastedUsageRecordSchema = z.object({
  timestamp: z.string().max(64),
  dimension: z.string().max(1000),
  quantity: z.number().optional(),
  customerIdentifier: z.string().max(1000).optional(),
  customerAwsAccountId: z.string().max(1000).optional(),
  licenseArn: z.string().max(4096).optional(),
  usageAllocations: z.unknown().optional(),
});

export const pastedUsageBatchSchema = z.object({
  productCode: z.string().max(1000).optional(),
  records: z.array(pastedUsageRecordSchema).max(10_000),
  origin: z.enum(['request', 'unprocessed', 'record']),
}) satisfies z.ZodType<PastedUsageBatch>;
