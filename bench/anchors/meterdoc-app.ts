/**
 * MeterDoc under test: the real app factory in HTTP mode (bench settings: silent logs, no Web API
 * retries, a known bot identity), in-memory store by default or the redis-server at
 * BENCH_REDIS_URL (replicas sharing work).
 */
import { RedisStore } from '../../src/store/redis.js';
import { MemoryStore, type SharedStore } from '../../src/store/store.js';
import { benchApp } from '../app.js';
import { appSettings, serveUnderTest } from './app-process.js';

await serveUnderTest(async () => {
  const { signingSecret, slackApiUrl } = appSettings();
  const redisUrl = process.env.BENCH_REDIS_URL;
  const store: SharedStore = redisUrl ? new RedisStore(redisUrl) : new MemoryStore();
  const meterdoc = benchApp({ signingSecret, slackApiUrl, store });
  const { eventsUrl } = await meterdoc.start();
  if (!eventsUrl) throw new Error('MeterDoc did not start in HTTP mode');
  return { eventsUrl, stop: () => meterdoc.stop() };
});
