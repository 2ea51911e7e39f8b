import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, ErrorCode, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import type { Logger } from 'pino';
import { intakeCustomRoute, type IntakeRoute } from '../intake/index.js';
import { ackProbeOf, instrumentAcks } from '../ops/ack.js';
import type { Operations } from '../ops/events.js';
import {
  healthRoutes,
  LEGACY_HEALTH_PATH,
  METRICS_PATH as METRICS_ROUTE,
  Readiness,
  startRouteServer,
  TOKEN_ERRORS,
  type HealthRoute,
} from '../ops/health.js';
import type { PrometheusMetrics } from '../ops/metrics.js';
import { describeSlackStartFailure, SlackStartError, verifyBotToken, type SlackIdentity } from '../slack/auth-check.js';
import type { ActionHandlers } from '../slack/buttons/types.js';
import type { DeadlineWatch } from '../watch/index.js';
import { registerListeners } from './listeners.js';
import { boltLogger } from './logger.js';
import { createServices, type MeterDocDeps, type Services } from './services.js';
import type { Settings } from './settings.js';

export type { MeterDocDeps } from './services.js';

export interface MeterDocApp {
  readonly app: App;
  readonly services: Services;
  readonly config: Settings;
  readonly metrics: PrometheusMetrics;
  readonly watch: DeadlineWatch;
  /** What /readyz reports. */
  readonly readiness: Readiness;
  /**
   * Checks the bot token with auth.test, then starts listening (HTTP) or connecting (Socket Mode).
   * Throws SlackStartError (one line naming the setting or host at fault) when Slack refuses a
   * token or cannot be reached. Returns the events URL in HTTP mode, the health port in Socket Mode.
   */
  start(): Promise<{ mode: Settings['mode']; port?: number; eventsUrl?: string; healthPort?: number }>;
  stop(): Promise<void>;
}

export const EVENTS_PATH = '/slack/events';
export const HEALTH_PATH = LEGACY_HEALTH_PATH;
export const METRICS_PATH = METRICS_ROUTE;

/** Start-up and health knobs tests turn down; production uses the defaults. */
export interface StartOptions {
  /** How often a running app asks auth.test whether its token still works, ms (60 s). */
  authCheckIntervalMs?: number;
  /** Socket Mode: the client's ping timeout, which also spaces its reconnect attempts (5 s). */
  socketPingTimeoutMs?: number;
  /** Socket Mode: how long start() waits for Slack's `hello` before giving up (30 s). */
  socketHelloTimeoutMs?: number;
}

/** The app with every listener registered, and its routes and timers, ready to start. */
export function createMeterDocApp(
  config: Settings,
  deps: MeterDocDeps & StartOptions & { standIns?: ActionHandlers },
): MeterDocApp {
  const services = createServices(config, deps);
  const { logger, store, metrics, ops, insights, watch, clientOptions, client, slackNetwork } = services;

  // Who the bot is comes from the one auth.test start() makes (or from deps in tests and the
  // bench). Bolt is handed it through `authorize` rather than the token, so it never runs an
  // auth.test of its own: one that fails in Bolt's constructor is an unhandled rejection, and the
  // app would start "healthy" with a revoked token.
  let identity: SlackIdentity | undefined = deps.identity
    ? { ...deps.identity, teamId: undefined, team: undefined }
    : undefined;
  const common = {
    logger: boltLogger(logger),
    clientOptions,
    // MeterDoc keeps no per-conversation state in Bolt: its thread memory is in the shared store.
    // Bolt's default in-memory conversation store would look every event's conversation up (and
    // build a "not found" Error for each) and, per replica, could never be shared anyway.
    convoStore: false as const,
    authorize: async () => {
      if (!identity) throw new Error('Slack identity unknown: the app has not started');
      return {
        botToken: config.botToken,
        botId: identity.botId,
        botUserId: identity.botUserId,
        ...(identity.teamId ? { teamId: identity.teamId } : {}),
      };
    },
  };

  const readiness = new Readiness({ store, catalog: deps.catalog, readyWithoutStore: config.readyWithoutStore });
  const routes: HealthRoute[] = [
    ...healthRoutes({
      readiness,
      metrics,
      info: () => ({
        mode: config.mode,
        catalog: deps.catalog.version,
        entries: deps.catalog.entries.length,
        store: store.kind,
      }),
      onMetricsError: (err) => logger.error({ err: (err as Error).message }, 'could not render metrics'),
    }),
    // The intake endpoint is a handled event like Slack's: logged with its real outcome and
    // latency once the handler has answered, counted, and waited for on stop.
    ...(services.intake ? [intakeCustomRoute(services.intake)] : []).map((route) => ({
      path: route.path,
      method: route.method,
      handler: trackedRoute(route, ops, logger),
    })),
  ];

  let app: App;
  let server: Server | undefined;
  if (config.mode === 'socket') {
    const receiver = new SocketModeReceiver({
      appToken: config.appToken!,
      logger: common.logger,
      // apps.connections.open must honour SLACK_API_URL and the timeout like every other call;
      // Bolt's default receiver would give its client none of the app's options.
      installerOptions: { clientOptions },
      // The WebSocket goes through the proxy like the Web API calls (HTTPS_PROXY…).
      ...(slackNetwork ? { dispatcher: slackNetwork.dispatcher } : {}),
      ...(deps.socketPingTimeoutMs ? { clientPingTimeout: deps.socketPingTimeoutMs } : {}),
    });
    app = new App({ ...common, receiver });
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
        logger.warn(
          { err: error.message, code: (error as { code?: string }).code },
          'Slack request refused before any listener ran',
        );
        if (!response.headersSent) response.writeHead(authorization ? 401 : 400).end();
        return false;
      },
      // Hands each request's ack probe to the middleware, which names its kind (see ops/ack.ts).
      customPropertiesExtractor: (req) => {
        const probe = ackProbeOf(req);
        return probe ? { ackProbe: probe } : {};
      },
      customRoutes: routes.map((route) => ({ ...route, handler: (req, res) => void route.handler(req, res) })),
    });
    instrumentAcks(receiver, EVENTS_PATH, metrics);
    app = new App({ ...common, receiver });
  }

  registerListeners(app, services, deps.standIns);
  let stopping: Promise<void> | undefined;
  let sideServer: Server | undefined;
  let authTimer: NodeJS.Timeout | undefined;
  /** A token revoked or an app uninstalled while running takes the replica out of rotation. */
  const recheckAuth = async (): Promise<void> => {
    try {
      const result = await client.auth.test();
      readiness.slackAuthorized(result.team, result.bot_id);
    } catch (err) {
      const error = (err as { data?: { error?: string } }).data?.error;
      if (error && TOKEN_ERRORS.has(error)) {
        readiness.slackRefused(error);
        logger.error({ error }, 'Slack refuses SLACK_BOT_TOKEN now: /readyz reports 503 until it is accepted again');
      } else
        logger.warn({ err: (err as Error).message }, 'auth.test re-check failed; keeping the last known Slack state');
    }
  };
  // Both modes: the digest's timer and the token re-check.
  const startExtras = async () => {
    if (services.digest) {
      services.digest.start();
      logger.info(
        { channel: config.health.digestChannel, hour_utc: config.health.digestHourUtc },
        'daily digest scheduled',
      );
    }
    watch.start();
    if (!deps.identity) authTimer = setInterval(() => void recheckAuth(), deps.authCheckIntervalMs ?? 60_000).unref();
  };
  const stopExtras = async () => {
    services.digest?.stop();
  };
  const closeSideServer = () =>
    new Promise<void>((resolve) => (sideServer ? sideServer.close(() => resolve()) : resolve()));

  return {
    app,
    services,
    config,
    metrics,
    watch,
    readiness,
    async start() {
      // Socket Mode's probes answer while Slack is still being reached: live at once, ready after.
      if (config.mode === 'socket')
        sideServer = await listenForHealth(routes, config.healthPort, config.host, config.httpKeepAliveMs);
      try {
        identity ??= await verifyBotToken(client, config.slackApiUrl);
        readiness.slackAuthorized(identity.team, identity.botId);
        if (config.mode === 'socket') await connectSocketMode(app, config, deps.socketHelloTimeoutMs ?? 30_000);
        else {
          server = (await app.start({ port: config.port, host: config.host })) as Server;
          // Node closes a connection idle for 5 s; a load balancer keeping it longer (an ALB: 60 s)
          // sends the next event on a closed socket and Slack gets a 502 for it.
          server.keepAliveTimeout = config.httpKeepAliveMs;
        }
      } catch (err) {
        await closeSideServer();
        throw err;
      }
      await startExtras();
      if (config.mode === 'socket') {
        const healthPort = (sideServer!.address() as AddressInfo).port;
        logger.info({ mode: 'socket', health_port: healthPort }, 'MeterDoc connected to Slack over Socket Mode');
        return { mode: 'socket', healthPort };
      }
      const port = (server!.address() as AddressInfo).port;
      const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
      logger.info({ mode: 'http', port, host: config.host }, 'MeterDoc listening for Slack over HTTP');
      return { mode: 'http', port, eventsUrl: `http://${host}:${port}${EVENTS_PATH}` };
    },
    /**
     * Stops accepting (the HTTP server stops listening, Socket Mode disconnects), waits up to
     * METERDOC_SHUTDOWN_TIMEOUT_MS for answers already under way (Slack has acked their events and
     * will not send them again), then stops the digest and the intake server and closes the store. Idempotent.
     */
    stop() {
      stopping ??= (async () => {
        clearInterval(authTimer);
        // The health port stops taking new intake reports; probes on it stop answering too.
        const sideClosing = closeSideServer();
        const closing = app
          .stop()
          .catch((err: unknown) => logger.warn({ err: (err as Error).message }, 'receiver did not stop cleanly'));
        const inFlight = ops.inflight.size;
        const { drained, abandoned, kinds } = await ops.inflight.drain(config.shutdownTimeoutMs);
        if (drained) logger.info({ finished: inFlight }, 'in-flight answers finished');
        else
          logger.warn(
            { abandoned, kinds, timeout_ms: config.shutdownTimeoutMs },
            'stopped before every in-flight answer finished',
          );
        // Keep-alive connections hold server.close() open; nothing on them is being handled now.
        server?.closeAllConnections();
        sideServer?.closeAllConnections();
        await closing;
        await sideClosing;
        // What the finished answers recorded is written before the store closes (bounded per write).
        await insights.flush().catch(() => undefined);
        await stopExtras().catch((err: unknown) =>
          logger.error({ err: (err as Error).message }, 'digest or intake server failed to stop'),
        );
        await watch.stop();
        await store
          .close()
          .catch((err: unknown) => logger.warn({ err: (err as Error).message }, 'store did not close cleanly'));
      })();
      return stopping;
    },
  };
}

/** A route run as one handled event whose outcome is what the handler answered. */
function trackedRoute(route: IntakeRoute, ops: Operations, logger: Logger): HealthRoute['handler'] {
  return async (req, res) => {
    try {
      await ops.run('intake', { action: `${req.method ?? 'GET'} ${route.path}` }, async (event) => {
        await route.handler(req, res, event);
        const status = res.statusCode;
        event.ids.status = status;
        event.ended(status >= 500 ? 'error' : status >= 400 ? 'refused' : event.answers > 0 ? 'answered' : 'handled');
      });
    } catch (err) {
      logger.error({ err: (err as Error).message }, 'HTTP route failed');
      if (!res.headersSent) res.writeHead(500).end();
    }
  };
}

/** Socket Mode's own listener for the health routes; a port in use stops the start with one line. */
async function listenForHealth(
  routes: readonly HealthRoute[],
  port: number,
  host: string,
  keepAliveMs: number,
): Promise<Server> {
  try {
    return await startRouteServer(routes, port, host, keepAliveMs);
  } catch (err) {
    const code = (err as { code?: string }).code;
    throw new SlackStartError(
      `cannot listen on HEALTH_PORT ${port} (${code ?? (err as Error).message}): choose a free port for /livez, /readyz, /metrics and the intake endpoint.`,
    );
  }
}

/**
 * Opens the Socket Mode connection. The client resolves on Slack's `hello`; a WebSocket that never
 * opens (a proxy that blocks wss://) would keep it reconnecting forever, so the wait is bounded.
 */
async function connectSocketMode(app: App, config: Settings, helloTimeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const where = config.slackApiUrl ? `SLACK_API_URL (${config.slackApiUrl})` : 'slack.com';
  const started = Promise.resolve(app.start()).then(
    () => undefined,
    (err: unknown) => {
      throw new SlackStartError(describeSlackStartFailure(err, 'SLACK_APP_TOKEN', config.slackApiUrl));
    },
  );
  try {
    await Promise.race([
      started,
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new SlackStartError(
                `no Socket Mode connection to Slack within ${Math.round(helloTimeoutMs / 1000)} s: the WebSocket URL from ${where} did not answer; check that outbound wss:// to Slack is allowed and, behind a proxy, HTTPS_PROXY and NO_PROXY.`,
              ),
            ),
          helloTimeoutMs,
        );
      }),
    ]);
  } catch (err) {
    await Promise.resolve(app.stop()).catch(() => undefined);
    throw err;
  } finally {
    clearTimeout(timer);
  }
}
