import {
  pastedRecordKey,
  type MeteringOperation,
  type PastedUsageBatch,
  type PastedUsageRecord,
  type ReminderSpec,
} from '../core/index.js';
import type { SharedStore } from '../store/store.js';
import { WatchRegistry, type CreateWatchResult, type WatchSummary } from './registry.js';
import { WatchScheduler, type SchedulerLogger, type TickOutcome, type WatchNotifier } from './scheduler.js';
import type { StoredWatch, WatchPlace } from './schema.js';

export interface DeadlineWatchOptions {
  store: SharedStore;
  reminders: readonly ReminderSpec[];
  notifier: WatchNotifier;
  logger: SchedulerLogger;
  now?: () => Date;
  intervalMs?: number;
}

export interface WatchAnswerInput {
  answerId: string;
  teamId: string | undefined;
  place: WatchPlace;
  /** The operation named in the paste; records are BatchMeterUsage's unless it says MeterUsage. */
  operation: string | undefined;
  batch: PastedUsageBatch;
}

/** Usage records in pastes and intake reports are BatchMeterUsage's shape unless MeterUsage is named. */
export function watchOperation(operation: string | undefined): MeteringOperation {
  return operation === 'MeterUsage' ? 'MeterUsage' : 'BatchMeterUsage';
}

/**
 * The deadline watch as the rest of the app sees it: hooks for the places that learn about records
 * (an answer posted, a retry or the metering job reporting success, "Won't bill") and the scheduler
 * that posts reminders. The hooks never throw: a watch that cannot be stored is logged, and the
 * answer or retry that triggered it goes on.
 */
export class DeadlineWatch {
  readonly registry: WatchRegistry;
  readonly scheduler: WatchScheduler;
  private readonly now: () => Date;

  constructor(private readonly options: DeadlineWatchOptions) {
    this.now = options.now ?? (() => new Date());
    this.registry = new WatchRegistry(options.store, { reminders: options.reminders, logger: options.logger });
    this.scheduler = new WatchScheduler({
      registry: this.registry,
      notifier: options.notifier,
      logger: options.logger,
      now: this.now,
      ...(options.intervalMs ? { intervalMs: options.intervalMs } : {}),
    });
  }

  /** An answer holding usage records was posted: what can still be billed goes on watch. */
  async watchAnswer(input: WatchAnswerInput): Promise<CreateWatchResult | undefined> {
    if (input.batch.records.length === 0) return undefined;
    try {
      const result = await this.registry.create({
        answerId: input.answerId,
        teamId: input.teamId,
        place: input.place,
        operation: watchOperation(input.operation),
        records: input.batch.records,
        now: this.now(),
      });
      if (result.watch)
        this.options.logger.info(
          {
            watch: result.watch.id,
            answer: input.answerId,
            records: result.watch.state.records.length,
            past_window: result.pastWindow,
          },
          'usage records on deadline watch',
        );
      return result;
    } catch (err) {
      this.options.logger.error(
        { answer: input.answerId, err: (err as Error).message },
        'could not put usage records on deadline watch',
      );
      return undefined;
    }
  }

  /** A retry of the answer sent these records and AWS accepted them. */
  async resent(answerId: string, records: readonly PastedUsageRecord[]): Promise<StoredWatch | undefined> {
    if (records.length === 0) return undefined;
    try {
      return await this.registry.resolveAnswer(answerId, records.map(pastedRecordKey), this.now());
    } catch (err) {
      this.options.logger.error(
        { answer: answerId, err: (err as Error).message },
        'could not end the deadline watch after a retry',
      );
      return undefined;
    }
  }

  /** The metering job reported these records accepted (it resent them itself). */
  async accepted(records: readonly PastedUsageRecord[]): Promise<StoredWatch[]> {
    if (records.length === 0) return [];
    try {
      return await this.registry.resolveRecords(records.map(pastedRecordKey), this.now());
    } catch (err) {
      this.options.logger.error(
        { err: (err as Error).message },
        'could not end deadline watches after an intake report',
      );
      return [];
    }
  }

  /** "Won't bill" (the caller checked who may): throws when the store cannot be updated. */
  async handle(
    watchId: string,
    input: { by: string; reason: string },
  ): Promise<{ watch?: StoredWatch; changed: boolean }> {
    return this.registry.handle(watchId, input, this.now());
  }

  async summary(teamId: string | undefined): Promise<WatchSummary> {
    return this.registry.summary(teamId, this.now());
  }

  tick(): Promise<TickOutcome[]> {
    return this.scheduler.tick();
  }

  start(): void {
    this.scheduler.start();
  }

  stop(): Promise<void> {
    return this.scheduler.stop();
  }
}
