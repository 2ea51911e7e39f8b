import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  ACCESS_DENIED,
  messageShortcut,
  slackEscape,
  startApp,
  THROTTLING,
  userMessage,
  type RunningApp,
} from '../slack/harness.js';
import { sample, scrape } from './helpers.js';

/**
 * Over capacity, the real app in HTTP mode: channel pastes beyond the work in flight wait in a
 * bounded queue and are shed (counted, logged) when it overflows, while whoever asks (a mention,
 * a slash command, a shortcut) is acked and answered. Every ack is written before any listener
 * work, so work that cannot finish never holds one back.
 *
 * The Web API stand-in holds chat.postMessage for the "busy" channels until the test lets go: the
 * pastes there stay in flight as long as the test wants, without any timing.
 */

interface Held {
  channel: string;
  release: () => void;
}

interface StandIn {
  held: Held[];
  posts: Array<Record<string, unknown>>;
  responses: Array<Record<string, unknown>>;
  /** Lets every held post through, and the ones still to come. */
  releaseAll(): void;
}

function busyStandIn(): StandIn {
  const held: Held[] = [];
  const posts: Array<Record<string, unknown>> = [];
  const responses: Array<Record<string, unknown>> = [];
  let ts = 1_700_000_500;
  let holding = true;
  nock('https://slack.com')
    .persist()
    .post(/^\/api\/[a-zA-Z.]+$/)
    .reply((uri, raw, callback) => {
      const body = Object.fromEntries(new URLSearchParams(String(raw)));
      const reply = () => callback(null, [200, { ok: true, channel: body.channel, ts: `${ts++}.000300` }]);
      if (uri.endsWith('/chat.postMessage')) {
        posts.push(body);
        if (holding && String(body.channel).startsWith('C0BUSY')) {
          held.push({ channel: String(body.channel), release: reply });
          return;
        }
      }
      reply();
    });
  nock('https://hooks.slack.com')
    .persist()
    .post(/.*/)
    .reply((_uri, raw) => {
      responses.push((typeof raw === 'string' ? JSON.parse(raw) : raw) as Record<string, unknown>);
      return [200, 'ok'];
    });
  return {
    held,
    posts,
    responses,
    releaseAll() {
      holding = false;
      for (const h of held.splice(0)) h.release();
    },
  };
}

async function until(predicate: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (predicate()) return;
    await new Promise((r) => setTimeout(r, 5));
  }
  throw new Error(`timed out waiting for ${what}`);
}

let app: RunningApp | undefined;
let slack: StandIn | undefined;
afterEach(async () => {
  slack?.releaseAll();
  await app?.stop();
  nock.cleanAll();
  app = undefined;
  slack = undefined;
});

const LIMITS = { METERDOC_MAX_IN_FLIGHT: '2', METERDOC_QUEUE_SIZE: '1', METERDOC_POST_INTERVAL_MS: '0' };

/** Two pastes in flight (their answers held at the Web API) and one waiting: the process is full. */
async function fillUp(running: RunningApp, standIn: StandIn): Promise<void> {
  for (const n of [1, 2]) {
    const res = await running.postEvent(userMessage(slackEscape(THROTTLING), { channel: `C0BUSY${n}` }), {
      eventId: `Ev0BUSY000${n}`,
    });
    // The ack came back while this paste's answer is still held: acks never wait for listener work.
    expect(res.status).toBe(200);
  }
  await until(() => standIn.held.length === 2, 'two answers held at the Web API');
  expect(
    (
      await running.postEvent(userMessage(slackEscape(ACCESS_DENIED), { channel: 'C0BUSY3' }), {
        eventId: 'Ev0BUSY0003',
      })
    ).status,
  ).toBe(200);
  await until(() => running.meterdoc.services.ops.admission.queued === 1, 'a paste waiting');
}

describe('overload protection', () => {
  it('sheds the oldest waiting channel paste when the queue overflows: counted, logged, never answered', async () => {
    slack = busyStandIn();
    app = await startApp({ env: LIMITS });
    await fillUp(app, slack);

    const res = await app.postEvent(userMessage(slackEscape(THROTTLING), { channel: 'C0BUSY4' }), {
      eventId: 'Ev0BUSY0004',
    });
    expect(res.status).toBe(200);
    const line = await app.waitForLog('passive paste shed: over capacity');
    expect(line).toMatchObject({
      level: 40,
      kind: 'message',
      event_id: 'Ev0BUSY0003',
      channel: 'C0BUSY3',
      reason: 'queue_full',
      in_flight: 2,
    });
    expect(await app.waitForLog('event handled', { event_id: 'Ev0BUSY0003' })).toMatchObject({
      outcome: 'shed',
      answers: 0,
    });
    expect(sample(await scrape(app.base), 'meterdoc_shed_total', { reason: 'queue_full' })).toBe(1);

    // Work frees up: the paste that waited is answered, the shed one never is.
    slack.releaseAll();
    await until(() => slack!.posts.some((p) => p.channel === 'C0BUSY4'), 'the queued paste answered');
    await app.waitForLog('event handled', { event_id: 'Ev0BUSY0004', outcome: 'answered' });
    expect(slack.posts.filter((p) => p.channel === 'C0BUSY3')).toHaveLength(0);
    expect(app.logs.filter((l) => l.msg === 'passive paste shed: over capacity')).toHaveLength(1);
  });

  it('acks and answers a mention, a DM, a slash command and a shortcut while channel pastes are being shed', async () => {
    slack = busyStandIn();
    app = await startApp({ env: LIMITS });
    await fillUp(app, slack);

    const mention = userMessage(`<@UMETERDOC> ${slackEscape(THROTTLING)}`, {
      type: 'app_mention',
      channel: 'C0ASKING',
    });
    expect((await app.postEvent(mention, { eventId: 'Ev0ASK00001' })).status).toBe(200);
    const dm = userMessage(slackEscape(ACCESS_DENIED), { channel: 'D0ALICE', channel_type: 'im' });
    expect((await app.postEvent(dm, { eventId: 'Ev0ASK00002' })).status).toBe(200);
    expect((await app.postCommand({ text: slackEscape(THROTTLING) })).status).toBe(200);
    expect(
      (
        await app.postInteraction(
          messageShortcut(userMessage(slackEscape(THROTTLING), { channel: 'C0ASKING2' }), 'C0ASKING2'),
        )
      ).status,
    ).toBe(200);
    // A channel paste arriving now is shed (the queue holds one, already taken).
    await app.postEvent(userMessage(slackEscape(THROTTLING), { channel: 'C0BUSY5' }), { eventId: 'Ev0BUSY0005' });

    await until(
      () => ['C0ASKING', 'D0ALICE', 'C0ASKING2'].every((c) => slack!.posts.some((p) => p.channel === c)),
      'the mention, the DM and the shortcut answered',
    );
    await until(
      () => slack!.responses.some((r) => JSON.stringify(r).includes('ThrottlingException')),
      'the slash command answered',
    );
    await app.waitForLog('passive paste shed: over capacity');
    expect(sample(await scrape(app.base), 'meterdoc_shed_total', { reason: 'queue_full' })).toBe(1);
    // Nothing explicit was held back: every one ran while both slots were taken by stuck pastes.
    expect(slack.held).toHaveLength(2);
  });
});
