import type { webApi } from '@slack/bolt';
import { Allowlist, slackGroupDirectory, type Logger } from './access/allowlist.js';
import { AuditLog } from './audit/audit-log.js';
import { SignedStore, payloadKeyFromEnv } from '../store/signed-store.js';
import { createAwsClients, type AwsClientOverrides, type AwsClients } from '../aws/clients.js';
import { loadActionsConfig, type ActionsConfig } from './settings.js';
import type { ActionHandler, ActionHandlers } from '../slack/buttons/types.js';
import type { AnswerStore } from '../slack/answer-store.js';
import type { SlashSubcommand } from '../slack/commands/subcommands.js';
import type { SharedStore } from '../store/store.js';
import { createAuditSubcommand } from './audit/audit-command.js';
import { createIamCheckHandler } from './iam-check/iam-check-button.js';
import { createRetryHandler } from './retry/retry-button.js';
import { registerRetryViews, type ViewRegistrar } from './retry/submissions.js';
import { createWontBillHandler, registerWontBillView } from './wont-bill/wont-bill-button.js';
import type { DeadlineWatch } from '../watch/index.js';
import { retryDraftSchema, type AwsActionContext, type AwsActionDeps } from './types.js';

export { VIEW_IDS, type AwsActionContext, type AwsActionDeps, type RetryDraft } from './types.js';
export { createRetryHandler } from './retry/retry-button.js';
export { confirmView } from './retry/dialogs.js';
export { handleEditSubmission, registerRetryViews } from './retry/submissions.js';
export { lockKey, retryState, runConfirmedRetry } from './retry/send.js';
export { createIamCheckHandler } from './iam-check/iam-check-button.js';
export { createWontBillHandler, registerWontBillView, runWontBill, wontBillView } from './wont-bill/wont-bill-button.js';
export { createAuditSubcommand, renderAudit } from './audit/audit-command.js';
export { NOT_ALLOWED, NO_LONGER_AVAILABLE } from './access/refuse.js';

export interface AwsActions {
  handlers: Pick<ActionHandlers, 'retry' | 'iamCheck' | 'wontBill'>;
  subcommands: SlashSubcommand[];
  registerViews(app: ViewRegistrar): void;
  deps: AwsActionDeps;
}

/**
 * Everything issue 5 adds to the Slack app, built from the environment:
 *   const aws = createAwsActions({ env: process.env, store, logger, slack: app.client, answers: services.answers });
 *   createSlackServices({ ..., actions: aws.handlers, subcommands: aws.subcommands });
 *   aws.registerViews(app);
 */
export function createAwsActions(input: {
  env?: NodeJS.ProcessEnv;
  config?: ActionsConfig;
  store: SharedStore;
  logger: Logger;
  slack: webApi.WebClient;
  answers: AnswerStore;
  awsOverrides?: AwsClientOverrides;
  signingKey?: Buffer;
  now?: () => Date;
  insights?: AwsActionDeps['insights'];
  watch?: DeadlineWatch;
}): AwsActions {
  const env = input.env ?? process.env;
  const config = input.config ?? loadActionsConfig(env);
  let key = input.signingKey;
  if (!key) {
    const fromEnv = payloadKeyFromEnv(env);
    if (fromEnv.ephemeral) input.logger.warn({}, 'METERDOC_PAYLOAD_SECRET not set: retry dialogs only survive in this process (set it when running several replicas)');
    key = fromEnv.key;
  }
  if (config.allowedUsers.length === 0 && config.allowedGroups.length === 0)
    input.logger.warn({}, 'METERDOC_ALLOWED_USERS is empty: nobody can run actions that touch AWS');
  let clients: AwsClients | undefined;
  const deps: AwsActionDeps = {
    config,
    clients: () => (clients ??= createAwsClients(config, input.awsOverrides)),
    store: input.store,
    allowlist: new Allowlist(config, slackGroupDirectory(input.slack), input.logger),
    audit: new AuditLog(input.store, input.logger),
    drafts: new SignedStore(input.store, 'retry-drafts', retryDraftSchema, key),
    answers: input.answers,
    slack: input.slack,
    logger: input.logger,
    now: input.now ?? (() => new Date()),
    insights: input.insights,
    watch: input.watch,
  };
  const retry: ActionHandler = createRetryHandler(deps);
  const iamCheck: ActionHandler = createIamCheckHandler(deps);
  const watch = input.watch;
  return {
    handlers: { retry, iamCheck, ...(watch ? { wontBill: createWontBillHandler({ ...deps, watch }) } : {}) },
    subcommands: [createAuditSubcommand(deps)],
    registerViews: (app) => {
      registerRetryViews(app, deps);
      if (watch) registerWontBillView(app, { ...deps, watch });
    },
    deps,
  };
}
