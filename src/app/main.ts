import { CatalogLoadError, loadCatalog } from '../knowledge/load-catalog.js';
import { Insights, loadInsightsConfig } from '../health/index.js';
import { createAiDiagnoser } from '../ai/index.js';
import { PrometheusMetrics } from '../ops/metrics.js';
import { createStore } from '../store/create.js';
import { awsExtension } from './aws-extension.js';
import { ConfigError, loadConfig } from './config.js';
import { createMeterDocApp } from './create-app.js';
import { insightsExtension } from './health-extension.js';
import { createLogger } from './logger.js';

/** `npm start`: configuration from the environment, the shipped catalog, and the Slack app. */
async function main(): Promise<number> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`meterdoc: ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  let catalog;
  try {
    catalog = loadCatalog(config.knowledgeDir);
  } catch (err) {
    if (err instanceof CatalogLoadError) {
      process.stderr.write(`meterdoc: broken knowledge file ${err.message}\n`);
      return 1;
    }
    throw err;
  }
  let store;
  try {
    // In memory by default; Redis (METERDOC_CACHE_URL=redis://…) when replicas must share dedupe and buttons.
    store = createStore(process.env.METERDOC_CACHE_URL, { log: logger });
  } catch (err) {
    process.stderr.write(`meterdoc: ${(err as Error).message}\n`);
    return 1;
  }
  let ai;
  let meterdoc;
  try {
    // Off unless BEDROCK_MODEL_ID is set; a malformed AI or AWS-action setting stops the start with one line.
    // Built first so the AI fallback counts its cache hits and Bedrock calls into the app's /metrics.
    const metrics = new PrometheusMetrics();
    ai = createAiDiagnoser({ catalog, store, log: logger, metrics });
    // Health log retention, gap retention and the digest (METERDOC_HEALTH_RETENTION_DAYS, …_DIGEST_*).
    const insightsConfig = loadInsightsConfig();
    const insights = new Insights(store, { ...insightsConfig, logger });
    meterdoc = createMeterDocApp(config, { catalog, store, logger, metrics, insights, ...(ai ? { ai } : {}), extensions: [awsExtension(), insightsExtension(process.env, { config: insightsConfig })] });
  } catch (err) {
    // AiConfigError, and the AWS-action, intake and insights settings, which throw plain Errors naming the variable.
    if (err instanceof Error) {
      process.stderr.write(`meterdoc: ${err.message}\n`);
      await store.close();
      return 1;
    }
    throw err;
  }

  // A stray rejection is logged, never fatal: one bad event must not take the bot down.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason instanceof Error ? reason.message : String(reason) }, 'unhandled rejection'));
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    // Finishes the answers under way (bounded by METERDOC_SHUTDOWN_TIMEOUT_MS), then closes the store.
    await meterdoc.stop().catch((err: unknown) => logger.error({ err: (err as Error).message }, 'error while stopping'));
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  try {
    await meterdoc.start();
  } catch (err) {
    // Typically a revoked or mistyped token (auth.test fails) or a port already in use.
    process.stderr.write(`meterdoc: could not start: ${(err as Error).message}\n`);
    return 1;
  }
  logger.info({ catalog: catalog.version, entries: catalog.entries.length, store: store.kind, mode: config.mode }, 'MeterDoc is running');
  return 0;
}

const code = await main();
if (code !== 0) process.exit(code);
