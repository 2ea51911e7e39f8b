import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ACCESS_DENIED,
  BOT_TOKEN,
  blocksOf,
  buttonsOf,
  headerOf,
  ME,
  sign,
  slackEscape,
  slackStandIn,
  startApp,
  TEAM,
  THROTTLING,
  userMessage,
  type RunningApp,
  type SlackStandIn,
} from './harness.js';

let app: RunningApp;
let slack: SlackStandIn;

beforeEach(async () => {
  slack = slackStandIn();
  app = await startApp();
});

afterEach(async () => {
  await app.stop();
  nock.cleanAll();
});

describe('a pasted error in a channel', () => {
  it('is answered in its thread with the catalog answer, facts and the buttons the catalog allows', async () => {
    const message = userMessage(slackEscape(THROTTLING), { ts: '1700000001.000100' });
    const res = await app.postEvent(message);
    expect(res.status).toBe(200);
    await slack.waitFor(() => slack.of('chat.postMessage').length === 1);

    const post = slack.of('chat.postMessage')[0]!;
    expect(post.body.channel).toBe('C0CHANNEL1');
    expect(post.body.thread_ts).toBe('1700000001.000100');
    expect(post.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(String(post.body.text)).toMatch(/^Warning|^Blocker|^Info/);
    expect(headerOf(post)).toMatch(/throttl/i);
    const text = JSON.stringify(blocksOf(post));
    expect(text).toContain('BatchMeterUsage');
    expect(text).toContain('ThrottlingException');
    expect(text).toContain('How to fix');
    expect(buttonsOf(post).map((b) => b.action_id)).toEqual(['meterdoc_retry', 'meterdoc_feedback_up', 'meterdoc_feedback_down']);
  });

  it('answers a permission error with the IAM check button and the policy statement, never a retry', async () => {
    await app.postEvent(userMessage(slackEscape(ACCESS_DENIED)));
    await slack.waitFor(() => slack.of('chat.postMessage').length === 1);
    const post = slack.of('chat.postMessage')[0]!;
    expect(buttonsOf(post).map((b) => b.action_id)).toEqual(['meterdoc_iam_check', 'meterdoc_feedback_up', 'meterdoc_feedback_down']);
    const text = JSON.stringify(blocksOf(post));
    expect(text).toContain('Policy statement to attach');
    expect(text).toContain('aws-marketplace:MeterUsage');
  });

  it('stays quiet on chat', async () => {
    await app.postEvent(userMessage('lunch anyone? the metering sync moved to 3pm'));
    await app.waitForLog('not answered: no error, or already answered');
    expect(slack.calls).toEqual([]);
  });

  it('is answered once when Slack retries the event delivery', async () => {
    const message = userMessage(slackEscape(THROTTLING));
    await app.postEvent(message, { eventId: 'Ev0RETRY0001' });
    const retry = await app.postEvent(message, { eventId: 'Ev0RETRY0001', retryNum: 1 });
    expect(retry.status).toBe(200);
    await app.waitForLog('duplicate event delivery dropped');
    await slack.waitFor(() => slack.of('chat.postMessage').length === 1);
    await app.waitForLog('answered a pasted error');
    expect(slack.of('chat.postMessage')).toHaveLength(1);
  });

  it('rejects a request with a bad signature with 401 and does nothing', async () => {
    const res = await app.postEvent(userMessage(slackEscape(THROTTLING)), { signature: sign('something else') });
    expect(res.status).toBe(401);
    const stale = await app.postEvent(userMessage(slackEscape(THROTTLING)), { signature: sign('x', Math.floor(Date.now() / 1000) - 600) });
    expect(stale.status).toBe(401);
    expect(slack.calls).toEqual([]);
  });

  it('ignores its own messages and the edits its chat.update causes', async () => {
    await app.postEvent({ ...userMessage(slackEscape(THROTTLING)), user: ME.botUserId, bot_id: ME.botId, app_id: 'A0METERDOC' });
    await app.postEvent({
      type: 'message',
      subtype: 'message_changed',
      hidden: true,
      channel: 'C0CHANNEL1',
      ts: '1700000009.000300',
      event_ts: '1700000009.000300',
      channel_type: 'channel',
      message: { type: 'message', user: ME.botUserId, bot_id: ME.botId, text: slackEscape(THROTTLING), ts: '1700000008.000200', edited: { user: ME.botUserId, ts: '1700000009.000000' } },
      previous_message: { type: 'message', user: ME.botUserId, bot_id: ME.botId, text: 'Diagnosing…', ts: '1700000008.000200' },
    });
    await app.postEvent({ type: 'message', subtype: 'channel_join', user: 'U0BOB', text: '<@U0BOB> has joined the channel', channel: 'C0CHANNEL1', ts: '1700000010.000100', channel_type: 'channel' });
    await app.waitForLog('message ignored', { reason: 'subtype message_changed' });
    await app.waitForLog('message ignored', { reason: 'subtype channel_join' });
    // Bolt's ignoreSelf drops our own post before any listener; give it the time a listener would take.
    await new Promise((r) => setTimeout(r, 100));
    expect(slack.calls).toEqual([]);
  });

  it('takes an alert bot on the allowlist, and ignores other bots', async () => {
    await app.stop();
    app = await startApp({ env: { METERDOC_ALLOWED_BOT_IDS: 'B0ALERTS' } });
    const botPost = (botId: string) => ({
      type: 'message',
      subtype: 'bot_message',
      bot_id: botId,
      username: 'metering-cron',
      text: '',
      attachments: [{ fallback: 'Metering job failed', color: 'danger', title: 'Metering job failed', text: slackEscape(THROTTLING) }],
      channel: 'C0CHANNEL1',
      ts: botId === 'B0ALERTS' ? '1700000020.000100' : '1700000021.000100',
      channel_type: 'channel',
    });
    await app.postEvent(botPost('B0OTHERBOT'));
    await app.postEvent(botPost('B0ALERTS'));
    await app.waitForLog('message ignored', { reason: 'bot not on the allowlist' });
    await slack.waitFor(() => slack.of('chat.postMessage').length === 1);
    expect(slack.of('chat.postMessage')[0]!.body.thread_ts).toBe('1700000020.000100');
  });
});
