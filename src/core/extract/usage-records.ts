import { pastedRecordKey } from '../usage/record-key.js';
import { readTimestamp } from '../usage/timestamp.js';

/**
 * Usage records found in a paste: a BatchMeterUsage request (`UsageRecords`), the
 * `UnprocessedRecords` of a response, the `Results` AWS did not record, or single records. They
 * are what a retry would resend (and the deadline watch follows), so they are copied exactly:
 * nothing here invents or rounds a timestamp or quantity, and a record the paste shows recorded
 * (Status Success or DuplicateRecord) is left out.
 */

export interface PastedUsageRecord {
  /** ISO 8601, exactly the instant given in the paste. */
  timestamp: string;
  dimension: string;
  quantity?: number;
  customerIdentifier?: string;
  customerAwsAccountId?: string;
  licenseArn?: string;
  /** UsageAllocations as pasted; validated by the retry action, not here. */
  usageAllocations?: unknown;
}

export interface PastedUsageBatch {
  productCode?: string;
  records: PastedUsageRecord[];
  /** Where the records came from. */
  origin: 'request' | 'unprocessed' | 'record';
}

const MAX_JSON_CANDIDATES = 20;
const MAX_DEPTH = 64;

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function readRecord(raw: Json): PastedUsageRecord | undefined {
  if (!isObject(raw)) return undefined;
  // A timestamp that is not one exact instant is not read (never rounded): the record is left out.
  const timestamp = readTimestamp(raw.Timestamp);
  const dimension = typeof raw.Dimension === 'string' ? raw.Dimension : undefined;
  if (!timestamp || !dimension) return undefined;
  const record: PastedUsageRecord = { timestamp, dimension };
  if (typeof raw.Quantity === 'number') record.quantity = raw.Quantity;
  if (typeof raw.CustomerIdentifier === 'string') record.customerIdentifier = raw.CustomerIdentifier;
  if (typeof raw.CustomerAWSAccountId === 'string') record.customerAwsAccountId = raw.CustomerAWSAccountId;
  if (typeof raw.LicenseArn === 'string') record.licenseArn = raw.LicenseArn;
  if (raw.UsageAllocations !== undefined) record.usageAllocations = raw.UsageAllocations;
  return record;
}

function readRecords(list: Json): PastedUsageRecord[] {
  if (!Array.isArray(list)) return [];
  return list.map(readRecord).filter((r): r is PastedUsageRecord => r !== undefined);
}

/** Statuses of BatchMeterUsage `Results` entries whose usage AWS has recorded: nothing left to send. */
const RECORDED_STATUSES = new Set(['Success', 'DuplicateRecord']);

interface ResultEntry {
  record: PastedUsageRecord;
  recorded: boolean;
}

/** The `Results` of a BatchMeterUsage response, when `list` is one: each record with its status. */
function readResults(list: Json): ResultEntry[] | undefined {
  if (!Array.isArray(list) || list.length === 0) return undefined;
  const entries: ResultEntry[] = [];
  for (const item of list) {
    if (!isObject(item) || typeof item.Status !== 'string') return undefined;
    const record = readRecord(item.UsageRecord);
    if (record) entries.push({ record, recorded: RECORDED_STATUSES.has(item.Status) });
  }
  return entries;
}

/** Records a pasted response shows as recorded (Success or DuplicateRecord), by identity. */
function recordedIn(root: Json, into: Set<string>): void {
  const stack: Array<[Json, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_DEPTH || typeof node !== 'object' || node === null) continue;
    if (isObject(node))
      for (const entry of readResults(node.Results) ?? []) if (entry.recorded) into.add(pastedRecordKey(entry.record));
    for (const value of Object.values(node))
      if (typeof value === 'object' && value !== null) stack.push([value, depth + 1]);
  }
}

/** Looks through parsed JSON (iteratively, depth-capped) for the first batch it holds. */
function findBatch(root: Json): PastedUsageBatch | undefined {
  const stack: Array<[Json, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (depth > MAX_DEPTH) continue;
    if (isObject(node)) {
      const productCode = typeof node.ProductCode === 'string' ? node.ProductCode : undefined;
      const unprocessed = readRecords(node.UnprocessedRecords);
      if (unprocessed.length > 0) return { productCode, records: unprocessed, origin: 'unprocessed' };
      const requested = readRecords(node.UsageRecords);
      if (requested.length > 0) return { productCode, records: requested, origin: 'request' };
      // A response's Results: only the records AWS did not record are still to send.
      const results = readResults(node.Results);
      if (results) {
        const open = results.filter((e) => !e.recorded).map((e) => e.record);
        if (open.length > 0) return { productCode, records: open, origin: 'record' };
        continue;
      }
      const single = readRecord(node);
      if (single) return { productCode, records: [single], origin: 'record' };
      for (const value of Object.values(node))
        if (typeof value === 'object' && value !== null) stack.push([value, depth + 1]);
    } else if (Array.isArray(node)) {
      for (const value of node) if (typeof value === 'object' && value !== null) stack.push([value, depth + 1]);
    }
  }
  return undefined;
}

/** End index (exclusive) of the balanced JSON object starting at `start`, or -1. Linear scan. */
function balancedEnd(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) depth++;
    else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
      if (depth === 0) return i + 1;
      if (depth < 0) return -1;
    }
  }
  return -1;
}

/** The usage batch a paste holds, if any. */
export function extractUsageBatch(text: string): PastedUsageBatch | undefined {
  if (!text.includes('Timestamp')) return undefined;
  const starts: number[] = [];
  for (let i = text.indexOf('{'); i >= 0 && starts.length < MAX_JSON_CANDIDATES; ) {
    starts.push(i);
    const end = balancedEnd(text, i);
    i = end < 0 ? -1 : text.indexOf('{', end);
  }
  const parsed: Json[] = [];
  for (const start of starts) {
    const end = balancedEnd(text, start);
    if (end < 0) continue;
    try {
      parsed.push(JSON.parse(text.slice(start, end)));
    } catch {
      // Not JSON (a Python dict, a JS object dump): the line-level facts still apply.
    }
  }
  // A request pasted with its response: records the response shows recorded are not to be sent again.
  const recorded = new Set<string>();
  for (const json of parsed) recordedIn(json, recorded);
  for (const json of parsed) {
    const batch = findBatch(json);
    if (!batch) continue;
    const records = batch.records.filter((r) => !recorded.has(pastedRecordKey(r)));
    if (records.length > 0) return { ...batch, records };
  }
  return undefined;
}
