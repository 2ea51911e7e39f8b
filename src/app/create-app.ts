import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, ErrorCode, HTTPReceiver, webApi, type CustomRoute } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Catalog } from '../core/index.js';
import { Insights } from '../health/index.js';
import { ackProbeOf, instrumentAcks } from '../ops/ack.js';
import { currentEvent, Operations } from '../ops/events.js';
import { PrometheusMetrics, type MeterDocMetrics } from '../ops/metrics.js';
import { MemoryStore, type SharedStore } from '../store/store.js';
import type { ActionHandlers } from '../slack/buttons/types.js';
import { AnswerStore } from '../slack/answer-store.js';
import type { AiFallback } from '../slack/ai.js';
import type { SlashSubcommand } from '../slack/commands/subcommands.js';
import { slackHostTrust } from '../slack/files.js';
import { registerSlackSurfaces } from '../slack/register.js';
import { createSlackServices, type SlackServices } from '../slack/services.js';
import { SlackWatchNotifier } from '../slack/watch/notifier.js';
import { retryState } from '../actions/retry/send.js';
import { DeadlineWatch } from '../watch/index.js';
import type { AppConfig } from './config.js';
import { boltLogger, createLogger } from './logger.js';

/**
 * What the app is built from besides configuration. Everything optional has a working default,
 * so `createMeterDocApp(config, { catalog })` is a complete app; the other engineers' pieces plug
 * in here: `ai` (issue 4), `actions` (issue 5), `subcommands` (audit, gaps), `store` (Redis).
 */
export interface MeterDocDeps {
  catalog: Catalog;
  /** Defaults to an in-memory store (one process). Pass a Redis-backed one when replicas share work. */
  store?: SharedStore;
  logger?: Logger;
  ai?: AiFallback;
  actions?: ActionHandlers;
  /** Extra `/meterdoc` subcommands; a name equal to a built-in replaces it. */
  subcommands?: SlashSubcommand[];
  /** The bot's identity when known in advance: skips Bolt's `auth.test` at start (tests, bench). */
  identity?: { botId: string; botUserId: string };
  now?: () => Date;
  /** Used to download shared files (tests may pass their own). */
  fetch?: typeof fetch;
  /** Pieces that add buttons, subcommands, modals or HTTP routes (AWS actions, intake). */
  extensions?: ExtensionFactory[];
  /**
   * Created before the app when something built earlier counts into it (the AI fallback is given
   * it in main.ts); a fresh registry otherwise. Served at /metrics in HTTP mode.
   */
  metrics?: PrometheusMetrics;
  /** The health and gap logs; by default a fresh one over `store` with the default retention. */
  insights?: Insights;
  /** How often the deadline watch looks for reminders due, ms (tests drive it with `watch.tick()`). */
  watchIntervalMs?: number;
}

/** What an extension is built from: the same store, answers and Web API access the app uses. */
export interface ExtensionKit {
  catalog: Catalog;
  store: SharedStore;
  answers: AnswerStore;
  logger: Logger;
  /** A Web API client with the bot token (same options as Bolt's own). */
  client: webApi.WebClient;
  mode: AppConfig['mode'];
  metrics: MeterDocMetrics;
  /** Where retries, IAM checks and votes are recorded for App Home, the digest and the support bundle. */
  insights: Insights;
  /** The deadline watch: answers' billable records, their reminders, and the records lost. */
  watch: DeadlineWatch;
  /** The app's clock (injected in tests). */
  now: () => Date;
}

export interface MeterDocExtension {
  actions?: ActionHandlers;
  subcommands?: SlashSubcommand[];
  /** Registers view submissions and other listeners of its own. */
  register?(app: App): void;
  /** HTTP routes served next to the Slack endpoint in HTTP mode. */
  routes?: CustomRoute[];
  /** Started after the app (e.g. a listener of its own in Socket Mode), stopped before it. */
  start?(): Promise<void>;
  stop?(): Promise<void>;
}

export type ExtensionFactory = (kit: ExtensionKit) => MeterDocExtension;

export interface MeterDocApp {
  readonly app: App;
  readonly services: SlackServices;
  readonly config: AppConfig;
  readonly metrics: PrometheusMetrics;
  readonly watch: DeadlineWatch;
  /** Starts listening (HTTP) or connecting (Socket Mode). In HTTP mode returns the events URL. */
  start(): Promise<{ mode: AppConfig['mode']; port?: number; eventsUrl?: string }>;
  stop(): Promise<void>;
}

export const EVENTS_PATH = '/slack/events';
export const HEALTH_PATH = '/healthz';
export const METRICS_PATH = '/metrics';

export function createMeterDocApp(config: AppConfig, deps: MeterDocDeps): MeterDocApp {
  const logger = deps.logger ?? createLogger(config.logLevel);
  const store = deps.store ?? new MemoryStore();
  const metrics = deps.metrics ?? new PrometheusMetrics();
  const ops = new Operations(metrics, logger, config.admission);
  const insights = deps.insights ?? new Insights(store, { logger, ...(deps.now ? { now: deps.now } : {}) });

  const clientOptions = {
    ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
    // The Web API client's default is ten retries over thirty minutes; a retried postMessage whose
    // first response was lost double-posts, so keep it short.
    retryConfig: { retries: config.slackRetries, factor: 2, minTimeout: 500, maxTimeout: 5000 },
  };
  if (!config.payloadSecret && store.kind !== 'memory') {
    logger.warn('METERDOC_PAYLOAD_SECRET is not set: buttons on answers posted before a restart will say they expired');
  }
  const answers = new AnswerStore(store, config.answerTtlMs, config.payloadSecret ? Buffer.from(config.payloadSecret, 'utf8') : undefined);
  const client = new webApi.WebClient(config.botToken, { ...clientOptions, logger: boltLogger(logger) });
  const now = deps.now ?? (() => new Date());
  const watch = new DeadlineWatch({
    store,
    reminders: config.deadlineReminders,
    notifier: new SlackWatchNotifier({ client, answers, alreadyRetried: async (answerId) => (await retryState({ store }, answerId)) !== undefined }),
    logger: logger.child({ component: 'deadline-watch' }),
    now,
    ...(deps.watchIntervalMs ? { intervalMs: deps.watchIntervalMs } : {}),
  });
  const kit: ExtensionKit = { catalog: deps.catalog, store, answers, logger, client, mode: config.mode, metrics, insights, watch, now };
  const extensions = (deps.extensions ?? []).map((build) => build(kit));
  const actions: ActionHandlers = Object.assign({}, ...extensions.map((e) => e.actions ?? {}), deps.actions ?? {});
  const subcommands = [...extensions.flatMap((e) => e.subcommands ?? []), ...(deps.subcommands ?? [])];

  const services = createSlackServices({
    catalog: deps.catalog,
    store,
    answers,
    logger,
    ai: deps.ai,
    insights,
    actions,
    subcommands,
    watch,
    files: {
      botToken: config.botToken,
      maxBytes: config.fileMaxBytes,
      trustedHosts: slackHostTrust(config.slackApiUrl),
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
    },
    options: {
      allowedBotIds: new Set(config.allowedBotIds),
      maxAnswers: config.maxAnswers,
      postIntervalMs: config.postIntervalMs,
      answerTtlMs: config.answerTtlMs,
      // The AI owns its timeout (METERDOC_AI_TIMEOUT_MS, read by src/ai); the placeholder waits that long.
      ...(deps.ai?.budgetMs ? { aiTimeoutMs: deps.ai.budgetMs } : {}),
    },
    ...(deps.now ? { now: deps.now } : {}),
    ops,
  });

  const common = {
    token: config.botToken,
    logger: boltLogger(logger),
    clientOptions,
    ...(deps.identity ? { botId: deps.identity.botId, botUserId: deps.identity.botUserId } : {}),
  };

  let app: App;
  let server: Server | undefined;
  if (config.mode === 'socket') {
    app = new App({ ...common, appToken: config.appToken!, socketMode: true });
  } else {
    const receiver = new HTTPReceiver({
      signingSecret: config.signingSecret!,
      endpoints: EVENTS_PATH,
      logger: common.logger,
      // Bolt throws here only before any listener runs: a payload it cannot read (a click without
      // its user) or a failed authorization. Its default answers 500, which Slack retries and shows
      // as our failure; the request is at fault, so say 400 (401 for authorization).
      processEventErrorHandler: async ({ error, response }) => {
        const authorization = (error as { code?: string }).code === ErrorCode.AuthorizationError;
        logger.warn({ err: error.message, code: (error as { code?: string }).code }, 'Slack request refused before any listener ran');
        if (!response.headersSent) response.writeHead(authorization ? 401 : 400).end();
        return false;
      },
      // Hands each request's ack probe to the middleware, which names its kind (see ops/ack.ts).
      customPropertiesExtractor: (req) => {
        const probe = ackProbeOf(req);
        return probe ? { ackProbe: probe } : {};
      },
      customRoutes: [
        {
          path: HEALTH_PATH,
          method: ['GET'],
          handler: (_req, res) => {
            res.writeHead(200, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ ok: true, catalog: deps.catalog.version, entries: deps.catalog.entries.length, store: store.kind }));
          },
        },
        {
          path: METRICS_PATH,
          method: ['GET'],
          handler: (_req, res) => {
            metrics.text().then(
              (text) => {
                res.writeHead(200, { 'content-type': metrics.contentType });
                res.end(text);
              },
              (err: unknown) => {
                logger.error({ err: (err as Error).message }, 'could not render metrics');
                res.writeHead(500).end();
              },
            );
          },
        },
        // Extension routes (the intake endpoint) are handled events like Slack's: logged, counted,
        // and waited for on stop.
        ...extensions.flatMap((e) => e.routes ?? []).map((route) => ({
          ...route,
          handler: (req: Parameters<CustomRoute['handler']>[0], res: Parameters<CustomRoute['handler']>[1]) => {
            void ops
              .run('intake', {}, async () => {
                await route.handler(req, res);
                const status = res.statusCode;
                currentEvent()?.ended(status >= 500 ? 'error' : status >= 400 ? 'refused' : currentEvent()!.answers > 0 ? 'answered' : 'handled');
              })
              .catch((err: unknown) => {
                logger.error({ err: (err as Error).message }, 'HTTP route failed');
                if (!res.headersSent) res.writeHead(500).end();
              });
          },
        })),
      ],
    });
    instrumentAcks(receiver, EVENTS_PATH, metrics);
    app = new App({ ...common, receiver });
  }

  registerSlackSurfaces(app, services);
  let stopping: Promise<void> | undefined;
  for (const extension of extensions) extension.register?.(app);

  return {
    app,
    services,
    config,
    metrics,
    watch,
    async start() {
      if (config.mode === 'socket') {
        await app.start();
        for (const extension of extensions) await extension.start?.();
        watch.start();
        logger.info({ mode: 'socket' }, 'MeterDoc connected to Slack over Socket Mode');
        return { mode: 'socket' };
      }
      server = (await app.start({ port: config.port, host: config.host })) as Server;
      for (const extension of extensions) await extension.start?.();
      watch.start();
      const port = (server.address() as AddressInfo).port;
      const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
      logger.info({ mode: 'http', port, host: config.host }, 'MeterDoc listening for Slack over HTTP');
      return { mode: 'http', port, eventsUrl: `http://${host}:${port}${EVENTS_PATH}` };
    },
    /**
     * Stops accepting (the HTTP server stops listening, Socket Mode disconnects), waits up to
     * METERDOC_SHUTDOWN_TIMEOUT_MS for answers already under way (Slack has acked their events and
     * will not send them again), then stops the extensions and closes the store. Idempotent.
     */
    stop() {
      stopping ??= (async () => {
        const closing = app.stop().catch((err: unknown) => logger.warn({ err: (err as Error).message }, 'receiver did not stop cleanly'));
        const inFlight = ops.inflight.size;
        const { drained, abandoned, kinds } = await ops.inflight.drain(config.shutdownTimeoutMs);
        if (drained) logger.info({ finished: inFlight }, 'in-flight answers finished');
        else logger.warn({ abandoned, kinds, timeout_ms: config.shutdownTimeoutMs }, 'stopped before every in-flight answer finished');
        // Keep-alive connections hold server.close() open; nothing on them is being handled now.
        server?.closeAllConnections();
        await closing;
        // What the finished answers recorded is written before the store closes (bounded per write).
        await insights.flush().catch(() => undefined);
        for (const extension of extensions) await extension.stop?.().catch((err: unknown) => logger.error({ err: (err as Error).message }, 'extension failed to stop'));
        await watch.stop();
        await store.close().catch((err: unknown) => logger.warn({ err: (err as Error).message }, 'store did not close cleanly'));
      })();
      return stopping;
    },
  };
}
