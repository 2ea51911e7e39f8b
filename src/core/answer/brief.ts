import { billableUntil, billingDeadline, resendBy, utcTimeFrom } from '../deadline.js';
import type { PastedUsageBatch, PastedUsageRecord } from '../extract/usage-records.js';
import type { Facts } from '../facts.js';
import { checkWindow, WINDOW_HOURS, type MeteringOperation } from '../time-window.js';
import type { Answer } from './answer.js';

/**
 * What an answer says on its first screen, the part read on a phone at 3 a.m.: one sentence of what
 * happened, the few facts that matter for this error, the first thing to do, and for usage records
 * that can still be billed, until when. The rest of the answer stays one click away.
 */
export interface AnswerBrief {
  sentence: string;
  /** At most `MAX_BRIEF_FACTS`, most telling first. */
  facts: Array<{ label: string; value: string }>;
  /** The policy statement to attach (pretty JSON), when a permission is missing and one can be printed. */
  statement?: string;
  /** The first fix step, cut to its first sentence, when there is no statement to show instead. */
  firstStep?: string;
  deadline?: RecordsDeadline;
}

export interface RecordsDeadline {
  operation: MeteringOperation;
  billable: number;
  /** "resend by 15:01 UTC tomorrow (21 h left)", when any record can still be billed. */
  resendBy?: string;
  /** "15:01 UTC tomorrow (21 h left)": the same time as `resendBy`, for a sentence of its own. */
  until?: string;
  /** The records past their window: their usage can no longer be billed through the API. */
  lost: PastedUsageRecord[];
  windowHours: number;
}

export const MAX_BRIEF_FACTS = 4;

/** About two lines on a phone: a first sentence or step longer than this is cut at a clause. */
export const BRIEF_SENTENCE_CHARS = 200;

/**
 * The first sentence of a text: up to the first `.`, `!` or `?` followed by a space and a capital
 * letter (or the end). A dot inside a name (`aws.amazon.com`, `e.g.`) is not followed by a space
 * and a capital, so it does not end the sentence. A sentence over `max` characters is cut at its
 * last clause break (`;`, `:`, a dash, then a comma) that fits, and ends in "…".
 */
export function firstSentence(text: string, max = BRIEF_SENTENCE_CHARS): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const end = /[.!?](?=\s+[A-Z"'`(])/.exec(flat);
  const sentence = end && end.index + 1 < flat.length ? flat.slice(0, end.index + 1) : flat;
  if (sentence.length <= max) return sentence;
  const head = sentence.slice(0, max - 1);
  for (const brk of [/[;:]\s|\s[–—-]\s/g, /,\s/g]) {
    const cuts = [...head.matchAll(brk)].map((m) => m.index).filter((i) => i >= max / 3);
    const at = cuts.at(-1);
    if (at !== undefined) return `${head.slice(0, at).trimEnd()}…`;
  }
  // Never inside a word or an ARN: at the last space, or not at all when there is none.
  const space = head.lastIndexOf(' ');
  return space > 0 ? `${head.slice(0, space).trimEnd()}…` : sentence;
}

function ageText(hours: number, operation: string | undefined): string {
  const window = operation && operation in WINDOW_HOURS ? WINDOW_HOURS[operation as MeteringOperation] : undefined;
  const age = hours >= 48 ? `${Math.round(hours / 24)} days` : `${Math.round(hours * 10) / 10} h`;
  return window ? `${age} (window ${window} h)` : age;
}

/**
 * The facts that say most about this error, in this order: who was refused what, on which
 * resource, how old the record is against its window, where, and the request ID AWS Support asks
 * for. The error code and operation come last: the title usually names them already.
 */
function telling(facts: Facts, hasDeadline: boolean, sentence: string): Array<{ label: string; value: string }> {
  const out: Array<{ label: string; value: string }> = [];
  // A value the sentence already shows is not repeated under it.
  const add = (label: string, value: string | number | undefined) => {
    if (value !== undefined && value !== '' && !sentence.includes(String(value)))
      out.push({ label, value: String(value) });
  };
  if (facts.principal && sentence.includes(facts.principal)) {
    // The sentence names the principal, role included.
  } else if (facts.roleName) add('Role', facts.roleName);
  else add('Principal', facts.principal);
  add(facts.action ? 'Missing permission' : 'IAM action', facts.action);
  add('Resource', facts.resource);
  // A deadline line already says how old the records are, per record.
  if (!hasDeadline && facts.timestampAgeHours !== undefined)
    add('Record age', ageText(facts.timestampAgeHours, facts.operation));
  add('Region', facts.region);
  add('Request ID', facts.requestId);
  add('Operation', facts.operation);
  add('Endpoint', facts.endpoint);
  add('Error code', facts.code);
  return out.slice(0, MAX_BRIEF_FACTS);
}

/** The statement of a policy document, on its own and compact (what a reader pastes into a policy). */
function statementOf(document: string | undefined): string | undefined {
  if (!document) return undefined;
  try {
    const parsed = JSON.parse(document) as { Statement?: unknown[] };
    const statements = parsed.Statement ?? [];
    // One key per line, a list on one line: short enough for a phone, still valid JSON to paste.
    return (statements.length === 1 ? [statements[0]] : statements).map(compactStatement).join(',\n');
  } catch {
    return document;
  }
}

function compactStatement(statement: unknown): string {
  // The Sid is optional in IAM; the full diagnosis keeps it, the first screen saves the line.
  const entries = Object.entries(statement as Record<string, unknown>)
    .filter(([k]) => k !== 'Sid')
    .map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v).replace(/","/g, '", "')}`);
  return `{\n${entries.join(',\n')}\n}`;
}

function recordsOperation(facts: Facts, batch: PastedUsageBatch): MeteringOperation | undefined {
  if (facts.operation) return facts.operation in WINDOW_HOURS ? (facts.operation as MeteringOperation) : undefined;
  // Records from a request body or from UnprocessedRecords are BatchMeterUsage's shape.
  return batch.origin === 'record' ? undefined : 'BatchMeterUsage';
}

/** Until when the pasted records can still be billed, and which ones no longer can. */
export function recordsDeadline(
  facts: Facts,
  batch: PastedUsageBatch | undefined,
  now: Date,
): RecordsDeadline | undefined {
  if (!batch || batch.records.length === 0) return undefined;
  const operation = recordsOperation(facts, batch);
  if (!operation) return undefined;
  const deadline = billingDeadline(batch.records, operation, now);
  if (!deadline) return undefined;
  const lost = batch.records.filter((r) => {
    const at = new Date(r.timestamp);
    return !Number.isNaN(at.getTime()) && checkWindow(operation, at, now).reason === 'too-old';
  });
  const by = resendBy(deadline, now);
  const until = billableUntil(deadline, now);
  return {
    operation,
    billable: deadline.billable,
    lost,
    windowHours: WINDOW_HOURS[operation],
    ...(by ? { resendBy: by } : {}),
    ...(until ? { until } : {}),
  };
}

/** One lost record as a reader recognises it: customer, dimension, quantity, when. */
export function lostRecordLine(record: PastedUsageRecord, now: Date): string {
  const who = record.customerAwsAccountId ?? record.customerIdentifier ?? record.licenseArn;
  const quantity =
    record.quantity !== undefined ? `${record.quantity} ${record.quantity === 1 ? 'unit' : 'units'}` : undefined;
  const at = new Date(record.timestamp);
  const when = Number.isNaN(at.getTime()) ? record.timestamp : utcTimeFrom(at, now);
  return [who, record.dimension, quantity, when].filter((p): p is string => p !== undefined && p !== '').join(', ');
}

export interface BriefContext {
  usageBatch?: PastedUsageBatch | undefined;
  now: Date;
  /** Fewer facts or a shorter sentence, for a screen that is still too long. */
  maxFacts?: number;
  sentenceChars?: number;
}

export function answerBrief(answer: Answer, facts: Facts, context: BriefContext): AnswerBrief {
  const deadline = answer.source === 'catalog' ? recordsDeadline(facts, context.usageBatch, context.now) : undefined;
  const statement = statementOf(answer.policy);
  const first = answer.fix[0];
  const sentence = firstSentence(answer.what, context.sentenceChars);
  return {
    sentence,
    facts: telling(facts, deadline !== undefined, sentence).slice(0, context.maxFacts ?? MAX_BRIEF_FACTS),
    ...(statement
      ? { statement }
      : answer.policyNote
        ? { firstStep: firstSentence(answer.policyNote, context.sentenceChars) }
        : first
          ? { firstStep: firstSentence(first, context.sentenceChars) }
          : {}),
    ...(deadline ? { deadline } : {}),
  };
}
