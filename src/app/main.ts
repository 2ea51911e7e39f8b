import { CatalogLoadError, loadCatalog } from '../knowledge/load-catalog.js';
import { createStore } from '../store/create.js';
import { createMeterDocApp, type MeterDocApp } from './create-app.js';
import type { Logger } from 'pino';
import type { Catalog } from '../core/index.js';
import type { SharedStore } from '../store/store.js';
import { createLogger } from './logger.js';
import { loadSettings, SettingsError } from './settings.js';

/**
 * A mistake in the setup (a setting, a knowledge file) stops the start with one line and exit
 * code 1; anything else is a bug and keeps its stack.
 */
function isSetupError(err: unknown): err is SettingsError | CatalogLoadError {
  return err instanceof SettingsError || err instanceof CatalogLoadError;
}

/** A directory MeterDoc may not create is a setup problem, not a bug. */
function openStore(url: string | undefined, logger: Logger): SharedStore {
  try {
    return createStore(url, { log: logger });
  } catch (err) {
    throw new SettingsError('METERDOC_CACHE_URL', `cannot be opened (${(err as Error).message})`);
  }
}

function build() {
  const settings = loadSettings();
  const logger = createLogger(settings.logLevel);
  const catalog = loadCatalog(settings.knowledgeDir);
  // In memory by default; Redis (METERDOC_CACHE_URL=redis://…) when replicas must share dedupe and buttons.
  const store = openStore(settings.cacheUrl, logger);
  return { meterdoc: createMeterDocApp(settings, { catalog, store, logger }), logger, catalog, store };
}

/** `npm start`: the settings from the environment, the shipped catalog, and the Slack app. */
async function main(): Promise<number> {
  let built: { meterdoc: MeterDocApp; logger: Logger; catalog: Catalog; store: SharedStore };
  try {
    built = build();
  } catch (err) {
    if (!isSetupError(err)) throw err;
    process.stderr.write(
      `meterdoc: ${err instanceof CatalogLoadError ? 'broken knowledge file ' : ''}${err.message}\n`,
    );
    return 1;
  }

  const { meterdoc, logger, catalog, store } = built;
  // A stray rejection is logged, never fatal: one bad event must not take the bot down.
  process.on('unhandledRejection', (reason) =>
    logger.error({ err: reason instanceof Error ? reason.message : String(reason) }, 'unhandled rejection'),
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    // Finishes the answers under way (bounded by METERDOC_SHUTDOWN_TIMEOUT_MS), then closes the store.
    await meterdoc
      .stop()
      .catch((err: unknown) => logger.error({ err: (err as Error).message }, 'error while stopping'));
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  try {
    await meterdoc.start();
  } catch (err) {
    // SlackStartError: a refused token or an unreachable Slack, already one line naming the setting
    // or host; anything else (a port already in use) with its own message.
    process.stderr.write(`meterdoc: could not start: ${(err as Error).message}\n`);
    await store.close().catch(() => undefined);
    return 1;
  }
  logger.info(
    { catalog: catalog.version, entries: catalog.entries.length, store: store.kind, mode: meterdoc.config.mode },
    'MeterDoc is running',
  );
  return 0;
}

const code = await main();
if (code !== 0) process.exit(code);
