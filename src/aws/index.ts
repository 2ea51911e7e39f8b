export {
  createAwsClients,
  destroyAwsClients,
  assumeRoleProvider,
  type AwsClients,
  type AwsClientOverrides,
} from './clients.js';
export {
  retryBatch,
  emptyCounts,
  type RetryOutcome,
  type RecordOutcome,
  type RecordOutcomeStatus,
  type CallOutcome,
} from './retry-batch.js';
export {
  iamCheck,
  roleArnFromCaller,
  METERING_ACTIONS,
  COST_IMPORT_ACTIONS,
  type IamCheckReport,
  type CheckItem,
} from './iam-check.js';
