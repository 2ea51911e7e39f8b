import nock from 'nock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AiFallback } from '../../src/slack/ai.js';
import { RedisStore } from '../../src/store/redis.js';
import { MemoryStore } from '../../src/store/store.js';
import { NAMESPACES } from '../../src/store/keys.js';
import { METERING } from '../aws/fixtures.js';
import { goodInput, MODEL, toolReply } from '../ai/helpers.js';
import { startStandIn, type StandIn } from '../ai/standin.js';
import {
  buttonsOf,
  click,
  slackEscape,
  slackStandIn,
  startApp,
  TEAM,
  THROTTLING,
  ACCESS_DENIED,
  UNKNOWN_ERROR,
  userMessage,
  type RunningApp,
  type SlackCall,
} from '../slack/harness.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { scrape, sample } from '../ops/helpers.js';
import { AWS_ENV, shown, startComposed } from './helpers.js';

/**
 * Faults around MeterDoc: Redis stops mid-run, Bedrock times out, the Slack API answers 429 and
 * 500, AWS throttles. MeterDoc keeps answering from the catalog and never sends an answer twice;
 * the recorded chat.postMessage calls are the proof.
 */

let app: RunningApp | undefined;
let redis: RedisServer | undefined;
let bedrock: StandIn | undefined;
afterEach(async () => {
  vi.unstubAllEnvs();
  await app?.stop();
  await redis?.stop();
  await bedrock?.close();
  nock.cleanAll();
  app = undefined;
  redis = undefined;
  bedrock = undefined;
});

/** Answers per thread: every value must be 1. */
function answersPerThread(posts: SlackCall[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const p of posts) {
    const key = `${String(p.body.channel)}:${String(p.body.thread_ts)}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}

let n = 0;
const paste = (text: string) =>
  userMessage(slackEscape(text), {
    channel: `C0FAULT${String(++n).padStart(3, '0')}`,
    ts: `17009${String(n).padStart(5, '0')}.000100`,
  });

describe('Redis stops mid-run', () => {
  it('keeps answering from the catalog, and a redelivery of an event answered before the outage is still dropped', async () => {
    redis = await startRedisServer();
    const store = new RedisStore(redis.url, { commandTimeoutMs: 200, connectTimeoutMs: 500 });
    const slack = slackStandIn();
    app = await startApp({ deps: { store } });

    const before = paste(THROTTLING);
    await app.postEvent(before, { eventId: 'Ev0REDIS001' });
    await slack.waitFor(() => slack.of('chat.postMessage').length === 1);

    await redis.stop();
    await app.postEvent(before, { eventId: 'Ev0REDIS001', retryNum: 1 });
    await app.postEvent(paste(ACCESS_DENIED), { eventId: 'Ev0REDIS002' });
    await app.postEvent(paste(THROTTLING), { eventId: 'Ev0REDIS003' });
    await slack.waitFor(() => slack.of('chat.postMessage').length >= 3, 5000);
    await app.waitForLog('event handled', { event_id: 'Ev0REDIS001', outcome: 'duplicate' });
    // A further redelivery of an event first seen during the outage is dropped too.
    await app.postEvent(paste(THROTTLING), { eventId: 'Ev0REDIS003', retryNum: 1 });
    await app.waitForLog('event handled', { event_id: 'Ev0REDIS003', outcome: 'duplicate' });

    const posts = slack.of('chat.postMessage');
    expect(posts).toHaveLength(3);
    expect(Object.values(answersPerThread(posts))).toEqual([1, 1, 1]);
    expect(posts.map((p) => JSON.stringify(p.body.blocks))).toEqual([
      expect.stringContaining('Throttl'),
      expect.stringContaining('AccessDenied'),
      expect.stringContaining('Throttl'),
    ]);
  });
});

describe('the store refuses to keep an answer', () => {
  it('the answer is posted all the same, and the lost write is logged', async () => {
    const store = new MemoryStore();
    const answers = store.namespace<unknown>(NAMESPACES.answers);
    vi.spyOn(answers, 'set').mockRejectedValue(new Error('OOM command not allowed when used memory > maxmemory'));
    const slack = slackStandIn();
    app = await startApp({ deps: { store } });
    await app.postEvent(paste(THROTTLING));
    await slack.waitFor(() => slack.of('chat.postMessage').length === 1);
    const warning = await app.waitForLog('answer posted but not stored: its buttons will not work');
    expect(warning.err).toContain('OOM command not allowed');
    expect(JSON.stringify(slack.of('chat.postMessage')[0]!.body.blocks)).toContain('Throttl');
  });
});

describe('Bedrock times out', () => {
  it('the catalog answer goes out at once, the placeholder says the AI gave up, and a late Bedrock reply changes nothing', async () => {
    bedrock = await startStandIn(() => ({ status: 200, body: toolReply(goodInput), delayMs: 1600 }));
    vi.stubEnv('AWS_ENDPOINT_URL_BEDROCK_RUNTIME', bedrock.url);
    const slack = slackStandIn();
    app = await startApp({
      env: {
        BEDROCK_MODEL_ID: MODEL,
        BEDROCK_REGION: 'us-east-1',
        METERDOC_AI_MAX_ATTEMPTS: '1',
        METERDOC_AI_TIMEOUT_MS: '1000',
      },
      deps: {
        bedrockOverrides: { credentials: { accessKeyId: 'AKIDTESTFAULTS000000', secretAccessKey: 'faults-secret' } },
      },
    });

    const started = Date.now();
    await app.postEvent(paste(`${THROTTLING}\n${UNKNOWN_ERROR}`));
    // The overview, the catalog's answer and the placeholder, without waiting for Bedrock.
    await slack.waitFor(() => slack.of('chat.postMessage').length === 3);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(shown(slack.of('chat.postMessage')[1]!.body)).toContain('throttled');
    await slack.waitFor(() => slack.of('chat.update').length === 1, 3000);
    expect(shown(slack.of('chat.update')[0]!.body)).toMatch(/AI|gave up|unavailable|failed/i);
    // Bedrock answers at 1.6 s; nothing more may reach the thread.
    await new Promise((r) => setTimeout(r, Math.max(0, started + 1900 - Date.now())));
    expect(slack.of('chat.update')).toHaveLength(1);
    expect(slack.of('chat.postMessage')).toHaveLength(3);
  });
});

describe('the AI fallback never answers', () => {
  it('the placeholder gives up after the budget the AI declares, and the app goes on answering', async () => {
    const hanging: AiFallback = { budgetMs: 300, diagnoseUnknown: () => new Promise(() => undefined) };
    const slack = slackStandIn();
    app = await startApp({ deps: { ai: hanging } });
    await app.postEvent(paste(UNKNOWN_ERROR));
    await slack.waitFor(() => slack.of('chat.update').length === 1, 3000);
    expect(shown(slack.of('chat.update')[0]!.body)).toContain('does not know');
    await app.postEvent(paste(THROTTLING));
    await slack.waitFor(() => slack.of('chat.postMessage').some((c) => shown(c.body).includes('Throttl')), 3000);
  });
});

describe('the Slack API fails', () => {
  it('a 429 with retry-after is waited out and the answer is posted exactly once', async () => {
    // Registered before the stand-in, so nock answers the first postMessage with it.
    const limited = nock('https://slack.com')
      .post('/api/chat.postMessage')
      .reply(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
    const recorder = slackStandIn();
    app = await startApp({ env: { METERDOC_SLACK_RETRIES: '2' } });
    await app.postEvent(paste(THROTTLING));
    await recorder.waitFor(() => recorder.of('chat.postMessage').length === 1, 5000);
    expect(limited.isDone()).toBe(true);
    await app.waitForLog('event handled', { outcome: 'answered' }, 3000);
    expect(recorder.of('chat.postMessage')).toHaveLength(1);
  });

  it('a 500 is retried and posted once; with retries off it is logged, counted, and the next paste is answered', async () => {
    nock('https://slack.com').post('/api/chat.postMessage').reply(500, 'upstream error');
    const slack = slackStandIn();
    app = await startApp({ env: { METERDOC_SLACK_RETRIES: '1' } });
    await app.postEvent(paste(THROTTLING));
    await slack.waitFor(() => slack.of('chat.postMessage').length === 1, 5000);
    await app.stop();
    app = undefined;

    nock.cleanAll();
    nock('https://slack.com').post('/api/chat.postMessage').reply(500, 'upstream error');
    const second = slackStandIn();
    app = await startApp({ env: { METERDOC_SLACK_RETRIES: '0' } });
    const lost = paste(THROTTLING);
    await app.postEvent(lost);
    await app.waitForLog('Slack API call failed', { method: 'chat.postMessage' });
    expect(await app.waitForLog('event handled', { channel: lost.channel })).toMatchObject({
      slack_errors: 1,
      answers: 0,
    });
    await app.postEvent(paste(THROTTLING));
    await second.waitFor(() => second.of('chat.postMessage').length === 1);
    const metrics = await scrape(app.base);
    expect(sample(metrics, 'meterdoc_slack_api_errors_total', { method: 'chat.postMessage' })).toBe(1);
    expect(Object.values(answersPerThread(second.of('chat.postMessage')))).toEqual([1]);
  });
});

describe('AWS throttles the retry', () => {
  it('reports the throttling in the thread, keeps the batch retryable, and the app keeps answering', async () => {
    vi.stubEnv('AWS_MAX_ATTEMPTS', '1');
    vi.stubEnv('AWS_ACCESS_KEY_ID', AWS_ENV.AWS_ACCESS_KEY_ID);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', AWS_ENV.AWS_SECRET_ACCESS_KEY);
    vi.stubEnv('AWS_REGION', 'us-east-1');
    const slack = slackStandIn();
    app = await startComposed();
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const batchPaste = `${THROTTLING}\nrequest: {"ProductCode":"prod-abc123","UsageRecords":[{"Timestamp":"${hourAgo}","Dimension":"requests","Quantity":5,"CustomerIdentifier":"cust-1"}]}`;
    const message = paste(batchPaste);
    await app.postEvent(message);
    await slack.waitFor(() => slack.of('chat.postMessage').length === 1);
    const answer = slack.of('chat.postMessage')[0]!;
    expect(buttonsOf(answer).map((b) => b.action_id)).toContain('meterdoc_retry');

    const throttled = nock(METERING)
      .post('/')
      .times(2)
      .reply(
        400,
        { __type: 'ThrottlingException', message: 'Rate exceeded' },
        { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'req-throttled' },
      );
    const confirm = async () => {
      const opened = slack.of('views.open').length;
      const clickPayload = click(answer, 'meterdoc_retry', { ts: '1700000101.000200' });
      (clickPayload.container as Record<string, unknown>).channel_id = message.channel;
      (clickPayload.channel as Record<string, unknown>).id = message.channel;
      await app!.postInteraction(clickPayload);
      await slack.waitFor(() => slack.of('views.open').length === opened + 1);
      const view = slack.of('views.open')[opened]!.body.view as { callback_id: string; private_metadata: string };
      expect(view.callback_id).toBe('meterdoc_retry_confirm');
      const res = await app!.postInteraction({
        type: 'view_submission',
        team: { id: TEAM, domain: 'acme' },
        user: { id: 'U0BOB', username: 'bob', name: 'bob', team_id: TEAM },
        api_app_id: 'A0METERDOC',
        token: 'legacy-verification-token',
        trigger_id: '1111.5555.submit',
        view: {
          id: 'V0CONFIRM',
          type: 'modal',
          callback_id: view.callback_id,
          private_metadata: view.private_metadata,
          state: { values: {} },
          hash: 'h',
        },
        response_urls: [],
      });
      expect(res.status).toBe(200);
    };

    await confirm();
    await slack.waitFor(
      () =>
        slack
          .of('chat.postMessage')
          .some((c) => shown(c.body).includes('ThrottlingException') && c.body.thread_ts === message.ts),
      5000,
    );
    // The submission is handled completely (its lock released) before the second try.
    await app.waitForLog('event handled', { kind: 'view' });
    // Nothing reached AWS successfully: the Retry button stays, so a second try is allowed and sends again.
    await confirm();
    await vi.waitFor(() => expect(throttled.isDone()).toBe(true), { timeout: 5000 });
    await slack.waitFor(
      () => slack.of('chat.postMessage').filter((c) => shown(c.body).includes('ThrottlingException')).length === 2,
      5000,
    );
    expect(slack.of('chat.update')).toHaveLength(0);

    // Meanwhile pastes are still answered from the catalog, once each.
    await app.postEvent(paste(ACCESS_DENIED));
    await slack.waitFor(() => slack.of('chat.postMessage').some((c) => shown(c.body).includes('AccessDenied')));
    const answersOnly = slack.of('chat.postMessage').filter((c) => buttonsOf(c).length > 0);
    expect(Object.values(answersPerThread(answersOnly))).toEqual([1, 1]);
  });
});
