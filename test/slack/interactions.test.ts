import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import type { ActionContext } from '../../src/slack/buttons/types.js';
import type { AiFallback } from '../../src/slack/ai.js';
import type { FeedbackRecord } from '../../src/slack/answer-store.js';
import type { Answer } from '../../src/core/index.js';
import {
  buttonsOf,
  click,
  headerOf,
  ME,
  slackEscape,
  slackStandIn,
  startApp,
  TEAM,
  THROTTLING,
  ACCESS_DENIED,
  UNKNOWN_ERROR,
  userMessage,
  type RunningApp,
  type SlackCall,
  type SlackStandIn,
} from './harness.js';
import { NAMESPACES } from '../../src/store/keys.js';

let app: RunningApp | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
  nock.cleanAll();
});

async function answeredThrottling(slack: SlackStandIn, running: RunningApp): Promise<SlackCall> {
  await running.postEvent(userMessage(slackEscape(THROTTLING), { ts: '1700000100.000100' }));
  await slack.waitFor(() => slack.of('chat.postMessage').length === 1);
  // The answer's message ts is stored right after the post returns.
  await running.waitForLog('answered a pasted error');
  return slack.of('chat.postMessage')[0]!;
}

describe('button clicks', () => {
  it('carry only an ID in the button value', async () => {
    const slack = slackStandIn();
    app = await startApp();
    const post = await answeredThrottling(slack, app);
    for (const b of buttonsOf(post)) expect(b.value).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  it('refuse Retry to a clicker when nobody is allowed (METERDOC_ALLOWED_USERS empty)', async () => {
    const slack = slackStandIn();
    app = await startApp();
    const post = await answeredThrottling(slack, app);
    const res = await app.postInteraction(click(post, 'meterdoc_retry', { ts: '1700000101.000200' }));
    expect(res.status).toBe(200);
    await slack.waitFor(() => slack.of('response_url').length === 1);
    const reply = slack.of('response_url')[0]!;
    expect(reply.body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(reply.body.text)).toContain('You are not allowed to run');
  });

  it('route to an injected handler with the stored payload, the thread and helpers that post there', async () => {
    const slack = slackStandIn();
    const seen: ActionContext[] = [];
    app = await startApp({
      deps: {
        standIns: {
          retry: async (ctx) => {
            seen.push(ctx);
            await ctx.postInThread({
              text: 'Retried 1 record',
              blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'Retried 1 record' } }],
            });
            await ctx.updateOriginal({
              text: 'done',
              blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'done' } }],
            });
          },
        },
      },
    });
    const post = await answeredThrottling(slack, app);
    await app.postInteraction(click(post, 'meterdoc_retry', { ts: '1700000101.000200' }));
    await slack.waitFor(() => slack.of('chat.update').length === 1);
    const ctx = seen[0]!;
    expect(ctx.kind).toBe('retry');
    expect(ctx.payload.answer.entryId).toBe('metering-throttling');
    expect(ctx.payload.facts.operation).toBe('BatchMeterUsage');
    expect(ctx.payload).toMatchObject({
      channelId: 'C0CHANNEL1',
      threadTs: '1700000100.000100',
      messageTs: expect.any(String),
      surface: 'message',
      pastedBy: 'U0ALICE',
    });
    expect(ctx).toMatchObject({
      user: { id: 'U0BOB' },
      channelId: 'C0CHANNEL1',
      messageTs: '1700000101.000200',
      threadTs: '1700000100.000100',
      isEphemeral: false,
    });
    expect(slack.of('chat.postMessage')[1]!.body).toMatchObject({
      channel: 'C0CHANNEL1',
      thread_ts: '1700000100.000100',
      text: 'Retried 1 record',
    });
    expect(slack.of('chat.update')[0]!.body).toMatchObject({
      channel: 'C0CHANNEL1',
      ts: '1700000101.000200',
      text: 'done',
    });
  });

  it('report a failing handler to the clicker and keep serving', async () => {
    const slack = slackStandIn();
    app = await startApp({
      deps: { standIns: { iamCheck: async () => Promise.reject(new Error('STS unreachable')) } },
    });
    await app.postEvent(userMessage(slackEscape(ACCESS_DENIED)));
    await slack.waitFor(() => slack.of('chat.postMessage').length === 1);
    await app.waitForLog('answered a pasted error');
    await app.postInteraction(
      click(slack.of('chat.postMessage')[0]!, 'meterdoc_iam_check', { ts: '1700000101.000300' }),
    );
    await slack.waitFor(() => slack.of('response_url').length === 1);
    expect(String(slack.of('response_url')[0]!.body.text)).toContain('IAM check failed: STS unreachable');
  });

  it('record 👍 and 👎 in the feedback namespace, one vote per person', async () => {
    const slack = slackStandIn();
    app = await startApp({ deps: { now: () => new Date('2026-02-01T12:00:00Z') } });
    const post = await answeredThrottling(slack, app);
    await app.postInteraction(click(post, 'meterdoc_feedback_up', { ts: '1700000101.000200' }));
    await slack.waitFor(() => slack.of('response_url').length === 1);
    await app.postInteraction(click(post, 'meterdoc_feedback_down', { ts: '1700000101.000200' }));
    await slack.waitFor(() => slack.of('response_url').length === 2);
    const answerId = buttonsOf(post)[0]!.value;
    const record = await app.store.namespace<FeedbackRecord>(NAMESPACES.feedback).get(`${answerId}:U0BOB`);
    expect(record).toEqual({
      answerId,
      entryId: 'metering-throttling',
      source: 'catalog',
      vote: 'down',
      userId: 'U0BOB',
      channelId: 'C0CHANNEL1',
      at: '2026-02-01T12:00:00.000Z',
    });
  });

  it('say the answer expired when its payload is gone', async () => {
    const slack = slackStandIn();
    app = await startApp();
    const post = await answeredThrottling(slack, app);
    const payload = click(post, 'meterdoc_feedback_up', { ts: '1700000101.000200' });
    payload.actions[0]!.value = 'AAAAAAAAAAAAAAAA';
    await app.postInteraction(payload);
    await slack.waitFor(() => slack.of('response_url').length === 1);
    expect(String(slack.of('response_url')[0]!.body.text)).toContain('expired');
  });

  it('wait for the payload of an answer posted a moment ago (it is stored just after Slack takes the message)', async () => {
    const slack = slackStandIn();
    app = await startApp();
    const post = await answeredThrottling(slack, app);
    const answerId = buttonsOf(post)[0]!.value!;
    const answers = app.store.namespace<unknown>(NAMESPACES.answers);
    const entry = await answers.get(answerId);
    await answers.delete(answerId);
    const written = new Promise<void>((resolve) =>
      setTimeout(() => void answers.set(answerId, entry).then(() => resolve()), 200),
    );
    await app.postInteraction(click(post, 'meterdoc_feedback_up', { ts: '1700000101.000200' }));
    await written;
    await slack.waitFor(() => slack.of('response_url').length === 1);
    expect(String(slack.of('response_url')[0]!.body.text)).not.toContain('expired');
    expect(await app.store.namespace<FeedbackRecord>(NAMESPACES.feedback).get(`${answerId}:U0BOB`)).toMatchObject({
      vote: 'up',
    });
  });

  it('share an ephemeral /meterdoc answer to the channel', async () => {
    const slack = slackStandIn();
    app = await startApp();
    await app.postCommand({ text: slackEscape(THROTTLING) });
    await slack.waitFor(() => slack.of('response_url').length === 1);
    const ephemeral = slack.of('response_url')[0]!;
    await app.postInteraction(click(ephemeral, 'meterdoc_share', { ephemeral: true, user: 'U0ALICE' }));
    await slack.waitFor(() => slack.of('chat.postMessage').length === 1 && slack.of('response_url').length === 2);
    const shared = slack.of('chat.postMessage')[0]!;
    expect(shared.body.channel).toBe('C0CHANNEL1');
    expect(headerOf(shared)).toMatch(/throttl/i);
    expect(buttonsOf(shared).map((b) => b.action_id)).not.toContain('meterdoc_share');
    expect(JSON.stringify(shared.body.blocks)).toContain('Shared by <@U0ALICE>');
    expect(slack.of('response_url')[1]!.body).toMatchObject({ replace_original: true });
  });
});

describe('the AI fallback', () => {
  const aiAnswer: Answer = {
    entryId: 'ai-some-new-weird',
    title: 'SomeNewWeirdException from BatchMeterUsage',
    area: 'unknown',
    severity: 'warning',
    retryable: true,
    source: 'llm',
    confidence: 0.5,
    occurrences: 1,
    facts: [{ key: 'code', label: 'Error code', value: 'SomeNewWeirdException' }],
    what: 'The service rejected the call with <!channel> an error it does not document.',
    why: ['A new validation rule.'],
    fix: ['Open a support case with the request ID.'],
    docs: [],
    actions: ['retry', 'iam-check'],
  };

  it('posts "Diagnosing…" in the thread, then replaces it with the AI answer, labelled and without retry', async () => {
    const slack = slackStandIn();
    const asked: string[] = [];
    const ai: AiFallback = {
      diagnoseUnknown: async ({ paste, diagnosis }) => {
        asked.push(paste);
        expect(diagnosis.unmatched[0]!.facts.code).toBe('SomeNewWeirdException');
        // Slow on purpose: the answer must come as an update of the placeholder.
        await new Promise((r) => setTimeout(r, 50));
        return { answers: [aiAnswer] };
      },
    };
    app = await startApp({ deps: { ai } });
    await app.postEvent(userMessage(slackEscape(UNKNOWN_ERROR), { ts: '1700000300.000100' }));
    await slack.waitFor(() => slack.of('chat.update').length === 1);
    const placeholder = slack.of('chat.postMessage')[0]!;
    expect(placeholder.body).toMatchObject({ thread_ts: '1700000300.000100', text: 'Diagnosing…' });
    const update = slack.of('chat.update')[0]!;
    expect(update.body).toMatchObject({ channel: 'C0CHANNEL1', ts: placeholder.response!.ts });
    expect(JSON.stringify(update.body.blocks)).toContain('AI answer');
    expect(JSON.stringify(update.body.blocks)).toContain('&lt;!channel&gt;');
    expect(buttonsOf(update).map((b) => b.action_id)).toEqual([
      'meterdoc_iam_check',
      'meterdoc_expand',
      'meterdoc_support',
      'meterdoc_feedback_up',
      'meterdoc_feedback_down',
    ]);
    expect(asked[0]).toContain('SomeNewWeirdException');
  });

  it('posts an answer the AI cache holds straight away, with no placeholder to edit; a miss takes the placeholder path', async () => {
    const slack = slackStandIn();
    const cache = new Map<string, Answer>();
    let modelCalls = 0;
    const ai: AiFallback = {
      diagnoseCached: async ({ diagnosis }) => {
        const hit = cache.get(diagnosis.unmatched[0]!.facts.code!);
        return hit ? { answers: [{ ...hit, source: 'cache' }] } : undefined;
      },
      diagnoseUnknown: async ({ diagnosis }) => {
        modelCalls++;
        cache.set(diagnosis.unmatched[0]!.facts.code!, aiAnswer);
        return { answers: [aiAnswer] };
      },
    };
    app = await startApp({ deps: { ai } });
    await app.postEvent(userMessage(slackEscape(UNKNOWN_ERROR), { ts: '1700000310.000100' }));
    await slack.waitFor(() => slack.of('chat.update').length === 1);
    await app.postEvent(userMessage(slackEscape(UNKNOWN_ERROR), { ts: '1700000320.000100' }));
    await slack.waitFor(() => slack.of('chat.postMessage').length === 2);

    const direct = slack.of('chat.postMessage')[1]!;
    expect(direct.body).toMatchObject({ thread_ts: '1700000320.000100' });
    expect(direct.body.text).not.toBe('Diagnosing…');
    expect(JSON.stringify(direct.body.blocks)).toContain('AI answer');
    expect(slack.of('chat.update')).toHaveLength(1);
    expect(modelCalls).toBe(1);
  });

  it('replaces the placeholder with a short line when the AI fails', async () => {
    const slack = slackStandIn();
    app = await startApp({ deps: { ai: { diagnoseUnknown: async () => Promise.reject(new Error('Bedrock down')) } } });
    await app.postEvent(userMessage(slackEscape(UNKNOWN_ERROR)));
    await slack.waitFor(() => slack.of('chat.update').length === 1);
    expect(String(slack.of('chat.update')[0]!.body.text)).toMatch(
      /^MeterDoc does not know SomeNewWeirdException\. No AI answer: the AI fallback failed/,
    );
    expect(app.logs.some((l) => l.msg === 'AI fallback failed' && l.err === 'Bedrock down')).toBe(true);
  });

  it('is not asked for errors the catalog answers', async () => {
    const slack = slackStandIn();
    let calls = 0;
    app = await startApp({
      deps: {
        ai: {
          diagnoseUnknown: async () => {
            calls += 1;
            return { answers: [] };
          },
        },
      },
    });
    await answeredThrottling(slack, app);
    expect(calls).toBe(0);
  });
});
