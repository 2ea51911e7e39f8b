import type { WatchEvent } from '../core/index.js';
import type { WatchRegistry } from './registry.js';
import type { StoredWatch } from './schema.js';

/** Posts one event of one watch (a reminder, or the records lost); throws when it could not. */
export interface WatchNotifier {
  notify(watch: StoredWatch, event: WatchEvent): Promise<void>;
}

export interface SchedulerLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

export interface WatchSchedulerOptions {
  registry: WatchRegistry;
  notifier: WatchNotifier;
  logger: SchedulerLogger;
  now?: () => Date;
  /** How often production looks for due watches, ms. */
  intervalMs?: number;
}

export interface TickOutcome {
  watchId: string;
  eventId: string;
  kind: WatchEvent['kind'];
  posted: boolean;
}

export const DEFAULT_TICK_MS = 30_000;

/**
 * Drives the watches with a clock: `tick()` advances every watch that has something due and posts
 * what this replica won. Tests call `tick()` with an injected clock; in production `start()` runs
 * it at once (a restarted replica catches up on what came due while it was down) and then on an
 * unref'd interval, one tick at a time. Every replica runs one; the registry's claims decide who posts.
 */
export class WatchScheduler {
  private readonly now: () => Date;
  private readonly intervalMs: number;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<TickOutcome[]> | undefined;

  constructor(private readonly options: WatchSchedulerOptions) {
    this.now = options.now ?? (() => new Date());
    this.intervalMs = options.intervalMs ?? DEFAULT_TICK_MS;
  }

  async tick(): Promise<TickOutcome[]> {
    const now = this.now();
    const { registry, notifier, logger } = this.options;
    const outcomes: TickOutcome[] = [];
    let due: string[];
    try {
      due = await registry.due(now);
    } catch (err) {
      logger.warn({ err: (err as Error).message }, 'could not read the deadline watches');
      return outcomes;
    }
    for (const id of due) {
      let advanced: Awaited<ReturnType<WatchRegistry['advance']>>;
      try {
        advanced = await registry.advance(id, now);
      } catch (err) {
        // Another replica holds the watches (or the store failed): the next tick tries again.
        logger.warn({ watch: id, err: (err as Error).message }, 'deadline watch not advanced this time');
        continue;
      }
      const watch = advanced.watch;
      if (!watch) continue;
      for (const event of advanced.events) {
        let posted = false;
        try {
          await notifier.notify(watch, event);
          posted = true;
          logger.info(
            { watch: id, answer: watch.answerId, event: event.id },
            event.kind === 'reminder' ? 'deadline reminder posted' : 'lost records reported',
          );
        } catch (err) {
          logger.error({ watch: id, event: event.id, err: (err as Error).message }, 'deadline watch message failed');
        }
        outcomes.push({ watchId: id, eventId: event.id, kind: event.kind, posted });
      }
    }
    return outcomes;
  }

  start(): void {
    if (this.timer) return;
    const run = (): void => {
      if (this.running) return;
      this.running = this.tick().finally(() => {
        this.running = undefined;
      });
    };
    run();
    this.timer = setInterval(run, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => undefined);
  }
}
