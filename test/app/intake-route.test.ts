import { afterEach, describe, expect, it } from 'vitest';
import { signIntake } from '../../src/intake/index.js';
import { startSlackStandIn, type SlackStandIn } from '../support/slack-stand-in.js';
import { startSocketApp, type SocketApp } from './socket-harness.js';

/**
 * The intake endpoint as the app serves it (here in Socket Mode, on HEALTH_PORT): each report is
 * one handled event whose log line carries the status it was answered with and how long that
 * took, and a graceful stop waits for a report still being posted.
 */

const SECRET = 'intake-secret-0123456789-0123456789';
const ENV = { METERDOC_INTAKE_SECRET: SECRET, METERDOC_INTAKE_CHANNEL: 'C0INTAKE01' };

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function start(): Promise<{ slack: SlackStandIn; app: SocketApp }> {
  const slack = await startSlackStandIn();
  cleanup.push(() => slack.close());
  const app = await startSocketApp(slack, { env: ENV });
  cleanup.push(() => app.stop());
  return { slack, app };
}

function report(app: SocketApp, signed = true): Promise<Response> {
  const ts = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({
    productCode: 'prod-abc123',
    records: [{ Timestamp: ts - 3600, Dimension: 'requests', Quantity: 5, CustomerIdentifier: 'cust-1' }],
    error: { name: 'ThrottlingException', message: 'Rate exceeded', requestId: 'req-77' },
  });
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (signed)
    Object.assign(headers, {
      'x-meterdoc-request-timestamp': String(ts),
      'x-meterdoc-signature': signIntake(SECRET, ts, body),
    });
  return fetch(`${app.health}/meterdoc/intake`, { method: 'POST', body, headers });
}

describe('intake requests', () => {
  it('are logged once answered, with the status and the time the handler took', async () => {
    const { slack, app } = await start();
    const delayed = 300;
    slack.override('chat.postMessage', (body) => ({
      body: { ok: true, channel: body.channel, ts: '1700000500.000100', message: {} },
      delayMs: delayed,
    }));

    expect((await report(app, false)).status).toBe(401);
    const refused = await app.waitForLog('event handled', { kind: 'intake', outcome: 'refused' });
    expect(refused).toMatchObject({ action: 'POST /meterdoc/intake', status: 401 });

    expect((await report(app)).status).toBe(202);
    const answered = await app.waitForLog('event handled', { kind: 'intake', outcome: 'answered' });
    expect(answered).toMatchObject({
      action: 'POST /meterdoc/intake',
      status: 202,
      entries: ['metering-throttling'],
      answers: 1,
    });
    expect(answered.latency_ms as number).toBeGreaterThanOrEqual(delayed);

    const metrics = await (await fetch(`${app.health}/metrics`)).text();
    expect(metrics).toMatch(/meterdoc_events_handled_total\{kind="intake",outcome="refused"\} 1/);
    expect(metrics).toMatch(/meterdoc_events_handled_total\{kind="intake",outcome="answered"\} 1/);
  });

  it('still being posted when the app is told to stop are finished first', async () => {
    const { slack, app } = await start();
    slack.override('chat.postMessage', (body) => ({
      body: { ok: true, channel: body.channel, ts: '1700000600.000100', message: {} },
      delayMs: 600,
    }));
    const pending = report(app);
    await slack.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage'));
    const stopped = app.stop();
    const res = await pending;
    await stopped;
    expect(res.status).toBe(202);
    expect(await app.waitForLog('in-flight answers finished')).toMatchObject({ finished: 1 });
  });

  it('post their answer once when Slack accepted it and the connection dropped before the reply', async () => {
    const slack = await startSlackStandIn();
    cleanup.push(() => slack.close());
    slack.override('chat.postMessage', (body, n) =>
      n === 1
        ? {
            acceptThenDrop: {
              ok: true,
              channel: body.channel,
              ts: '1700000700.000100',
              message: { type: 'message', text: body.text, ts: '1700000700.000100', metadata: body.metadata },
            },
          }
        : undefined,
    );
    const app = await startSocketApp(slack, { env: { ...ENV, METERDOC_SLACK_RETRIES: '2' } });
    cleanup.push(() => app.stop());
    const res = await report(app);
    expect(res.status).toBe(202);
    expect(((await res.json()) as { ts: string }).ts).toBe('1700000700.000100');
    expect(slack.of('chat.postMessage')).toHaveLength(1);
    expect(slack.of('conversations.history')[0]!.body).toMatchObject({
      channel: 'C0INTAKE01',
      include_all_metadata: 'true',
    });
  });
});
