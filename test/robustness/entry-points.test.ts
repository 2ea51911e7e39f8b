import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli, type CliIo } from '../../src/cli/main.js';
import { signIntake } from '../../src/intake/index.js';
import {
  click,
  ME,
  messageShortcut,
  slackEscape,
  slackStandIn,
  TEAM,
  THROTTLING,
  userMessage,
  type RunningApp,
  type SlackStandIn,
} from '../slack/harness.js';
import { AWS_ENV, binaryText, ONE_MB, postRaw, shown, startComposed, stillAnswers } from './helpers.js';

/**
 * Bad input at every entry point: each gets a clear answer or a clear refusal (what the person
 * sees, or the HTTP status), nothing crashes, and a good paste afterwards is still answered once.
 */

let app: RunningApp;
let slack: SlackStandIn;

beforeAll(async () => {
  app = await startComposed({ METERDOC_SHUTDOWN_TIMEOUT_MS: '3000' });
});
afterAll(async () => {
  await app.stop();
  // Every answer the suite provoked had finished: nothing was cut off by the stop.
  expect(app.logs.filter((l) => l.msg === 'stopped before every in-flight answer finished')).toEqual([]);
});
beforeEachSlack();

function beforeEachSlack(): void {
  afterEach(async () => {
    // Every bad input has been dealt with completely before the next one (and before the test
    // setup aborts whatever Web API reply is still pending, which would leave a handler hanging).
    await vi.waitFor(() => expect(app.meterdoc.services.ops.inflight.size).toBe(0), { timeout: 5000 });
    nock.cleanAll();
  });
}

function freshSlack(): SlackStandIn {
  nock.cleanAll();
  slack = slackStandIn();
  return slack;
}

const channelMsg = (text: string, extra: Record<string, unknown> = {}) => userMessage(text, extra);

describe('Events API', () => {
  it('an empty message in a channel is not answered; an empty @mention gets "nothing recognised"', async () => {
    freshSlack();
    await app.postEvent(channelMsg(''), { eventId: 'Ev0ROB_EMPTY1' });
    await app.waitForLog('event handled', { event_id: 'Ev0ROB_EMPTY1' });
    expect(slack.of('chat.postMessage')).toHaveLength(0);

    await app.postEvent(
      {
        type: 'app_mention',
        channel: 'C0CHANNEL1',
        user: 'U0ALICE',
        text: `<@${ME.botUserId}>`,
        ts: '1700800000.000100',
        event_ts: '1700800000.000100',
      },
      { eventId: 'Ev0ROB_EMPTY2' },
    );
    await slack.waitFor(() => slack.of('chat.postMessage').length === 1);
    expect(shown(slack.of('chat.postMessage')[0]!.body)).toMatch(
      /didn.t recognise|did not recognise|no error|nothing/i,
    );
    await stillAnswers(app, slack);
  });

  it('a 1 MB paste with the error at its end is answered once, and in reasonable time', async () => {
    freshSlack();
    const ts = '1700800001.000100';
    const started = Date.now();
    await app.postEvent(channelMsg(`${ONE_MB}\n${slackEscape(THROTTLING)}`, { ts }), { eventId: 'Ev0ROB_1MB' });
    const line = await app.waitForLog('event handled', { event_id: 'Ev0ROB_1MB' }, 10_000);
    expect(Date.now() - started).toBeLessThan(10_000);
    // The core scans a bounded prefix: a 1 MB log either yields its error or a "truncated" answer, never a crash.
    expect(['answered', 'not_an_error']).toContain(line.outcome);
    expect(slack.of('chat.postMessage').filter((c) => c.body.thread_ts === ts).length).toBeLessThanOrEqual(1);
    await stillAnswers(app, slack);
  });

  it('binary text in a message and in a DM: the DM gets an answer, nothing crashes', async () => {
    freshSlack();
    await app.postEvent(channelMsg(binaryText()), { eventId: 'Ev0ROB_BIN1' });
    await app.waitForLog('event handled', { event_id: 'Ev0ROB_BIN1' });
    await app.postEvent(channelMsg(binaryText(), { channel: 'D0ALICEDM', channel_type: 'im' }), {
      eventId: 'Ev0ROB_BIN2',
    });
    await slack.waitFor(() => slack.of('chat.postMessage').some((c) => c.body.channel === 'D0ALICEDM'));
    expect(slack.of('chat.postMessage').filter((c) => c.body.channel === 'D0ALICEDM')).toHaveLength(1);
    await stillAnswers(app, slack);
  });

  it('malformed JSON is refused with 400, an unsigned or forged request with 401, and neither reaches a listener', async () => {
    freshSlack();
    expect((await postRaw(app, '{"type":"event_callback",', 'application/json')).status).toBe(400);
    expect(
      (
        await postRaw(
          app,
          JSON.stringify({ type: 'event_callback', event: userMessage(THROTTLING) }),
          'application/json',
          false,
        )
      ).status,
    ).toBe(401);
    const forged = await app.postEvent(userMessage(slackEscape(THROTTLING)), {
      signature: { 'x-slack-signature': `v0=${'0'.repeat(64)}` },
    });
    expect(forged.status).toBe(401);
    expect(
      (await postRaw(app, Buffer.from([0xff, 0xfe, 0x00, 0x7b]).toString('latin1'), 'application/json')).status,
    ).toBe(400);
    expect(slack.of('chat.postMessage')).toHaveLength(0);
    await stillAnswers(app, slack);
  });

  it.each([
    ['a message with no channel', { type: 'message', user: 'U0ALICE', text: THROTTLING, ts: '1700800002.000100' }],
    ['a message with no ts', { type: 'message', channel: 'C0CHANNEL1', user: 'U0ALICE', text: THROTTLING }],
    [
      'a message with a non-string text',
      { type: 'message', channel: 'C0CHANNEL1', user: 'U0ALICE', text: { x: 1 }, ts: '1700800003.000100' },
    ],
    [
      'an app_mention with no channel',
      { type: 'app_mention', user: 'U0ALICE', text: `<@${ME.botUserId}> ${THROTTLING}`, ts: '1700800004.000100' },
    ],
    [
      'an event of a type MeterDoc does not subscribe to',
      {
        type: 'reaction_added',
        user: 'U0ALICE',
        reaction: 'eyes',
        item: { type: 'message', channel: 'C0CHANNEL1', ts: '1' },
      },
    ],
  ])('%s is acked (200) and dropped as malformed, and the app carries on', async (_name, event) => {
    freshSlack();
    const res = await app.postEvent(event as Record<string, unknown>);
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 30));
    expect(slack.of('chat.postMessage')).toHaveLength(0);
    await stillAnswers(app, slack);
  });
});

describe('/meterdoc', () => {
  const answered = () => slack.of('response_url');

  it('with no text shows the help', async () => {
    freshSlack();
    expect((await app.postCommand({ text: '' })).status).toBe(200);
    await slack.waitFor(() => answered().length === 1);
    expect(shown(answered()[0]!.body)).toContain('/meterdoc help');
  });

  it('with 1 MB of text or binary answers the person (it never goes silent)', async () => {
    freshSlack();
    await app.postCommand({
      text: `${slackEscape(THROTTLING)}\n${ONE_MB}`,
      response_url: `https://hooks.slack.com/commands/${TEAM}/1/big`,
    });
    await app.postCommand({ text: binaryText(), response_url: `https://hooks.slack.com/commands/${TEAM}/2/bin` });
    await slack.waitFor(
      () =>
        answered().some((c) => String(c.body.__url).endsWith('/big')) &&
        answered().some((c) => String(c.body.__url).endsWith('/bin')),
      10_000,
    );
    expect(shown(answered().find((c) => String(c.body.__url).endsWith('/big'))!.body)).toContain('Throttl');
  });

  it('missing the fields Slack always sends (user_id, response_url) is acked, refused in the log, and harmless', async () => {
    freshSlack();
    const body = new URLSearchParams({
      command: '/meterdoc',
      text: THROTTLING,
      team_id: TEAM,
      channel_id: 'C0CHANNEL1',
    }).toString();
    expect((await postRaw(app, body, 'application/x-www-form-urlencoded')).status).toBe(200);
    await app.waitForLog('slash command payload of an unexpected shape ignored');
    expect(slack.calls).toHaveLength(0);
    await stillAnswers(app, slack);
  });
});

describe('message shortcut and App Home', () => {
  const shortcut = (message: Record<string, unknown> | undefined) => messageShortcut(message, 'C0SHORTCUT');

  it('on a 1 MB message answers once in its thread; on a payload without its message it is acked and logged as malformed', async () => {
    freshSlack();
    expect(
      (
        await app.postInteraction(
          shortcut({
            type: 'message',
            user: 'U0BOB',
            ts: '1700820001.000100',
            text: `${slackEscape(THROTTLING)}\n${ONE_MB.slice(0, 200_000)}`,
          }),
        )
      ).status,
    ).toBe(200);
    await slack.waitFor(() => slack.of('chat.postMessage').length === 1, 5000);
    expect(slack.of('chat.postMessage')[0]!.body).toMatchObject({
      channel: 'C0SHORTCUT',
      thread_ts: '1700820001.000100',
    });

    expect((await app.postInteraction(shortcut(undefined))).status).toBe(200);
    expect(await app.waitForLog('event handled', { kind: 'shortcut', outcome: 'malformed' })).toMatchObject({
      user: 'U0ALICE',
    });
    expect(slack.of('chat.postMessage')).toHaveLength(1);
  });

  it('app_home_opened without the user it is for is acked and publishes nothing', async () => {
    freshSlack();
    expect(
      (
        await app.postEvent(
          { type: 'app_home_opened', channel: 'D0HOME', tab: 'home', event_ts: '1700820002.000100' },
          { eventId: 'Ev0ROB_HOME' },
        )
      ).status,
    ).toBe(200);
    await app.waitForLog('event handled', { event_id: 'Ev0ROB_HOME' });
    expect(slack.of('views.publish')).toHaveLength(0);
    await stillAnswers(app, slack);
  });
});

describe('buttons', () => {
  async function answerInThread(): Promise<{ post: ReturnType<SlackStandIn['of']>[number] }> {
    const ts = `${1_700_810_000 + Math.floor(Math.random() * 10_000)}.000100`;
    // A channel per answer: posts to one channel are spaced a second apart once a burst is spent.
    await app.postEvent(userMessage(slackEscape(THROTTLING), { ts, channel: `C0BTN${ts.slice(6, 10)}` }));
    await slack.waitFor(() => slack.of('chat.postMessage').some((c) => c.body.thread_ts === ts));
    return { post: slack.of('chat.postMessage').find((c) => c.body.thread_ts === ts)! };
  }

  it('an action ID MeterDoc never made is acked at once and answered with a clear line', async () => {
    freshSlack();
    const { post } = await answerInThread();
    const payload = click(post, 'meterdoc_feedback_up', { ts: '1700810001.000200' });
    payload.actions[0]!.action_id = 'meterdoc_self_destruct';
    const started = Date.now();
    const res = await app.postInteraction(payload);
    expect(res.status).toBe(200);
    // Slack shows the person a warning unless the ack comes within 3 s.
    expect(Date.now() - started).toBeLessThan(1000);
    await slack.waitFor(() => slack.of('response_url').length === 1);
    expect(shown(slack.of('response_url')[0]!.body)).toMatch(/isn.t a button MeterDoc knows|no longer/i);
  });

  it.each([
    ['expired (an ID the store no longer has)', 'AAAAAAAAAAAAAAAA'],
    ['forged (2,000 characters)', 'x'.repeat(2000)],
    ['forged (JSON smuggled into the value)', JSON.stringify({ v: 1, answer: { entryId: 'metering-throttling' } })],
    ['empty', ''],
  ])('a button value that is %s gets "this answer has expired" and nothing else', async (_name, value) => {
    freshSlack();
    const { post } = await answerInThread();
    for (const id of ['meterdoc_feedback_down', 'meterdoc_share', 'meterdoc_retry', 'meterdoc_iam_check']) {
      const payload = click(post, 'meterdoc_feedback_up', { ts: '1700810002.000200' });
      payload.actions[0]!.action_id = id;
      payload.actions[0]!.value = value;
      expect((await app.postInteraction(payload)).status).toBe(200);
    }
    await slack.waitFor(() => slack.of('response_url').length === 4);
    for (const reply of slack.of('response_url')) expect(shown(reply.body)).toContain('This answer has expired');
    expect(slack.of('chat.postMessage')).toHaveLength(1);
    expect(slack.of('views.open')).toHaveLength(0);
  });

  it('a stored answer whose signature does not match (written into the store by something else) counts as expired', async () => {
    freshSlack();
    const { post } = await answerInThread();
    const payload = click(post, 'meterdoc_feedback_up', { ts: '1700810003.000200' });
    const entries = app.store.namespace<{
      value: { channelId?: string; messageTs?: string };
      expiresAt: number;
      sig: string;
    }>('answers');
    // The answer is stored once Slack took its message, with the message ts: tamper with the stored entry.
    await vi.waitFor(async () => expect((await entries.get(payload.actions[0]!.value))?.value.messageTs).toBeDefined());
    const stored = (await entries.get(payload.actions[0]!.value))!;
    await entries.set(payload.actions[0]!.value, { ...stored, value: { ...stored.value, channelId: 'C0ELSEWHERE' } });
    await app.postInteraction(payload);
    await slack.waitFor(() => slack.of('response_url').length === 1);
    expect(shown(slack.of('response_url')[0]!.body)).toContain('This answer has expired');
    expect(slack.of('chat.postMessage')).toHaveLength(1);
  });

  it('a click payload missing its user is refused with 400 (not a 500 Slack would retry) without a crash', async () => {
    freshSlack();
    const { post } = await answerInThread();
    const payload: Record<string, unknown> = click(post, 'meterdoc_feedback_up', { ts: '1700810004.000200' });
    delete payload.user;
    expect((await app.postInteraction(payload)).status).toBe(400);
    await stillAnswers(app, slack);
  });

  it('an interaction payload that is not JSON is refused with 400', async () => {
    freshSlack();
    const body = new URLSearchParams({ payload: '{"type":"block_actions",' }).toString();
    expect((await postRaw(app, body, 'application/x-www-form-urlencoded')).status).toBe(400);
    await stillAnswers(app, slack);
  });
});

describe('modal submissions', () => {
  function submission(
    callbackId: string,
    privateMetadata: string,
    values: Record<string, unknown> | undefined,
  ): Record<string, unknown> {
    return {
      type: 'view_submission',
      team: { id: TEAM, domain: 'acme' },
      user: { id: 'U0BOB', username: 'bob', name: 'bob', team_id: TEAM },
      api_app_id: 'A0METERDOC',
      token: 'legacy-verification-token',
      trigger_id: '1111.4444.submit',
      view: {
        id: 'V0ROBUST',
        team_id: TEAM,
        type: 'modal',
        callback_id: callbackId,
        private_metadata: privateMetadata,
        ...(values === undefined ? {} : { state: { values } }),
        hash: '1700000000.abcdef',
        title: { type: 'plain_text', text: 'Retry failed records' },
        app_id: 'A0METERDOC',
        bot_id: ME.botId,
      },
      response_urls: [],
      is_enterprise_install: false,
      enterprise: null,
    };
  }
  const records = (text: string | null) => ({ records: { records_json: { type: 'plain_text_input', value: text } } });

  it.each([
    ['an unknown draft ID', 'forged-draft-id', records('{"UsageRecords":[]}'), /expired/],
    ['a draft ID of 10,000 characters', 'd'.repeat(10_000), records('{}'), /expired/],
    ['an empty records field', 'forged-draft-id', records(null), /expired/],
  ])('the retry edit form with %s answers with an error on the field', async (_name, metadata, values, message) => {
    freshSlack();
    const res = await app.postInteraction(submission('meterdoc_retry_edit', metadata, values));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { response_action: string; errors: Record<string, string> };
    expect(body.response_action).toBe('errors');
    expect(body.errors.records).toMatch(message);
  });

  it('the retry edit form with no state at all (a field Slack always sends) still answers with an error, not a 500', async () => {
    freshSlack();
    const res = await app.postInteraction(submission('meterdoc_retry_edit', 'forged-draft-id', undefined));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { response_action: string }).response_action).toBe('errors');
    await stillAnswers(app, slack);
  });

  it('the retry confirm modal with a forged draft closes and tells the person it expired; nothing reaches AWS', async () => {
    freshSlack();
    const aws = nock('https://metering.marketplace.us-east-1.amazonaws.com').post('/').reply(200, {});
    const res = await app.postInteraction(submission('meterdoc_retry_confirm', 'forged-draft-id', {}));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ response_action: 'clear' });
    await slack.waitFor(() => slack.of('chat.postMessage').length === 1);
    expect(slack.of('chat.postMessage')[0]!.body).toMatchObject({ channel: 'U0BOB' });
    expect(shown(slack.of('chat.postMessage')[0]!.body)).toContain('expired');
    expect(aws.isDone()).toBe(false);
  });

  it('a submission of a modal MeterDoc never opened is acked without a crash', async () => {
    freshSlack();
    const res = await app.postInteraction(submission('someone_elses_modal', 'x', {}));
    expect(res.status).toBeLessThan(500);
    await stillAnswers(app, slack);
  });
});

describe('intake endpoint', () => {
  const url = () => `${app.base}/meterdoc/intake`;
  const post = (body: string, contentType = 'application/json') => {
    const ts = Math.floor(Date.now() / 1000);
    return fetch(url(), {
      method: 'POST',
      body,
      headers: {
        'content-type': contentType,
        'x-meterdoc-request-timestamp': String(ts),
        'x-meterdoc-signature': signIntake(AWS_ENV.METERDOC_INTAKE_SECRET, ts, body),
      },
    });
  };

  it.each([
    ['an empty body', '', 'malformed_json', 400],
    ['malformed JSON', '{"records":[', 'malformed_json', 400],
    ['binary', binaryText(512), 'malformed_json', 400],
    ['JSON that is not an object', '[1,2,3]', 'invalid_body', 400],
    ['records missing fields', '{"records":[{"Dimension":"x"}],"error":"ThrottlingException"}', 'invalid_body', 400],
  ])('%s is refused with a clear 4xx and nothing is posted', async (_name, body, error, status) => {
    freshSlack();
    const res = await post(body);
    expect(res.status).toBe(status);
    expect(await res.json()).toMatchObject({ ok: false, error });
    expect(slack.of('chat.postMessage')).toHaveLength(0);
  });

  it('more than the body cap is refused with 413, 1 MB under the cap with 400, text/plain with 415, GET with 404', async () => {
    freshSlack();
    expect((await post(JSON.stringify({ records: [], error: ONE_MB + ONE_MB + ONE_MB }))).status).toBe(413);
    const big = await post(
      JSON.stringify({
        records: [{ Timestamp: 1, Dimension: 'd', Quantity: 1, CustomerIdentifier: 'c' }],
        error: ONE_MB,
      }),
    );
    expect(big.status).toBe(400);
    expect(await big.json()).toMatchObject({ error: 'invalid_body' });
    expect((await post('{}', 'text/plain')).status).toBe(415);
    // GET is not routed to the intake handler at all: Bolt's router answers 404.
    expect((await fetch(url())).status).toBe(404);
    expect(slack.of('chat.postMessage')).toHaveLength(0);
    await stillAnswers(app, slack);
  });
});

describe('CLI', () => {
  function io(stdin: string): CliIo & { out: string[]; err: string[] } {
    const out: string[] = [];
    const err: string[] = [];
    return { out, err, stdout: (s) => out.push(s), stderr: (s) => err.push(s), readStdin: async () => stdin, env: {} };
  }

  it('empty input is answered with a line saying there is nothing to diagnose', async () => {
    const cli = io('');
    expect(await runCli(['diagnose', '--offline', '-'], cli)).toBe(0);
    expect(cli.out.join('\n')).toContain('Nothing to diagnose: the paste is empty.');
  });

  it.each([
    ['1 MB of logs with an error', `${THROTTLING}\n${ONE_MB}`],
    ['binary', binaryText()],
  ])('%s gives valid --json (exit 0)', async (_name, stdin) => {
    const cli = io(stdin);
    expect(await runCli(['diagnose', '--json', '--offline', '-'], cli)).toBe(0);
    const parsed = JSON.parse(cli.out.join('\n')) as { isError: boolean; findings: Array<{ entry: string }> };
    expect(typeof parsed.isError).toBe('boolean');
  });

  it('an unknown command and an unknown flag are usage errors (exit 2)', async () => {
    expect(await runCli(['explode'], io(''))).toBe(2);
    expect(await runCli(['diagnose', '--frobnicate', 'x'], io(''))).toBe(2);
  });
});
