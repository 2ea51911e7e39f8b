import type { Catalog } from '../core/catalog/catalog.js';
import type { AiMetrics } from '../ops/metrics.js';
import type { SharedStore } from '../store/store.js';
import { AiDiagnoser, type AiLogger } from './ai-diagnoser.js';
import { createBedrockClient, type BedrockClientOptions } from './bedrock-client.js';
import type { AiConfig } from './settings.js';

export {
  AiDiagnoser,
  type AiDiagnoserOptions,
  type AiInput,
  type AiItemResult,
  type AiLogger,
  type AiOutcome,
  type AiResult,
  type AiStats,
} from './ai-diagnoser.js';
export { createBedrockClient, type BedrockClientOptions } from './bedrock-client.js';
export type { AiConfig } from './settings.js';
export { describeBedrockError, type AiFailure, type AiFailureKind } from './bedrock-errors.js';
export {
  DIAGNOSIS_TOOL,
  PROMPT_VERSION,
  TOOL_NAME,
  checkToolInput,
  diagnosisToolInputSchema,
  type DiagnosisToolInput,
} from './prompt.js';

export interface CreateAiOptions {
  catalog: Catalog;
  store: SharedStore;
  /** The AI slice of the settings (src/app/settings.ts). */
  config: AiConfig;
  log?: AiLogger;
  metrics?: AiMetrics;
  /** Tests inject a handler or credentials here; production uses the SDK defaults. */
  client?: Omit<BedrockClientOptions, 'region' | 'connectTimeoutMs' | 'requestTimeoutMs' | 'maxAttempts'> & {
    maxAttempts?: number;
  };
}

/**
 * The AI fallback the CLI and the Slack app share, or undefined when BEDROCK_MODEL_ID is unset
 * (then nothing ever calls Bedrock).
 */
export function createAiDiagnoser(options: CreateAiOptions): AiDiagnoser | undefined {
  const { config } = options;
  if (!config.modelId) return undefined;
  const client = createBedrockClient({
    ...(config.region ? { region: config.region } : {}),
    connectTimeoutMs: config.connectTimeoutMs,
    requestTimeoutMs: config.timeoutMs,
    maxAttempts: config.maxAttempts,
    ...(config.proxy ? { proxy: config.proxy } : {}),
    ...options.client,
  });
  return new AiDiagnoser({
    catalog: options.catalog,
    store: options.store,
    config: { ...config, modelId: config.modelId },
    client,
    ...(options.log ? { log: options.log } : {}),
    ...(options.metrics ? { metrics: options.metrics } : {}),
  });
}
