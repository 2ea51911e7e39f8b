import type { Logger } from 'pino';
import type { Catalog } from '../core/index.js';
import { Operations } from '../ops/events.js';
import type { Insights } from '../health/index.js';
import type { SharedStore } from '../store/store.js';
import type { DeadlineWatch } from '../watch/index.js';
import type { AiFallback } from './ai.js';
import type { ActionHandlers } from './buttons/types.js';
import { AnswerStore } from './answer-store.js';
import type { SlashSubcommand } from './commands/subcommands.js';
import type { FileReaderOptions } from './files.js';
import { ChannelPostQueue } from './rate-limit.js';

/**
 * What the Slack surfaces need, built once per app. Listeners take this and nothing global, so
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
  logger: Logger;
  ai: AiFallback | undefined;
  /** The health and gap logs (App Home, digest, support bundle, `gaps`); absent = nothing recorded. */
  insights: Insights | undefined;
  actions: ActionHandlers;
  subcommands: readonly SlashSubcommand[];
  /** Puts billable usage records of answers on deadline watch; absent = no watch. */
  watch: DeadlineWatch | undefined;
  files: Omit<FileReaderOptions, 'logger'>;
  options: SlackOptions;
  now: () => Date;
  /** Metrics, the per-event log line and the in-flight set that shutdown waits for. */
  ops: Operations;
}

export const DEFAULT_SLACK_OPTIONS: SlackOptions = {
  allowedBotIds: new Set(),
  maxAnswers: 3,
  postIntervalMs: 1000,
  postBurst: 3,
  answerTtlMs: 7 * 24 * 60 * 60 * 1000,
  dedupeTtlMs: 60 * 60 * 1000,
  aiTimeoutMs: 60_000,
  commandName: '/meterdoc',
};

export function createSlackServices(input: {
  catalog: Catalog;
  store: SharedStore;
  logger: Logger;
  ai?: AiFallback | undefined;
  insights?: Insights | undefined;
  actions?: ActionHandlers | undefined;
  subcommands?: readonly SlashSubcommand[] | undefined;
  watch?: DeadlineWatch | undefined;
  files: Omit<FileReaderOptions, 'logger'>;
  options?: Partial<SlackOptions>;
  now?: () => Date;
  /** Built beforehand when extensions (AWS actions, intake) need the same answer store. */
  answers?: AnswerStore;
  /** Defaults to no metrics and no event log (unit tests); the app passes its own. */
  ops?: Operations;
}): SlackServices {
  const options = { ...DEFAULT_SLACK_OPTIONS, ...input.options };
  return {
    catalog: input.catalog,
    store: input.store,
    answers: input.answers ?? new AnswerStore(input.store, options.answerTtlMs),
    queue: new ChannelPostQueue(options.postIntervalMs, options.postBurst),
    logger: input.logger,
    ai: input.ai,
    insights: input.insights,
    actions: input.actions ?? {},
    subcommands: input.subcommands ?? [],
    watch: input.watch,
    files: input.files,
    options,
    now: input.now ?? (() => new Date()),
    ops: input.ops ?? new Operations(),
  };
}
