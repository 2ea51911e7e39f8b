import {
  BatchMeterUsageCommand,
  type MarketplaceMeteringClient,
  type UsageRecord,
} from '@aws-sdk/client-marketplace-metering';
import { z } from 'zod';
import { recordKey } from '../core/usage/record-key.js';
import type { BatchPlan, PlannedCall, SendableRecord } from '../core/usage/validate-batch.js';
import {
  errorName,
  isAccessDeniedError,
  isMissingCredentialsError,
  isMissingRegionMessage,
  isNetworkError,
  isRefusedCredentialsError,
  isServerError,
  isThrottlingError,
} from './error-classification.js';

/**
 * Sends the calls of a batch plan and reports every record's fate. The plan is the only input:
 * records reach the SDK exactly as planned (the SDK serialises the Date to epoch seconds, keeping
 * milliseconds), and throttling / 5xx are retried by the SDK's own strategy (backoff with jitter).
 */

export type RecordOutcomeStatus =
  | 'Success'
  | 'CustomerNotSubscribed'
  | 'DuplicateRecord'
  /** In UnprocessedRecords: a transient failure on AWS's side; safe to resend unchanged. */
  | 'Unprocessed'
  /** The call failed (after the SDK's retries): nothing in it was accepted. */
  | 'Failed'
  /** Not sent because an earlier call failed in a way every call would. */
  | 'NotSent'
  /** AWS returned neither a result nor an unprocessed entry for it. */
  | 'NoResult'
  /** A status newer than this SDK knows. */
  | 'Unknown';

export interface RecordOutcome {
  index: number;
  status: RecordOutcomeStatus;
  /** The raw status string when it was not one MeterDoc knows. */
  rawStatus?: string;
  meteringRecordId?: string;
  error?: string;
}

export interface CallOutcome {
  productCode?: string;
  recordCount: number;
  requestId?: string;
  attempts?: number;
  error?: { name: string; message: string; fault?: string };
}

export interface RetryOutcome {
  records: RecordOutcome[];
  calls: CallOutcome[];
  counts: Record<RecordOutcomeStatus, number>;
  /** True when at least one call reached AWS and got an answer. */
  anyAnswered: boolean;
}

// The response is AWS's: check its shape rather than trust it, a newer service may add statuses.
const resultSchema = z.object({
  Results: z
    .array(
      z.object({
        UsageRecord: z
          .object({
            Timestamp: z.date(),
            Dimension: z.string().optional(),
            CustomerIdentifier: z.string().optional(),
            CustomerAWSAccountId: z.string().optional(),
            LicenseArn: z.string().optional(),
          })
          .passthrough()
          .optional(),
        MeteringRecordId: z.string().optional(),
        Status: z.string().optional(),
      }),
    )
    .optional(),
  UnprocessedRecords: z.array(z.object({ Timestamp: z.date() }).passthrough()).optional(),
});

const KNOWN_STATUSES = new Set(['Success', 'CustomerNotSubscribed', 'DuplicateRecord']);

/** Metering's own codes after which every further call of the run fails the same way. */
const METERING_RUN_STOPPERS = ['DisabledApiException', 'InvalidProductCodeException'];

/**
 * Errors after which the next call would fail the same way (credentials, permissions, region,
 * product), or would make things worse (throttling, an AWS-side failure): the rest is not sent.
 */
function stopsTheRun(error: { name: string; message: string }): boolean {
  const { name } = error;
  return (
    isAccessDeniedError(name) ||
    isRefusedCredentialsError(name) ||
    isMissingCredentialsError(name) ||
    isThrottlingError(name) ||
    isServerError(name) ||
    isNetworkError(name) ||
    METERING_RUN_STOPPERS.includes(name) ||
    isMissingRegionMessage(error.message)
  );
}

function toUsageRecord(r: SendableRecord): UsageRecord {
  const out: UsageRecord = { Timestamp: new Date(r.Timestamp.getTime()), Dimension: r.Dimension, Quantity: r.Quantity };
  if (r.CustomerIdentifier !== undefined) out.CustomerIdentifier = r.CustomerIdentifier;
  if (r.CustomerAWSAccountId !== undefined) out.CustomerAWSAccountId = r.CustomerAWSAccountId;
  if (r.LicenseArn !== undefined) out.LicenseArn = r.LicenseArn;
  if (r.UsageAllocations !== undefined)
    out.UsageAllocations = r.UsageAllocations.map((a) => ({
      AllocatedUsageQuantity: a.AllocatedUsageQuantity,
      ...(a.Tags ? { Tags: a.Tags.map((t) => ({ Key: t.Key, Value: t.Value })) } : {}),
    }));
  return out;
}

function errorInfo(err: unknown): {
  name: string;
  message: string;
  fault?: string;
  requestId?: string;
  attempts?: number;
} {
  const e = err as {
    name?: unknown;
    message?: unknown;
    $fault?: unknown;
    $metadata?: { requestId?: unknown; attempts?: unknown };
    code?: unknown;
  };
  return {
    name: errorName(err),
    message: typeof e?.message === 'string' ? e.message.slice(0, 500) : String(err).slice(0, 500),
    ...(typeof e?.$fault === 'string' ? { fault: e.$fault } : {}),
    ...(typeof e?.$metadata?.requestId === 'string' ? { requestId: e.$metadata.requestId } : {}),
    ...(typeof e?.$metadata?.attempts === 'number' ? { attempts: e.$metadata.attempts } : {}),
  };
}

export interface RetryBatchOptions {
  /**
   * The most one BatchMeterUsage call (all its SDK attempts) may take. Past it the call is
   * abandoned, so whatever guards the batch (the retry lock) can be sized to outlive it.
   */
  callDeadlineMs?: number;
}

async function sendCall(
  client: MarketplaceMeteringClient,
  call: PlannedCall,
  options: RetryBatchOptions,
): Promise<{ call: CallOutcome; records: RecordOutcome[] }> {
  const input = {
    UsageRecords: call.records.map((p) => toUsageRecord(p.record)),
    ...(call.productCode !== undefined ? { ProductCode: call.productCode } : {}),
  };
  const base: CallOutcome = {
    recordCount: call.records.length,
    ...(call.productCode !== undefined ? { productCode: call.productCode } : {}),
  };
  let raw;
  try {
    raw = await client.send(
      new BatchMeterUsageCommand(input),
      options.callDeadlineMs ? { abortSignal: AbortSignal.timeout(options.callDeadlineMs) } : {},
    );
  } catch (err) {
    const info = errorInfo(err);
    const outcome: CallOutcome = {
      ...base,
      error: { name: info.name, message: info.message, ...(info.fault ? { fault: info.fault } : {}) },
    };
    if (info.requestId) outcome.requestId = info.requestId;
    if (info.attempts !== undefined) outcome.attempts = info.attempts;
    return {
      call: outcome,
      records: call.records.map((p) => ({ index: p.index, status: 'Failed', error: `${info.name}: ${info.message}` })),
    };
  }
  const call$: CallOutcome = {
    ...base,
    ...(raw.$metadata.requestId ? { requestId: raw.$metadata.requestId } : {}),
    ...(raw.$metadata.attempts !== undefined ? { attempts: raw.$metadata.attempts } : {}),
  };
  const parsed = resultSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      call: call$,
      records: call.records.map((p) => ({
        index: p.index,
        status: 'NoResult',
        error: 'AWS answered in a shape MeterDoc does not recognise',
      })),
    };
  }

  // Results come back per record but not in request order guarantees; match on the idempotency key.
  const pending = new Map<string, number[]>();
  for (const p of call.records) {
    const key = recordKey(p.record);
    pending.set(key, [...(pending.get(key) ?? []), p.index]);
  }
  const outcomes = new Map<number, RecordOutcome>();
  const take = (key: string): number[] => {
    const indexes = pending.get(key) ?? [];
    pending.delete(key);
    return indexes;
  };
  for (const result of parsed.data.Results ?? []) {
    if (!result.UsageRecord) continue;
    for (const index of take(recordKey(result.UsageRecord))) {
      const raw = result.Status ?? '';
      const known = KNOWN_STATUSES.has(raw);
      outcomes.set(index, {
        index,
        status: known ? (raw as RecordOutcomeStatus) : 'Unknown',
        ...(known ? {} : { rawStatus: raw || '(none)' }),
        ...(result.MeteringRecordId ? { meteringRecordId: result.MeteringRecordId } : {}),
      });
    }
  }
  for (const un of parsed.data.UnprocessedRecords ?? []) {
    for (const index of take(recordKey(un as Parameters<typeof recordKey>[0])))
      outcomes.set(index, { index, status: 'Unprocessed' });
  }
  return {
    call: call$,
    records: call.records.map((p) => outcomes.get(p.index) ?? { index: p.index, status: 'NoResult' }),
  };
}

export function emptyCounts(): Record<RecordOutcomeStatus, number> {
  return {
    Success: 0,
    CustomerNotSubscribed: 0,
    DuplicateRecord: 0,
    Unprocessed: 0,
    Failed: 0,
    NotSent: 0,
    NoResult: 0,
    Unknown: 0,
  };
}

export async function retryBatch(
  client: MarketplaceMeteringClient,
  plan: BatchPlan,
  options: RetryBatchOptions = {},
): Promise<RetryOutcome> {
  const records: RecordOutcome[] = [];
  const calls: CallOutcome[] = [];
  let stopped = false;
  let anyAnswered = false;
  for (const call of plan.calls) {
    if (stopped) {
      for (const p of call.records)
        records.push({ index: p.index, status: 'NotSent', error: 'an earlier call failed; fix that first' });
      calls.push({
        recordCount: call.records.length,
        ...(call.productCode !== undefined ? { productCode: call.productCode } : {}),
      });
      continue;
    }
    const result = await sendCall(client, call, options);
    calls.push(result.call);
    records.push(...result.records);
    if (result.call.error) stopped = stopsTheRun(result.call.error);
    else anyAnswered = true;
  }
  records.sort((a, b) => a.index - b.index);
  const counts = emptyCounts();
  for (const r of records) counts[r.status]++;
  return { records, calls, counts, anyAnswered };
}
