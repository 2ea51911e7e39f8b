import type { types } from '@slack/bolt';
import type { PastedUsageRecord } from '../../core/extract/usage-records.js';
import { plannedRecordCount, type BatchPlan, type SendableRecord } from '../../core/usage/validate-batch.js';
import type { RecordOutcome, RetryOutcome } from '../../aws/retry-batch.js';
import { escapeMrkdwn } from '../../slack/blocks/escape.js';
import { chunkLines } from '../../slack/blocks/limits.js';
import type { RetryState } from '../types.js';
import { ANSWER_STATUS_BLOCK, renderAnswer, type SlackMessage } from '../../slack/blocks/answer.js';
import type { StoredAnswer } from '../../slack/answer-store.js';

type KnownBlock = types.KnownBlock;

/** Lines beyond this are summarised in a modal (Slack caps a view at 100 blocks). */
const MAX_LISTED = 120;

function customerOf(r: {
  customerIdentifier?: string | undefined;
  customerAwsAccountId?: string | undefined;
  CustomerIdentifier?: string | undefined;
  CustomerAWSAccountId?: string | undefined;
}): string {
  const account = r.customerAwsAccountId ?? r.CustomerAWSAccountId;
  if (account !== undefined) return `account ${account}`;
  return `customer ${r.customerIdentifier ?? r.CustomerIdentifier ?? '(none)'}`;
}

export function sendableLine(r: SendableRecord): string {
  const license = r.LicenseArn ? ` · license ${r.LicenseArn}` : '';
  const alloc = r.UsageAllocations
    ? ` · ${r.UsageAllocations.length} allocation${r.UsageAllocations.length === 1 ? '' : 's'}`
    : '';
  return `${r.Timestamp.toISOString()} · ${r.Dimension} · quantity ${r.Quantity} · ${customerOf(r)}${license}${alloc}`;
}

export function pastedLine(r: PastedUsageRecord): string {
  return `${r.timestamp} · ${r.dimension} · quantity ${r.quantity ?? '(missing)'} · ${customerOf(r)}`;
}

function listed(lines: string[]): string[] {
  if (lines.length <= MAX_LISTED) return lines;
  return [
    ...lines.slice(0, MAX_LISTED),
    `…and ${lines.length - MAX_LISTED} more (the full list is posted in the thread after sending)`,
  ];
}

/** The exact content of a retry, as the confirm dialog shows it. */
export function planLines(plan: BatchPlan): { send: string[]; stale: string[]; invalid: string[]; headline: string } {
  const count = plannedRecordCount(plan);
  const products = [...new Set(plan.calls.map((c) => c.productCode ?? 'by license ARN'))];
  const send = plan.calls.flatMap((call, i) =>
    call.records.map(
      (p) =>
        `#${p.index + 1} ${escapeMrkdwn(sendableLine(p.record))}${plan.calls.length > 1 ? ` (call ${i + 1})` : ''}`,
    ),
  );
  const stale = plan.stale.map(
    (s) =>
      `#${s.index + 1} ${escapeMrkdwn(pastedLine(s.record))} — ${s.verdict.ageHours} h old, window closed ${s.verdict.closesAt ?? ''}`,
  );
  const invalid = plan.invalid.map(
    (v) => `#${v.index + 1} ${escapeMrkdwn(pastedLine(v.record))} — ${escapeMrkdwn(v.problems.join('; '))}`,
  );
  const headline =
    count === 0
      ? 'Nothing can be sent.'
      : `MeterDoc will call BatchMeterUsage ${plan.calls.length === 1 ? 'once' : `${plan.calls.length} times`} (product ${escapeMrkdwn(products.join(', '))}) with exactly ${count === 1 ? 'this record' : `these ${count} records`}, timestamps and quantities unchanged:`;
  return { send, stale, invalid, headline };
}

export function planBlocks(plan: BatchPlan): KnownBlock[] {
  const { send, stale, invalid, headline } = planLines(plan);
  const section = (text: string): KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text } });
  const blocks: KnownBlock[] = [];
  for (const problem of plan.batchProblems) blocks.push(section(`:no_entry: ${escapeMrkdwn(problem)}`));
  blocks.push(...chunkLines([`*${headline}*`, ...listed(send)]).map(section));
  if (stale.length > 0)
    blocks.push(
      ...chunkLines([
        `*Not sent — too old, AWS would reject the whole call (this usage is lost):*`,
        ...listed(stale),
      ]).map(section),
    );
  if (invalid.length > 0)
    blocks.push(
      ...chunkLines([`*Not sent — AWS would reject these; fix them at the source:*`, ...listed(invalid)]).map(section),
    );
  return blocks.slice(0, 95);
}

const STATUS_TEXT: Record<RecordOutcome['status'], string> = {
  Success: ':white_check_mark: Success',
  CustomerNotSubscribed: ':no_entry: CustomerNotSubscribed (not billed: the customer has no active subscription)',
  DuplicateRecord:
    ':warning: DuplicateRecord (not billed: a record with the same customer, dimension and time but a different quantity exists)',
  Unprocessed: ':hourglass: still unprocessed (transient on AWS’s side; safe to retry unchanged)',
  Failed: ':x: call failed',
  NotSent: ':double_vertical_bar: not sent',
  NoResult: ':grey_question: no result returned',
  Unknown: ':grey_question: unknown status',
};

/** The thread report: one line per record, every record of the batch accounted for. */
export function outcomeLines(plan: BatchPlan, outcome: RetryOutcome): string[] {
  const byIndex = new Map(plan.calls.flatMap((c) => c.records.map((p) => [p.index, p.record] as const)));
  const lines: string[] = [];
  for (const r of outcome.records) {
    const record = byIndex.get(r.index);
    const detail = r.rawStatus ? ` ${escapeMrkdwn(r.rawStatus)}` : r.error ? ` — ${escapeMrkdwn(r.error)}` : '';
    const id = r.meteringRecordId ? ` (record ${escapeMrkdwn(r.meteringRecordId)})` : '';
    lines.push(
      `#${r.index + 1} ${record ? escapeMrkdwn(sendableLine(record)) : ''}: ${STATUS_TEXT[r.status]}${detail}${id}`,
    );
  }
  for (const s of plan.stale)
    lines.push(
      `#${s.index + 1} ${escapeMrkdwn(pastedLine(s.record))}: :wastebasket: stale, not sent — lost (window closed ${s.verdict.closesAt ?? ''})`,
    );
  for (const v of plan.invalid)
    lines.push(
      `#${v.index + 1} ${escapeMrkdwn(pastedLine(v.record))}: :no_entry_sign: not sent — ${escapeMrkdwn(v.problems.join('; '))}`,
    );
  return lines;
}

export function summaryCounts(plan: BatchPlan, outcome: RetryOutcome | undefined): string {
  const sent = outcome ? outcome.records.filter((r) => r.status !== 'NotSent').length : 0;
  const parts = [`${sent} sent`];
  if (plan.stale.length > 0) parts.push(`${plan.stale.length} stale`);
  if (plan.invalid.length > 0) parts.push(`${plan.invalid.length} invalid`);
  if (outcome) {
    const c = outcome.counts;
    const notAccepted = c.CustomerNotSubscribed + c.DuplicateRecord + c.Unknown + c.NoResult;
    if (sent > 0 && c.Success !== sent) parts.push(`${c.Success} accepted`);
    if (notAccepted > 0) parts.push(`${notAccepted} not accepted`);
    if (c.Unprocessed > 0) parts.push(`${c.Unprocessed} still unprocessed`);
    if (c.Failed > 0) parts.push(`${c.Failed} failed`);
  }
  return parts.join(', ');
}

/** "14:02" in UTC as fallback; Slack shows the reader's local time. */
export function slackTime(at: Date): string {
  const hhmm = at.toISOString().slice(11, 16);
  return `<!date^${Math.floor(at.getTime() / 1000)}^{time}|${hhmm} UTC>`;
}

function indexList(indexes: readonly number[]): string {
  const shown = indexes.slice(0, 20).map((i) => `#${i + 1}`);
  return indexes.length > shown.length
    ? `${shown.join(', ')} and ${indexes.length - shown.length} more`
    : shown.join(', ');
}

/** What earlier retries already billed, for the dialog that retries the rest. */
export function settledNote(state: RetryState, total: number): string {
  const settled = state.settled ?? [];
  const n = settled.length;
  return `:white_check_mark: *Already billed:* ${n} of ${total} record${total === 1 ? '' : 's'} (${indexList(settled)}), accepted by AWS on an earlier retry (the latest by <@${state.by}> at ${slackTime(new Date(state.at))}: ${escapeMrkdwn(state.summary)}). ${n === 1 ? 'It is' : 'They are'} not sent again; only the unbilled records below are.`;
}

/** The answer's status line after a retry, and the Retry button's label while records are left unbilled. */
export function retriedStatus(
  by: string,
  at: Date,
  summary: string,
  progress?: { settled: number; total: number; left: number },
): { line: string; retryLabel?: string } {
  const head = `Retried by <@${by}> at ${slackTime(at)}: ${summary}`;
  if (!progress) return { line: head };
  const billed = `${progress.settled} of ${progress.total} record${progress.total === 1 ? '' : 's'} billed`;
  if (progress.left === 0) return { line: `${head} — ${billed}, nothing left to send.` };
  return {
    line: `${head} — ${billed}, ${progress.left} still unbilled: Retry sends only ${progress.left === 1 ? 'that one' : 'those'}, nothing billed again.`,
    retryLabel: `:repeat: Retry ${progress.left} unbilled`,
  };
}

/**
 * The answer message again with who retried it and how it went: without the Retry button, or
 * (with `retryLabel`) with it relabelled to resend what is still unbilled.
 */
export function retriedAnswer(
  stored: Pick<StoredAnswer, 'answer' | 'facts'>,
  answerId: string,
  statusLine: string,
  retryLabel?: string,
): SlackMessage {
  const answer = retryLabel
    ? stored.answer
    : { ...stored.answer, actions: stored.answer.actions.filter((a) => a !== 'retry') };
  const message = renderAnswer(answer, { answerId, facts: stored.facts, ...(retryLabel ? { retryLabel } : {}) });
  const blocks = [...message.blocks];
  const status: KnownBlock = {
    type: 'context',
    block_id: ANSWER_STATUS_BLOCK,
    elements: [{ type: 'mrkdwn', text: statusLine }],
  };
  const actionsAt = blocks.findIndex((b) => b.type === 'actions');
  blocks.splice(actionsAt >= 0 ? actionsAt : blocks.length, 0, status);
  return { text: message.text, blocks };
}
