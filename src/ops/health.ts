import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * What `/livez`, `/readyz` (and its old name `/healthz`) say about this process.
 *
 * Live: the process answers HTTP. Ready: it can do its job, which needs three things: Slack has
 * accepted the bot token (auth.test), the shared store answers (or the operator has said that a
 * replica answering from its local fallback is acceptable), and the catalog is loaded. Anything
 * else is a 503 whose body says which check failed and why, so a probe failure in `kubectl
 * describe` or a load balancer's log points at the cause.
 */

export interface CheckResult {
  ok: boolean;
  /** One line on the state, for people reading the probe's body. */
  detail: string;
}

/** The store's view of itself: only Redis can be unreachable (memory and file stores always answer). */
export interface StoreHealth {
  readonly kind: string;
  readonly degraded?: boolean;
}

export interface ReadinessOptions {
  store: StoreHealth;
  catalog: { version: string; entries: readonly unknown[] };
  /** METERDOC_READY_WITHOUT_STORE: a replica whose Redis is down still reports ready. */
  readyWithoutStore?: boolean;
}

/** Slack errors that mean the bot token itself is no good; anything else is a passing failure. */
export const TOKEN_ERRORS: ReadonlySet<string> = new Set([
  'invalid_auth',
  'token_revoked',
  'not_authed',
  'account_inactive',
  'token_expired',
  'team_disabled',
  'user_removed_from_team',
]);

export class Readiness {
  private slack: CheckResult = { ok: false, detail: 'auth.test has not succeeded yet' };

  constructor(private readonly options: ReadinessOptions) {}

  /** auth.test succeeded for this bot. */
  slackAuthorized(team: string | undefined, botId: string | undefined): void {
    this.slack = { ok: true, detail: `authorized${team ? ` in ${team}` : ''}${botId ? ` as ${botId}` : ''}` };
  }

  /** Slack refused the token (revoked, uninstalled): not ready until a later auth.test succeeds. */
  slackRefused(error: string): void {
    this.slack = { ok: false, detail: `Slack refuses SLACK_BOT_TOKEN (${error})` };
  }

  checks(): Record<'slack' | 'store' | 'catalog', CheckResult> {
    const { store, catalog, readyWithoutStore } = this.options;
    const storeCheck: CheckResult =
      store.degraded === true
        ? readyWithoutStore
          ? {
              ok: true,
              detail: `${store.kind} unreachable: degraded to process-local claims and cache (METERDOC_READY_WITHOUT_STORE)`,
            }
          : { ok: false, detail: `${store.kind} unreachable: replicas cannot share dedupe, buttons and locks` }
        : { ok: true, detail: store.kind === 'redis' ? 'redis reachable' : `${store.kind} store, this process only` };
    const catalogCheck: CheckResult =
      catalog.entries.length > 0
        ? { ok: true, detail: `${catalog.entries.length} entries, version ${catalog.version}` }
        : { ok: false, detail: 'the catalog has no entries' };
    return { slack: this.slack, store: storeCheck, catalog: catalogCheck };
  }

  report(): { ready: boolean; reason?: string; checks: Record<string, CheckResult> } {
    const checks = this.checks();
    const failed = Object.entries(checks).filter(([, c]) => !c.ok);
    return failed.length === 0
      ? { ready: true, checks }
      : { ready: false, reason: failed.map(([name, c]) => `${name}: ${c.detail}`).join('; '), checks };
  }
}

export const LIVE_PATH = '/livez';
export const READY_PATH = '/readyz';
/** The first health path, kept for load balancers configured before /readyz existed. */
export const LEGACY_HEALTH_PATH = '/healthz';
export const METRICS_PATH = '/metrics';

export interface HealthRoute {
  path: string;
  method: string[];
  handler: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** `/livez`, `/readyz`, `/healthz` and `/metrics`, in the shape Bolt's `customRoutes` take. */
export function healthRoutes(deps: {
  readiness: Readiness;
  metrics: { text(): Promise<string>; contentType: string };
  info: () => Record<string, unknown>;
  onMetricsError: (err: unknown) => void;
}): HealthRoute[] {
  const ready = (_req: IncomingMessage, res: ServerResponse): void => {
    const report = deps.readiness.report();
    json(res, report.ready ? 200 : 503, {
      ok: report.ready,
      ...(report.reason ? { reason: report.reason } : {}),
      ...deps.info(),
      checks: report.checks,
    });
  };
  return [
    { path: LIVE_PATH, method: ['GET'], handler: (_req, res) => json(res, 200, { ok: true }) },
    { path: READY_PATH, method: ['GET'], handler: ready },
    { path: LEGACY_HEALTH_PATH, method: ['GET'], handler: ready },
    {
      path: METRICS_PATH,
      method: ['GET'],
      handler: async (_req, res) => {
        try {
          const text = await deps.metrics.text();
          res.writeHead(200, { 'content-type': deps.metrics.contentType });
          res.end(text);
        } catch (err) {
          deps.onMetricsError(err);
          if (!res.headersSent) res.writeHead(500).end();
        }
      },
    },
  ];
}

/**
 * Socket Mode has no HTTP listener of Bolt's: this one serves the health routes (and the intake
 * route) on HEALTH_PORT. Unknown paths get 404, known paths with another method 405.
 */
export function startRouteServer(
  routes: readonly HealthRoute[],
  port: number,
  host: string,
  keepAliveMs?: number,
): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const route = routes.find((r) => r.path === path);
    if (!route) return json(res, 404, { ok: false, error: 'not_found' });
    if (!route.method.includes(req.method ?? 'GET')) {
      res.setHeader('allow', route.method.join(', '));
      return json(res, 405, { ok: false, error: 'method_not_allowed' });
    }
    void route.handler(req, res);
  });
  // Slow-loris guard: probes and the intake job send small requests.
  server.requestTimeout = 30_000;
  server.headersTimeout = 10_000;
  // Probes and the intake job may come through a load balancer that keeps connections open longer than Node's 5 s.
  if (keepAliveMs !== undefined) server.keepAliveTimeout = keepAliveMs;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
