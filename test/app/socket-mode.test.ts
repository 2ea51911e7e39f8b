import { afterEach, describe, expect, it } from 'vitest';
import {
  click,
  eventCallback,
  headerOf,
  slackEscape,
  THROTTLING,
  userMessage,
  type SlackCall,
} from '../slack/harness.js';
import { IDENTITY, startSlackStandIn, TEAM, type ApiCall, type SlackStandIn } from '../support/slack-stand-in.js';
import { startSocketApp, type SocketApp } from './socket-harness.js';

/**
 * Socket Mode, the README's default, end to end: Slack (a loopback stand-in speaking the Socket
 * Mode protocol) hands out a WebSocket URL, says hello, and sends events, slash commands and
 * clicks as envelopes; each must be acked with its envelope_id within 3 s, and answered once,
 * including across a `disconnect` message and a connection that drops.
 */

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

let counter = 0;
function socketEvent(
  event: Record<string, unknown>,
  eventId = `Ev0SOCK${String(++counter).padStart(5, '0')}`,
): Record<string, unknown> {
  return eventCallback(event, eventId, { team: TEAM, botUserId: IDENTITY.user_id });
}

async function start(
  env: Record<string, string> = {},
  prepare: (slack: SlackStandIn) => void = () => undefined,
): Promise<{ slack: SlackStandIn; app: SocketApp }> {
  const slack = await startSlackStandIn();
  cleanup.push(() => slack.close());
  prepare(slack);
  const app = await startSocketApp(slack, { env });
  cleanup.push(() => app.stop());
  await slack.socket.connected(1);
  return { slack, app };
}

const answersIn = (slack: SlackStandIn, threadTs: string) =>
  slack.of('chat.postMessage').filter((c) => c.body.thread_ts === threadTs);
const asHarnessCall = (call: ApiCall): SlackCall => ({ method: call.method, body: call.body, headers: {} });

describe('Socket Mode end to end', () => {
  it('acks a pasted error within 3 s and answers it in its thread', async () => {
    const { slack } = await start();
    const message = userMessage(slackEscape(THROTTLING), { ts: '1700000100.000100' });
    const ack = await slack.socket.send('events_api', socketEvent(message), { envelopeId: 'env-message-1' });
    expect(ack.envelopeId).toBe('env-message-1');
    await slack.waitFor(() => answersIn(slack, '1700000100.000100').length === 1);
    expect(headerOf(asHarnessCall(answersIn(slack, '1700000100.000100')[0]!))).toBe(
      ':large_orange_circle: Metering Service throttled the call',
    );
  });

  it('answers an @mention, and /meterdoc through its response_url', async () => {
    const { slack } = await start();
    const mention = {
      type: 'app_mention',
      user: 'U0ALICE',
      text: `<@${IDENTITY.user_id}> ${slackEscape(THROTTLING)}`,
      ts: '1700000110.000100',
      channel: 'C0CHANNEL1',
      event_ts: '1700000110.000100',
      team: TEAM,
    };
    await slack.socket.send('events_api', socketEvent(mention));
    await slack.waitFor(() => answersIn(slack, '1700000110.000100').length === 1);

    const command = {
      token: 'legacy-verification-token',
      team_id: TEAM,
      team_domain: 'acme',
      channel_id: 'C0CHANNEL1',
      channel_name: 'metering-alerts',
      user_id: 'U0ALICE',
      user_name: 'alice',
      command: '/meterdoc',
      text: 'ThrottlingException',
      api_app_id: 'A0METERDOC',
      is_enterprise_install: 'false',
      response_url: slack.responseUrl('commands'),
      trigger_id: '1111.2222.abcd',
    };
    const ack = await slack.socket.send('slash_commands', command);
    expect(ack.ms).toBeLessThan(3000);
    await slack.waitFor(() => slack.of('response_url').some((c) => JSON.stringify(c.body).includes('Throttling')));
  });

  it('acks a click on an answer and handles it; a click from another workspace is refused', async () => {
    const { slack, app } = await start();
    await slack.socket.send(
      'events_api',
      socketEvent(userMessage(slackEscape(THROTTLING), { ts: '1700000120.000100' })),
    );
    await slack.waitFor(() => answersIn(slack, '1700000120.000100').length === 1);
    const answer = asHarnessCall(answersIn(slack, '1700000120.000100')[0]!);

    const vote = {
      ...click(answer, 'meterdoc_feedback_up', { ts: '1700000121.000200' }),
      response_url: slack.responseUrl('actions'),
    };
    await slack.socket.send('interactive', vote);
    await app.waitForLog('event handled', { kind: 'action', action: 'meterdoc_feedback_up', outcome: 'handled' });

    const foreign = {
      ...vote,
      team: { id: 'T0OTHER99', domain: 'elsewhere' },
      user: { ...(vote.user as object), team_id: 'T0OTHER99' },
      response_url: slack.responseUrl('actions'),
    };
    await slack.socket.send('interactive', foreign);
    await app.waitForLog('click refused: the answer belongs to another workspace', {
      answer_team: TEAM,
      click_team: 'T0OTHER99',
    });
    await slack.waitFor(() =>
      slack.of('response_url').some((c) => JSON.stringify(c.body).includes('another Slack workspace')),
    );
    await app.waitForLog('event handled', { kind: 'action', action: 'meterdoc_feedback_up', outcome: 'refused' });
  });

  it('reconnects after a disconnect message and answers on the new connection', async () => {
    const { slack } = await start();
    slack.socket.disconnect('refresh_requested');
    await slack.socket.connected(2);
    expect(slack.of('apps.connections.open')).toHaveLength(2);
    const ack = await slack.socket.send(
      'events_api',
      socketEvent(userMessage(slackEscape(THROTTLING), { ts: '1700000130.000100' })),
    );
    expect(ack.ms).toBeLessThan(3000);
    await slack.waitFor(() => answersIn(slack, '1700000130.000100').length === 1);
  });

  it('answers once an event whose connection dropped before its ack, when Slack sends it again', async () => {
    const { slack, app } = await start();
    const body = socketEvent(userMessage(slackEscape(THROTTLING), { ts: '1700000140.000100' }), 'Ev0SOCKDROP1');
    // Sent, then the connection dies: Slack never sees an ack, so it redelivers on the next connection.
    slack.socket.sendAndDrop('events_api', body, 'env-drop-1');
    await slack.socket.connected(2);
    const ack = await slack.socket.send('events_api', body, { envelopeId: 'env-drop-1', retryAttempt: 1 });
    expect(ack.envelopeId).toBe('env-drop-1');
    // Whether or not the first delivery got to be handled before the drop, the answer is posted once.
    await slack.waitFor(() => answersIn(slack, '1700000140.000100').length === 1);
    await app.waitForLog('event handled', { event_id: 'Ev0SOCKDROP1' });
    await new Promise((r) => setTimeout(r, 300));
    expect(answersIn(slack, '1700000140.000100')).toHaveLength(1);
  });

  it('answers once an event Slack redelivers after the connection dropped with its ack in flight', async () => {
    const { slack, app } = await start();
    const body = socketEvent(userMessage(slackEscape(THROTTLING), { ts: '1700000150.000100' }), 'Ev0SOCKDROP2');
    await slack.socket.send('events_api', body, { envelopeId: 'env-drop-2' });
    await slack.waitFor(() => answersIn(slack, '1700000150.000100').length === 1);
    slack.socket.drop();
    await slack.socket.connected(2);
    // Slack did not count the ack (the connection died): the same event comes again, retry 1.
    await slack.socket.send('events_api', body, { envelopeId: 'env-drop-2b', retryAttempt: 1 });
    await app.waitForLog('event handled', { event_id: 'Ev0SOCKDROP2', outcome: 'duplicate' });
    expect(answersIn(slack, '1700000150.000100')).toHaveLength(1);
  });

  it('ends a hung chat.postMessage at METERDOC_SLACK_TIMEOUT_MS, counts it, and posts the answer once', async () => {
    const { slack, app } = await start({ METERDOC_SLACK_TIMEOUT_MS: '1000', METERDOC_SLACK_RETRIES: '2' }, (s) =>
      s.override('chat.postMessage', (_body, n) => (n === 1 ? { hang: true } : undefined)),
    );
    await slack.socket.send(
      'events_api',
      socketEvent(userMessage(slackEscape(THROTTLING), { ts: '1700000160.000100' })),
    );
    await slack.waitFor(() => answersIn(slack, '1700000160.000100').filter((c) => c.response).length === 1, 10_000);
    expect(answersIn(slack, '1700000160.000100')).toHaveLength(2);
    expect(
      slack.of('conversations.replies').filter((c) => c.body.ts === '1700000160.000100' && c.body.include_all_metadata),
    ).toHaveLength(1);
    await app.waitForLog('Slack post failed; trying again', { error: 'timeout' });
    const metrics = await (await fetch(`${app.health}/metrics`)).text();
    expect(metrics).toMatch(/meterdoc_slack_api_errors_total\{method="chat.postMessage",error="timeout"\} 1/);
  });

  it('does not post an answer twice when Slack accepted it and the connection dropped before the reply', async () => {
    const { slack, app } = await start({ METERDOC_SLACK_RETRIES: '2' }, (s) =>
      s.override('chat.postMessage', (body, n) =>
        n === 1
          ? {
              acceptThenDrop: {
                ok: true,
                channel: body.channel,
                ts: '1700000170.000900',
                message: {
                  type: 'message',
                  bot_id: IDENTITY.bot_id,
                  text: body.text,
                  ts: '1700000170.000900',
                  thread_ts: body.thread_ts,
                  metadata: body.metadata,
                },
              },
            }
          : undefined,
      ),
    );
    await slack.socket.send(
      'events_api',
      socketEvent(userMessage(slackEscape(THROTTLING), { ts: '1700000170.000100' }), 'Ev0SOCKLOST1'),
    );
    await app.waitForLog('event handled', { event_id: 'Ev0SOCKLOST1' }, 10_000);
    expect(answersIn(slack, '1700000170.000100')).toHaveLength(1);
    await app.waitForLog('Slack had accepted the post whose answer was lost: not posting it again');
  });
});
