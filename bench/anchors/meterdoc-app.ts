/**
 * MeterDoc under test: the real app factory in HTTP mode (bench settings: silent logs, no Web API
 * retries, a known bot identity), in-memory store by default or the redis-server at
 * BENCH_REDIS_URL (replicas sharing work). With BENCH_MD_BUILD (a tsc build of a checkout's src/,
 * see compiled-meterdoc.ts) it runs that build, as production does; otherwise these sources.
 * Either way only one of the two is loaded (the sources by dynamic import): a process running the
 * build with the sources' module graph beside it would have about twice the code and source text
 * on its heap that production has.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RedisStore } from '../../src/store/redis.js';
import type { MemoryStore, SharedStore } from '../../src/store/store.js';
import { benchApp, type MeterDocModules } from '../app.js';
import { appSettings, serveUnderTest } from './app-process.js';

interface StoreModules {
  RedisStore: typeof RedisStore;
  MemoryStore: typeof MemoryStore;
}

async function fromBuild(dir: string): Promise<{ modules: MeterDocModules; stores: StoreModules }> {
  const load = (path: string) => import(pathToFileURL(join(dir, path)).href);
  const [settings, app, logger, catalog, redis, store] = await Promise.all([
    load('app/settings.js'),
    load('app/create-app.js'),
    load('app/logger.js'),
    load('knowledge/load-catalog.js'),
    load('store/redis.js'),
    load('store/store.js'),
  ]);
  return {
    modules: {
      loadSettings: settings.loadSettings,
      createMeterDocApp: app.createMeterDocApp,
      createLogger: logger.createLogger,
      loadCatalog: catalog.loadCatalog,
    },
    stores: { RedisStore: redis.RedisStore, MemoryStore: store.MemoryStore },
  };
}

async function fromSources(): Promise<{ modules: MeterDocModules; stores: StoreModules }> {
  const [{ SOURCES }, redis, store] = await Promise.all([
    import('../app-sources.js'),
    import('../../src/store/redis.js'),
    import('../../src/store/store.js'),
  ]);
  return { modules: SOURCES, stores: { RedisStore: redis.RedisStore, MemoryStore: store.MemoryStore } };
}

await serveUnderTest(async () => {
  const { signingSecret, slackApiUrl } = appSettings();
  const build = process.env.BENCH_MD_BUILD;
  const { modules, stores } = build ? await fromBuild(build) : await fromSources();
  const redisUrl = process.env.BENCH_REDIS_URL;
  const store: SharedStore = redisUrl ? new stores.RedisStore(redisUrl) : new stores.MemoryStore();
  const meterdoc = benchApp({ signingSecret, slackApiUrl, store, modules });
  const { eventsUrl } = await meterdoc.start();
  if (!eventsUrl) throw new Error('MeterDoc did not start in HTTP mode');
  return { eventsUrl, stop: () => meterdoc.stop() };
});
