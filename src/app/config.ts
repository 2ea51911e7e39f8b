import { z } from 'zod';
import type { AdmissionLimits } from '../ops/admission.js';
import { DEFAULT_REMINDERS, parseReminderSpec, type ReminderSpec } from '../core/index.js';

/**
 * Configuration comes from the environment only, validated here at start. A missing or malformed
 * setting stops the app with one line that names the variable and says where to get its value.
 */

const WHERE = {
  SLACK_BOT_TOKEN: 'the Bot User OAuth Token (xoxb-…) on your app\'s "OAuth & Permissions" page at https://api.slack.com/apps',
  SLACK_APP_TOKEN: 'an App-Level Token (xapp-…) with the connections:write scope, under "Basic Information" → "App-Level Tokens" at https://api.slack.com/apps',
  SLACK_SIGNING_SECRET: 'the Signing Secret under "Basic Information" → "App Credentials" at https://api.slack.com/apps',
  PORT: 'the TCP port for HTTP mode, e.g. 3000',
  HOST: 'the interface to listen on in HTTP mode, e.g. 0.0.0.0 or 127.0.0.1',
  SLACK_API_URL: 'the Web API base URL, e.g. https://slack.com/api/ (GovSlack: https://slack-gov.com/api/)',
  METERDOC_ALLOWED_BOT_IDS: 'a comma-separated list of bot IDs (B…), shown in a bot message\'s details or in the event payload as bot_id',
  LOG_LEVEL: 'one of fatal, error, warn, info, debug, trace, silent',
  METERDOC_KNOWLEDGE_DIR: 'a directory of catalog YAML files (defaults to knowledge/)',
  METERDOC_MAX_ANSWERS: 'how many errors of one paste get a full answer before the rest are summarised, 1 to 10',
  METERDOC_FILE_MAX_BYTES: 'the largest shared text file MeterDoc downloads, in bytes (up to 10000000)',
  METERDOC_SLACK_RETRIES: 'how many times a failed Slack Web API call is retried, 0 to 10',
  METERDOC_POST_INTERVAL_MS: 'the minimum time between posts in one channel once a short burst is spent, in milliseconds',
  METERDOC_ANSWER_TTL_HOURS: 'how long answer buttons keep working, in hours',
  METERDOC_SHUTDOWN_TIMEOUT_MS: "how long a stopping MeterDoc waits for answers already under way, in milliseconds (below your orchestrator's grace period, e.g. 25000 for Kubernetes' 30 s)",
  METERDOC_PAYLOAD_SECRET: 'a random string of at least 16 characters, the same on every replica (e.g. `openssl rand -hex 32`)',
  METERDOC_MAX_IN_FLIGHT: 'how many events one process works on at once before channel pastes wait, 1 to 1000 (16)',
  METERDOC_QUEUE_SIZE: 'how many channel pastes may wait for a turn before the oldest is left unanswered, 0 to 100000 (200)',
  METERDOC_QUEUE_MAX_WAIT_MS: 'how long a channel paste may wait for a turn before it is left unanswered, in milliseconds (30000)',
  METERDOC_DEADLINE_REMINDERS: 'when to remind before failed usage records stop being billable: percentages of the time left and times before the deadline, e.g. 50%,2h (or off)',
} as const;
type Variable = keyof typeof WHERE;

const int = (min: number, max: number) => {
  const error = `must be a whole number from ${min} to ${max}`;
  return z.coerce.number<string | undefined>({ error }).int({ error }).min(min, { error }).max(max, { error });
};
const optionalString = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const envSchema = z.object({
  SLACK_BOT_TOKEN: z.string({ error: 'is missing' }).trim().min(1, 'is missing').regex(/^xoxb-[A-Za-z0-9-]+$/, 'must be a bot token starting with xoxb-'),
  SLACK_APP_TOKEN: optionalString.pipe(z.string().regex(/^xapp-[A-Za-z0-9-]+$/, 'must be an app-level token starting with xapp-').optional()),
  SLACK_SIGNING_SECRET: optionalString.pipe(z.string().regex(/^\S{8,}$/, 'must be the signing secret (at least 8 characters, no spaces)').optional()),
  PORT: optionalString.pipe(int(0, 65535).default(3000)),
  HOST: optionalString.pipe(z.string().default('0.0.0.0')),
  SLACK_API_URL: optionalString.pipe(
    z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .transform((u) => (u.endsWith('/') ? u : `${u}/`))
      .optional(),
  ),
  METERDOC_ALLOWED_BOT_IDS: optionalString.pipe(
    z
      .string()
      .transform((s) => s.split(',').map((id) => id.trim()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^B[A-Z0-9]{2,}$/, 'must list bot IDs like B012ABCDEF, separated by commas')))
      .default([]),
  ),
  LOG_LEVEL: optionalString.pipe(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'is not a log level' }).default('info')),
  METERDOC_KNOWLEDGE_DIR: optionalString,
  METERDOC_MAX_ANSWERS: optionalString.pipe(int(1, 10).default(3)),
  METERDOC_FILE_MAX_BYTES: optionalString.pipe(int(1024, 10_000_000).default(1_000_000)),
  METERDOC_SLACK_RETRIES: optionalString.pipe(int(0, 10).default(3)),
  METERDOC_POST_INTERVAL_MS: optionalString.pipe(int(0, 60_000).default(1000)),
  METERDOC_ANSWER_TTL_HOURS: optionalString.pipe(int(1, 24 * 90).default(168)),
  METERDOC_SHUTDOWN_TIMEOUT_MS: optionalString.pipe(int(0, 600_000).default(25_000)),
  METERDOC_MAX_IN_FLIGHT: optionalString.pipe(int(1, 1000).default(16)),
  METERDOC_QUEUE_SIZE: optionalString.pipe(int(0, 100_000).default(200)),
  METERDOC_QUEUE_MAX_WAIT_MS: optionalString.pipe(int(100, 3_600_000).default(30_000)),
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
});

export interface AppConfig {
  /** Socket Mode when an app token is set (no public URL needed); HTTP otherwise. */
  mode: 'socket' | 'http';
  botToken: string;
  appToken: string | undefined;
  signingSecret: string | undefined;
  port: number;
  host: string;
  slackApiUrl: string | undefined;
  allowedBotIds: string[];
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  knowledgeDir: string | undefined;
  maxAnswers: number;
  fileMaxBytes: number;
  slackRetries: number;
  postIntervalMs: number;
  answerTtlMs: number;
  /** How long stop() waits for in-flight answers before closing anyway. */
  shutdownTimeoutMs: number;
  /** Overload protection: work in flight, and the queue of channel pastes waiting (src/ops/admission.ts). */
  admission: AdmissionLimits;
  /** Signs button payloads in the store; unset = a random key per process (buttons die on restart). */
  payloadSecret: string | undefined;
  /** When the deadline watch reminds before records stop being billable (METERDOC_DEADLINE_REMINDERS). */
  deadlineReminders: ReminderSpec[];
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    const where = (WHERE as Record<string, string>)[variable];
    super(`${variable} ${problem}${where ? `: set it to ${where}` : ''}.`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates the configuration; throws ConfigError naming the first bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment') as Variable;
    const raw = env[variable];
    const problem = raw === undefined || raw.trim() === '' ? 'is missing' : issue.message.startsWith('Invalid') || issue.message.startsWith('Too') ? `is not valid (${issue.message})` : issue.message;
    throw new ConfigError(variable, problem);
  }
  const e = parsed.data;
  if (!e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
    throw new ConfigError('SLACK_APP_TOKEN', 'is missing (or set SLACK_SIGNING_SECRET instead to run in HTTP mode)');
  }
  return {
    mode: e.SLACK_APP_TOKEN ? 'socket' : 'http',
    botToken: e.SLACK_BOT_TOKEN,
    appToken: e.SLACK_APP_TOKEN,
    signingSecret: e.SLACK_SIGNING_SECRET,
    port: e.PORT,
    host: e.HOST,
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
    admission: { maxInFlight: e.METERDOC_MAX_IN_FLIGHT, queueSize: e.METERDOC_QUEUE_SIZE, maxWaitMs: e.METERDOC_QUEUE_MAX_WAIT_MS },
    payloadSecret: e.METERDOC_PAYLOAD_SECRET,
    deadlineReminders: e.METERDOC_DEADLINE_REMINDERS,
  };
}
