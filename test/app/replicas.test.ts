import { randomUUID } from 'node:crypto';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { RedisStore } from '../../src/store/redis.js';
import { goodInput, MODEL, toolReply } from '../ai/helpers.js';
import { startStandIn, type StandIn } from '../ai/standin.js';
import {
  blocksOf,
  slackEscape,
  slackStandIn,
  startApp,
  THROTTLING,
  UNKNOWN_ERROR,
  userMessage,
  type RunningApp,
} from '../slack/harness.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';

/**
 * Two replicas of the real app behind a load balancer, sharing one real redis-server: Slack
 * delivers an event to one and retries it to the other; a colleague pastes the same error again.
 * One answer per event, one Bedrock call per distinct error.
 */
let redis: RedisServer;
let bedrock: StandIn | undefined;
const running: RunningApp[] = [];
const stores: RedisStore[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis.stop();
});
afterEach(async () => {
  for (const app of running.splice(0)) await app.stop();
  for (const store of stores.splice(0)) await store.close();
  await bedrock?.close();
  bedrock = undefined;
  vi.unstubAllEnvs();
  nock.cleanAll();
});

async function replica(prefix: string): Promise<RunningApp> {
  const store = new RedisStore(redis.url, { connectTimeoutMs: 500, keyPrefix: prefix });
  stores.push(store);
  await store.ready();
  const app = await startApp({
    env: {
      METERDOC_PAYLOAD_SECRET: 'shared-payload-secret-0123456789',
      BEDROCK_MODEL_ID: MODEL,
      BEDROCK_REGION: 'us-east-1',
    },
    deps: {
      store,
      bedrockOverrides: { credentials: { accessKeyId: 'AKIDTESTREPLICA00000', secretAccessKey: 'replica-secret' } },
    },
  });
  running.push(app);
  return app;
}

describe('two replicas sharing Redis', () => {
  it('answer a twice-delivered event once and make one Bedrock call for the same error', async () => {
    const slack = slackStandIn();
    bedrock = await startStandIn(() => ({ status: 200, body: toolReply(goodInput), delayMs: 200 }));
    vi.stubEnv('AWS_ENDPOINT_URL_BEDROCK_RUNTIME', bedrock.url);
    const prefix = `replicas-${randomUUID()}:`;
    const [a, b] = [await replica(prefix), await replica(prefix)];

    // Slack delivers to replica A, times out, and retries the same event to replica B.
    const message = userMessage(slackEscape(UNKNOWN_ERROR), { ts: '1700000300.000100' });
    await Promise.all([
      a!.postEvent(message, { eventId: 'Ev0REPLICA1' }),
      b!.postEvent(message, { eventId: 'Ev0REPLICA1', retryNum: 1 }),
    ]);
    // A colleague pastes the same error (new message, same fingerprint) a moment later, to replica B.
    await b!.postEvent(userMessage(slackEscape(UNKNOWN_ERROR), { ts: '1700000301.000100' }), {
      eventId: 'Ev0REPLICA2',
    });

    const aiAnswers = () => slack.of('chat.update').filter((c) => JSON.stringify(c.body).includes(goodInput.title));
    await slack.waitFor(() => aiAnswers().length >= 2, 10_000);
    await new Promise((r) => setTimeout(r, 300));

    const placeholders = slack.of('chat.postMessage');
    expect(placeholders.map((c) => c.body.thread_ts).sort()).toEqual(['1700000300.000100', '1700000301.000100']);
    expect(aiAnswers()).toHaveLength(2);
    expect(bedrock.requests).toHaveLength(1);
  });
});

describe('two replicas sharing Redis, with a deadline watch', () => {
  it('post each reminder and the lost records once between them, ticking at the same moments', async () => {
    const slack = slackStandIn();
    const prefix = `watch-replicas-${randomUUID()}:`;
    let now = new Date('2026-11-23T14:00:00Z');
    const replicaWithClock = async () => {
      const store = new RedisStore(redis.url, { connectTimeoutMs: 500, keyPrefix: prefix });
      stores.push(store);
      await store.ready();
      const app = await startApp({
        env: { METERDOC_PAYLOAD_SECRET: 'shared-payload-secret-0123456789' },
        deps: { store, now: () => now },
      });
      running.push(app);
      return app;
    };
    const [a, b] = [await replicaWithClock(), await replicaWithClock()];
    const paste = `${THROTTLING}\nrequest: {"ProductCode":"prod-abc123","UsageRecords":[{"Timestamp":"2026-11-22T09:00:00Z","Dimension":"api_calls","Quantity":900,"CustomerIdentifier":"cust-7Hq2xK"},{"Timestamp":"2026-11-23T04:00:00Z","Dimension":"api_calls","Quantity":120,"CustomerIdentifier":"cust-7Hq2xK"},{"Timestamp":"2026-11-23T06:00:00Z","Dimension":"storage_gb","Quantity":40,"CustomerIdentifier":"cust-7Hq2xK"}]}`;
    await a!.postEvent(userMessage(slackEscape(paste), { ts: '1763906400.000100' }), { eventId: 'Ev0WATCH1' });
    await a!.waitForLog('usage records on deadline watch');
    // Replica B, which never saw the paste, knows the watch from the shared store.
    expect((await b!.meterdoc.watch.summary('T0TEAM001')).open).toHaveLength(1);

    for (const iso of [
      '2026-11-23T21:00:00Z',
      '2026-11-23T21:00:05Z',
      '2026-11-24T02:00:00Z',
      '2026-11-24T02:00:05Z',
      '2026-11-24T04:00:00Z',
      '2026-11-24T06:00:00Z',
      '2026-11-24T06:00:05Z',
    ]) {
      now = new Date(iso);
      await Promise.all([a!.meterdoc.watch.tick(), b!.meterdoc.watch.tick()]);
    }
    const watchPosts = slack
      .of('chat.postMessage')
      .slice(1)
      .map((c) => JSON.stringify(blocksOf(c)));
    expect(watchPosts).toHaveLength(4);
    expect(watchPosts.filter((t) => t.includes('can still be billed until'))).toHaveLength(3);
    expect(watchPosts.filter((t) => t.includes('not resent in time'))).toHaveLength(2);
    const postedBy = (app: RunningApp) =>
      app.logs
        .filter((l) => l.msg === 'deadline reminder posted' || l.msg === 'lost records reported')
        .map((l) => String(l.event));
    expect([...postedBy(a!), ...postedBy(b!)].sort()).toEqual([
      '2h@2026-11-24T04:00:00.000Z',
      '50%@2026-11-24T04:00:00.000Z',
      'lost@2026-11-24T04:00:00.000Z',
      'lost@2026-11-24T06:00:00.000Z',
    ]);
    // Whichever replica won an event's claim posted it; the other found it claimed and said nothing.
    expect(postedBy(a!).length + postedBy(b!).length).toBe(4);
    expect((await a!.meterdoc.watch.summary('T0TEAM001')).lost24h.map((d) => [d.dimension, d.units])).toEqual([
      ['api_calls', 120],
      ['storage_gb', 40],
    ]);
  });

  it('a replica that starts after the others stopped picks the watch up from Redis and posts what came due while none ran', async () => {
    const slack = slackStandIn();
    const prefix = `watch-restart-${randomUUID()}:`;
    let now = new Date('2026-11-23T14:00:00Z');
    const replicaWithClock = async () => {
      const store = new RedisStore(redis.url, { connectTimeoutMs: 500, keyPrefix: prefix });
      stores.push(store);
      await store.ready();
      const app = await startApp({
        env: { METERDOC_PAYLOAD_SECRET: 'shared-payload-secret-0123456789' },
        deps: { store, now: () => now },
      });
      running.push(app);
      return app;
    };
    const first = await replicaWithClock();
    const paste = `${THROTTLING}\nrequest: {"ProductCode":"prod-abc123","UsageRecords":[{"Timestamp":"2026-11-23T04:00:00Z","Dimension":"api_calls","Quantity":120,"CustomerIdentifier":"cust-R3start9"},{"Timestamp":"2026-11-23T06:00:00Z","Dimension":"storage_gb","Quantity":40,"CustomerIdentifier":"cust-R3start9"}]}`;
    await first.postEvent(userMessage(slackEscape(paste), { ts: '1763906500.000100' }), { eventId: 'Ev0WATCH2' });
    await first.waitForLog('usage records on deadline watch');
    now = new Date('2026-11-23T21:00:00Z');
    await first.meterdoc.watch.tick();
    expect(first.logs.filter((l) => l.msg === 'deadline reminder posted').map((l) => l.event)).toEqual([
      '50%@2026-11-24T04:00:00.000Z',
    ]);
    await first.stop();

    // Nothing runs over the 2-hour mark; a new replica starts at 02:30 and, on start, posts the reminder it missed.
    now = new Date('2026-11-24T02:30:00Z');
    const later = await replicaWithClock();
    const reminder = await later.waitForLog('deadline reminder posted');
    expect(reminder.event).toBe('2h@2026-11-24T04:00:00.000Z');
    const reminders = slack
      .of('chat.postMessage')
      .filter((c) => JSON.stringify(blocksOf(c)).includes('can still be billed until'));
    expect(reminders).toHaveLength(2);
    expect(reminders[1]!.body).toMatchObject({ channel: 'C0CHANNEL1', thread_ts: '1763906500.000100' });
    // Its next ticks post nothing more until the deadline.
    await later.meterdoc.watch.tick();
    expect(
      slack.of('chat.postMessage').filter((c) => JSON.stringify(blocksOf(c)).includes('can still be billed until')),
    ).toHaveLength(2);
  });
});
