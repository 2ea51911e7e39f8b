import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import type { AiFallback } from '../../src/slack/ai.js';
import type { Answer } from '../../src/core/index.js';
import {
  ACCESS_DENIED,
  buttonsOf,
  click,
  slackEscape,
  slackStandIn,
  startApp,
  TEAM,
  THROTTLING,
  UNKNOWN_ERROR,
  userMessage,
  type RunningApp,
  type SlackStandIn,
} from './harness.js';

let app: RunningApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
  nock.cleanAll();
});

const NOW = new Date('2026-02-01T12:00:00Z');
const TIMESTAMP_EXPIRED =
  'An error occurred (TimestampOutOfBoundsException) when calling the BatchMeterUsage operation: Timestamp is out of bounds (RequestId: 1a2b3c4d-0000-4000-8000-00000000abcd)';
const LEAKY_UNKNOWN =
  'An error occurred (SomeNewWeirdException) when calling the BatchMeterUsage operation: kaboom for 123456789012 aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY (RequestId: 0f0e0d0c-0000-4000-8000-000000000042)';

const aiAnswer: Answer = {
  entryId: 'ai-0123456789ab',
  title: 'SomeNewWeirdException from BatchMeterUsage',
  area: 'metering',
  severity: 'warning',
  retryable: false,
  source: 'llm',
  confidence: 0.5,
  occurrences: 1,
  facts: [{ key: 'code', label: 'Error code', value: 'SomeNewWeirdException' }],
  what: 'The service rejected the call with an error it does not document.',
  why: ['A new validation rule.'],
  fix: ['Open a support case with the request ID.'],
  docs: [
    {
      title: 'BatchMeterUsage',
      url: 'https://docs.aws.amazon.com/marketplacemetering/latest/APIReference/API_BatchMeterUsage.html',
    },
  ],
  actions: [],
};
const ai: AiFallback = { diagnoseUnknown: async () => ({ answers: [aiAnswer] }) };

/** Pastes `text` and waits until MeterDoc has answered it and recorded what it saw. */
async function answer(slack: SlackStandIn, running: RunningApp, text: string, ts: string) {
  const answered = () => running.logs.filter((l) => l.msg === 'answered a pasted error').length;
  const before = answered();
  await running.postEvent(userMessage(slackEscape(text), { ts }));
  await slack.waitFor(() => answered() > before);
  await running.meterdoc.services.insights!.flush();
}

function viewOf(call: { body: Record<string, unknown> }): {
  callback_id?: string;
  private_metadata?: string;
  blocks: Array<Record<string, unknown>>;
  title?: { text: string };
} {
  const view = call.body.view;
  return (typeof view === 'string' ? JSON.parse(view) : view) as never;
}

function viewSubmission(
  callbackId: string,
  privateMetadata: string,
  values: Record<string, Record<string, { type: string; value: string | null }>>,
  user = 'U0BOB',
) {
  return {
    type: 'view_submission',
    team: { id: TEAM, domain: 'acme' },
    user: { id: user, username: 'bob', name: 'bob', team_id: TEAM },
    api_app_id: 'A0METERDOC',
    token: 'legacy-verification-token',
    trigger_id: '1111.4444.submit',
    view: {
      id: 'V0REASON1',
      team_id: TEAM,
      type: 'modal',
      callback_id: callbackId,
      private_metadata: privateMetadata,
      state: { values },
      hash: '1700000400.abcdef',
      title: { type: 'plain_text', text: 'What was wrong?' },
      blocks: [],
      root_view_id: 'V0REASON1',
      app_id: 'A0METERDOC',
      bot_id: 'BMETERDOC',
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

describe('Metering health on App Home', () => {
  it('heads the Home tab with this workspace’s last 24 h and 7 d, unresolved blockers and unknown errors', async () => {
    const slack = slackStandIn();
    app = await startApp({ deps: { now: () => NOW, ai } });
    await answer(slack, app, THROTTLING, '1700000100.000100');
    await answer(slack, app, TIMESTAMP_EXPIRED, '1700000110.000100');
    await answer(slack, app, UNKNOWN_ERROR, '1700000120.000100');

    await app.postEvent({
      type: 'app_home_opened',
      user: 'U0ALICE',
      channel: 'D0DIRECT1',
      tab: 'home',
      event_ts: '1700000190.000100',
    });
    await slack.waitFor(() => slack.of('views.publish').length === 1);
    const view = viewOf(slack.of('views.publish')[0]!);
    const text = JSON.stringify(view.blocks);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect((view.blocks[0] as { text: { text: string } }).text.text).toBe('Metering health');
    expect(text).toContain('3 diagnoses');
    expect(text).toMatch(/1 blocker still unresolved/);
    expect(text).toContain('SomeNewWeirdException (BatchMeterUsage)');
    expect(text).toContain('<#C0CHANNEL1>');
    // The catalog still follows.
    expect(text).toContain('Ways to ask');
  });

  it('names a blocker answered in a DM as "a DM", never as a <#D…> channel link Slack cannot show', async () => {
    const slack = slackStandIn();
    app = await startApp({ deps: { now: () => NOW } });
    const answered = () => app!.logs.filter((l) => l.msg === 'answered a pasted error').length;
    await app.postEvent(
      userMessage(slackEscape(TIMESTAMP_EXPIRED), {
        ts: '1700000110.000100',
        channel: 'D0DIRECT1',
        channel_type: 'im',
      }),
    );
    await slack.waitFor(() => answered() === 1);
    await app.meterdoc.services.insights!.flush();
    await app.postEvent({
      type: 'app_home_opened',
      user: 'U0ALICE',
      channel: 'D0DIRECT1',
      tab: 'home',
      event_ts: '1700000190.000100',
    });
    await slack.waitFor(() => slack.of('views.publish').length === 1);
    const text = JSON.stringify(viewOf(slack.of('views.publish')[0]!).blocks);
    expect(text).toMatch(/1 blocker still unresolved/);
    expect(text).toContain('`metering-timestamp-out-of-bounds` in a DM,');
    expect(text).not.toContain('<#D');
  });

  it('says the week was quiet when nothing was diagnosed', async () => {
    const slack = slackStandIn();
    app = await startApp();
    await app.postEvent({
      type: 'app_home_opened',
      user: 'U0ALICE',
      channel: 'D0DIRECT1',
      tab: 'home',
      event_ts: '1700000191.000100',
    });
    await slack.waitFor(() => slack.of('views.publish').length === 1);
    expect(JSON.stringify(viewOf(slack.of('views.publish')[0]!).blocks)).toContain(
      'No metering errors were diagnosed in this workspace in the last 7 days',
    );
  });

  it('drops a blocker from the unresolved list once someone marks it helpful', async () => {
    const slack = slackStandIn();
    app = await startApp({ deps: { now: () => NOW } });
    await answer(slack, app, TIMESTAMP_EXPIRED, '1700000110.000100');
    await app.postInteraction(
      click(slack.of('chat.postMessage')[0]!, 'meterdoc_feedback_up', { ts: '1700000101.000200' }),
    );
    await slack.waitFor(() => slack.of('response_url').length === 1);
    const summary = await app.meterdoc.services.insights!.summary(TEAM);
    expect(summary.last24h.bySeverity.blocker).toBe(1);
    expect(summary.unresolved).toEqual([]);
    expect(summary.last24h.votes).toEqual({ up: 1, down: 0 });
  });
});

describe('👎 with a reason', () => {
  it('opens a small modal on the click and records the reason, redacted, on the answer’s gap', async () => {
    const slack = slackStandIn();
    app = await startApp({ deps: { now: () => NOW } });
    await answer(slack, app, THROTTLING, '1700000100.000100');
    const post = slack.of('chat.postMessage')[0]!;
    await app.postInteraction(click(post, 'meterdoc_feedback_down', { ts: '1700000101.000200' }));
    await slack.waitFor(() => slack.of('views.open').length === 1 && slack.of('response_url').length === 1);
    const open = slack.of('views.open')[0]!;
    expect(open.body.trigger_id).toBe('1111.3333.click');
    const modal = viewOf(open);
    expect(modal.callback_id).toBe('meterdoc_feedback_reason');
    const answerId = buttonsOf(post)[0]!.value;
    expect(modal.private_metadata).toBe(answerId);

    const res = await app.postInteraction(
      viewSubmission('meterdoc_feedback_reason', answerId, {
        reason: {
          reason_text: { type: 'plain_text_input', value: 'Not throttling: our key AKIAIOSFODNN7EXAMPLE was disabled' },
        },
      }),
    );
    expect(res.status).toBe(200);
    await app.waitForLog('👎 reason recorded');
    const [gap] = await app.meterdoc.services.insights!.listGaps();
    expect(gap).toMatchObject({ code: 'ThrottlingException', downvotes: 1, answeredWith: ['metering-throttling'] });
    expect(gap!.reasons.map((r) => r.text)).toEqual(['Not throttling: our key <ACCESS_KEY_1> was disabled']);
  });

  it('records the 👎 even when the modal is skipped, and ignores a submission for an unknown answer', async () => {
    const slack = slackStandIn();
    app = await startApp({ deps: { now: () => NOW } });
    await answer(slack, app, THROTTLING, '1700000100.000100');
    await app.postInteraction(
      click(slack.of('chat.postMessage')[0]!, 'meterdoc_feedback_down', { ts: '1700000101.000200' }),
    );
    await slack.waitFor(() => slack.of('views.open').length === 1);
    const res = await app.postInteraction(
      viewSubmission('meterdoc_feedback_reason', 'AAAAAAAAAAAAAAAA', {
        reason: { reason_text: { type: 'plain_text_input', value: 'forged' } },
      }),
    );
    expect(res.status).toBe(200);
    await app.waitForLog('👎 reason for an expired answer dropped');
    const [gap] = await app.meterdoc.services.insights!.listGaps();
    expect(gap).toMatchObject({ downvotes: 1, reasons: [] });
  });
});

describe('Copy for AWS Support', () => {
  it('is on every answer, AI answers included, and opens a modal with the case text', async () => {
    const slack = slackStandIn();
    app = await startApp({ deps: { now: () => NOW, ai } });
    await answer(slack, app, LEAKY_UNKNOWN, '1700000300.000100');
    const update = slack.of('chat.update')[0]!;
    expect(buttonsOf(update).map((b) => b.action_id)).toContain('meterdoc_support');

    await app.postInteraction(click(update, 'meterdoc_support', { ts: String(update.body.ts) }));
    await slack.waitFor(() => slack.of('views.open').length === 1);
    const modal = viewOf(slack.of('views.open')[0]!);
    expect(modal.title?.text).toBe('AWS Support case');
    const text = modal.blocks.map((b) => (b.text as { text?: string } | undefined)?.text ?? '').join('\n');
    expect(text).toContain('Error code: SomeNewWeirdException');
    expect(text).toContain('Operation: BatchMeterUsage');
    expect(text).toContain('Request IDs: 0f0e0d0c-0000-4000-8000-000000000042');
    expect(text).toContain('2026-02-01 12:00:00 UTC: error reported and diagnosed');
    expect(text).toContain('Diagnosis (AI-generated, not verified against AWS documentation)');
    expect(text).not.toContain('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    expect(text).not.toMatch(/https?:\/\//);
  });

  it('says what was already tried on the answer', async () => {
    const slack = slackStandIn();
    app = await startApp({ deps: { now: () => NOW } });
    await answer(slack, app, ACCESS_DENIED, '1700000400.000100');
    const post = slack.of('chat.postMessage')[0]!;
    const answerId = buttonsOf(post)[0]!.value;
    // What the retry and IAM-check handlers report when they finish (see src/actions).
    app.meterdoc.services.insights!.tried(answerId, {
      kind: 'iam-check',
      at: '2026-02-01T12:03:00.000Z',
      result: 'partial',
      summary: '3 passed, 1 failed, 0 not checked',
      requestIds: ['iam-req-1'],
    });
    await app.postInteraction(click(post, 'meterdoc_support', { ts: '1700000101.000200' }));
    await slack.waitFor(() => slack.of('views.open').length === 1);
    const text = JSON.stringify(viewOf(slack.of('views.open')[0]!).blocks);
    expect(text).toContain(
      '2026-02-01 12:03:00 UTC: IAM permission check (policy simulation): partial. 3 passed, 1 failed, 0 not checked. AWS request ID: iam-req-1.',
    );
    expect(text).toContain('Denied IAM action: aws-marketplace:MeterUsage');
    // The account is what AWS Support needs to find the call: it is kept.
    expect(text).toContain('arn:aws:sts::123456789012:assumed-role/meter-role');
  });
});

describe('/meterdoc gaps', () => {
  const env = { METERDOC_ALLOWED_USERS: 'U0ALICE' };

  it('lists the gaps, most frequent first, with a redacted example and a draft entry, for allowed users', async () => {
    const slack = slackStandIn();
    app = await startApp({ env, deps: { now: () => NOW } });
    await answer(slack, app, LEAKY_UNKNOWN, '1700000500.000100');
    await answer(slack, app, LEAKY_UNKNOWN.replace('0f0e0d0c', '0a0b0c0d'), '1700000510.000100');
    await answer(
      slack,
      app,
      'An error occurred (AnotherStrangeFault) when calling the MeterUsage operation: flux',
      '1700000520.000100',
    );

    await app.postCommand({ text: 'gaps', user_id: 'U0ALICE' });
    await slack.waitFor(() => slack.of('response_url').length === 1);
    const reply = slack.of('response_url')[0]!;
    const blocks = reply.body.blocks as Array<{ text?: { text: string } }>;
    const text = blocks.map((b) => b.text?.text ?? '').join('\n');
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const b of blocks) expect((b.text?.text ?? '').length).toBeLessThanOrEqual(3000);
    expect(text.indexOf('SomeNewWeirdException')).toBeLessThan(text.indexOf('AnotherStrangeFault'));
    expect(text).toContain('*2×*');
    expect(text).toContain('some-new-weird-exception.yaml');
    expect(text).toContain('# DRAFT catalog entry');
    expect(text).not.toContain('123456789012');
    expect(text).not.toContain('wJalrXUtnFEMI');
  });

  it('refuses anyone not on the allowlist', async () => {
    const slack = slackStandIn();
    app = await startApp({ env });
    await app.postCommand({ text: 'gaps', user_id: 'U0MALLORY' });
    await slack.waitFor(() => slack.of('response_url').length === 1);
    expect(String(slack.of('response_url')[0]!.body.text)).toContain('for the people allowed to run MeterDoc actions');
  });
});
