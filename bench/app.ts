import type { loadSettings } from '../src/app/settings.js';
import type { createMeterDocApp, MeterDocApp, MeterDocDeps } from '../src/app/create-app.js';
import type { createLogger } from '../src/app/logger.js';
import type { loadCatalog } from '../src/knowledge/load-catalog.js';
import type { SharedStore } from '../src/store/store.js';

/**
 * What the bench app is built from: these sources through tsx (SOURCES in app-sources.ts), or a
 * compiled build of them. Only types are imported here, so choosing a build loads no source module.
 */
export interface MeterDocModules {
  loadSettings: typeof loadSettings;
  createMeterDocApp: typeof createMeterDocApp;
  createLogger: typeof createLogger;
  loadCatalog: typeof loadCatalog;
}

/**
 * The real app in HTTP mode on 127.0.0.1 as the benches run it: silent logs, no Web API retries,
 * the Web API at a local stand-in, and a known bot identity (no auth.test call).
 */
export function benchApp(input: {
  signingSecret: string;
  slackApiUrl: string;
  store: SharedStore;
  deps?: Partial<MeterDocDeps>;
  modules: MeterDocModules;
}): MeterDocApp {
  const { loadSettings, createMeterDocApp, createLogger, loadCatalog } = input.modules;
  const config = loadSettings({
    env: {
      SLACK_BOT_TOKEN: 'xoxb-bench-token',
      SLACK_SIGNING_SECRET: input.signingSecret,
      PORT: '0',
      HOST: '127.0.0.1',
      SLACK_API_URL: input.slackApiUrl,
      METERDOC_SLACK_RETRIES: '0',
      LOG_LEVEL: 'silent',
    },
  });
  return createMeterDocApp(config, {
    catalog: input.deps?.catalog ?? loadCatalog(),
    store: input.store,
    logger: createLogger('silent'),
    identity: { botId: 'BBENCH', botUserId: 'UBENCH' },
    ...input.deps,
  });
}
