import { z } from 'zod';

/** The intake endpoint is on only when METERDOC_INTAKE_SECRET is set. */
export const intakeEnvSchema = z
  .object({
    METERDOC_INTAKE_SECRET: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(32, 'must be at least 32 characters').optional()),
    METERDOC_INTAKE_CHANNEL: z.preprocess((v) => (v === '' ? undefined : v), z.string().regex(/^[CG][A-Z0-9]{2,}$/, 'must be a channel ID (C… or G…)').optional()),
    INTAKE_PORT: z.preprocess((v) => (v === '' || v === undefined ? undefined : Number(v)), z.number().int().min(1).max(65535).optional()),
    METERDOC_INTAKE_MAX_BYTES: z.preprocess((v) => (v === '' || v === undefined ? undefined : Number(v)), z.number().int().min(1024).max(10 * 1024 * 1024).optional()),
  })
  .superRefine((env, ctx) => {
    if (env.METERDOC_INTAKE_SECRET && !env.METERDOC_INTAKE_CHANNEL)
      ctx.addIssue({ code: 'custom', path: ['METERDOC_INTAKE_CHANNEL'], message: 'is required when METERDOC_INTAKE_SECRET is set' });
  });

export interface IntakeConfig {
  secret: string;
  channel: string;
  /** Socket Mode only: the port of the standalone intake server. */
  port?: number;
  maxBodyBytes: number;
}

/**
 * A batch of 25 records with full allocations approaches BatchMeterUsage's own 1 MB cap; the error
 * text and response ride along, so the default leaves room above it.
 */
export const DEFAULT_MAX_BODY_BYTES = 1_536 * 1024;

/** The intake settings, or undefined when the endpoint is off. Never echoes the secret. */
export function loadIntakeConfig(env: NodeJS.ProcessEnv = process.env): IntakeConfig | undefined {
  const parsed = intakeEnvSchema.safeParse(env);
  if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '));
  const e = parsed.data;
  if (!e.METERDOC_INTAKE_SECRET || !e.METERDOC_INTAKE_CHANNEL) return undefined;
  return {
    secret: e.METERDOC_INTAKE_SECRET,
    channel: e.METERDOC_INTAKE_CHANNEL,
    ...(e.INTAKE_PORT !== undefined ? { port: e.INTAKE_PORT } : {}),
    maxBodyBytes: e.METERDOC_INTAKE_MAX_BYTES ?? DEFAULT_MAX_BODY_BYTES,
  };
}
