export {
  NO_TEAM,
  WATCH_ANSWERS_NAMESPACE,
  WATCH_INDEX_NAMESPACE,
  WATCH_LOCK_CLAIM,
  WATCH_LOST_NAMESPACE,
  WATCH_RECORDS_NAMESPACE,
  WATCHES_NAMESPACE,
  WatchBusyError,
  WatchRegistry,
  watchEventClaim,
  type CreateWatchInput,
  type CreateWatchResult,
  type OpenWatch,
  type WatchRegistryOptions,
  type WatchSummary,
} from './registry.js';
export { DEFAULT_TICK_MS, WatchScheduler, type TickOutcome, type WatchNotifier, type WatchSchedulerOptions } from './scheduler.js';
export { storedWatchSchema, watchPlaceSchema, type StoredWatch, type WatchPlace } from './schema.js';
export { DeadlineWatch, watchOperation, type DeadlineWatchOptions, type WatchAnswerInput } from './deadline-watch.js';
export type { SchedulerLogger } from './scheduler.js';
