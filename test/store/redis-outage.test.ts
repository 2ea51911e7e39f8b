import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECONNECT_CAP_MS, RedisStore } from '../../src/store/redis.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';

/**
 * The README's trade-off while Redis is down: every replica keeps answering from its own
 * process-local claims, so an event delivered to two replicas may be answered twice, but no event
 * goes unanswered. Once Redis is back, the replicas share claims again within a second.
 */

let redis: RedisServer;
const stores: RedisStore[] = [];
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await Promise.all(stores.map((s) => s.close()));
  await redis?.stop();
});

function replicas(): [RedisStore, RedisStore] {
  const keyPrefix = `outage${Date.now()}`;
  const make = () => {
    const s = new RedisStore(redis.url, { connectTimeoutMs: 500, keyPrefix });
    stores.push(s);
    return s;
  };
  return [make(), make()];
}

/** Each event reaches both replicas (Slack's retry landing on the other one); who answers it? */
async function deliverToBoth(
  a: RedisStore,
  b: RedisStore,
  eventIds: string[],
): Promise<{ answered: number; duplicated: number }> {
  let answered = 0;
  let duplicated = 0;
  for (const id of eventIds) {
    const [wonA, wonB] = await Promise.all([a.claim(`event:${id}`, 3_600_000), b.claim(`event:${id}`, 3_600_000)]);
    if (wonA || wonB) answered++;
    if (wonA && wonB) duplicated++;
  }
  return { answered, duplicated };
}

async function until(predicate: () => boolean | Promise<boolean>, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (!(await predicate())) {
    if (Date.now() - started > timeoutMs) throw new Error(`not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return Date.now() - started;
}

describe('two replicas through a Redis outage', () => {
  it('answer every event while Redis is down (some twice), and share claims again within a second of its return', async () => {
    const [a, b] = replicas();
    expect(await a.ready(2000)).toBe(true);
    expect(await b.ready(2000)).toBe(true);
    const ids = (prefix: string) => Array.from({ length: 10 }, (_, i) => `${prefix}${i}`);

    expect(await deliverToBoth(a, b, ids('Ev0BEFORE'))).toEqual({ answered: 10, duplicated: 0 });

    await redis.stop();
    await until(() => a.degraded && b.degraded, 3000);
    // Never lost: each event is answered; duplicated: both replicas answer it.
    expect(await deliverToBoth(a, b, ids('Ev0DURING'))).toEqual({ answered: 10, duplicated: 10 });
    // Inside one replica a redelivery is still dropped.
    expect(await a.claim('event:Ev0DURING0', 3_600_000)).toBe(false);

    // A few seconds down, so an uncapped exponential back-off would have grown past a second.
    await new Promise((r) => setTimeout(r, 3500));
    await redis.restart();
    // From the moment Redis answers PING, until a claim made on one replica is seen by the other.
    let probe = 0;
    const elapsed = await until(async () => {
      const key = `event:Ev0PROBE${probe++}`;
      const [wonA, wonB] = await Promise.all([a.claim(key, 60_000), b.claim(key, 60_000)]);
      return wonA !== wonB;
    }, 10_000);
    expect(elapsed).toBeLessThan(1000);
    expect(RECONNECT_CAP_MS).toBeLessThan(1000);
    expect(await deliverToBoth(a, b, ids('Ev0AFTER'))).toEqual({ answered: 10, duplicated: 0 });
  });
});
