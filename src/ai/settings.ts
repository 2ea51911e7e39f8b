import { z } from 'zod';

/**
 * AI settings, read once from the environment and validated, so a typo in a cap or TTL fails
 * loudly at start instead of silently running without a cost guard.
 */

const emptyToUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/** `90`, `90s`, `15m`, `12h`, `7d`, `500ms` → milliseconds; a bare number is seconds. */
export function parseDurationMs(text: string): number | undefined {
  const m = /^(\d{1,9})(ms|s|m|h|d)?$/.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2] ?? 's';
  const factor = unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : unit === 'h' ? 3_600_000 : 86_400_000;
  return n * factor;
}

const duration = (fallback: string, min: number, max: number) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .default(fallback)
      .transform((s, ctx) => {
        const ms = parseDurationMs(s);
        if (ms === undefined || ms < min || ms > max) {
          ctx.addIssue({ code: 'custom', message: `must be a duration between ${min / 1000}s and ${max / 1000}s such as 3600, 90s, 15m, 12h or 7d` });
          return z.NEVER;
        }
        return ms;
      }),
  );

const int = (fallback: number, min: number, max: number) => {
  const error = `must be a whole number from ${min} to ${max}`;
  return z.preprocess(emptyToUndefined, z.coerce.number({ error }).int({ error }).min(min, { error }).max(max, { error }).default(fallback));
};

export const aiEnvSchema = z.object({
  /** A Bedrock model ID, inference profile ID or ARN. Unset = no AI. */
  BEDROCK_MODEL_ID: z.preprocess(emptyToUndefined, z.string().trim().min(3, 'must be a model ID, inference profile ID or ARN').max(2048).regex(/^[A-Za-z0-9.:/_-]+$/, 'must be a model ID, inference profile ID or ARN').optional()),
  /** Unset = the SDK's own region chain (AWS_REGION, profile, IMDS). */
  BEDROCK_REGION: z.preprocess(emptyToUndefined, z.string().regex(/^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/, 'must be an AWS region such as us-east-1').optional()),
  METERDOC_AI_MAX_CALLS_PER_HOUR: int(100, 0, 1_000_000),
  METERDOC_CACHE_TTL: duration('7d', 60_000, 365 * 86_400_000),
  /** Whole-call budget for one Bedrock answer, including the SDK's own retries. */
  METERDOC_AI_TIMEOUT_MS: int(30_000, 1_000, 300_000),
  METERDOC_AI_CONNECT_TIMEOUT_MS: int(3_000, 100, 60_000),
  /** SDK attempts per call (throttling and 5xx are retried by the SDK with backoff). */
  METERDOC_AI_MAX_ATTEMPTS: int(2, 1, 5),
  /** Unknown errors per paste sent to the AI; the rest get the nearest catalog entries. */
  METERDOC_AI_MAX_ERRORS_PER_PASTE: int(3, 1, 20),
});

export interface AiConfig {
  modelId?: string;
  region?: string;
  maxCallsPerHour: number;
  cacheTtlMs: number;
  timeoutMs: number;
  connectTimeoutMs: number;
  maxAttempts: number;
  maxErrorsPerPaste: number;
}

export class AiConfigError extends Error {
  override name = 'AiConfigError';
}

export function loadAiConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined>): AiConfig {
  const parsed = aiEnvSchema.safeParse(env);
  if (!parsed.success) throw new AiConfigError(parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '));
  const e = parsed.data;
  return {
    ...(e.BEDROCK_MODEL_ID ? { modelId: e.BEDROCK_MODEL_ID } : {}),
    ...(e.BEDROCK_REGION ? { region: e.BEDROCK_REGION } : {}),
    maxCallsPerHour: e.METERDOC_AI_MAX_CALLS_PER_HOUR,
    cacheTtlMs: e.METERDOC_CACHE_TTL,
    timeoutMs: e.METERDOC_AI_TIMEOUT_MS,
    connectTimeoutMs: e.METERDOC_AI_CONNECT_TIMEOUT_MS,
    maxAttempts: e.METERDOC_AI_MAX_ATTEMPTS,
    maxErrorsPerPaste: e.METERDOC_AI_MAX_ERRORS_PER_PASTE,
  };
}
