import nock from 'nock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { goodInput, MODEL, toolReply } from '../ai/helpers.js';
import { startStandIn, type StandIn } from '../ai/standin.js';
import {
  BOT_TOKEN,
  click,
  slackEscape,
  slackStandIn,
  startApp,
  THROTTLING,
  UNKNOWN_ERROR,
  userMessage,
  type LogRecord,
  type RunningApp,
} from '../slack/harness.js';
import { sample, scrape } from './helpers.js';

/**
 * Operations: one JSON log line per event handled, /metrics in Prometheus text format, and a
 * stop() that finishes the answers already under way.
 */

let app: RunningApp | undefined;
let bedrock: StandIn | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  nock.cleanAll();
  await app?.stop();
  await bedrock?.close();
  app = undefined;
  bedrock = undefined;
});

const handled = (running: RunningApp): LogRecord[] => running.logs.filter((l) => l.msg === 'event handled');

/** An app whose AI fallback talks to a Bedrock stand-in on loopback, counting into the app's metrics. */
async function startWithAi(reply: Parameters<typeof startStandIn>[0], env: Record<string, string> = {}) {
  bedrock = await startStandIn(reply);
  vi.stubEnv('AWS_ENDPOINT_URL_BEDROCK_RUNTIME', bedrock.url);
  return startApp({
    env: { BEDROCK_MODEL_ID: MODEL, BEDROCK_REGION: 'us-east-1', METERDOC_AI_MAX_ATTEMPTS: '1', ...env },
    deps: {
      bedrockOverrides: { credentials: { accessKeyId: 'AKIDTESTOPS000000000', secretAccessKey: 'ops-bedrock-secret' } },
    },
  });
}

describe('the event log', () => {
  it('writes one line per event handled, with kind, entry, source, latency and outcome, and no text or secret', async () => {
    const slack = slackStandIn();
    app = await startApp();
    await app.postEvent(userMessage(slackEscape(THROTTLING)), { eventId: 'Ev0OPS0001' });
    const line = await app.waitForLog('event handled', { event_id: 'Ev0OPS0001' });
    expect(line).toMatchObject({
      kind: 'message',
      channel: 'C0CHANNEL1',
      user: 'U0ALICE',
      entries: ['metering-throttling'],
      sources: ['catalog'],
      answers: 1,
      outcome: 'answered',
    });
    expect(line.latency_ms).toEqual(expect.any(Number));
    expect(slack.of('chat.postMessage')).toHaveLength(1);
    expect(handled(app)).toHaveLength(1);
    const raw = app.rawLog();
    expect(raw).not.toContain('Rate exceeded');
    expect(raw).not.toContain(BOT_TOKEN);
  });

  it('names why an event got no answer: chat, a redelivery, a button of an expired answer', async () => {
    const slack = slackStandIn();
    app = await startApp();
    await app.postEvent(userMessage('lunch at noon?'), { eventId: 'Ev0OPSCHAT' });
    expect(await app.waitForLog('event handled', { event_id: 'Ev0OPSCHAT' })).toMatchObject({
      kind: 'message',
      outcome: 'not_an_error',
      answers: 0,
    });

    const paste = userMessage(slackEscape(THROTTLING));
    await app.postEvent(paste, { eventId: 'Ev0OPSDUP1' });
    await app.waitForLog('event handled', { event_id: 'Ev0OPSDUP1', outcome: 'answered' });
    await app.postEvent(paste, { eventId: 'Ev0OPSDUP1', retryNum: 1 });
    expect(await app.waitForLog('event handled', { event_id: 'Ev0OPSDUP1', outcome: 'duplicate' })).toMatchObject({
      retry: 1,
    });

    const answer = slack.of('chat.postMessage')[0]!;
    const stale = click(answer, 'meterdoc_feedback_up', { ts: '1700000101.000200' });
    stale.actions[0]!.value = 'AAAAAAAAAAAAAAAA';
    await app.postInteraction(stale);
    expect(await app.waitForLog('event handled', { kind: 'action' })).toMatchObject({
      action: 'meterdoc_feedback_up',
      outcome: 'expired',
      user: 'U0BOB',
    });
    expect(slack.of('chat.postMessage')).toHaveLength(1);
  });
});

describe('/metrics', () => {
  it('serves answers by source, duplicates dropped and the ack latency histogram in Prometheus text format', async () => {
    slackStandIn();
    app = await startApp();
    const paste = userMessage(slackEscape(THROTTLING));
    await app.postEvent(paste, { eventId: 'Ev0MET0001' });
    await app.waitForLog('event handled', { event_id: 'Ev0MET0001' });
    await app.postEvent(paste, { eventId: 'Ev0MET0001', retryNum: 1 });
    await app.waitForLog('event handled', { outcome: 'duplicate' });
    // The same message as an app_mention copy: claimed already by the message listener.
    await app.postEvent(
      { ...paste, type: 'app_mention', text: `<@UMETERDOC> ${String(paste.text)}` },
      { eventId: 'Ev0MET0002' },
    );
    await app.waitForLog('event handled', { event_id: 'Ev0MET0002' });

    const res = await fetch(`${app.base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    const text = await res.text();
    expect(sample(text, 'meterdoc_answers_total', { source: 'catalog', kind: 'message' })).toBe(1);
    expect(sample(text, 'meterdoc_duplicate_deliveries_dropped_total', { reason: 'event_id' })).toBe(1);
    expect(sample(text, 'meterdoc_duplicate_deliveries_dropped_total', { reason: 'message' })).toBe(1);
    expect(sample(text, 'meterdoc_ack_duration_seconds_count', { kind: 'message' })).toBe(2);
    expect(sample(text, 'meterdoc_ack_duration_seconds_count', { kind: 'mention' })).toBe(1);
    expect(sample(text, 'meterdoc_ack_duration_seconds_bucket', { kind: 'message', le: '3' })).toBe(2);
    expect(sample(text, 'meterdoc_events_handled_total', { kind: 'message', outcome: 'answered' })).toBe(1);
    expect(text).toContain('# TYPE meterdoc_ack_duration_seconds histogram');
    // /healthz is still there.
    expect(await (await fetch(`${app.base}/healthz`)).json()).toMatchObject({ ok: true });
  });

  it('counts Bedrock calls, cache hits and Bedrock errors from the AI fallback', async () => {
    const slack = slackStandIn();
    let fail = false;
    app = await startWithAi(() =>
      fail
        ? {
            status: 503,
            body: { message: 'busy' },
            headers: {
              'x-amzn-errortype': 'ServiceUnavailableException:http://internal.amazon.com/coral/com.amazon.bedrock/',
            },
          }
        : { status: 200, body: toolReply(goodInput) },
    );
    await app.postEvent(userMessage(slackEscape(UNKNOWN_ERROR)));
    await slack.waitFor(() => slack.of('chat.update').length === 1, 5000);
    // The same error again: the cached answer is posted at once, with no placeholder to edit.
    await app.postEvent(userMessage(slackEscape(UNKNOWN_ERROR)));
    await vi.waitFor(() => expect(handled(app!).filter((l) => l.kind === 'message')).toHaveLength(2), {
      timeout: 5000,
    });
    expect(slack.of('chat.update')).toHaveLength(1);
    expect(slack.of('chat.postMessage')).toHaveLength(2);
    fail = true;
    await app.postEvent(
      userMessage(slackEscape(UNKNOWN_ERROR.replace('SomeNewWeirdException', 'AnotherNewException'))),
    );
    await slack.waitFor(() => slack.of('chat.update').length === 2, 5000);
    await vi.waitFor(() => expect(handled(app!).filter((l) => l.kind === 'message')).toHaveLength(3));

    const text = await scrape(app.base);
    expect(sample(text, 'meterdoc_bedrock_calls_total')).toBe(2);
    expect(sample(text, 'meterdoc_ai_cache_hits_total')).toBe(1);
    expect(sample(text, 'meterdoc_bedrock_errors_total', { kind: 'unavailable' })).toBe(1);
    expect(sample(text, 'meterdoc_answers_total', { source: 'llm', kind: 'message' })).toBe(1);
    expect(sample(text, 'meterdoc_answers_total', { source: 'cache', kind: 'message' })).toBe(1);
    const lines = handled(app).filter((l) => l.kind === 'message');
    expect(lines.map((l) => l.sources)).toEqual([['llm'], ['cache'], expect.not.arrayContaining(['llm'])]);
  });
});

describe('graceful stop', () => {
  it('finishes an answer under way before it returns, and accepts nothing new', async () => {
    const slack = slackStandIn();
    app = await startWithAi(() => ({ status: 200, body: toolReply(goodInput), delayMs: 600 }));
    await app.postEvent(userMessage(slackEscape(UNKNOWN_ERROR)));
    // The placeholder is up: the answer is now in flight, waiting on Bedrock.
    await slack.waitFor(() => slack.of('chat.postMessage').length === 1);
    expect(app.meterdoc.services.ops.inflight.size).toBe(1);
    await app.meterdoc.stop();
    expect(slack.of('chat.update')).toHaveLength(1);
    expect(JSON.stringify(slack.of('chat.update')[0]!.body)).toContain(goodInput.title);
    expect(app.logs.some((l) => l.msg === 'in-flight answers finished' && l.finished === 1)).toBe(true);
    await expect(app.postEvent(userMessage(slackEscape(THROTTLING)))).rejects.toThrow();
  });

  it('gives up waiting after METERDOC_SHUTDOWN_TIMEOUT_MS and says how many answers were cut off', async () => {
    const slack = slackStandIn();
    app = await startWithAi(() => ({ status: 200, body: toolReply(goodInput), delayMs: 3000 }), {
      METERDOC_SHUTDOWN_TIMEOUT_MS: '200',
    });
    await app.postEvent(userMessage(slackEscape(UNKNOWN_ERROR)));
    await slack.waitFor(() => slack.of('chat.postMessage').length === 1);
    const started = Date.now();
    await app.meterdoc.stop();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(app.logs.find((l) => l.msg === 'stopped before every in-flight answer finished')).toMatchObject({
      abandoned: 1,
      timeout_ms: 200,
    });
  });
});
