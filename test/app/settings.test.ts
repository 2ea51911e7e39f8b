import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadCliSettings, loadSettings, SETTING_VARIABLES, SettingsError } from '../../src/app/settings.js';

const loadConfig = (env: Record<string, string>) => loadSettings({ env });

const failure = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(SettingsError);
    return (err as Error).message;
  }
  throw new Error('expected a SettingsError');
};

describe('settings from the environment', () => {
  it('runs in Socket Mode with a bot token and an app token', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2', SLACK_APP_TOKEN: 'xapp-1-A-2' })).toMatchObject({
      mode: 'socket',
      port: 3000,
      allowedBotIds: [],
    });
  });

  it('runs in HTTP mode with a signing secret and no app token, on PORT', () => {
    expect(
      loadConfig({
        SLACK_BOT_TOKEN: 'xoxb-1-2',
        SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99yyyzzz85a5',
        PORT: '8080',
      }),
    ).toMatchObject({ mode: 'http', port: 8080 });
  });

  it('prefers Socket Mode when both are set', () => {
    expect(
      loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_SIGNING_SECRET: 'secretsecret' }).mode,
    ).toBe('socket');
  });

  it('normalises SLACK_API_URL and reads the bot allowlist', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_APP_TOKEN: 'xapp-1',
      SLACK_API_URL: 'https://slack-gov.com/api',
      METERDOC_ALLOWED_BOT_IDS: 'B012ABC, B034DEF',
    });
    expect(config.slackApiUrl).toBe('https://slack-gov.com/api/');
    expect(config.allowedBotIds).toEqual(['B012ABC', 'B034DEF']);
  });

  it('stops with one line naming the variable and where to get it', () => {
    const missing = failure({});
    expect(missing).toMatch(/^SLACK_BOT_TOKEN is missing: .*OAuth & Permissions.*api\.slack\.com\/apps\.$/);
    expect(missing).not.toContain('\n');
    expect(failure({ SLACK_BOT_TOKEN: 'xoxb-1' })).toMatch(
      /^SLACK_APP_TOKEN is missing \(or set SLACK_SIGNING_SECRET instead to run in HTTP mode\): .*App-Level Tokens/,
    );
    expect(failure({ SLACK_BOT_TOKEN: 'xoxp-user-token', SLACK_APP_TOKEN: 'xapp-1' })).toMatch(
      /^SLACK_BOT_TOKEN must be a bot token starting with xoxb-/,
    );
    expect(failure({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-1' })).toMatch(
      /^SLACK_APP_TOKEN must be an app-level token starting with xapp-/,
    );
    expect(failure({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secretsecret', PORT: 'eighty' })).toMatch(
      /^PORT must be a whole number from 0 to 65535/,
    );
    expect(failure({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_API_URL: 'slack.com/api' })).toMatch(
      /^SLACK_API_URL must be an http\(s\) URL/,
    );
    expect(
      failure({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', METERDOC_ALLOWED_BOT_IDS: 'metering-bot' }),
    ).toMatch(/^METERDOC_ALLOWED_BOT_IDS must list bot IDs/);
  });

  it('reads when the deadline watch reminds (METERDOC_DEADLINE_REMINDERS, default 50%,2h)', () => {
    const base = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' };
    expect(loadConfig(base).deadlineReminders.map((r) => r.label)).toEqual(['50%', '2h']);
    expect(loadConfig({ ...base, METERDOC_DEADLINE_REMINDERS: '75%, 30m' }).deadlineReminders).toEqual([
      { kind: 'elapsed', fraction: 0.75, label: '75%' },
      { kind: 'before', ms: 1_800_000, label: '30m' },
    ]);
    expect(loadConfig({ ...base, METERDOC_DEADLINE_REMINDERS: 'off' }).deadlineReminders).toEqual([]);
    expect(failure({ ...base, METERDOC_DEADLINE_REMINDERS: '50%,tomorrow' })).toMatch(
      /^METERDOC_DEADLINE_REMINDERS "tomorrow" is neither a percentage \(50%\) nor a time before the deadline/,
    );
  });

  it('never puts a secret value in the error line', () => {
    expect(failure({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'short' })).not.toContain('short');
  });

  it("reads every feature's slice once: the defaults the README lists, in one place", () => {
    const s = loadSettings({ env: { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' } });
    expect(s).toMatchObject({
      port: 3000,
      host: '0.0.0.0',
      maxAnswers: 3,
      slackRetries: 3,
      postIntervalMs: 1000,
      answerTtlMs: 168 * 3_600_000,
      shutdownTimeoutMs: 25_000,
      cacheUrl: undefined,
    });
    expect(s.ai).toEqual({
      maxCallsPerHour: 100,
      cacheTtlMs: 7 * 86_400_000,
      timeoutMs: 30_000,
      connectTimeoutMs: 3_000,
      maxAttempts: 2,
      maxErrorsPerPaste: 3,
    });
    expect(s.actions).toEqual({ allowedUsers: [], allowedGroups: [], iamCheckOpen: false });
    expect(s.health).toEqual({ retentionDays: 8, gapRetentionDays: 30, digestChannel: undefined, digestHourUtc: 9 });
    expect(s.intake).toBeUndefined();
    const on = loadSettings({
      env: {
        SLACK_BOT_TOKEN: 'xoxb-1',
        SLACK_APP_TOKEN: 'xapp-1',
        METERDOC_INTAKE_SECRET: 'x'.repeat(32),
        METERDOC_INTAKE_CHANNEL: 'C0INTAKE',
      },
    });
    expect(on.intake).toEqual({ secret: 'x'.repeat(32), channel: 'C0INTAKE', port: 3001, maxBodyBytes: 1_536 * 1024 });
  });

  it("gives every feature's setting errors the same one-line form", () => {
    const base = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' };
    expect(failure({ ...base, METERDOC_AI_TIMEOUT_MS: 'soon' })).toMatch(
      /^METERDOC_AI_TIMEOUT_MS must be a whole number from 1000 to 300000: set it to .+\.$/,
    );
    expect(failure({ ...base, METERDOC_DIGEST_CHANNEL: '#metering' })).toMatch(
      /^METERDOC_DIGEST_CHANNEL must be a channel ID, not a name: set it to /,
    );
    expect(failure({ ...base, METERDOC_HEALTH_RETENTION_DAYS: '3' })).toMatch(
      /^METERDOC_HEALTH_RETENTION_DAYS must be a whole number of days from 8 to 90/,
    );
    expect(failure({ ...base, METERDOC_INTAKE_SECRET: 'x'.repeat(32) })).toMatch(
      /^METERDOC_INTAKE_CHANNEL is required when METERDOC_INTAKE_SECRET is set: set it to /,
    );
    expect(failure({ ...base, METERDOC_CACHE_URL: 'postgres://db/meterdoc' })).toMatch(
      /^METERDOC_CACHE_URL has an unsupported scheme/,
    );
    expect(failure({ ...base, METERDOC_IAM_CHECK_OPEN: 'maybe' })).toMatch(
      /^METERDOC_IAM_CHECK_OPEN must be true or false/,
    );
  });

  it('lets the CLI run without Slack tokens', () => {
    expect(
      loadCliSettings({ env: { METERDOC_CACHE_URL: 'redis://127.0.0.1:6379', METERDOC_KNOWLEDGE_DIR: '/tmp/k' } }),
    ).toMatchObject({ cacheUrl: 'redis://127.0.0.1:6379', knowledgeDir: '/tmp/k' });
  });

  it('lists every variable it reads in the README and in .env.example', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const example = readFileSync(new URL('../../.env.example', import.meta.url), 'utf8');
    expect(SETTING_VARIABLES.filter((v) => !readme.includes(v))).toEqual([]);
    expect(SETTING_VARIABLES.filter((v) => !example.includes(v))).toEqual([]);
  });
});
