import type { SlackPoster } from '../slack/reply.js';
import { Allowlist, slackGroupDirectory, type Logger } from './access/allowlist.js';
import { AuditLog } from './audit/audit-log.js';
import { SignedStore } from '../store/signed-store.js';
import { createAwsClients, type AwsClientOverrides, type AwsClients } from '../aws/clients.js';
import type { ActionsConfig } from './settings.js';
import type { AnswerStore } from '../slack/answer-store.js';
import type { SharedStore } from '../store/store.js';
import type { DeadlineWatch } from '../watch/index.js';
import { retryDraftSchema, type AwsActionDeps } from './types.js';
import { NAMESPACES } from '../store/keys.js';

export type { ActionsConfig } from './settings.js';
export { VIEW_IDS, type AwsActionContext, type AwsActionDeps, type RetryDraft } from './types.js';
export { createRetryHandler } from './retry/retry-button.js';
export { confirmView } from './retry/dialogs.js';
export { handleEditSubmission, registerRetryViews } from './retry/submissions.js';
export { lockKey, retryState, runConfirmedRetry } from './retry/send.js';
export { createIamCheckHandler } from './iam-check/iam-check-button.js';
export {
  createWontBillHandler,
  registerWontBillView,
  runWontBill,
  wontBillView,
} from './wont-bill/wont-bill-button.js';
export { createAuditSubcommand, renderAudit } from './audit/audit-command.js';
export { NOT_ALLOWED, NO_LONGER_AVAILABLE } from './access/refuse.js';

/**
 * What every AWS-touching button, modal and command shares: the access rules, the audit log, the
 * signed retry drafts and the AWS clients (created on first use). Built once per app.
 */
export function createActionDeps(input: {
  config: ActionsConfig;
  /** Signs retry drafts (METERDOC_PAYLOAD_SECRET, or a per-process key). */
  signingKey: Buffer;
  store: SharedStore;
  logger: Logger;
  poster: SlackPoster;
  answers: AnswerStore;
  awsOverrides?: AwsClientOverrides | undefined;
  now?: () => Date;
  insights?: AwsActionDeps['insights'];
  watch?: DeadlineWatch;
}): AwsActionDeps {
  const { config } = input;
  if (config.allowedUsers.length === 0 && config.allowedGroups.length === 0)
    input.logger.warn({}, 'METERDOC_ALLOWED_USERS is empty: nobody can run actions that touch AWS');
  let clients: AwsClients | undefined;
  return {
    config,
    clients: () => (clients ??= createAwsClients(config, input.awsOverrides)),
    store: input.store,
    allowlist: new Allowlist(config, slackGroupDirectory(input.poster.client), input.logger),
    audit: new AuditLog(input.store, input.logger),
    drafts: new SignedStore(input.store, NAMESPACES.retryDrafts, retryDraftSchema, input.signingKey),
    answers: input.answers,
    poster: input.poster,
    logger: input.logger,
    now: input.now ?? (() => new Date()),
    insights: input.insights,
    watch: input.watch,
  };
}
