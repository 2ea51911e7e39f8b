import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { diagnose } from '../../src/core/index.js';
import type { AiDiagnoser, AiResult } from '../../src/ai/index.js';
import { RedisStore } from '../../src/store/redis.js';
import { catalog, goodInput, interceptConverse, makeAi, toolReply, unknownPaste } from '../ai/helpers.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';

let redis: RedisServer;
const open: RedisStore[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
});
afterEach(async () => {
  nock.cleanAll();
  await Promise.all(open.splice(0).map((s) => s.close()));
});

const prefixes = new WeakMap<RedisStore, string>();
const prefixOf = (s: RedisStore): string => prefixes.get(s)!;

function store(warnings?: string[]): RedisStore {
  const keyPrefix = `t${Date.now()}${Math.random().toString(36).slice(2, 6)}`;
  const s = new RedisStore(redis.url, {
    connectTimeoutMs: 500,
    keyPrefix,
    log: { warn: (_o, m) => warnings?.push(m), info: () => undefined },
  });
  open.push(s);
  prefixes.set(s, keyPrefix);
  return s;
}

/** Two replicas must share claim/counter keys: same prefix. */
function pair(): [RedisStore, RedisStore] {
  const prefix = `p${Date.now()}${Math.random().toString(36).slice(2, 6)}`;
  const make = () => {
    const s = new RedisStore(redis.url, { connectTimeoutMs: 500, keyPrefix: prefix });
    open.push(s);
    return s;
  };
  return [make(), make()];
}

/** What the Slack app does with an event: dedupe on event_id across replicas, then diagnose. */
interface AppInstance {
  store: RedisStore;
  ai: AiDiagnoser;
}
async function handleEvent(
  app: AppInstance,
  event: { event_id: string; text: string },
): Promise<AiResult | 'duplicate'> {
  if (!(await app.store.claim(`event:${event.event_id}`, 3_600_000))) return 'duplicate';
  return app.ai.diagnoseUnknown({ paste: event.text, diagnosis: diagnose(event.text, catalog) });
}

describe('RedisStore against a real redis-server', () => {
  it('claim is atomic across replicas: 20 racing claims, one winner', async () => {
    const [a, b] = pair();
    expect(await a.ready()).toBe(true);
    expect(await b.ready()).toBe(true);
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).claim('evt-1', 60_000)));
    expect(results.filter(Boolean)).toHaveLength(1);
    await a.release('evt-1');
    expect(await b.claim('evt-1', 60_000)).toBe(true);
  });

  it('a store used straight after construction (the CLI) waits for its first connection instead of missing', async () => {
    const [a, b] = pair();
    await a.namespace<string>('ai-answers').set('fresh', 'v');
    expect(await a.claim('fresh-claim', 60_000)).toBe(true);
    expect(await b.namespace<string>('ai-answers').get('fresh')).toBe('v');
    expect(await b.claim('fresh-claim', 60_000)).toBe(false);
  });

  it('counters and namespaces are shared; TTL is real', async () => {
    const [a, b] = pair();
    await a.ready();
    await b.ready();
    expect(await a.increment('calls', 60_000)).toBe(1);
    expect(await b.increment('calls', 60_000)).toBe(2);
    await a.namespace<{ x: number }>('ai-answers').set('k', { x: 1 });
    expect(await b.namespace<{ x: number }>('ai-answers').get('k')).toEqual({ x: 1 });
    await a.namespace<string>('short').set('k', 'v', 100);
    expect(await b.namespace<string>('short').get('k')).toBe('v');
    await new Promise((r) => setTimeout(r, 200));
    expect(await b.namespace<string>('short').get('k')).toBeUndefined();
  });

  it('two app instances answer a twice-delivered event once and make one Bedrock call for the same error', async () => {
    const scope = interceptConverse().once().delay(300).reply(200, toolReply(goodInput));
    const [sa, sb] = pair();
    await Promise.all([sa.ready(), sb.ready()]);
    const a: AppInstance = { store: sa, ai: makeAi({ store: sa, pollMs: 25 }) };
    const b: AppInstance = { store: sb, ai: makeAi({ store: sb, pollMs: 25 }) };

    // Slack retries the same event to the other replica.
    const event = { event_id: 'Ev0001', text: unknownPaste() };
    const [ra, rb] = await Promise.all([handleEvent(a, event), handleEvent(b, { ...event })]);
    expect([ra, rb].filter((r) => r === 'duplicate')).toHaveLength(1);

    // Two different events with the same error (new request ID) reach both replicas together.
    const [rc, rd] = await Promise.all([
      handleEvent(a, { event_id: 'Ev0002', text: unknownPaste() }),
      handleEvent(b, { event_id: 'Ev0003', text: unknownPaste() }),
    ]);
    scope.done();
    expect(a.ai.stats.bedrockCalls + b.ai.stats.bedrockCalls).toBe(1);
    for (const r of [rc, rd]) {
      expect(r).not.toBe('duplicate');
      expect((r as AiResult).answers[0]!.title).toBe(goodInput.title);
      expect((r as AiResult).answers[0]!.source).toBe('cache');
    }
  });

  it('Redis stopped mid-run: answers still come without hanging, logged once; it heals when Redis returns', async () => {
    const warnings: string[] = [];
    const s = store(warnings);
    await s.ready();
    const app: AppInstance = { store: s, ai: makeAi({ store: s }) };
    interceptConverse().times(2).reply(200, toolReply(goodInput));

    const before = await handleEvent(app, {
      event_id: 'Ev0100',
      text: unknownPaste('BeforeOutageException', 'before the outage'),
    });
    expect((before as AiResult).answers[0]!.source).toBe('llm');

    await redis.stop();
    const started = Date.now();
    const during = await handleEvent(app, {
      event_id: 'Ev0101',
      text: unknownPaste('DuringOutageException', 'during the outage'),
    });
    const duplicate = await handleEvent(app, { event_id: 'Ev0101', text: 'again' });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect((during as AiResult).answers[0]!.source).toBe('llm');
    // Dedupe still holds inside this process while Redis is away.
    expect(duplicate).toBe('duplicate');
    expect(s.degraded).toBe(true);
    expect(warnings).toHaveLength(1);

    await redis.restart();
    expect(await s.ready(5_000)).toBe(true);
    expect(s.degraded).toBe(false);
    // Back to cross-replica claims: a replica with an empty local memory loses to s only through Redis.
    const replica = new RedisStore(redis.url, { connectTimeoutMs: 500, keyPrefix: prefixOf(s) });
    open.push(replica);
    await replica.ready();
    expect(await s.claim('after-outage', 60_000)).toBe(true);
    expect(await replica.claim('after-outage', 60_000)).toBe(false);
  });
});
