import { randomUUID } from 'node:crypto';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createAiDiagnoser } from '../../src/ai/index.js';
import { RedisStore } from '../../src/store/redis.js';
import { goodInput, MODEL, toolReply } from '../ai/helpers.js';
import { startStandIn, type StandIn } from '../ai/standin.js';
import { slackEscape, slackStandIn, realCatalog, startApp, UNKNOWN_ERROR, userMessage, type RunningApp } from '../slack/harness.js';
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
  const ai = createAiDiagnoser({
    catalog: realCatalog(),
    store,
    env: { BEDROCK_MODEL_ID: MODEL, BEDROCK_REGION: 'us-east-1' },
    client: { credentials: { accessKeyId: 'AKIDTESTREPLICA00000', secretAccessKey: 'replica-secret' } },
  });
  const app = await startApp({ env: { METERDOC_PAYLOAD_SECRET: 'shared-payload-secret-0123456789' }, deps: { store, ...(ai ? { ai } : {}) } });
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
    await Promise.all([a!.postEvent(message, { eventId: 'Ev0REPLICA1' }), b!.postEvent(message, { eventId: 'Ev0REPLICA1', retryNum: 1 })]);
    // A colleague pastes the same error (new message, same fingerprint) a moment later, to replica B.
    await b!.postEvent(userMessage(slackEscape(UNKNOWN_ERROR), { ts: '1700000301.000100' }), { eventId: 'Ev0REPLICA2' });

    const aiAnswers = () => slack.of('chat.update').filter((c) => JSON.stringify(c.body).includes(goodInput.title));
    await slack.waitFor(() => aiAnswers().length >= 2, 10_000);
    await new Promise((r) => setTimeout(r, 300));

    const placeholders = slack.of('chat.postMessage');
    expect(placeholders.map((c) => c.body.thread_ts).sort()).toEqual(['1700000300.000100', '1700000301.000100']);
    expect(aiAnswers()).toHaveLength(2);
    expect(bedrock.requests).toHaveLength(1);
  });
});
