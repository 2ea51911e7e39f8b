import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/app/config.js';

const failure = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('configuration from the environment', () => {
  it('runs in Socket Mode with a bot token and an app token', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2', SLACK_APP_TOKEN: 'xapp-1-A-2' })).toMatchObject({ mode: 'socket', port: 3000, allowedBotIds: [] });
  });

  it('runs in HTTP mode with a signing secret and no app token, on PORT', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1-2', SLACK_SIGNING_SECRET: '8f742231b10e8888abcd99yyyzzz85a5', PORT: '8080' })).toMatchObject({ mode: 'http', port: 8080 });
  });

  it('prefers Socket Mode when both are set', () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_SIGNING_SECRET: 'secretsecret' }).mode).toBe('socket');
  });

  it('normalises SLACK_API_URL and reads the bot allowlist', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_API_URL: 'https://slack-gov.com/api', METERDOC_ALLOWED_BOT_IDS: 'B012ABC, B034DEF' });
    expect(config.slackApiUrl).toBe('https://slack-gov.com/api/');
    expect(config.allowedBotIds).toEqual(['B012ABC', 'B034DEF']);
  });

  it('stops with one line naming the variable and where to get it', () => {
    const missing = failure({});
    expect(missing).toMatch(/^SLACK_BOT_TOKEN is missing: .*OAuth & Permissions.*api\.slack\.com\/apps\.$/);
    expect(missing).not.toContain('\n');
    expect(failure({ SLACK_BOT_TOKEN: 'xoxb-1' })).toMatch(/^SLACK_APP_TOKEN is missing \(or set SLACK_SIGNING_SECRET instead to run in HTTP mode\): .*App-Level Tokens/);
    expect(failure({ SLACK_BOT_TOKEN: 'xoxp-user-token', SLACK_APP_TOKEN: 'xapp-1' })).toMatch(/^SLACK_BOT_TOKEN must be a bot token starting with xoxb-/);
    expect(failure({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xoxb-1' })).toMatch(/^SLACK_APP_TOKEN must be an app-level token starting with xapp-/);
    expect(failure({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'secretsecret', PORT: 'eighty' })).toMatch(/^PORT must be a whole number from 0 to 65535/);
    expect(failure({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_API_URL: 'slack.com/api' })).toMatch(/^SLACK_API_URL must be an http\(s\) URL/);
    expect(failure({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', METERDOC_ALLOWED_BOT_IDS: 'metering-bot' })).toMatch(/^METERDOC_ALLOWED_BOT_IDS must list bot IDs/);
  });

  it('reads when the deadline watch reminds (METERDOC_DEADLINE_REMINDERS, default 50%,2h)', () => {
    const base = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' };
    expect(loadConfig(base).deadlineReminders.map((r) => r.label)).toEqual(['50%', '2h']);
    expect(loadConfig({ ...base, METERDOC_DEADLINE_REMINDERS: '75%, 30m' }).deadlineReminders).toEqual([
      { kind: 'elapsed', fraction: 0.75, label: '75%' },
      { kind: 'before', ms: 1_800_000, label: '30m' },
    ]);
    expect(loadConfig({ ...base, METERDOC_DEADLINE_REMINDERS: 'off' }).deadlineReminders).toEqual([]);
    expect(failure({ ...base, METERDOC_DEADLINE_REMINDERS: '50%,tomorrow' })).toMatch(/^METERDOC_DEADLINE_REMINDERS "tomorrow" is neither a percentage \(50%\) nor a time before the deadline/);
  });

  it('never puts a secret value in the error line', () => {
    expect(failure({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'short' })).not.toContain('short');
  });
});
