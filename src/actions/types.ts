import type { SlackPoster } from '../slack/reply.js';
import { z } from 'zod';
import type { Allowlist, Logger } from './access/allowlist.js';
import type { AuditLog } from './audit/audit-log.js';
import type { SignedStore } from '../store/signed-store.js';
import type { ActionsConfig } from './settings.js';
import type { AwsClients } from '../aws/clients.js';
import { pastedUsageBatchSchema } from '../core/usage/validate-batch.js';
import type { ActionContext } from '../slack/buttons/types.js';
import type { Insights } from '../health/index.js';
import type { AnswerStore } from '../slack/answer-store.js';
import type { SharedStore } from '../store/store.js';
import type { DeadlineWatch } from '../watch/index.js';

/** Modal callback IDs (append-only: open modals carry them). */
export const VIEW_IDS = {
  retryEdit: 'meterdoc_retry_edit',
  retryConfirm: 'meterdoc_retry_confirm',
  wontBill: 'meterdoc_wont_bill_reason',
} as const;

/** The Slack app's button context (it carries the click's trigger_id, which views.open needs). */
export type AwsActionContext = ActionContext;

/** Everything a retry needs between opening the modal and its submission (kept signed). */
export const retryDraftSchema = z.object({
  answerId: z.string(),
  batch: pastedUsageBatchSchema,
  code: z.string().max(200).optional(),
  channelId: z.string().optional(),
  messageTs: z.string().optional(),
  threadTs: z.string().optional(),
  isEphemeral: z.boolean(),
  /** Who opened (or last edited) the dialog. */
  openedBy: z.string(),
  /** The batch came from the edit form, not from the stored answer: its indexes are not the stored batch's. */
  edited: z.boolean().optional(),
  /**
   * A retry of what an earlier retry left unbilled: the indexes the dialog listed. The submission
   * never sends a record outside them (a version without this field refuses such a draft, as a retry
   * state exists by then).
   */
  only: z.array(z.number().int().nonnegative()).max(10_000).optional(),
});
export type RetryDraft = z.infer<typeof retryDraftSchema>;

/**
 * What happened to a batch once AWS answered a retry of it: later clicks read this. `by`, `at` and
 * `summary` are the latest answered retry's. `settled` lists the stored batch's record indexes AWS
 * accepted (Success or DuplicateRecord), merged across retries; a state without it (written by an
 * earlier version, or by a retry of an edited batch) means every record is settled.
 */
export const retryStateSchema = z.object({
  by: z.string(),
  at: z.string(),
  summary: z.string(),
  settled: z.array(z.number().int().nonnegative()).max(10_000).optional(),
});
export type RetryState = z.infer<typeof retryStateSchema>;

export interface AwsActionDeps {
  config: ActionsConfig;
  /** Created on first use so a bad AWS setup never stops the Slack app from starting. */
  clients: () => AwsClients;
  store: SharedStore;
  allowlist: Allowlist;
  audit: AuditLog;
  drafts: SignedStore<RetryDraft>;
  /** To re-render the original answer without the buttons that no longer apply. */
  answers: AnswerStore;
  /** Posts done after a modal is submitted (there is no click context then), through the app's queue. */
  poster: SlackPoster;
  logger: Logger;
  now: () => Date;
  /** Records what was tried on an answer (health log, support bundle); best effort, never throws. */
  insights?: Pick<Insights, 'tried'> | undefined;
  /** The deadline watch: a successful retry ends it, "Won't bill" needs it. */
  watch?: DeadlineWatch | undefined;
}
