import { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import { createActionDeps } from '../actions/index.js';
import { createAuditSubcommand } from '../actions/audit/audit-command.js';
import { retryExhausted } from '../actions/retry/send.js';
import type { AwsActionDeps } from '../actions/types.js';
import { createAiDiagnoser, type CreateAiOptions } from '../ai/index.js';
import type { AwsClientOverrides } from '../aws/clients.js';
import type { Catalog } from '../core/index.js';
import { Insights } from '../health/index.js';
import { createIntakeHandler, type IntakeHandler } from '../intake/index.js';
import { Operations } from '../ops/events.js';
import { PrometheusMetrics } from '../ops/metrics.js';
import type { AiFallback } from '../slack/ai.js';
import { AnswerStore } from '../slack/answer-store.js';
import { createGapsSubcommand } from '../slack/gaps/command.js';
import { DailyDigest } from '../slack/health/digest.js';
import { slackHostTrust } from '../slack/files.js';
import type { PostingOptions } from '../slack/post-once.js';
import { ChannelPostQueue } from '../slack/rate-limit.js';
import { SlackPoster } from '../slack/reply.js';
import type { SlackServices } from '../slack/services.js';
import { SlackWatchNotifier } from '../slack/watch/notifier.js';
import { payloadKey } from '../store/signed-store.js';
import { MemoryStore, type SharedStore } from '../store/store.js';
import { DeadlineWatch } from '../watch/index.js';
import { boltLogger, createLogger } from './logger.js';
import { slackNetwork, type SlackNetwork } from '../slack/proxy-dispatcher.js';
import type { Settings } from './settings.js';

/** The slash command as registered (and as in manifest.yml). */
export const COMMAND_NAME = '/meterdoc';
/** Posts one channel may take at once before METERDOC_POST_INTERVAL_MS spaces them out. */
const POST_BURST = 3;
/** How long an event_id is remembered to drop Slack's redeliveries. */
const DEDUPE_TTL_MS = 60 * 60 * 1000;

/**
 * What the app is built from besides its settings. Only the catalog is required; everything else
 * has a working default and is given by main.ts (the store), tests and the bench (stand-ins).
 */
export interface MeterDocDeps {
  catalog: Catalog;
  /** Defaults to an in-memory store (one process). Pass a Redis-backed one when replicas share work. */
  store?: SharedStore;
  logger?: Logger;
  /** Defaults to the Bedrock fallback built from `settings.ai` (none without BEDROCK_MODEL_ID). */
  ai?: AiFallback;
  /** The bot's identity when known in advance: skips Bolt's `auth.test` at start (tests, bench). */
  identity?: { botId: string; botUserId: string };
  now?: () => Date;
  /** Used to download shared files (tests may pass their own). */
  fetch?: typeof fetch;
  /** Credentials, region and retry strategy for the AWS clients (tests); production uses the SDK's chain. */
  awsOverrides?: AwsClientOverrides;
  /** Credentials or a request handler for the Bedrock client (tests); production uses the SDK's chain. */
  bedrockOverrides?: CreateAiOptions['client'];
  /** How often the deadline watch looks for reminders due, ms (tests drive it with `watch.tick()`). */
  watchIntervalMs?: number;
}

/** Everything the listeners, routes and timers use, built once per app. */
export interface Services extends SlackServices {
  settings: Settings;
  /** A Web API client with the bot token (same options as Bolt's own). */
  client: webApi.WebClient;
  /** Posts outside a reply target (watch, digest, retry reports, intake) through the same queue. */
  poster: SlackPoster;
  clientOptions: webApi.WebClientOptions;
  /** Through the proxy when one is configured (HTTPS_PROXY…); undefined = direct. */
  slackNetwork: SlackNetwork | undefined;
  metrics: PrometheusMetrics;
  insights: Insights;
  watch: DeadlineWatch;
  /** What the AWS-touching buttons, modals and `/meterdoc audit` share. */
  aws: AwsActionDeps;
  /** The intake endpoint's request handler; undefined when METERDOC_INTAKE_SECRET is unset. */
  intake: IntakeHandler | undefined;
  /** The daily digest; undefined when METERDOC_DIGEST_CHANNEL is unset. */
  digest: DailyDigest | undefined;
}

export function createServices(settings: Settings, deps: MeterDocDeps): Services {
  const logger = deps.logger ?? createLogger(settings.logLevel);
  const store = deps.store ?? new MemoryStore();
  const now = deps.now ?? (() => new Date());
  const metrics = new PrometheusMetrics();
  const ops = new Operations(metrics, logger, settings.admission);
  const catalog = deps.catalog;
  const insights = new Insights(store, { ...settings.health, logger, now });
  const ai =
    deps.ai ??
    createAiDiagnoser({
      catalog,
      store,
      config: settings.ai,
      log: logger,
      metrics,
      ...(deps.bedrockOverrides ? { client: deps.bedrockOverrides } : {}),
    });

  const slackNet = slackNetwork(settings.proxy);
  const clientOptions: webApi.WebClientOptions = {
    ...(slackNet ? { fetch: slackNet.fetch } : {}),
    ...(settings.slackApiUrl ? { slackApiUrl: settings.slackApiUrl } : {}),
    // The Web API client's default is ten retries over thirty minutes; a retried postMessage whose
    // first response was lost double-posts, so keep it short.
    retryConfig: { retries: settings.slackRetries, factor: 2, minTimeout: 500, maxTimeout: 5000 },
    // Without it a request Slack never answers holds its handler (and a graceful stop) forever.
    timeout: settings.slackTimeoutMs,
  };
  const client = new webApi.WebClient(settings.botToken, { ...clientOptions, logger: boltLogger(logger) });
  // Answers are posted without the client's own retry (it would repost blind after a lost
  // response); postOnce retries them itself, reading the thread back first.
  const posting: PostingOptions = {
    client: new webApi.WebClient(settings.botToken, {
      ...clientOptions,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      logger: boltLogger(logger),
    }),
    attempts: settings.slackRetries + 1,
    retryDelayMs: 500,
  };

  const signing = payloadKey(settings.payloadSecret);
  if (signing.ephemeral && store.kind !== 'memory') {
    logger.warn('METERDOC_PAYLOAD_SECRET is not set: buttons on answers posted before a restart will say they expired');
  }
  const queue = new ChannelPostQueue(settings.postIntervalMs, POST_BURST);
  const poster = new SlackPoster(client, queue, logger, { posting, metrics });
  const answers = new AnswerStore(store, settings.answerTtlMs, signing.ephemeral ? undefined : signing.key);
  const watch = new DeadlineWatch({
    store,
    reminders: settings.deadlineReminders,
    notifier: new SlackWatchNotifier({
      poster,
      answers,
      alreadyRetried: (answerId) => retryExhausted({ store, answers }, answerId, now()),
    }),
    logger: logger.child({ component: 'deadline-watch' }),
    now,
    ...(deps.watchIntervalMs ? { intervalMs: deps.watchIntervalMs } : {}),
  });
  const aws = createActionDeps({
    config: settings.actions,
    signingKey: signing.key,
    store,
    logger,
    poster,
    answers,
    awsOverrides: deps.awsOverrides,
    now,
    insights,
    watch,
  });
  const intake = settings.intake
    ? createIntakeHandler({
        config: settings.intake,
        catalog,
        store,
        answers,
        poster,
        audit: aws.audit,
        logger,
        watch,
        now,
      })
    : undefined;
  const { digestChannel, digestHourUtc } = settings.health;
  const digest = digestChannel
    ? new DailyDigest({
        channel: digestChannel,
        hourUtc: digestHourUtc,
        insights,
        store,
        client,
        poster,
        logger,
        watch,
        now,
      })
    : undefined;

  return {
    settings,
    catalog,
    store,
    answers,
    queue,
    poster,
    posting,
    logger,
    ai,
    insights,
    subcommands: [createAuditSubcommand(aws), createGapsSubcommand({ insights, allowlist: aws.allowlist })],
    watch,
    files: {
      botToken: settings.botToken,
      maxBytes: settings.fileMaxBytes,
      trustedHosts: slackHostTrust(settings.slackApiUrl),
      client,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    },
    options: {
      allowedBotIds: new Set(settings.allowedBotIds),
      maxAnswers: settings.maxAnswers,
      postIntervalMs: settings.postIntervalMs,
      postBurst: POST_BURST,
      answerTtlMs: settings.answerTtlMs,
      dedupeTtlMs: DEDUPE_TTL_MS,
      // The AI owns its timeout (METERDOC_AI_TIMEOUT_MS); the placeholder waits for its whole budget.
      aiTimeoutMs: ai?.budgetMs ?? 60_000,
      commandName: COMMAND_NAME,
    },
    now,
    ops,
    client,
    clientOptions,
    slackNetwork: slackNet,
    metrics,
    aws,
    intake,
    digest,
  };
}
