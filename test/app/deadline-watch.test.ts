import nock from 'nock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { allSuccess, meteringReply, type Seen } from '../aws/fixtures.js';
import { AWS_ENV } from '../robustness/helpers.js';
import {
  blocksOf,
  buttonsOf,
  click,
  slackEscape,
  slackStandIn,
  startApp,
  TEAM,
  THROTTLING,
  userMessage,
  type RunningApp,
  type SlackCall,
  type SlackStandIn,
} from '../slack/harness.js';

/**
 * The deadline watch in the composed app (AWS actions on, as `npm start` runs it), with the clock
 * injected: the test moves it and calls the scheduler's tick, no real timer runs.
 */

let app: RunningApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
  nock.cleanAll();
  vi.unstubAllEnvs();
});

const T0 = new Date('2026-11-23T14:00:00Z');
// One record past BatchMeterUsage's 24 hours, two inside it: deadlines 04:00 and 06:00 tomorrow (UTC).
const PASTE = `${THROTTLING}
request: {"ProductCode":"prod-abc123","UsageRecords":[
 {"Timestamp":"2026-11-22T09:00:00Z","Dimension":"api_calls","Quantity":900,"CustomerIdentifier":"cust-7Hq2xK"},
 {"Timestamp":"2026-11-23T04:00:00Z","Dimension":"api_calls","Quantity":120,"CustomerIdentifier":"cust-7Hq2xK"},
 {"Timestamp":"2026-11-23T06:00:00Z","Dimension":"storage_gb","Quantity":40,"CustomerIdentifier":"cust-7Hq2xK"}]}`;
const PASTE_TS = '1763906400.000100';
const DEADLINE_TOKEN = `<!date^${Date.parse('2026-11-24T04:00:00Z') / 1000}^`;

function clock() {
  let now = T0;
  return { now: () => now, at: (iso: string) => (now = new Date(iso)) };
}

async function composed(time: ReturnType<typeof clock>): Promise<RunningApp> {
  for (const [k, v] of Object.entries(AWS_ENV)) vi.stubEnv(k, v);
  return startApp({ env: AWS_ENV, deps: { now: time.now } });
}

/** Pastes the batch in a channel and waits for the answer; returns it. */
async function pasteBatch(running: RunningApp, slack: SlackStandIn): Promise<SlackCall> {
  await running.postEvent(userMessage(slackEscape(PASTE), { ts: PASTE_TS }));
  await slack.waitFor(() => slack.of('chat.postMessage').length === 1);
  await running.waitForLog('usage records on deadline watch');
  return slack.of('chat.postMessage')[0]!;
}

/** Messages MeterDoc posted after the answer (reminders, lost records, notes), as their text. */
function watchPosts(slack: SlackStandIn): SlackCall[] {
  return slack.of('chat.postMessage').slice(1);
}

const textOf = (call: SlackCall) => JSON.stringify(blocksOf(call));

function viewSubmission(
  callbackId: string,
  privateMetadata: string,
  values: Record<string, Record<string, { type: string; value: string | null }>>,
  user: string,
) {
  return {
    type: 'view_submission',
    team: { id: TEAM, domain: 'acme' },
    user: { id: user, username: user.toLowerCase(), name: user.toLowerCase(), team_id: TEAM },
    api_app_id: 'A0METERDOC',
    token: 'legacy-verification-token',
    trigger_id: '1111.5555.submit',
    view: {
      id: 'V0WATCH01',
      type: 'modal',
      callback_id: callbackId,
      private_metadata: privateMetadata,
      state: { values },
      hash: '1700000400.abcdef',
    },
    response_urls: [],
  };
}

function viewOpened(
  slack: SlackStandIn,
  index: number,
): { callback_id: string; private_metadata: string; blocks: unknown[] } {
  const view = slack.of('views.open')[index]!.body.view;
  return (typeof view === 'string' ? JSON.parse(view) : view) as never;
}

describe('the deadline watch in the app', () => {
  it('a paste with three records, one past its window, creates one watch with two records; both reminders fire once at their times; expiry posts the lost records and App Home counts them', async () => {
    const slack = slackStandIn();
    const time = clock();
    app = await composed(time);
    const answer = await pasteBatch(app, slack);
    const answerId = buttonsOf(answer).find((b) => b.action_id === 'meterdoc_retry')!.value;
    const watch = await app.meterdoc.watch.registry.forAnswer(answerId);
    expect(watch!.state.records.map((r) => [r.dimension, r.quantity, r.deadline])).toEqual([
      ['api_calls', 120, '2026-11-24T04:00:00.000Z'],
      ['storage_gb', 40, '2026-11-24T06:00:00.000Z'],
    ]);
    expect(watch!.place).toEqual({ kind: 'thread', channelId: 'C0CHANNEL1', threadTs: PASTE_TS });

    // 14 hours to the earliest deadline: half of them have passed at 21:00, two hours are left at 02:00.
    for (const [iso, posts] of [
      ['2026-11-23T20:59:00Z', 0],
      ['2026-11-23T21:00:00Z', 1],
      ['2026-11-23T23:30:00Z', 1],
      ['2026-11-24T02:00:00Z', 2],
      ['2026-11-24T03:59:00Z', 2],
    ] as const) {
      time.at(iso);
      await app.meterdoc.watch.tick();
      expect(watchPosts(slack), iso).toHaveLength(posts);
    }
    const [half, late] = watchPosts(slack);
    for (const reminder of [half!, late!]) {
      expect(reminder.body).toMatchObject({ channel: 'C0CHANNEL1', thread_ts: PASTE_TS });
      expect(textOf(reminder)).toContain(`*2 usage records can still be billed until ${DEADLINE_TOKEN}`);
      expect(textOf(reminder)).toContain('*At risk:* `api_calls` 120 units, `storage_gb` 40 units');
      expect(buttonsOf(reminder)).toEqual([
        {
          ...buttonsOf(answer).find((b) => b.action_id === 'meterdoc_retry'),
          action_id: 'meterdoc_retry',
          value: answerId,
        },
        expect.objectContaining({ action_id: 'meterdoc_wont_bill', value: answerId }),
      ]);
    }
    expect(textOf(half!)).toContain('50% of the time left has passed');
    expect(textOf(late!)).toContain('2h before the deadline');

    // App Home lists the open watch before its deadline.
    await app.postEvent({
      type: 'app_home_opened',
      user: 'U0ALICE',
      channel: 'D0DIRECT1',
      tab: 'home',
      event_ts: '1700000190.000100',
    });
    await slack.waitFor(() => slack.of('views.publish').length === 1);
    expect(JSON.stringify(slack.of('views.publish')[0]!.body.view)).toContain('1 batch on deadline watch');

    time.at('2026-11-24T04:00:00Z');
    await app.meterdoc.watch.tick();
    time.at('2026-11-24T06:00:00Z');
    await app.meterdoc.watch.tick();
    await app.meterdoc.watch.tick();
    const [firstLoss, lastLoss] = watchPosts(slack).slice(2);
    expect(watchPosts(slack)).toHaveLength(4);
    expect(textOf(firstLoss!)).toContain(
      '*1 usage record was not resent in time and can no longer be billed:* `api_calls` 120 units.',
    );
    expect(textOf(firstLoss!)).toContain('1 record can still be billed until');
    expect(textOf(lastLoss!)).toContain(
      '*1 usage record was not resent in time and can no longer be billed:* `storage_gb` 40 units.',
    );
    expect(textOf(lastLoss!)).toContain('MeterDoc has stopped watching this batch.');
    expect(lastLoss!.body.thread_ts).toBe(PASTE_TS);

    await app.postEvent({
      type: 'app_home_opened',
      user: 'U0ALICE',
      channel: 'D0DIRECT1',
      tab: 'home',
      event_ts: '1700000191.000100',
    });
    await slack.waitFor(() => slack.of('views.publish').length === 2);
    const home = JSON.stringify(slack.of('views.publish')[1]!.body.view);
    expect(home).toContain('Lost revenue');
    expect(home).toContain('Last 24 hours: `api_calls` 120 units, `storage_gb` 40 units');
    expect(home).not.toContain('on deadline watch');
  });

  it('a successful retry from the reminder ends the watch: no reminder follows, and the answer (not the reminder) shows who retried', async () => {
    const slack = slackStandIn();
    const time = clock();
    app = await composed(time);
    const answer = await pasteBatch(app, slack);
    time.at('2026-11-23T21:00:00Z');
    await app.meterdoc.watch.tick();
    const reminder = watchPosts(slack)[0]!;

    const seen: Seen = { bodies: [], targets: [] };
    meteringReply(seen, (b) => allSuccess(b) as [number, unknown]);
    time.at('2026-11-23T22:00:00Z');
    const clickPayload = click(reminder, 'meterdoc_retry', { ts: String(reminder.response!.ts) });
    await app.postInteraction(clickPayload);
    await slack.waitFor(() => slack.of('views.open').length === 1);
    const confirm = viewOpened(slack, 0);
    expect(confirm.callback_id).toBe('meterdoc_retry_confirm');
    await app.postInteraction(viewSubmission(confirm.callback_id, confirm.private_metadata, {}, 'U0BOB'));
    await slack.waitFor(() => slack.of('chat.update').length === 1, 5000);
    await app.waitForLog('event handled', { kind: 'view' });

    expect((seen.bodies[0] as { UsageRecords: unknown[] }).UsageRecords).toHaveLength(2);
    // The answer message is updated in place; the reminder stays as it was.
    expect(slack.of('chat.update')[0]!.body.ts).toBe(answer.response!.ts);
    const watch = await app.meterdoc.watch.registry.forAnswer(buttonsOf(answer)[0]!.value);
    expect(watch!.state).toMatchObject({ status: 'resent', endedAt: '2026-11-23T22:00:00.000Z' });

    const before = slack.of('chat.postMessage').length;
    for (const iso of ['2026-11-24T02:00:00Z', '2026-11-24T04:00:00Z', '2026-11-24T07:00:00Z']) {
      time.at(iso);
      await app.meterdoc.watch.tick();
    }
    expect(slack.of('chat.postMessage')).toHaveLength(before);
  });

  it('a partial retry from the reminder keeps Retry on the answer and on the next reminder, which resends only the unbilled record', async () => {
    const slack = slackStandIn();
    const time = clock();
    app = await composed(time);
    const answer = await pasteBatch(app, slack);
    const answerId = buttonsOf(answer).find((b) => b.action_id === 'meterdoc_retry')!.value;
    time.at('2026-11-23T21:00:00Z');
    await app.meterdoc.watch.tick();
    const reminder = watchPosts(slack)[0]!;

    // AWS bills api_calls and leaves storage_gb unprocessed.
    const seen: Seen = { bodies: [], targets: [] };
    meteringReply(seen, (b) => [
      200,
      {
        Results: b.UsageRecords.filter((r) => r.Dimension === 'api_calls').map((r) => ({
          UsageRecord: r,
          MeteringRecordId: 'mr-api-calls',
          Status: 'Success',
        })),
        UnprocessedRecords: b.UsageRecords.filter((r) => r.Dimension === 'storage_gb'),
      },
    ]);
    time.at('2026-11-23T22:00:00Z');
    await app.postInteraction(click(reminder, 'meterdoc_retry', { ts: String(reminder.response!.ts) }));
    await slack.waitFor(() => slack.of('views.open').length === 1);
    const first = viewOpened(slack, 0);
    await app.postInteraction(viewSubmission(first.callback_id, first.private_metadata, {}, 'U0BOB'));
    await slack.waitFor(() => slack.of('chat.update').length === 1, 5000);
    await app.waitForLog('event handled', { kind: 'view' });

    // The answer keeps a Retry button, same action and payload, labelled for the rest.
    const updated = slack.of('chat.update')[0]!;
    expect(updated.body.ts).toBe(answer.response!.ts);
    expect(buttonsOf(updated).find((b) => b.action_id === 'meterdoc_retry')).toMatchObject({
      value: answerId,
      text: { text: ':repeat: Retry 1 unbilled' },
    });
    expect((await app.meterdoc.watch.registry.forAnswer(answerId))!.state.status).toBe('open');
    // "Full diagnosis" redraws the answer with its status line and the relabelled Retry button.
    await app.postInteraction(click(updated, 'meterdoc_expand', { ts: String(answer.response!.ts) }));
    await slack.waitFor(() => slack.of('chat.update').length === 2, 5000);
    const expanded = slack.of('chat.update')[1]!;
    expect(JSON.stringify(blocksOf(expanded))).toContain('1 of 3 records billed');
    expect(buttonsOf(expanded).find((b) => b.action_id === 'meterdoc_retry')).toMatchObject({
      value: answerId,
      text: { text: ':repeat: Retry 1 unbilled' },
    });

    // The next reminder still offers Retry; clicking it lists storage_gb only and sends only it.
    time.at('2026-11-24T02:00:00Z');
    await app.meterdoc.watch.tick();
    const next = watchPosts(slack).at(-1)!;
    expect(next).not.toBe(reminder);
    expect(buttonsOf(next).map((b) => b.action_id)).toContain('meterdoc_retry');
    meteringReply(seen, (b) => allSuccess(b) as [number, unknown]);
    await app.postInteraction(click(next, 'meterdoc_retry', { ts: String(next.response!.ts) }));
    await slack.waitFor(() => slack.of('views.open').length === 2);
    const rest = viewOpened(slack, 1);
    const listed = JSON.stringify(rest.blocks);
    expect(listed).toContain('Already billed:* 1 of 3 records (#2)');
    expect(listed).toContain('storage_gb · quantity 40');
    expect(listed).not.toContain('api_calls · quantity 120');
    await app.postInteraction(viewSubmission(rest.callback_id, rest.private_metadata, {}, 'U0BOB'));
    await slack.waitFor(() => slack.of('chat.update').length === 3, 5000);

    expect(seen.bodies).toHaveLength(2);
    expect((seen.bodies[1] as { UsageRecords: Array<Record<string, unknown>> }).UsageRecords).toEqual([
      {
        Timestamp: Date.parse('2026-11-23T06:00:00Z') / 1000,
        Dimension: 'storage_gb',
        Quantity: 40,
        CustomerIdentifier: 'cust-7Hq2xK',
      },
    ]);
    expect(buttonsOf(slack.of('chat.update')[2]!).map((b) => b.action_id)).not.toContain('meterdoc_retry');
    expect((await app.meterdoc.watch.registry.forAnswer(answerId))!.state.status).toBe('resent');
  });

  it('"Won\'t bill" is for allowed users only, asks why, ends the watch and is audited', async () => {
    const slack = slackStandIn();
    const time = clock();
    app = await composed(time);
    await pasteBatch(app, slack);
    time.at('2026-11-23T21:00:00Z');
    await app.meterdoc.watch.tick();
    const reminder = watchPosts(slack)[0]!;

    // Not on METERDOC_ALLOWED_USERS: refused, no dialog, the refusal audited.
    await app.postInteraction(
      click(reminder, 'meterdoc_wont_bill', { ts: String(reminder.response!.ts), user: 'U0MALLORY' }),
    );
    await slack.waitFor(() => slack.of('response_url').length === 1);
    expect(JSON.stringify(slack.of('response_url')[0]!.body)).toContain('You are not allowed');
    expect(slack.of('views.open')).toHaveLength(0);

    await app.postInteraction(
      click(reminder, 'meterdoc_wont_bill', { ts: String(reminder.response!.ts), user: 'U0BOB' }),
    );
    await slack.waitFor(() => slack.of('views.open').length === 1);
    const view = viewOpened(slack, 0);
    expect(view.callback_id).toBe('meterdoc_wont_bill_reason');
    expect(JSON.stringify(view.blocks)).toContain('2 usage records (`api_calls` 120 units, `storage_gb` 40 units)');

    const reason = { reason: { reason_text: { type: 'plain_text_input', value: 'credited on the December invoice' } } };
    const res = await app.postInteraction(viewSubmission(view.callback_id, view.private_metadata, reason, 'U0BOB'));
    expect(res.status).toBe(200);
    await slack.waitFor(() => watchPosts(slack).length === 2);
    const note = watchPosts(slack)[1]!;
    expect(note.body.thread_ts).toBe(PASTE_TS);
    expect(textOf(note)).toContain(
      "<@U0BOB> marked 2 usage records (`api_calls` 120 units, `storage_gb` 40 units) as *Won't bill*: credited on the December invoice.",
    );

    const audit = await app.meterdoc.services.store.namespace<string[]>('audit-index').get('_recent');
    const entries = await Promise.all(
      audit!.map((id) => app!.meterdoc.services.store.namespace<Record<string, unknown>>('audit').get(id)),
    );
    expect(entries.map((e) => [e!.action, e!.actor, e!.result])).toEqual([
      ['wont-bill', 'U0BOB', 'ok'],
      ['wont-bill', 'U0MALLORY', 'refused'],
    ]);
    expect(entries[0]).toMatchObject({
      summary: '2 records not to be billed (api_calls 120, storage_gb 40): credited on the December invoice',
      sent: [
        '2026-11-23T04:00:00.000Z api_calls 120 cust-7Hq2xK',
        '2026-11-23T06:00:00.000Z storage_gb 40 cust-7Hq2xK',
      ],
      channelId: 'C0CHANNEL1',
    });

    for (const iso of ['2026-11-24T02:00:00Z', '2026-11-24T07:00:00Z']) {
      time.at(iso);
      await app.meterdoc.watch.tick();
    }
    expect(watchPosts(slack)).toHaveLength(2);
    expect((await app.meterdoc.watch.summary(TEAM)).lost24h).toEqual([]);
  });

  it('"Won\'t bill" only works from the workspace the answer was posted in, even for an allowed user', async () => {
    const slack = slackStandIn();
    const time = clock();
    app = await composed(time);
    await pasteBatch(app, slack);
    time.at('2026-11-23T21:00:00Z');
    await app.meterdoc.watch.tick();
    const reminder = watchPosts(slack)[0]!;
    const elsewhere = { team: { id: 'T0OTHERWS', domain: 'other' } };

    const fromOther = click(reminder, 'meterdoc_wont_bill', { ts: String(reminder.response!.ts), user: 'U0BOB' });
    await app.postInteraction({ ...fromOther, ...elsewhere, user: { ...fromOther.user, team_id: 'T0OTHERWS' } });
    await slack.waitFor(() => slack.of('response_url').length === 1);
    expect(JSON.stringify(slack.of('response_url')[0]!.body)).toContain('belong to another Slack workspace');
    expect(slack.of('views.open')).toHaveLength(0);

    // A submission forged with the watch's id from the other workspace changes nothing either.
    const watch = (await app.meterdoc.watch.registry.open(TEAM))[0]!;
    const reason = { reason: { reason_text: { type: 'plain_text_input', value: 'credited on the December invoice' } } };
    const submission = viewSubmission('meterdoc_wont_bill_reason', watch.id, reason, 'U0BOB');
    await app.postInteraction({ ...submission, ...elsewhere, user: { ...submission.user, team_id: 'T0OTHERWS' } });
    await slack.waitFor(() => slack.of('chat.postMessage').some((c) => c.body.channel === 'U0BOB'));
    expect((await app.meterdoc.watch.registry.get(watch.id))!.state.status).toBe('open');

    const audit = await app.meterdoc.services.store.namespace<string[]>('audit-index').get('_recent');
    const entries = await Promise.all(
      audit!.map((id) => app!.meterdoc.services.store.namespace<Record<string, unknown>>('audit').get(id)),
    );
    expect(entries.map((e) => [e!.action, e!.actor, e!.result, e!.summary])).toEqual([
      ['wont-bill', 'U0BOB', 'refused', "clicked from workspace T0OTHERWS, not the answer's"],
      ['wont-bill', 'U0BOB', 'refused', "clicked from workspace T0OTHERWS, not the answer's"],
    ]);
  });

  it('an ephemeral answer (the slash command) is watched in a DM to whoever asked', async () => {
    const slack = slackStandIn();
    const time = clock();
    app = await composed(time);
    await app.postCommand({ text: PASTE, user_id: 'U0ALICE' });
    await app.waitForLog('usage records on deadline watch');
    const [open] = await app.meterdoc.watch.registry.open(TEAM);
    expect(open!.place).toEqual({ kind: 'dm', userId: 'U0ALICE' });
    time.at('2026-11-23T21:00:00Z');
    await app.meterdoc.watch.tick();
    const [reminder] = slack.of('chat.postMessage');
    expect(reminder!.body.channel).toBe('U0ALICE');
    expect(reminder!.body.thread_ts).toBeUndefined();
    expect(textOf(reminder!)).toContain('*2 usage records can still be billed until');
  });

  it('a paste in a DM with the app is watched in that DM, under the answer', async () => {
    const slack = slackStandIn();
    const time = clock();
    app = await composed(time);
    await app.postEvent(userMessage(slackEscape(PASTE), { channel: 'D0DIRECT1', channel_type: 'im', ts: PASTE_TS }));
    await slack.waitFor(() => slack.of('chat.postMessage').length === 1);
    await app.waitForLog('usage records on deadline watch');
    const answer = slack.of('chat.postMessage')[0]!;
    expect(answer.body.channel).toBe('D0DIRECT1');
    time.at('2026-11-23T21:00:00Z');
    await app.meterdoc.watch.tick();
    const reminder = watchPosts(slack)[0]!;
    expect(reminder.body).toMatchObject({
      channel: 'D0DIRECT1',
      thread_ts: answer.body.thread_ts ?? String(answer.response!.ts),
    });
    expect(textOf(reminder)).toContain('*At risk:* `api_calls` 120 units, `storage_gb` 40 units');
  });

  it('a pasted response is watched for the records AWS did not record, not for those it accepted', async () => {
    const _slack = slackStandIn();
    app = await composed(clock());
    const result = (customer: string, Status: string) => ({
      UsageRecord: { Timestamp: '2026-11-23T10:00:00Z', CustomerIdentifier: customer, Dimension: 'seats', Quantity: 4 },
      ...(Status === 'Success' ? { MeteringRecordId: 'mr-1' } : {}),
      Status,
    });
    const response = JSON.stringify(
      {
        Results: [result('cust-left', 'CustomerNotSubscribed'), result('cust-paid', 'Success')],
        UnprocessedRecords: [],
      },
      null,
      2,
    );
    await app.postEvent(userMessage(slackEscape(response), { ts: PASTE_TS }));
    await app.waitForLog('usage records on deadline watch');
    const [open] = await app.meterdoc.watch.registry.open(TEAM);
    const watch = await app.meterdoc.watch.registry.get(open!.id);
    expect(watch!.state.records.map((r) => r.customer)).toEqual(['cust-left']);
  });

  it('an empty reason is sent back to the dialog', async () => {
    const slack = slackStandIn();
    app = await composed(clock());
    await pasteBatch(app, slack);
    const watch = (await app.meterdoc.watch.registry.open(TEAM))[0]!;
    const res = await app.postInteraction(
      viewSubmission(
        'meterdoc_wont_bill_reason',
        watch.id,
        { reason: { reason_text: { type: 'plain_text_input', value: '  ' } } },
        'U0BOB',
      ),
    );
    expect(await res.json()).toEqual({
      response_action: 'errors',
      errors: { reason: 'Say in a few words why these records will not be billed.' },
    });
    expect((await app.meterdoc.watch.registry.get(watch.id))!.state.status).toBe('open');
  });
});
