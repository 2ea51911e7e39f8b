import { z } from 'zod';

/**
 * Settings for the actions that touch AWS. Credentials are deliberately absent: the SDK's own
 * chain (env, profile, SSO, container/instance role, web identity) supplies them, and
 * AWS_ENDPOINT_URL_* / AWS_REGION / AWS_MAX_ATTEMPTS are read by the SDK itself.
 */

/** Slack user IDs start with U or W, user-group IDs with S. */
const SLACK_ID = /^[UWS][A-Z0-9]{2,}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@\/-]{1,512}$/;

function splitIds(raw: string): string[] {
  // Accept what people copy out of Slack too: <@U123>, <!subteam^S123|@team>.
  return raw
    .split(/[\s,]+/)
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => t.replace(/^<@([A-Z0-9]+)(?:\|[^>]*)?>$/, '$1').replace(/^<!subteam\^([A-Z0-9]+)(?:\|[^>]*)?>$/, '$1'));
}

const boolFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''])
  .optional()
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const actionsEnvSchema = z
  .object({
    METERDOC_ALLOWED_USERS: z
      .string()
      .optional()
      .transform((raw, ctx) => {
        const ids = raw ? splitIds(raw) : [];
        const bad = ids.filter((id) => !SLACK_ID.test(id));
        if (bad.length > 0) ctx.addIssue({ code: 'custom', message: `not Slack user or user-group IDs: ${bad.join(', ')} (expected U…/W… users, S… groups)` });
        return ids;
      }),
    METERDOC_IAM_CHECK_OPEN: boolFlag,
    METERDOC_AWS_ROLE_ARN: z.preprocess(emptyToUndefined, z.string().regex(ROLE_ARN, 'METERDOC_AWS_ROLE_ARN must be an IAM role ARN (arn:aws:iam::123456789012:role/Name)').optional()),
    // STS: 2–1224 characters of [\w+=,.@:/-].
    METERDOC_AWS_EXTERNAL_ID: z.preprocess(emptyToUndefined, z.string().min(2).max(1224).regex(/^[\w+=,.@:\/-]+$/, 'external IDs use letters, digits and + = , . @ : / -').optional()),
    METERDOC_AWS_REGION: z.preprocess(emptyToUndefined, z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'not an AWS region name').optional()),
  })
  .superRefine((env, ctx) => {
    if (env.METERDOC_AWS_EXTERNAL_ID && !env.METERDOC_AWS_ROLE_ARN)
      ctx.addIssue({ code: 'custom', path: ['METERDOC_AWS_EXTERNAL_ID'], message: 'an external ID only makes sense with METERDOC_AWS_ROLE_ARN' });
  });

export interface ActionsConfig {
  allowedUsers: string[];
  allowedGroups: string[];
  iamCheckOpen: boolean;
  roleArn?: string;
  externalId?: string;
  /** Only when MeterDoc's actions must use a region other than the SDK's own (AWS_REGION, profile). */
  region?: string;
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function loadActionsConfig(env: NodeJS.ProcessEnv = process.env): ActionsConfig {
  const parsed = actionsEnvSchema.safeParse(env);
  // Messages name the variable, never echo its value: an external ID is a shared secret.
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || 'METERDOC_ALLOWED_USERS'}: ${i.message}`).join('; '));
  const e = parsed.data;
  const ids = e.METERDOC_ALLOWED_USERS;
  return {
    allowedUsers: ids.filter((id) => !id.startsWith('S')),
    allowedGroups: ids.filter((id) => id.startsWith('S')),
    iamCheckOpen: e.METERDOC_IAM_CHECK_OPEN,
    ...(e.METERDOC_AWS_ROLE_ARN ? { roleArn: e.METERDOC_AWS_ROLE_ARN } : {}),
    ...(e.METERDOC_AWS_EXTERNAL_ID ? { externalId: e.METERDOC_AWS_EXTERNAL_ID } : {}),
    ...(e.METERDOC_AWS_REGION ? { region: e.METERDOC_AWS_REGION } : {}),
  };
}
