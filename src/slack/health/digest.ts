import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Insights } from '../../health/index.js';
import type { SharedStore } from '../../store/store.js';
import type { DeadlineWatch } from '../../watch/index.js';
import { clampBlocks } from '../blocks/limits.js';
import type { SlackPoster } from '../reply.js';
import { healthBlocks, healthFallback } from './blocks.js';
import { CLAIMS } from '../../store/keys.js';

export interface DigestOptions {
  channel: string;
  hourUtc: number;
  insights: Insights;
  store: SharedStore;
  client: webApi.WebClient;
  poster: SlackPoster;
  logger: Logger;
  now?: () => Date;
  /** Open deadline watches and lost revenue units, listed with the health. */
  watch?: Pick<DeadlineWatch, 'summary'> | undefined;
}

/** Long enough that no replica posts the same day twice, short enough to be gone by tomorrow's. */
const CLAIM_TTL_MS = 20 * 3_600_000;

/**
 * The daily digest: the workspace's metering health posted to one channel once a day at a set
 * UTC hour. Every replica runs the timer; a claim on the date in the shared store makes exactly
 * one of them post. The timer sleeps to the next hour boundary and checks the hour then, so it
 * follows the wall clock (UTC) without drifting, even after the machine sleeps.
 */
export class DailyDigest {
  private timer: NodeJS.Timeout | undefined;
  private stopped = true;
  private readonly now: () => Date;

  constructor(private readonly options: DigestOptions) {
    this.now = options.now ?? (() => new Date());
  }

  start(): void {
    this.stopped = false;
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Milliseconds from `now` to the start of the next UTC hour. */
  static untilNextHour(now: Date): number {
    const next = new Date(now);
    next.setUTCMinutes(0, 0, 0);
    next.setUTCHours(next.getUTCHours() + 1);
    return next.getTime() - now.getTime();
  }

  private schedule(): void {
    if (this.stopped) return;
    // A few ms past the boundary, so the hour read on waking is the new one.
    this.timer = setTimeout(() => {
      void this.runIfDue().finally(() => this.schedule());
    }, DailyDigest.untilNextHour(this.now()) + 50);
    this.timer.unref();
  }

  /** Posts the digest when it is the configured hour and no replica has posted today's yet. */
  async runIfDue(): Promise<'posted' | 'not-due' | 'claimed-elsewhere' | 'failed'> {
    const now = this.now();
    if (now.getUTCHours() !== this.options.hourUtc) return 'not-due';
    const day = now.toISOString().slice(0, 10);
    const claimed = await this.options.store
      .claim(CLAIMS.digest(this.options.channel, day), CLAIM_TTL_MS)
      .catch(() => false);
    if (!claimed) return 'claimed-elsewhere';
    const log = this.options.logger.child({ digest: day, channel: this.options.channel });
    try {
      // The bot token belongs to one workspace: that is the one whose health is posted.
      const auth = await this.options.client.auth.test();
      const team = typeof auth.team_id === 'string' ? auth.team_id : undefined;
      const summary = await this.options.insights.summary(team, now);
      const watch = await this.options.watch?.summary(team);
      await this.options.poster.post(this.options.channel, {
        text: healthFallback(summary),
        blocks: clampBlocks(healthBlocks(summary, { heading: `MeterDoc daily digest · ${day}`, watch })),
      });
      log.info('daily digest posted');
      return 'posted';
    } catch (err) {
      log.error({ err: (err as Error).message }, 'daily digest failed');
      return 'failed';
    }
  }
}
