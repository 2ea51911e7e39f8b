import { afterEach, describe, expect, it } from 'vitest';
import { RedisStore } from '../../src/store/redis.js';
import { startApp, type RunningApp } from '../slack/harness.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { startSlackStandIn, type SlackStandIn } from '../support/slack-stand-in.js';
import { startSocketApp, type SocketApp } from './socket-harness.js';

/**
 * /livez, /readyz (and /healthz, its old name) and /metrics say what is true of this process, in
 * HTTP mode on PORT and in Socket Mode on HEALTH_PORT.
 */

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function get(url: string): Promise<{ status: number; body: any; type: string | null }> {
  const res = await fetch(url);
  const text = await res.text();
  const type = res.headers.get('content-type');
  return { status: res.status, body: type?.includes('json') ? JSON.parse(text) : text, type };
}

describe('Socket Mode health', () => {
  let slack: SlackStandIn;
  let app: SocketApp;

  it('serves /livez, /readyz, /healthz and /metrics on HEALTH_PORT once Slack accepted the tokens', async () => {
    slack = await startSlackStandIn();
    cleanup.push(() => slack.close());
    app = await startSocketApp(slack);
    cleanup.push(() => app.stop());

    expect(slack.of('auth.test')).toHaveLength(1);
    expect(slack.of('apps.connections.open')).toHaveLength(1);
    expect(await get(`${app.health}/livez`)).toMatchObject({ status: 200, body: { ok: true } });
    const ready = await get(`${app.health}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.body).toMatchObject({
      ok: true,
      mode: 'socket',
      store: 'memory',
      checks: {
        slack: { ok: true, detail: 'authorized in Acme as BMETERDOC' },
        store: { ok: true },
        catalog: { ok: true },
      },
    });
    expect((await get(`${app.health}/healthz`)).body).toEqual(ready.body);
    const metrics = await get(`${app.health}/metrics`);
    expect(metrics.status).toBe(200);
    expect(metrics.type).toContain('text/plain');
    expect(metrics.body).toContain('meterdoc_in_flight_handlers');
    expect((await get(`${app.health}/nope`)).status).toBe(404);
  });

  it('reports 503 with the reason when Slack revokes the token while running, and 200 once it is accepted again', async () => {
    slack = await startSlackStandIn();
    cleanup.push(() => slack.close());
    app = await startSocketApp(slack, { deps: { authCheckIntervalMs: 100 } });
    cleanup.push(() => app.stop());

    let revoked = true;
    slack.override('auth.test', () => (revoked ? { body: { ok: false, error: 'token_revoked' } } : undefined));
    await app.waitForLog('Slack refuses SLACK_BOT_TOKEN now: /readyz reports 503 until it is accepted again', {
      error: 'token_revoked',
    });
    const refused = await get(`${app.health}/readyz`);
    expect(refused.status).toBe(503);
    expect(refused.body.reason).toBe('slack: Slack refuses SLACK_BOT_TOKEN (token_revoked)');

    revoked = false;
    const begun = Date.now();
    while ((await get(`${app.health}/readyz`)).status !== 200) {
      if (Date.now() - begun > 3000) throw new Error('/readyz stayed 503 after the token was accepted again');
      await new Promise((r) => setTimeout(r, 50));
    }
  });
});

describe('/readyz and the shared store', () => {
  let redis: RedisServer;

  async function appOver(env: Record<string, string> = {}): Promise<{ app: RunningApp; store: RedisStore }> {
    redis = await startRedisServer();
    cleanup.push(() => redis.stop());
    const store = new RedisStore(redis.url, { connectTimeoutMs: 500, keyPrefix: `ready${Date.now()}` });
    expect(await store.ready(2000)).toBe(true);
    const app = await startApp({ deps: { store }, env });
    cleanup.push(() => app.stop());
    return { app, store };
  }

  it('is 503 naming the store while Redis is unreachable, and 200 again within a second of its return', async () => {
    const { app, store } = await appOver();
    expect((await get(`${app.base}/readyz`)).status).toBe(200);

    await redis.stop();
    // The store notices on its own (the client's connection drops); no request needs to fail first.
    const down = Date.now();
    while (!store.degraded && Date.now() - down < 3000) await new Promise((r) => setTimeout(r, 20));
    const unready = await get(`${app.base}/readyz`);
    expect(unready.status).toBe(503);
    expect(unready.body).toMatchObject({
      ok: false,
      reason: 'store: redis unreachable: replicas cannot share dedupe, buttons and locks',
      store: 'redis',
    });
    expect(unready.body.checks.slack.ok).toBe(true);
    // Alive all the same: a liveness probe must not restart a replica for Redis's sake.
    expect((await get(`${app.base}/livez`)).status).toBe(200);

    await redis.restart();
    const back = Date.now();
    let status = 0;
    while (status !== 200 && Date.now() - back < 1000) status = (await get(`${app.base}/readyz`)).status;
    expect(status).toBe(200);
  });

  it('stays 200, saying it is degraded, when METERDOC_READY_WITHOUT_STORE=true', async () => {
    const { app, store } = await appOver({ METERDOC_READY_WITHOUT_STORE: 'true' });
    await redis.stop();
    const down = Date.now();
    while (!store.degraded && Date.now() - down < 3000) await new Promise((r) => setTimeout(r, 20));
    const ready = await get(`${app.base}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.body.checks.store).toEqual({
      ok: true,
      detail: 'redis unreachable: degraded to process-local claims and cache (METERDOC_READY_WITHOUT_STORE)',
    });
  });
});
