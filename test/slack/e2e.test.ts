import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ACCESS_DENIED,
  BOT_TOKEN,
  blocksOf,
  buttonsOf,
  headerOf,
  ME,
  messageShortcut,
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
    expect(text).toContain('First step:');
    expect(buttonsOf(post).map((b) => b.action_id)).toEqual([
      'meterdoc_retry',
      'meterdoc_expand',
      'meterdoc_support',
      'meterdoc_feedback_up',
      'meterdoc_feedback_down',
    ]);
  });

  it('answers a permission error with the IAM check button and the policy statement, never a retry', async () => {
    await app.postEvent(userMessage(slackEscape(ACCESS_DENIED)));
    await slack.waitFor(() => slack.of('chat.postMessage').length === 1);
    const post = slack.of('chat.postMessage')[0]!;
    expect(buttonsOf(post).map((b) => b.action_id)).toEqual([
      'meterdoc_iam_check',
      'meterdoc_expand',
      'meterdoc_support',
      'meterdoc_feedback_up',
      'meterdoc_feedback_down',
    ]);
    const text = JSON.stringify(blocksOf(post));
    expect(text).toContain('First step: attach this statement to the role');
    expect(text).toContain('aws-marketplace:MeterUsage');
  });

  it('answers a pasted error even when two catalog entries fit it equally well', async () => {
    // Metering and GetEntitlements both throttle with this code; without the operation the
    // entry is uncertain, but that an error was pasted is not.
    await app.postEvent(userMessage('ThrottlingException: Rate exceeded', { ts: '1700000009.000100' }));
    await slack.waitFor(() => slack.of('chat.postMessage').length === 1);
    expect(slack.of('chat.postMessage')[0]!.body.thread_ts).toBe('1700000009.000100');
  });

  it('stays quiet on chat', async () => {
    await app.postEvent(userMessage('lunch anyone? the metering sync moved to 3pm'));
    await app.waitForLog('not answered: no error, or already answered');
    expect(slack.calls).toEqual([]);
  });

  it("stays out of a network failure that may be anyone's, and answers it as a possible match when asked", async () => {
    const refusal =
      'psql: error: connection to server at "localhost" (127.0.0.1), port 5432 failed: Connection refused';
    await app.postEvent(userMessage(refusal, { ts: '1700000011.000100' }));
    await app.waitForLog('not answered: no error, or already answered');
    expect(slack.calls).toEqual([]);

    await app.postEvent(userMessage(`<@${ME.botUserId}> ${refusal}`, { type: 'app_mention', ts: '1700000012.000100' }));
    await slack.waitFor(() => slack.of('chat.postMessage').length === 1);
    expect(JSON.stringify(blocksOf(slack.of('chat.postMessage')[0]!))).toMatch(/possible match/i);
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
    const stale = await app.postEvent(userMessage(slackEscape(THROTTLING)), {
      signature: sign('x', Math.floor(Date.now() / 1000) - 600),
    });
    expect(stale.status).toBe(401);
    expect(slack.calls).toEqual([]);
  });

  it('ignores its own messages and the edits its chat.update causes', async () => {
    await app.postEvent({
      ...userMessage(slackEscape(THROTTLING)),
      user: ME.botUserId,
      bot_id: ME.botId,
      app_id: 'A0METERDOC',
    });
    await app.postEvent({
      type: 'message',
      subtype: 'message_changed',
      hidden: true,
      channel: 'C0CHANNEL1',
      ts: '1700000009.000300',
      event_ts: '1700000009.000300',
      channel_type: 'channel',
      message: {
        type: 'message',
        user: ME.botUserId,
        bot_id: ME.botId,
        text: slackEscape(THROTTLING),
        ts: '1700000008.000200',
        edited: { user: ME.botUserId, ts: '1700000009.000000' },
      },
      previous_message: {
        type: 'message',
        user: ME.botUserId,
        bot_id: ME.botId,
        text: 'Diagnosing…',
        ts: '1700000008.000200',
      },
    });
    await app.postEvent({
      type: 'message',
      subtype: 'channel_join',
      user: 'U0BOB',
      text: '<@U0BOB> has joined the channel',
      channel: 'C0CHANNEL1',
      ts: '1700000010.000100',
      channel_type: 'channel',
    });
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
      attachments: [
        {
          fallback: 'Metering job failed',
          color: 'danger',
          title: 'Metering job failed',
          text: slackEscape(THROTTLING),
        },
      ],
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

describe('an error shared as a file', () => {
  it('downloads the small text file with the bot token and answers in the thread', async () => {
    const download = nock('https://files.slack.com')
      .get('/files-pri/T0TEAM001-F0FILE001/download/metering.log')
      .matchHeader('authorization', `Bearer ${BOT_TOKEN}`)
      .reply(200, `2026-01-10T10:00:00Z INFO starting hourly metering\n${ACCESS_DENIED}\n`, {
        'content-type': 'text/plain',
      });
    await app.postEvent({
      type: 'message',
      subtype: 'file_share',
      text: 'metering job failed overnight',
      user: 'U0ALICE',
      upload: false,
      display_as_bot: false,
      channel: 'C0CHANNEL1',
      channel_type: 'channel',
      ts: '1700000030.000100',
      event_ts: '1700000030.000100',
      files: [
        {
          id: 'F0FILE001',
          created: 1700000030,
          timestamp: 1700000030,
          name: 'metering.log',
          title: 'metering.log',
          mimetype: 'text/plain',
          filetype: 'text',
          pretty_type: 'Plain Text',
          user: 'U0ALICE',
          mode: 'hosted',
          editable: false,
          is_external: false,
          external_type: '',
          is_public: true,
          size: 320,
          url_private: 'https://files.slack.com/files-pri/T0TEAM001-F0FILE001/metering.log',
          url_private_download: 'https://files.slack.com/files-pri/T0TEAM001-F0FILE001/download/metering.log',
          permalink: 'https://acme.slack.com/files/U0ALICE/F0FILE001/metering.log',
        },
      ],
    });
    await slack.waitFor(() => slack.of('chat.postMessage').length === 1);
    expect(download.isDone()).toBe(true);
    const post = slack.of('chat.postMessage')[0]!;
    expect(post.body.thread_ts).toBe('1700000030.000100');
    expect(buttonsOf(post)[0]!.action_id).toBe('meterdoc_iam_check');
  });

  /** A file_share event as Slack sends it when the app must look the file up: the ID and little else. */
  const checkFileInfoShare = (ts: string, id: string) => ({
    type: 'message',
    subtype: 'file_share',
    text: '',
    user: 'U0ALICE',
    upload: false,
    display_as_bot: false,
    channel: 'C0CHANNEL1',
    channel_type: 'channel',
    ts,
    event_ts: ts,
    files: [{ id, mode: 'hidden_by_limit', file_access: 'check_file_info', created: 0, timestamp: 0, user: 'U0ALICE' }],
  });

  it('reads a file shared as check_file_info through files.info, then downloads it', async () => {
    slack.override('files.info', (body) => ({
      ok: true,
      file: {
        id: body.file,
        created: 1700000032,
        timestamp: 1700000032,
        name: 'metering.log',
        title: 'metering.log',
        mimetype: 'text/plain',
        filetype: 'text',
        pretty_type: 'Plain Text',
        user: 'U0ALICE',
        mode: 'hosted',
        is_external: false,
        is_public: true,
        size: 320,
        url_private: 'https://files.slack.com/files-pri/T0TEAM001-F0FILE003/metering.log',
        url_private_download: 'https://files.slack.com/files-pri/T0TEAM001-F0FILE003/download/metering.log',
      },
      comments: [],
      response_metadata: { next_cursor: '' },
    }));
    const download = nock('https://files.slack.com')
      .get('/files-pri/T0TEAM001-F0FILE003/download/metering.log')
      .matchHeader('authorization', `Bearer ${BOT_TOKEN}`)
      .reply(200, `${ACCESS_DENIED}\n`, { 'content-type': 'text/plain' });
    await app.postEvent(checkFileInfoShare('1700000032.000100', 'F0FILE003'));
    await slack.waitFor(() => slack.of('chat.postMessage').length === 1);
    expect(slack.of('files.info')[0]!.body.file).toBe('F0FILE003');
    expect(slack.of('files.info')[0]!.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(download.isDone()).toBe(true);
    const post = slack.of('chat.postMessage')[0]!;
    expect(post.body.thread_ts).toBe('1700000032.000100');
    expect(buttonsOf(post)[0]!.action_id).toBe('meterdoc_iam_check');
  });

  it('skips a check_file_info file with a log line when files.info is refused', async () => {
    slack.override('files.info', () => ({
      ok: false,
      error: 'missing_scope',
      needed: 'files:read',
      provided: 'chat:write,channels:history',
    }));
    await app.postEvent(checkFileInfoShare('1700000033.000100', 'F0FILE004'));
    await app.waitForLog('files.info failed; file skipped', { error: 'missing_scope', needed: 'files:read' });
    await new Promise((r) => setTimeout(r, 50));
    expect(slack.of('files.info')).toHaveLength(1);
    expect(slack.of('chat.postMessage')).toHaveLength(0);
  });

  it('uses the snippet preview when the file is over the size cap, without downloading it', async () => {
    await app.postEvent({
      type: 'message',
      subtype: 'file_share',
      text: '',
      user: 'U0ALICE',
      channel: 'C0CHANNEL1',
      channel_type: 'channel',
      ts: '1700000031.000100',
      files: [
        {
          id: 'F0FILE002',
          name: 'huge.log',
          mimetype: 'text/plain',
          filetype: 'text',
          mode: 'snippet',
          size: 50_000_000,
          url_private: 'https://files.slack.com/files-pri/T0TEAM001-F0FILE002/huge.log',
          preview: THROTTLING,
        },
      ],
    });
    await slack.waitFor(() => slack.of('chat.postMessage').length === 1);
    expect(headerOf(slack.of('chat.postMessage')[0])).toMatch(/throttl/i);
  });
});

describe('@MeterDoc', () => {
  it('answers a mention once although it arrives as app_mention and as message', async () => {
    const text = `<@${ME.botUserId}> ${slackEscape(THROTTLING)}`;
    const mention = {
      type: 'app_mention',
      user: 'U0ALICE',
      text,
      ts: '1700000040.000100',
      channel: 'C0CHANNEL1',
      event_ts: '1700000040.000100',
      team: TEAM,
    };
    await Promise.all([app.postEvent(userMessage(text, { ts: '1700000040.000100' })), app.postEvent(mention)]);
    await slack.waitFor(() => slack.of('chat.postMessage').length >= 1);
    await app.waitForLog('message ignored', { reason: 'mentions MeterDoc (answered as app_mention)' });
    await new Promise((r) => setTimeout(r, 50));
    expect(slack.of('chat.postMessage')).toHaveLength(1);
    expect(slack.of('chat.postMessage')[0]!.body.thread_ts).toBe('1700000040.000100');
  });

  it('reads the thread parent when mentioned with nothing else under a message', async () => {
    slack.override('conversations.replies', () => ({
      ok: true,
      has_more: false,
      messages: [
        {
          type: 'message',
          user: 'U0BOB',
          text: slackEscape(ACCESS_DENIED),
          ts: '1700000050.000100',
          thread_ts: '1700000050.000100',
          reply_count: 1,
        },
      ],
    }));
    await app.postEvent({
      type: 'app_mention',
      user: 'U0ALICE',
      text: `<@${ME.botUserId}> what is this?`,
      ts: '1700000051.000100',
      thread_ts: '1700000050.000100',
      channel: 'C0CHANNEL1',
      event_ts: '1700000051.000100',
    });
    await slack.waitFor(() => slack.of('chat.postMessage').length === 1);
    expect(slack.of('conversations.replies')[0]!.body).toMatchObject({
      channel: 'C0CHANNEL1',
      ts: '1700000050.000100',
    });
    const post = slack.of('chat.postMessage')[0]!;
    expect(post.body.thread_ts).toBe('1700000050.000100');
    expect(JSON.stringify(blocksOf(post))).toContain('aws-marketplace:MeterUsage');
  });

  it('says clearly when nothing was recognised', async () => {
    await app.postEvent({
      type: 'app_mention',
      user: 'U0ALICE',
      text: `<@${ME.botUserId}> hello there`,
      ts: '1700000060.000100',
      channel: 'C0CHANNEL1',
    });
    await slack.waitFor(() => slack.of('chat.postMessage').length === 1);
    expect(String(slack.of('chat.postMessage')[0]!.body.text)).toContain(
      'No AWS Marketplace metering error recognised',
    );
  });
});

describe("MeterDoc's own threads", () => {
  it('answers a different error pasted in the thread, and stays quiet on the same one pasted again', async () => {
    await app.postEvent(userMessage(slackEscape(THROTTLING), { ts: '1700000070.000100' }));
    await app.waitForLog('answered a pasted error');
    await app.postEvent(
      userMessage(slackEscape(THROTTLING), {
        ts: '1700000071.000100',
        thread_ts: '1700000070.000100',
        parent_user_id: 'U0ALICE',
      }),
    );
    await app.waitForLog('not answered: no error, or already answered');
    await app.postEvent(
      userMessage(slackEscape(ACCESS_DENIED), {
        ts: '1700000072.000100',
        thread_ts: '1700000070.000100',
        parent_user_id: 'U0ALICE',
      }),
    );
    await slack.waitFor(() => slack.of('chat.postMessage').length === 2);
    const second = slack.of('chat.postMessage')[1]!;
    expect(second.body.thread_ts).toBe('1700000070.000100');
    expect(buttonsOf(second)[0]!.action_id).toBe('meterdoc_iam_check');
  });
});

describe('/meterdoc', () => {
  it('acks at once and answers an error ephemerally with a share button', async () => {
    const res = await app.postCommand({ text: slackEscape(THROTTLING) });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    await slack.waitFor(() => slack.of('response_url').length === 1);
    const reply = slack.of('response_url')[0]!;
    expect(reply.body.response_type).toBe('ephemeral');
    expect(reply.body.__url).toBe(`/commands/${TEAM}/1111/cmdtoken`);
    expect(buttonsOf(reply).map((b) => b.action_id)).toContain('meterdoc_share');
    expect(slack.of('chat.postMessage')).toHaveLength(0);
  });

  it('looks an entry up by its code', async () => {
    await app.postCommand({ text: 'ThrottlingException' });
    await slack.waitFor(() => slack.of('response_url').length >= 1);
    expect(
      slack
        .of('response_url')
        .map((c) => headerOf(c))
        .join(' '),
    ).toMatch(/throttl/i);
  });

  it('lists the catalog by area, and explains itself on help and with no text', async () => {
    await app.postCommand({ text: 'list' });
    await app.postCommand({ text: 'help' });
    await app.postCommand({ text: '' });
    await slack.waitFor(() => slack.of('response_url').length === 3);
    const texts = slack.of('response_url').map((c) => JSON.stringify(c.body.blocks));
    expect(texts.find((t) => t.includes('MeterDoc catalog'))).toMatch(/Metering Service/);
    expect(texts.filter((t) => t.includes('Ways to ask'))).toHaveLength(2);
  });
});

describe('the message shortcut', () => {
  it('answers in the thread of the message it was used on', async () => {
    const res = await app.postInteraction(
      messageShortcut({ user: 'U0BOB', text: slackEscape(THROTTLING), ts: '1700000080.000100' }),
    );
    expect(res.status).toBe(200);
    await slack.waitFor(() => slack.of('chat.postMessage').length === 1);
    expect(slack.of('chat.postMessage')[0]!.body.thread_ts).toBe('1700000080.000100');
  });

  it('answers the clicker only when MeterDoc is not in the channel', async () => {
    slack.override('chat.postMessage', () => ({ ok: false, error: 'not_in_channel' }));
    await app.postInteraction(
      messageShortcut({ user: 'U0BOB', text: slackEscape(THROTTLING), ts: '1700000082.000100' }),
    );
    await slack.waitFor(() => slack.of('response_url').length === 1);
    expect(slack.of('response_url')[0]!.body.response_type).toBe('ephemeral');
    expect(headerOf(slack.of('response_url')[0])).toMatch(/throttl/i);
    expect(
      app.logs.some(
        (l) => l.msg === 'Slack API call failed' && l.method === 'chat.postMessage' && l.error === 'not_in_channel',
      ),
    ).toBe(true);
  });
});

describe('App Home', () => {
  it('publishes the home view with how to use and the catalog', async () => {
    await app.postEvent({
      type: 'app_home_opened',
      user: 'U0ALICE',
      channel: 'D0DIRECT1',
      tab: 'home',
      event_ts: '1700000090.000100',
    });
    await slack.waitFor(() => slack.of('views.publish').length === 1);
    const call = slack.of('views.publish')[0]!;
    expect(call.body.user_id).toBe('U0ALICE');
    const view = call.body.view as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(view)).toContain('Ways to ask');
    expect(JSON.stringify(view)).toContain('IAM permissions');
  });

  it('publishes nothing for the Messages tab', async () => {
    await app.postEvent({
      type: 'app_home_opened',
      user: 'U0ALICE',
      channel: 'D0DIRECT1',
      tab: 'messages',
      event_ts: '1700000091.000100',
    });
    await app.postEvent({
      type: 'app_home_opened',
      user: 'U0ALICE',
      channel: 'D0DIRECT1',
      tab: 'home',
      event_ts: '1700000092.000100',
    });
    await slack.waitFor(() => slack.of('views.publish').length === 1);
    await new Promise((r) => setTimeout(r, 50));
    expect(slack.of('views.publish')).toHaveLength(1);
  });
});

describe('running it', () => {
  it('serves a health endpoint in HTTP mode', async () => {
    const res = await fetch(`${app.base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, store: 'memory' });
  });

  it('sends Web API calls to SLACK_API_URL', async () => {
    await app.stop();
    const gov = slackStandIn('https://slack-gov.example');
    app = await startApp({ env: { SLACK_API_URL: 'https://slack-gov.example/api/' } });
    await app.postEvent(userMessage(slackEscape(THROTTLING)));
    await gov.waitFor(() => gov.of('chat.postMessage').length === 1);
    expect(slack.of('chat.postMessage')).toHaveLength(0);
  });

  it('never writes the bot token or signing secret to the log', async () => {
    slack.override('chat.postMessage', () => ({ ok: false, error: 'invalid_auth' }));
    await app.postEvent(userMessage(slackEscape(THROTTLING)));
    await app.waitForLog('Slack API call failed', { error: 'invalid_auth' });
    await app.postEvent(userMessage('not an error at all'));
    await app.waitForLog('not answered: no error, or already answered');
    expect(app.rawLog()).not.toContain(BOT_TOKEN);
    expect(app.rawLog()).not.toContain('test-signing-secret');
  });
});
