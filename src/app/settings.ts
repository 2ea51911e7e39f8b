import { z } from 'zod';
import type { ActionsConfig } from '../actions/settings.js';
import type { AiConfig } from '../ai/settings.js';
import type { AdmissionLimits } from '../ops/admission.js';
import { DEFAULT_REMINDERS, parseReminderSpec, type ReminderSpec } from '../core/index.js';
import type { InsightsConfig } from '../health/settings.js';
import type { IntakeConfig } from '../intake/config.js';
import type { ProxySettings } from '../net/proxy.js';

/**
 * Every setting MeterDoc reads, in one place: the environment is read once, validated, and turned
 * into typed settings with their defaults. Features take their slice (`settings.ai`,
 * `settings.actions`, …) and never read the environment themselves. A bad setting stops the start
 * with one line: the variable, the problem, what to set.
 */

export type Env = Readonly<Record<string, string | undefined>>;

/** What to set each variable to; the end of every SettingsError line. */
const WHAT_TO_SET = {
  SLACK_BOT_TOKEN:
    'the Bot User OAuth Token (xoxb-…) on your app\'s "OAuth & Permissions" page at https://api.slack.com/apps',
  SLACK_APP_TOKEN:
    'an App-Level Token (xapp-…) with the connections:write scope, under "Basic Information" → "App-Level Tokens" at https://api.slack.com/apps',
  SLACK_SIGNING_SECRET:
    'the Signing Secret under "Basic Information" → "App Credentials" at https://api.slack.com/apps',
  PORT: 'the TCP port for HTTP mode, e.g. 3000',
  HOST: 'the interface to listen on (HTTP mode, and the health port in Socket Mode), e.g. 0.0.0.0 or 127.0.0.1',
  HEALTH_PORT: 'the TCP port for /livez, /readyz, /metrics and the intake endpoint in Socket Mode, e.g. 3001',
  METERDOC_READY_WITHOUT_STORE:
    'true to keep /readyz at 200 while Redis is unreachable (answers from process-local state), false to report 503',
  METERDOC_SLACK_TIMEOUT_MS:
    'how long one Slack Web API request may take before it is abandoned, in milliseconds (1000 to 60000)',
  SLACK_API_URL: 'the Web API base URL, e.g. https://slack.com/api/ (GovSlack: https://slack-gov.com/api/)',
  METERDOC_ALLOWED_BOT_IDS:
    "a comma-separated list of bot IDs (B…), shown in a bot message's details or in the event payload as bot_id",
  LOG_LEVEL: 'one of fatal, error, warn, info, debug, trace, silent',
  METERDOC_KNOWLEDGE_DIR: 'a directory of catalog YAML files (defaults to knowledge/)',
  METERDOC_MAX_ANSWERS: 'how many errors of one paste get a full answer before the rest are summarised, 1 to 10',
  METERDOC_FILE_MAX_BYTES: 'the largest shared text file MeterDoc downloads, in bytes (up to 10000000)',
  METERDOC_SLACK_RETRIES: 'how many times a failed Slack Web API call is retried, 0 to 10',
  METERDOC_POST_INTERVAL_MS:
    'the minimum time between posts in one channel once a short burst is spent, in milliseconds',
  METERDOC_ANSWER_TTL_HOURS: 'how long answer buttons keep working, in hours',
  METERDOC_SHUTDOWN_TIMEOUT_MS:
    "how long a stopping MeterDoc waits for answers already under way, in milliseconds (below your orchestrator's grace period, e.g. 25000 for Kubernetes' 30 s)",
  METERDOC_HTTP_KEEP_ALIVE_MS:
    "how long an idle connection to MeterDoc's HTTP servers stays open, in milliseconds (1000 to 600000; above your load balancer's idle timeout, e.g. 65000 for an ALB's 60 s)",
  METERDOC_MAX_IN_FLIGHT: 'how many events one process works on at once before channel pastes wait, 1 to 1000 (16)',
  METERDOC_QUEUE_SIZE:
    'how many channel pastes may wait for a turn before the oldest is left unanswered, 0 to 100000 (200)',
  METERDOC_QUEUE_MAX_WAIT_MS:
    'how long a channel paste may wait for a turn before it is left unanswered, in milliseconds (30000)',
  METERDOC_PAYLOAD_SECRET:
    'a random string of at least 16 characters, the same on every replica (e.g. `openssl rand -hex 32`)',
  METERDOC_DEADLINE_REMINDERS:
    'when to remind before failed usage records stop being billable: percentages of the time left and times before the deadline, e.g. 50%,2h (or off)',
  METERDOC_CACHE_URL:
    'redis://host:6379 or rediss://… (replicas), file:///var/lib/meterdoc or a directory path (one instance), or leave it unset (memory)',
  BEDROCK_MODEL_ID:
    'a Bedrock model ID or inference profile, e.g. us.anthropic.claude-sonnet-4-5-20250929-v1:0 (unset = no AI)',
  BEDROCK_REGION: "an AWS region such as us-east-1 (unset = the SDK's region)",
  METERDOC_AI_MAX_CALLS_PER_HOUR: 'the most Bedrock calls per hour, e.g. 100',
  METERDOC_CACHE_TTL: 'how long AI answers are cached: 3600, 90s, 15m, 12h or 7d',
  METERDOC_AI_TIMEOUT_MS: 'the time allowed for one Bedrock call in milliseconds, e.g. 30000',
  METERDOC_AI_CONNECT_TIMEOUT_MS: 'the time allowed to connect to Bedrock in milliseconds, e.g. 3000',
  METERDOC_AI_MAX_ATTEMPTS: 'the SDK attempts per Bedrock call, 1 to 5',
  METERDOC_AI_MAX_ERRORS_PER_PASTE: 'how many unknown errors of one paste go to the AI, 1 to 20',
  METERDOC_ALLOWED_USERS: 'Slack user IDs (U…/W…) and user-group IDs (S…), separated by commas or spaces',
  METERDOC_IAM_CHECK_OPEN: 'true or false',
  METERDOC_AWS_ROLE_ARN: 'an IAM role ARN such as arn:aws:iam::123456789012:role/MeterDoc',
  METERDOC_AWS_EXTERNAL_ID: "the external ID in the role's trust policy (2 to 1224 characters)",
  METERDOC_AWS_REGION: "an AWS region such as us-east-1 (unset = the SDK's region)",
  METERDOC_HEALTH_RETENTION_DAYS: 'a whole number of days from 8 to 90',
  METERDOC_GAPS_RETENTION_DAYS: 'a whole number of days from 1 to 365',
  METERDOC_DIGEST_CHANNEL:
    'a channel ID such as C0123ABCD (channel details → "Channel ID"), or leave it unset for no digest',
  METERDOC_DIGEST_HOUR_UTC: 'an hour from 0 to 23 (UTC)',
  METERDOC_INTAKE_SECRET:
    'a random string of at least 32 characters, shared with your metering job (e.g. `openssl rand -hex 32`)',
  METERDOC_INTAKE_CHANNEL: 'the channel ID (C… or G…) where intake reports are answered',
  INTAKE_PORT: 'the older name of HEALTH_PORT (Socket Mode), e.g. 3001',
  METERDOC_INTAKE_MAX_BYTES: 'the largest intake request body in bytes, 1024 to 10485760',
  HTTPS_PROXY: 'the proxy for https:// traffic (Slack, its WebSocket, AWS), e.g. http://proxy.example.com:3128',
  https_proxy: 'the proxy for https:// traffic, e.g. http://proxy.example.com:3128 (wins over HTTPS_PROXY)',
  HTTP_PROXY:
    'the proxy for http:// traffic (and https:// when HTTPS_PROXY is unset), e.g. http://proxy.example.com:3128',
  http_proxy: 'the proxy for http:// traffic, e.g. http://proxy.example.com:3128 (wins over HTTP_PROXY)',
  NO_PROXY:
    'hosts reached without the proxy, separated by commas: a name covers its subdomains (169.254.169.254,.internal,localhost), * for all',
  no_proxy: 'hosts reached without the proxy, separated by commas (wins over NO_PROXY)',
} as const;

/** Every variable MeterDoc reads (the README's tables and .env.example list these). */
export const SETTING_VARIABLES = Object.keys(WHAT_TO_SET) as ReadonlyArray<keyof typeof WHAT_TO_SET>;

/** A setting that stops the start: names the variable, the problem and what to set. Never holds the value. */
export class SettingsError extends Error {
  override name = 'SettingsError';
  constructor(
    readonly variable: string,
    readonly problem: string,
  ) {
    const fix = (WHAT_TO_SET as Record<string, string>)[variable];
    super(`${variable} ${problem}${fix ? `: set it to ${fix}` : ''}.`);
  }
}

// --- the parsers every variable is read with ---

/** Unset, empty and blank all mean "use the default". */
const optionalString = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const int = (min: number, max: number, fallback: number, error = `must be a whole number from ${min} to ${max}`) =>
  optionalString.pipe(
    z.coerce
      .number<string | undefined>({ error })
      .int({ error })
      .min(min, { error })
      .max(max, { error })
      .default(fallback),
  );

const optionalInt = (min: number, max: number) => {
  const error = `must be a whole number from ${min} to ${max}`;
  return optionalString.pipe(
    z.coerce.number<string>({ error }).int({ error }).min(min, { error }).max(max, { error }).optional(),
  );
};

const matching = (pattern: RegExp, message: string) =>
  optionalString.pipe(z.string().regex(pattern, message).optional());

/** `90`, `90s`, `15m`, `12h`, `7d`, `500ms` → milliseconds; a bare number is seconds. */
export function parseDurationMs(text: string): number | undefined {
  const m = /^(\d{1,9})(ms|s|m|h|d)?$/.exec(text.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  const unit = m[2] ?? 's';
  const factor =
    unit === 'ms' ? 1 : unit === 's' ? 1000 : unit === 'm' ? 60_000 : unit === 'h' ? 3_600_000 : 86_400_000;
  return n * factor;
}

const duration = (fallback: string, min: number, max: number) =>
  optionalString.pipe(
    z
      .string()
      .default(fallback)
      .transform((s, ctx) => {
        const ms = parseDurationMs(s);
        if (ms === undefined || ms < min || ms > max) {
          ctx.addIssue({
            code: 'custom',
            message: `must be a duration between ${min / 1000}s and ${max / 1000}s such as 3600, 90s, 15m, 12h or 7d`,
          });
          return z.NEVER;
        }
        return ms;
      }),
  );

const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', ''], { error: 'must be true or false' })
  .optional()
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const AWS_REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;
const CHANNEL_ID = /^[CG][A-Z0-9]{2,}$/;
/** Slack user IDs start with U or W, user-group IDs with S. */
const SLACK_USER_OR_GROUP = /^[UWS][A-Z0-9]{2,}$/;
const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

/** Accepts what people copy out of Slack too: <@U123>, <!subteam^S123|@team>. */
function splitSlackIds(raw: string): string[] {
  return raw
    .split(/[\s,]+/)
    .map((t) => t.trim())
    .filter(Boolean)
    .map((t) => t.replace(/^<@([A-Z0-9]+)(?:\|[^>]*)?>$/, '$1').replace(/^<!subteam\^([A-Z0-9]+)(?:\|[^>]*)?>$/, '$1'));
}

// --- the variables, by the feature that uses them ---

const slackShape = {
  SLACK_BOT_TOKEN: z
    .string({ error: 'is missing' })
    .trim()
    .min(1, 'is missing')
    .regex(/^xoxb-[A-Za-z0-9-]+$/, 'must be a bot token starting with xoxb-'),
  SLACK_APP_TOKEN: matching(/^xapp-[A-Za-z0-9-]+$/, 'must be an app-level token starting with xapp-'),
  SLACK_SIGNING_SECRET: matching(/^\S{8,}$/, 'must be the signing secret (at least 8 characters, no spaces)'),
  PORT: int(0, 65535, 3000),
  HOST: optionalString.pipe(z.string().default('0.0.0.0')),
  HEALTH_PORT: optionalInt(0, 65535),
  METERDOC_READY_WITHOUT_STORE: flag,
  METERDOC_SLACK_TIMEOUT_MS: int(1000, 60_000, 10_000),
  SLACK_API_URL: optionalString.pipe(
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .transform((u) => (u.endsWith('/') ? u : `${u}/`))
      .optional(),
  ),
  METERDOC_ALLOWED_BOT_IDS: optionalString.pipe(
    z
      .string()
      .transform((s) =>
        s
          .split(',')
          .map((id) => id.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.string().regex(/^B[A-Z0-9]{2,}$/, 'must list bot IDs like B012ABCDEF, separated by commas')))
      .default([]),
  ),
  METERDOC_MAX_ANSWERS: int(1, 10, 3),
  METERDOC_FILE_MAX_BYTES: int(1024, 10_000_000, 1_000_000),
  METERDOC_SLACK_RETRIES: int(0, 10, 3),
  METERDOC_POST_INTERVAL_MS: int(0, 60_000, 1000),
  METERDOC_ANSWER_TTL_HOURS: int(1, 24 * 90, 168),
  METERDOC_SHUTDOWN_TIMEOUT_MS: int(0, 600_000, 25_000),
  METERDOC_HTTP_KEEP_ALIVE_MS: int(1000, 600_000, 65_000),
  METERDOC_MAX_IN_FLIGHT: int(1, 1000, 16),
  METERDOC_QUEUE_SIZE: int(0, 100_000, 200),
  METERDOC_QUEUE_MAX_WAIT_MS: int(100, 3_600_000, 30_000),
  METERDOC_PAYLOAD_SECRET: optionalString.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  METERDOC_DEADLINE_REMINDERS: optionalString.pipe(
    z
      .string()
      .default(DEFAULT_REMINDERS)
      .transform((text, ctx) => {
        const parsed = parseReminderSpec(text);
        if (parsed.ok) return parsed.specs;
        ctx.addIssue({ code: 'custom', message: parsed.error });
        return z.NEVER;
      }),
  ),
};

const commonShape = {
  LOG_LEVEL: optionalString.pipe(
    z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'is not a log level' })
      .default('info'),
  ),
  METERDOC_KNOWLEDGE_DIR: optionalString,
  METERDOC_CACHE_URL: optionalString.refine(
    (url) => url === undefined || !/^[a-z][a-z0-9+.-]*:\/\//i.test(url) || /^(rediss?|file):\/\//i.test(url),
    {
      error: 'has an unsupported scheme (use redis://, rediss://, file:// or a directory path)',
    },
  ),
};

const aiShape = {
  BEDROCK_MODEL_ID: matching(/^[A-Za-z0-9.:/_-]{3,2048}$/, 'must be a model ID, inference profile ID or ARN'),
  BEDROCK_REGION: matching(AWS_REGION, 'must be an AWS region such as us-east-1'),
  METERDOC_AI_MAX_CALLS_PER_HOUR: int(0, 1_000_000, 100),
  METERDOC_CACHE_TTL: duration('7d', 60_000, 365 * 86_400_000),
  /** Whole-call budget for one Bedrock answer, including the SDK's own retries. */
  METERDOC_AI_TIMEOUT_MS: int(1_000, 300_000, 30_000),
  METERDOC_AI_CONNECT_TIMEOUT_MS: int(100, 60_000, 3_000),
  /** SDK attempts per call (throttling and 5xx are retried by the SDK with backoff). */
  METERDOC_AI_MAX_ATTEMPTS: int(1, 5, 2),
  /** Unknown errors per paste sent to the AI; the rest get the nearest catalog entries. */
  METERDOC_AI_MAX_ERRORS_PER_PASTE: int(1, 20, 3),
};

const actionsShape = {
  METERDOC_ALLOWED_USERS: optionalString.transform((raw, ctx) => {
    const ids = raw ? splitSlackIds(raw) : [];
    const bad = ids.filter((id) => !SLACK_USER_OR_GROUP.test(id));
    if (bad.length > 0)
      ctx.addIssue({
        code: 'custom',
        message: `holds values that are not Slack user or user-group IDs: ${bad.join(', ')}`,
      });
    return ids;
  }),
  METERDOC_IAM_CHECK_OPEN: flag,
  METERDOC_AWS_ROLE_ARN: matching(ROLE_ARN, 'must be an IAM role ARN (arn:aws:iam::123456789012:role/Name)'),
  // STS: 2–1224 characters of [\w+=,.@:/-].
  METERDOC_AWS_EXTERNAL_ID: matching(/^[\w+=,.@:/-]{2,1224}$/, 'must be 2 to 1224 letters, digits and + = , . @ : / -'),
  METERDOC_AWS_REGION: matching(AWS_REGION, 'is not an AWS region name'),
};

const healthShape = {
  METERDOC_HEALTH_RETENTION_DAYS: int(8, 90, 8, 'must be a whole number of days from 8 to 90 (7-day figures need 8)'),
  METERDOC_GAPS_RETENTION_DAYS: int(1, 365, 30, 'must be a whole number of days from 1 to 365'),
  METERDOC_DIGEST_CHANNEL: matching(CHANNEL_ID, 'must be a channel ID, not a name'),
  METERDOC_DIGEST_HOUR_UTC: int(0, 23, 9, 'must be an hour from 0 to 23'),
};

/**
 * A batch of 25 records with full allocations approaches BatchMeterUsage's own 1 MB cap; the error
 * text and response ride along, so the default leaves room above it.
 */
const INTAKE_MAX_BODY_BYTES = 1_536 * 1024;

const intakeShape = {
  METERDOC_INTAKE_SECRET: optionalString.pipe(z.string().min(32, 'must be at least 32 characters').optional()),
  METERDOC_INTAKE_CHANNEL: matching(CHANNEL_ID, 'must be a channel ID (C… or G…)'),
  /** HEALTH_PORT's older name, from when the intake had the Socket Mode listener to itself. */
  INTAKE_PORT: int(1, 65535, 3001),
  METERDOC_INTAKE_MAX_BYTES: int(1024, 10 * 1024 * 1024, INTAKE_MAX_BODY_BYTES),
};

/** `host:port` alone means http://host:port, as curl reads it. Never echoed: a proxy URL may hold a password. */
const proxyUrl = optionalString.pipe(
  z
    .string()
    .transform((raw, ctx) => {
      const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
      if (URL.canParse(url) && /^https?:$/.test(new URL(url).protocol) && new URL(url).hostname) return url;
      ctx.addIssue({ code: 'custom', message: 'must be an http:// or https:// proxy URL' });
      return z.NEVER;
    })
    .optional(),
);

/** The standard proxy variables; lower-case wins when both are set, as with curl and undici. */
const proxyShape = {
  HTTPS_PROXY: proxyUrl,
  https_proxy: proxyUrl,
  HTTP_PROXY: proxyUrl,
  http_proxy: proxyUrl,
  NO_PROXY: optionalString,
  no_proxy: optionalString,
};

function proxyFrom(e: z.output<z.ZodObject<typeof proxyShape>>): ProxySettings | undefined {
  const httpsProxy = e.https_proxy ?? e.HTTPS_PROXY;
  const httpProxy = e.http_proxy ?? e.HTTP_PROXY;
  if (!httpsProxy && !httpProxy) return undefined;
  return {
    ...(httpsProxy ? { httpsProxy } : {}),
    ...(httpProxy ? { httpProxy } : {}),
    noProxy: e.no_proxy ?? e.NO_PROXY ?? '',
  };
}

// --- the settings each part of MeterDoc gets ---

export interface Settings {
  /** Socket Mode when an app token is set (no public URL needed); HTTP otherwise. */
  mode: 'socket' | 'http';
  botToken: string;
  appToken: string | undefined;
  signingSecret: string | undefined;
  port: number;
  host: string;
  /** Socket Mode: where /livez, /readyz, /metrics and the intake endpoint listen (HTTP mode uses `port`). */
  healthPort: number;
  /** /readyz stays 200 while Redis is unreachable and the store answers from process-local state. */
  readyWithoutStore: boolean;
  /** Time allowed for one Slack Web API request (each retry gets it again). */
  slackTimeoutMs: number;
  slackApiUrl: string | undefined;
  allowedBotIds: string[];
  logLevel: LogLevel;
  knowledgeDir: string | undefined;
  maxAnswers: number;
  fileMaxBytes: number;
  slackRetries: number;
  postIntervalMs: number;
  answerTtlMs: number;
  /** How long stop() waits for in-flight answers before closing anyway. */
  shutdownTimeoutMs: number;
  /** Idle keep-alive time of the HTTP servers: longer than a load balancer's, which would otherwise reuse a closed connection. */
  httpKeepAliveMs: number;
  /** Overload protection: work in flight, and the queue of channel pastes waiting (src/ops/admission.ts). */
  admission: AdmissionLimits;
  /** Signs stored button payloads; unset = a random key per process (buttons die on restart). */
  payloadSecret: string | undefined;
  /** When the deadline watch reminds before records stop being billable. */
  deadlineReminders: ReminderSpec[];
  /** The shared store: unset = memory, file:… or a path = one instance, redis://… = replicas. */
  cacheUrl: string | undefined;
  ai: AiConfig;
  actions: ActionsConfig;
  health: InsightsConfig;
  /** Undefined when the intake endpoint is off (no METERDOC_INTAKE_SECRET). */
  intake: IntakeConfig | undefined;
  /** The outbound proxy for Slack (Web API and WebSocket); undefined = connect directly. AWS gets it in `actions` and `ai`. */
  proxy: ProxySettings | undefined;
}

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** What the CLI reads: no Slack tokens. The AI slice is read apart (see loadAiSettings). */
export interface CliSettings {
  knowledgeDir: string | undefined;
  cacheUrl: string | undefined;
  health: InsightsConfig;
}

/** Parses one group of variables; the first problem becomes a SettingsError. */
function read<S extends z.ZodType>(schema: S, env: Env): z.output<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const variable = String(issue.path[0] ?? 'environment');
  const raw = env[variable];
  const problem =
    (raw === undefined || raw.trim() === '') && issue.code !== 'custom'
      ? 'is missing'
      : issue.message.startsWith('Invalid') || issue.message.startsWith('Too')
        ? `is not valid (${issue.message})`
        : issue.message;
  throw new SettingsError(variable, problem);
}

const appSchema = z
  .object({ ...slackShape, ...commonShape, ...aiShape, ...actionsShape, ...healthShape, ...intakeShape, ...proxyShape })
  .superRefine((e, ctx) => {
    if (e.METERDOC_AWS_EXTERNAL_ID && !e.METERDOC_AWS_ROLE_ARN)
      ctx.addIssue({
        code: 'custom',
        path: ['METERDOC_AWS_EXTERNAL_ID'],
        message: 'only makes sense with METERDOC_AWS_ROLE_ARN',
      });
    if (e.METERDOC_INTAKE_SECRET && !e.METERDOC_INTAKE_CHANNEL)
      ctx.addIssue({
        code: 'custom',
        path: ['METERDOC_INTAKE_CHANNEL'],
        message: 'is required when METERDOC_INTAKE_SECRET is set',
      });
  });
const aiSchema = z.object({ ...aiShape, ...proxyShape });
const cliSchema = z.object({ ...commonShape, ...healthShape });

function aiFrom(e: z.output<typeof aiSchema>): AiConfig {
  const proxy = proxyFrom(e);
  return {
    ...(proxy ? { proxy } : {}),
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

function healthFrom(e: z.output<z.ZodObject<typeof healthShape>>): InsightsConfig {
  return {
    retentionDays: e.METERDOC_HEALTH_RETENTION_DAYS,
    gapRetentionDays: e.METERDOC_GAPS_RETENTION_DAYS,
    digestChannel: e.METERDOC_DIGEST_CHANNEL,
    digestHourUtc: e.METERDOC_DIGEST_HOUR_UTC,
  };
}

function actionsFrom(e: z.output<z.ZodObject<typeof actionsShape>>): ActionsConfig {
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

function intakeFrom(e: z.output<z.ZodObject<typeof intakeShape>>): IntakeConfig | undefined {
  if (!e.METERDOC_INTAKE_SECRET || !e.METERDOC_INTAKE_CHANNEL) return undefined;
  return {
    secret: e.METERDOC_INTAKE_SECRET,
    channel: e.METERDOC_INTAKE_CHANNEL,
    port: e.INTAKE_PORT,
    maxBodyBytes: e.METERDOC_INTAKE_MAX_BYTES,
  };
}

/** The Slack app's settings (`npm start`). Throws SettingsError naming the first bad variable. */
export function loadSettings({ env = process.env }: { env?: Env } = {}): Settings {
  const e = read(appSchema, env);
  if (!e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
    throw new SettingsError('SLACK_APP_TOKEN', 'is missing (or set SLACK_SIGNING_SECRET instead to run in HTTP mode)');
  }
  const proxy = proxyFrom(e);
  return {
    mode: e.SLACK_APP_TOKEN ? 'socket' : 'http',
    botToken: e.SLACK_BOT_TOKEN,
    appToken: e.SLACK_APP_TOKEN,
    signingSecret: e.SLACK_SIGNING_SECRET,
    port: e.PORT,
    host: e.HOST,
    // Socket Mode has no HTTP server of Bolt's; 3001 keeps clear of the usual PORT 3000.
    healthPort: e.HEALTH_PORT ?? e.INTAKE_PORT,
    readyWithoutStore: e.METERDOC_READY_WITHOUT_STORE,
    slackTimeoutMs: e.METERDOC_SLACK_TIMEOUT_MS,
    slackApiUrl: e.SLACK_API_URL,
    allowedBotIds: e.METERDOC_ALLOWED_BOT_IDS,
    logLevel: e.LOG_LEVEL,
    knowledgeDir: e.METERDOC_KNOWLEDGE_DIR,
    maxAnswers: e.METERDOC_MAX_ANSWERS,
    fileMaxBytes: e.METERDOC_FILE_MAX_BYTES,
    slackRetries: e.METERDOC_SLACK_RETRIES,
    postIntervalMs: e.METERDOC_POST_INTERVAL_MS,
    answerTtlMs: e.METERDOC_ANSWER_TTL_HOURS * 60 * 60 * 1000,
    shutdownTimeoutMs: e.METERDOC_SHUTDOWN_TIMEOUT_MS,
    httpKeepAliveMs: e.METERDOC_HTTP_KEEP_ALIVE_MS,
    admission: {
      maxInFlight: e.METERDOC_MAX_IN_FLIGHT,
      queueSize: e.METERDOC_QUEUE_SIZE,
      maxWaitMs: e.METERDOC_QUEUE_MAX_WAIT_MS,
    },
    payloadSecret: e.METERDOC_PAYLOAD_SECRET,
    deadlineReminders: e.METERDOC_DEADLINE_REMINDERS,
    cacheUrl: e.METERDOC_CACHE_URL,
    ai: aiFrom(e),
    actions: { ...actionsFrom(e), ...(proxy ? { proxy } : {}) },
    health: healthFrom(e),
    intake: intakeFrom(e),
    proxy,
  };
}

/** The CLI's settings: the catalog, the store and the health log's retention. */
export function loadCliSettings({ env = process.env }: { env?: Env } = {}): CliSettings {
  const e = read(cliSchema, env);
  return { knowledgeDir: e.METERDOC_KNOWLEDGE_DIR, cacheUrl: e.METERDOC_CACHE_URL, health: healthFrom(e) };
}

/**
 * The AI slice alone, for the CLI: read only when a paste needs the AI, so a bad AI setting costs
 * the AI answer, never the catalog's.
 */
export function loadAiSettings({ env = process.env }: { env?: Env } = {}): AiConfig {
  return aiFrom(read(aiSchema, env));
}
