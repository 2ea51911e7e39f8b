import type { ProxySettings } from '../net/proxy.js';

/** The AI fallback's settings (read and validated by src/app/settings.ts). */
export interface AiConfig {
  /** A Bedrock model ID, inference profile ID or ARN. Unset = no AI. */
  modelId?: string;
  /** Unset = the SDK's own region chain (AWS_REGION, profile, IMDS). */
  region?: string;
  maxCallsPerHour: number;
  cacheTtlMs: number;
  /** Whole-call budget for one Bedrock answer, including the SDK's own retries. */
  timeoutMs: number;
  connectTimeoutMs: number;
  /** SDK attempts per call (throttling and 5xx are retried by the SDK with backoff). */
  maxAttempts: number;
  /** Unknown errors per paste sent to the AI; the rest get the nearest catalog entries. */
  maxErrorsPerPaste: number;
  /** The outbound proxy for Bedrock; unset = connect directly. */
  proxy?: ProxySettings;
}
