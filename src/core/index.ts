/**
 * The diagnosis core: pure functions from a paste to a diagnosis and an answer.
 * Nothing in `src/core` imports Slack, the AWS SDK, or touches the network.
 */
export { Catalog } from './catalog/catalog.js';
export {
  ALL_FACTS,
  checkCounterexamples,
  checkExamples,
  checkTemplates,
  type ExampleFailure,
  type TemplateFailure,
} from './catalog/check.js';
export {
  checkAgainstModels,
  type ModelMismatch,
  type ServiceModel,
  type ServiceModels,
} from './catalog/model-check.js';
export { ownershipReport, type OwnershipReport, type SharedMatch } from './catalog/ownership.js';
export * from './catalog/schema.js';
export {
  diagnose,
  DEFAULT_ERROR_THRESHOLD,
  HIGH_CONFIDENCE,
  type AnswerSource,
  type Diagnosis,
  type DiagnoseOptions,
  type Finding,
  type UnmatchedError,
} from './diagnose.js';
export {
  answerFromEntry,
  answerFromFinding,
  factsList,
  fillTemplate,
  isPossibleMatch,
  type Answer,
} from './answer/answer.js';
export { entriesForLookup, namedCodeQuestion } from './answer/lookup.js';
export { answerBrief, firstSentence, recordsDeadline, type AnswerBrief, type RecordsDeadline } from './answer/brief.js';
export { buildStatement, policyDocument, policyFor, type PolicyAdvice, type PolicyStatement } from './answer/policy.js';
export { ACTIONS_WITHOUT_RESOURCES, takesNoResource } from './answer/actions-without-resources.js';
export { FORMAT_EVIDENCE } from './match/rank.js';
export {
  toJsonDiagnosis,
  toJsonFinding,
  toJsonRelated,
  type JsonDiagnosis,
  type JsonFinding,
  type JsonRelated,
} from './contract.js';
export {
  isGuess,
  isHighConfidence,
  POSSIBLE_MATCH_FLOOR,
  RELATED_LIMIT,
  type RelatedCatalogEntry,
  type Verdict,
  type VerdictKind,
} from './verdict.js';
export type { Facts, FactKey } from './facts.js';
export type { PastedUsageBatch, PastedUsageRecord } from './extract/usage-records.js';
export { pastedRecordKey, recordKey } from './usage/record-key.js';
export { readTimestamp } from './usage/timestamp.js';
export { billingDeadline, resendBy, timeLeft, utcTimeFrom, type BillingDeadline } from './deadline.js';
export {
  checkWindow,
  windowDescription,
  WINDOW_HOURS,
  type MeteringOperation,
  type WindowVerdict,
} from './time-window.js';
export { MAX_SCAN_CHARS } from './text/normalize.js';
export {
  DEFAULT_REMINDERS,
  parseReminderSpec,
  reminderSchedule,
  type ReminderSpec,
  type ReminderSpecResult,
  type ScheduledReminder,
} from './watch/reminder-spec.js';
export {
  advanceWatch,
  earliestDeadline,
  markHandled,
  nextEventAt,
  openRecords,
  resolveRecords,
  startWatch,
  unitsByDimension,
  type DimensionUnits,
  type StartedWatch,
  type WatchEvent,
  type WatchRecord,
  type WatchRecordState,
  type WatchState,
  type WatchStatus,
} from './watch/watch.js';
