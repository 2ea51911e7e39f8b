import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, ErrorCode, HTTPReceiver, type CustomRoute } from '@slack/bolt';
import { intakeCustomRoute, startIntakeServer } from '../intake/index.js';
import { ackProbeOf, instrumentAcks } from '../ops/ack.js';
import { currentEvent } from '../ops/events.js';
import type { PrometheusMetrics } from '../ops/metrics.js';
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
  /** Starts listening (HTTP) or connecting (Socket Mode). In HTTP mode returns the events URL. */
  start(): Promise<{ mode: Settings['mode']; port?: number; eventsUrl?: string }>;
  stop(): Promise<void>;
}

export const EVENTS_PATH = '/slack/events';
export const HEALTH_PATH = '/healthz';
export const METRICS_PATH = '/metrics';

/** The app with every listener registered, and its routes and timers, ready to start. */
export function createMeterDocApp(config: Settings, deps: MeterDocDeps & { standIns?: ActionHandlers }): MeterDocApp {
  const services = createServices(config, deps);
  const { logger, store, metrics, ops, insights, watch, clientOptions } = services;

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
        // The intake endpoint is a handled event like Slack's: logged, counted, and waited for on stop.
        ...(services.intake ? [intakeCustomRoute(services.intake)] : []).map((route) => ({
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

  registerListeners(app, services, deps.standIns);
  let stopping: Promise<void> | undefined;
  let intakeServer: Server | undefined;
  // Both modes: the digest's timer, and in Socket Mode (no HTTP server of its own) the intake server.
  const startExtras = async () => {
    if (config.mode === 'socket' && services.intake && config.intake) {
      intakeServer = await startIntakeServer(services.intake, config.intake.port);
      logger.info({ port: config.intake.port }, 'intake endpoint listening (Socket Mode)');
    }
    if (services.digest) {
      services.digest.start();
      logger.info({ channel: config.health.digestChannel, hour_utc: config.health.digestHourUtc }, 'daily digest scheduled');
    }
    watch.start();
  };
  const stopExtras = async () => {
    services.digest?.stop();
    await new Promise<void>((resolve) => (intakeServer ? intakeServer.close(() => resolve()) : resolve()));
  };

  return {
    app,
    services,
    config,
    metrics,
    watch,
    async start() {
      if (config.mode === 'socket') {
        await app.start();
        await startExtras();
        logger.info({ mode: 'socket' }, 'MeterDoc connected to Slack over Socket Mode');
        return { mode: 'socket' };
      }
      server = (await app.start({ port: config.port, host: config.host })) as Server;
      await startExtras();
      const port = (server.address() as AddressInfo).port;
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
        await stopExtras().catch((err: unknown) => logger.error({ err: (err as Error).message }, 'digest or intake server failed to stop'));
        await watch.stop();
        await store.close().catch((err: unknown) => logger.warn({ err: (err as Error).message }, 'store did not close cleanly'));
      })();
      return stopping;
    },
  };
}
