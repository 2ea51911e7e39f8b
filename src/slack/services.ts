import type { Logger } from 'pino';
import type { Catalog } from '../core/index.js';
import type { Operations } from '../ops/events.js';
import type { Insights } from '../health/index.js';
import type { SharedStore } from '../store/store.js';
import type { DeadlineWatch } from '../watch/index.js';
import type { AiFallback } from './ai.js';
import type { AnswerStore } from './answer-store.js';
import type { SlashSubcommand } from './commands/subcommands.js';
import type { FileReaderOptions } from './files.js';
import type { PostingOptions } from './post-once.js';
import type { ChannelPostQueue } from './rate-limit.js';

/**
 * What the Slack surfaces need, built once per app (by createServices in src/app/services.ts). Listeners take this and nothing global, so
 * tests and the bench can build as many independent apps as they like.
 */
export interface SlackOptions {
  /** Bot IDs (B…) whose messages are diagnosed like people's (a metering job's alert bot). */
  allowedBotIds: ReadonlySet<string>;
  /** Most answers posted for one paste before the rest go into a summary. */
  maxAnswers: number;
  /** Minimum time between posts in one channel once the burst is spent. */
  postIntervalMs: number;
  postBurst: number;
  answerTtlMs: number;
  dedupeTtlMs: number;
  aiTimeoutMs: number;
  /** The slash command as registered (and as in manifest.yml). */
  commandName: string;
}

export interface SlackServices {
  catalog: Catalog;
  store: SharedStore;
  answers: AnswerStore;
  queue: ChannelPostQueue;
  /** How answers are posted: a deadline per request and a bounded retry that never posts twice (absent: the listener's client, once). */
  posting?: PostingOptions | undefined;
  logger: Logger;
  ai: AiFallback | undefined;
  /** The health and gap logs (App Home, digest, support bundle, `gaps`); absent = nothing recorded. */
  insights: Insights | undefined;
  subcommands: readonly SlashSubcommand[];
  /** Puts billable usage records of answers on deadline watch; absent = no watch. */
  watch: DeadlineWatch | undefined;
  files: Omit<FileReaderOptions, 'logger'>;
  options: SlackOptions;
  now: () => Date;
  /** Metrics, the per-event log line and the in-flight set that shutdown waits for. */
  ops: Operations;
}
