export {
  NO_TEAM,
  WatchBusyError,
  WatchRegistry,
  type CreateWatchInput,
  type CreateWatchResult,
  type OpenWatch,
  type WatchRegistryOptions,
  type WatchSummary,
} from './registry.js';
export {
  DEFAULT_TICK_MS,
  WatchScheduler,
  type TickOutcome,
  type WatchNotifier,
  type WatchSchedulerOptions,
} from './scheduler.js';
export { storedWatchSchema, watchPlaceSchema, type StoredWatch, type WatchPlace } from './schema.js';
export { DeadlineWatch, watchOperation, type DeadlineWatchOptions, type WatchAnswerInput } from './deadline-watch.js';
export type { SchedulerLogger } from './scheduler.js';
