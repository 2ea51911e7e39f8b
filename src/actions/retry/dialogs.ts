import type { types } from '@slack/bolt';
import type { PastedUsageBatch } from '../../core/extract/usage-records.js';
import { plannedRecordCount, type BatchPlan } from '../../core/usage/validate-batch.js';
import { toWire } from '../../core/usage/wire.js';
import { planBlocks } from './render.js';
import { VIEW_IDS, type AwsActionDeps, type RetryDraft } from '../types.js';

type View = types.View;
type KnownBlock = types.KnownBlock;

/** The retry dialogs: the edit form when the paste held no complete record, and the confirm modal that lists exactly what will be sent. */

const DRAFT_TTL_MS = 60 * 60_000;
export const EDIT_BLOCK = 'records';
export const EDIT_ACTION = 'records_json';
const EDIT_MAX_CHARS = 3000;

function plain(text: string): types.PlainTextElement {
  return { type: 'plain_text', text: text.slice(0, 75) };
}

/** A plan is "complete" when the only reasons not to send are the clock's (stale records). */
export function needsEditing(batch: PastedUsageBatch, plan: BatchPlan): boolean {
  return (
    batch.records.length === 0 ||
    plan.batchProblems.length > 0 ||
    plan.invalid.some((v) => v.problems.some((p) => /missing|no customer|no product/.test(p)))
  );
}

export function editView(
  draftId: string,
  batch: PastedUsageBatch,
  prefill: Record<string, string | undefined>,
  problems: string[],
): View {
  const records =
    batch.records.length > 0
      ? batch.records.map(toWire)
      : [
          Object.fromEntries(
            Object.entries({
              Timestamp: prefill.timestamp ?? '',
              Dimension: prefill.dimension ?? '',
              Quantity: null,
              CustomerIdentifier: prefill.customerIdentifier,
              CustomerAWSAccountId: prefill.customerAwsAccountId,
              LicenseArn: prefill.licenseArn,
            }).filter(([, v]) => v !== undefined),
          ),
        ];
  const productCode = batch.productCode ?? prefill.productCode;
  const json = JSON.stringify({ ...(productCode ? { ProductCode: productCode } : {}), UsageRecords: records }, null, 2);
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text:
          'Complete the records exactly as your metering job first sent them (BatchMeterUsage JSON). Use the *original* timestamp and quantity: a changed one is a different record and a second bill.' +
          (problems.length > 0
            ? `\n*Still to fix:*\n${problems
                .slice(0, 10)
                .map((p) => `• ${p}`)
                .join('\n')}`
            : ''),
      },
    },
  ];
  if (json.length > EDIT_MAX_CHARS) {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: 'This batch is too large to edit here. Fix it at the source and post it through the intake endpoint.',
      },
    });
    return {
      type: 'modal',
      callback_id: VIEW_IDS.retryEdit,
      private_metadata: draftId,
      title: plain('Retry failed records'),
      close: plain('Close'),
      blocks,
    };
  }
  blocks.push({
    type: 'input',
    block_id: EDIT_BLOCK,
    label: plain('Usage records'),
    element: {
      type: 'plain_text_input',
      action_id: EDIT_ACTION,
      multiline: true,
      initial_value: json,
      max_length: EDIT_MAX_CHARS,
    },
  });
  return {
    type: 'modal',
    callback_id: VIEW_IDS.retryEdit,
    private_metadata: draftId,
    title: plain('Retry failed records'),
    submit: plain('Review'),
    close: plain('Cancel'),
    blocks,
  };
}

/** The confirm modal; `settled` says what an earlier retry already billed (those records are not in `plan`). */
export function confirmView(draftId: string, plan: BatchPlan, settled?: string): View {
  const count = plannedRecordCount(plan);
  const view: View = {
    type: 'modal',
    callback_id: VIEW_IDS.retryConfirm,
    private_metadata: draftId,
    title: plain(settled ? 'Retry the unbilled rest' : 'Confirm retry'),
    close: plain(count > 0 ? 'Cancel' : 'Close'),
    blocks: [
      ...(settled ? [{ type: 'section', text: { type: 'mrkdwn', text: settled } } satisfies KnownBlock] : []),
      ...planBlocks(plan),
    ].slice(0, 95),
  };
  if (count > 0) view.submit = plain(`Send ${count} record${count === 1 ? '' : 's'}`);
  return view;
}

export async function saveDraft(deps: AwsActionDeps, draft: RetryDraft): Promise<string> {
  return deps.drafts.put(draft, DRAFT_TTL_MS);
}

/** The `retry` button handler (registered as `ActionHandlers.retry`). */
