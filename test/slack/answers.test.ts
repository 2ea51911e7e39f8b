import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import type { AiFallback, AiFallbackResult } from '../../src/slack/ai.js';
import { visibleLength } from '../../src/slack/blocks/visible.js';
import { AiDiagnoser } from '../../src/ai/index.js';
import { MemoryStore } from '../../src/store/store.js';
import { BEDROCK, CONVERSE_PATH, goodInput, testClient, testConfig, toolReply } from '../ai/helpers.js';
import {
  blocksOf,
  buttonsOf,
  click,
  headerOf,
  ME,
  messageShortcut,
  realCatalog,
  slackEscape,
  slackStandIn,
  startApp,
  TEAM,
  UNKNOWN_ERROR,
  userMessage,
  type RunningApp,
  type SlackCall,
} from './harness.js';

/**
 * What an engineer sees at 3 a.m.: the first screen of every answer, the details one click away,
 * an overview for a log with several errors, the billing deadline, and plain words when MeterDoc
 * is unsure or does not know. Through the real app, against the Slack stand-in.
 */

const NOW = new Date('2026-12-02T18:01:00Z');
let app: RunningApp | undefined;

afterEach(async () => {
  await app?.stop();
  app = undefined;
  nock.cleanAll();
});

type Block = Record<string, unknown>;
const answersIn = (calls: SlackCall[]) =>
  calls.filter((c) => buttonsOf(c).some((b) => b.action_id === 'meterdoc_expand'));
const shownText = (call: SlackCall | undefined) => JSON.stringify(blocksOf(call));

/** A bot that records whether it was asked, and answers like Claude would. */
function recordingAi(reply: Partial<AiFallbackResult> = {}): AiFallback & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    async diagnoseUnknown(input) {
      asked.push(input.paste);
      return { answers: [], ...reply };
    },
  };
}

describe('the first screen', () => {
  it('fits a phone for every catalog entry, answered from its own example: at most 6 blocks and 600 visible characters', async () => {
    const slack = slackStandIn();
    app = await startApp({ deps: { now: () => NOW } });
    const catalog = realCatalog();
    const over: string[] = [];
    for (const [i, entry] of catalog.entries.entries()) {
      const ts = `1701000${String(i).padStart(3, '0')}.000100`;
      // A channel each: the per-channel post pacing would otherwise make this a slow test.
      const channel = `C0ENTRY${String(i).padStart(3, '0')}`;
      await app.postEvent({
        type: 'app_mention',
        user: 'U0ALICE',
        text: `<@${ME.botUserId}> ${slackEscape(entry.examples[0]!)}`,
        ts,
        channel,
        event_ts: ts,
        team: TEAM,
      });
      await slack
        .waitFor((calls) => answersIn(calls).some((c) => c.body.thread_ts === ts), 5000)
        .catch(() => over.push(`${entry.id}: no answer`));
    }
    for (const post of answersIn(slack.calls)) {
      const blocks = blocksOf(post) as Block[];
      const length = visibleLength(blocks);
      if (blocks.length > 6 || length > 600) over.push(`${headerOf(post)}: ${blocks.length} blocks, ${length} chars`);
    }
    expect(answersIn(slack.calls).length).toBeGreaterThanOrEqual(catalog.entries.length);
    expect(over).toEqual([]);
  }, 60_000);

  it('leads with severity, the sentence, the facts that matter and the exact statement to attach', async () => {
    const slack = slackStandIn();
    app = await startApp({ deps: { now: () => NOW } });
    const paste =
      'An error occurred (AccessDeniedException) when calling the BatchMeterUsage operation: User: arn:aws:sts::123456789012:assumed-role/metering-task-role/i-0abc is not authorized to perform: aws-marketplace:BatchMeterUsage because no identity-based policy allows the aws-marketplace:BatchMeterUsage action (Request ID: 2f9c1d1e-3b3a-4c1e-9f0e-5d6c7b8a9e01)';
    await app.postEvent(userMessage(slackEscape(paste)));
    await slack.waitFor(() => slack.of('chat.postMessage').length === 1);
    const post = slack.of('chat.postMessage')[0]!;
    expect(headerOf(post)).toMatch(/^:red_circle: /);
    const text = shownText(post);
    expect(text).toContain('*Blocker* · high confidence · a retry will not help');
    expect(text).toContain('*First step: attach this statement to the role*');
    expect(text).toContain('\\"Action\\": [\\"aws-marketplace:BatchMeterUsage\\"]');
    expect(text).toContain('`2f9c1d1e-3b3a-4c1e-9f0e-5d6c7b8a9e01`');
    expect(text).not.toContain('*Why*');
    expect(String(post.body.text)).toMatch(/^Blocker: /);
  });

  it('opens to the full diagnosis in place with chat.update, and closes again', async () => {
    const slack = slackStandIn();
    app = await startApp({ deps: { now: () => NOW } });
    await app.postEvent(
      userMessage(
        'An error occurred (ThrottlingException) when calling the BatchMeterUsage operation (reached max retries: 4): Rate exceeded',
        { ts: '1700000500.000100' },
      ),
    );
    await slack.waitFor(() => slack.of('chat.postMessage').length === 1);
    const post = slack.of('chat.postMessage')[0]!;
    const ts = String(post.response!.ts);
    await app.postInteraction(click(post, 'meterdoc_expand', { ts }));
    await slack.waitFor(() => slack.of('chat.update').length === 1);
    const open = slack.of('chat.update')[0]!;
    expect(open.body).toMatchObject({ channel: 'C0CHANNEL1', ts });
    expect(shownText(open)).toContain('*Why*');
    expect(shownText(open)).toContain('*How to fix*');
    expect(String(open.body.text)).toMatch(/^Warning: Metering Service throttled/);
    expect(buttonsOf(open).map((b) => b.action_id)).toEqual([
      'meterdoc_retry',
      'meterdoc_collapse',
      'meterdoc_support',
      'meterdoc_feedback_up',
      'meterdoc_feedback_down',
    ]);
    await app.postInteraction(click(open, 'meterdoc_collapse', { ts }));
    await slack.waitFor(() => slack.of('chat.update').length === 2);
    expect(slack.of('chat.update')[1]!.body.blocks).toEqual(post.body.blocks);
  });

  it('names the billing deadline of records that can still be billed, and the records already lost', async () => {
    const slack = slackStandIn();
    app = await startApp({ deps: { now: () => NOW } });
    const paste = `botocore.exceptions.ClientError: An error occurred (ThrottlingException) when calling the BatchMeterUsage operation (reached max retries: 4): Rate exceeded
request: {"ProductCode": "a1b2c3d4e5f6g7h8i9j0k1l2m", "UsageRecords": [
  {"Timestamp": "2026-12-02T15:01:00Z", "CustomerIdentifier": "cust-7Hk2PqR9", "Dimension": "api_calls", "Quantity": 1200},
  {"Timestamp": "2026-12-01T14:00:00Z", "CustomerIdentifier": "cust-Q8mZ3xW1", "Dimension": "api_calls", "Quantity": 95}]}`;
    await app.postEvent(userMessage(slackEscape(paste)));
    await slack.waitFor(() => slack.of('chat.postMessage').length === 1);
    const post = slack.of('chat.postMessage')[0]!;
    const text = shownText(post);
    expect(text).toContain('*1 record can still be billed: resend by 15:01 UTC tomorrow (21 h left)*');
    expect(text).toContain(
      '*1 record lost*, past the 24-hour window: cust-Q8mZ3xW1, api_calls, 95 units, 14:00 UTC on Tue 1 Dec',
    );
    expect(String(post.body.text)).toContain('1 record: resend by 15:01 UTC tomorrow (21 h left). 1 record lost.');
  });

  it('says "possible match" below high confidence, in the header and in the notification', async () => {
    const slack = slackStandIn();
    app = await startApp();
    // Metering and GetEntitlements both throttle with this code: without the operation the entry is a guess.
    await app.postEvent(userMessage('ThrottlingException: Rate exceeded'));
    await slack.waitFor(() => slack.of('chat.postMessage').length === 1);
    const post = slack.of('chat.postMessage')[0]!;
    expect(headerOf(post)).toMatch(/Possible match: /);
    expect(String(post.body.text)).toMatch(/^Possible match \(Warning\): /);
    // The line under the header says it before anything else, not only the small print.
    const glance = blocksOf(post)[1] as { type: string; elements: Array<{ text: string }> };
    expect(glance.type).toBe('context');
    expect(glance.elements[0]!.text).toMatch(/^\*Possible match\*, not a confirmed diagnosis · /);
  });
});

describe('a paste with several errors', () => {
  const LOG = `2026-12-02T17:40:01Z INFO An error occurred (DuplicateRequestException) when calling the MeterUsage operation: A metering record has already been submitted for the same hour with a different quantity.
2026-12-02T17:41:09Z ERROR An error occurred (ThrottlingException) when calling the BatchMeterUsage operation (reached max retries: 4): Rate exceeded
2026-12-02T17:41:30Z ERROR An error occurred (ThrottlingException) when calling the BatchMeterUsage operation (reached max retries: 4): Rate exceeded
2026-12-02T17:42:30Z ERROR An error occurred (AccessDeniedException) when calling the MeterUsage operation: User: arn:aws:sts::123456789012:assumed-role/meter-role/i-0abc is not authorized to perform: aws-marketplace:MeterUsage`;

  it('opens with an overview, one line per distinct error, then the answers most urgent first', async () => {
    const slack = slackStandIn();
    app = await startApp();
    await app.postEvent(userMessage(slackEscape(LOG)));
    await slack.waitFor(() => slack.of('chat.postMessage').length === 4);
    const [overview, ...answers] = slack.of('chat.postMessage');
    expect(buttonsOf(overview)).toEqual([]);
    const lines = shownText(overview);
    expect(lines).toContain('*3 different errors in this paste*');
    expect(lines).toContain(':large_orange_circle: Warning · *Metering Service throttled the call* · 2×');
    expect(lines).toMatch(/:red_circle: Blocker · \*[^*]+\*/);
    expect(String(overview!.body.text)).toMatch(/^3 errors in this paste: /);
    const severities = answers.map((a) => String(a.body.text).split(':')[0]);
    expect(severities).toEqual(['Blocker', 'Warning', expect.stringMatching(/Info|Warning/)]);
    expect(headerOf(answers[1])).toContain('2/3 · Metering Service throttled the call');
  });

  it('keeps the Retry button of a retryable error whose full answer is left out', async () => {
    const slack = slackStandIn();
    app = await startApp({ env: { METERDOC_MAX_ANSWERS: '1' } });
    await app.postEvent(userMessage(slackEscape(LOG)));
    await slack.waitFor(() => slack.of('chat.postMessage').length === 2);
    const overview = slack.of('chat.postMessage')[0]!;
    const retry = buttonsOf({
      ...overview,
      body: {
        blocks: (blocksOf(overview) as Block[]).map((b) =>
          b.accessory ? { type: 'actions', elements: [b.accessory] } : b,
        ),
      },
    } as SlackCall);
    expect(retry.map((b) => b.action_id)).toEqual(['meterdoc_retry']);
    expect(shownText(overview)).toContain('`/meterdoc DuplicateRequestException`');
  });
});

describe('when MeterDoc does not know the error', () => {
  it('says so when Bedrock fails, with the error\'s facts, why, and the closest entries only as "might be related"', async () => {
    const slack = slackStandIn();
    nock(BEDROCK)
      .post(CONVERSE_PATH)
      .reply(
        429,
        { message: 'Too many requests' },
        { 'x-amzn-errortype': 'ThrottlingException:http://internal.amazon.com/coral/com.amazon.bedrock/' },
      );
    const ai = new AiDiagnoser({
      catalog: realCatalog(),
      store: new MemoryStore(),
      config: testConfig(),
      client: testClient(),
    });
    app = await startApp({ deps: { ai } });
    await app.postEvent(userMessage(slackEscape(UNKNOWN_ERROR), { ts: '1700000600.000100' }));
    await slack.waitFor(() => slack.of('chat.update').length === 1);
    const update = slack.of('chat.update')[0]!;
    expect(headerOf(update)).toBe(':grey_question: MeterDoc does not know SomeNewWeirdException');
    const text = shownText(update);
    expect(text).toMatch(/No AI answer: Bedrock is throttling/);
    expect(text).toContain('`BatchMeterUsage`');
    expect(text).not.toMatch(/How to fix|First step|\*Why\*/);
    const related = buttonsOf(update).filter((b) => b.action_id.startsWith('meterdoc_related_'));
    expect(related.length).toBeGreaterThan(0);
    expect(buttonsOf(update).map((b) => b.action_id)).not.toContain('meterdoc_retry');

    await app.postInteraction(click(update, 'meterdoc_related_0', { ts: String(update.body.ts) }));
    await slack.waitFor(() => slack.of('chat.update').length === 2);
    const open = slack.of('chat.update')[1]!;
    expect(headerOf(open)).toBe(':grey_question: MeterDoc does not know SomeNewWeirdException');
    expect(shownText(open)).toContain('*Might be related*, not a confirmed match: ');
  });

  it('says so for a finding that is only a guess, offering its entry first as "might be related", never as the answer', async () => {
    const slack = slackStandIn();
    app = await startApp();
    // A Go v1 denial in a job's log, asked about in a DM: the code alone, no service, no action.
    const log = [
      '2026-12-02T17:58:40Z INFO meter-sync: starting hourly run for 3 tenants',
      '2026-12-02T17:58:43Z INFO meter-sync: uploading the usage snapshot to the reports bucket',
      '2026-12-02T17:58:44Z ERROR meter-sync: upload failed: AccessDenied: Access Denied',
      '\tstatus code: 403, request id: 4F1C2A9E5B3D4E7F, host id: cTg4bVozeFcxY3VzdDdIazJQcVI5YUIwY0QxZUYyZ0gzaUo0a0w1bU42b1A3',
      '2026-12-02T17:58:44Z INFO meter-sync: run finished with 1 error',
    ].join('\n');
    await app.postEvent({ ...userMessage(slackEscape(log)), channel: 'D0DIRECT1', channel_type: 'im' });
    await slack.waitFor(() => slack.of('chat.postMessage').length === 1);
    const post = slack.of('chat.postMessage')[0]!;
    expect(headerOf(post)).toBe(':grey_question: MeterDoc does not know AccessDenied');
    const text = shownText(post);
    expect(text).toMatch(
      /No catalog entry fits this error\. The closest entry fits only in part \(confidence 0\.\d\d\)\./,
    );
    expect(text).not.toMatch(/How to fix|First step|\*Why\*/);
    const related = buttonsOf(post).filter((b) => b.action_id.startsWith('meterdoc_related_'));
    const firstTitle = realCatalog().byId.get('access-denied-generic')!.title;
    expect(JSON.stringify(blocksOf(post))).toContain(`Might be related: ${firstTitle.slice(0, 20)}`);
    expect(related.length).toBeGreaterThan(0);
    expect(buttonsOf(post).map((b) => b.action_id)).not.toContain('meterdoc_retry');
  });

  it('says so when no AI is configured, never showing the nearest entry as the diagnosis', async () => {
    const slack = slackStandIn();
    app = await startApp();
    await app.postEvent(userMessage(slackEscape(UNKNOWN_ERROR)));
    await slack.waitFor(() => slack.of('chat.postMessage').length === 1);
    const post = slack.of('chat.postMessage')[0]!;
    expect(headerOf(post)).toBe(':grey_question: MeterDoc does not know SomeNewWeirdException');
    expect(shownText(post)).toContain('No AI fallback is configured');
  });

  it("shows an AI answer with Claude's own confidence in words, said once", async () => {
    const slack = slackStandIn();
    nock(BEDROCK).post(CONVERSE_PATH).reply(200, toolReply(goodInput));
    const ai = new AiDiagnoser({
      catalog: realCatalog(),
      store: new MemoryStore(),
      config: testConfig(),
      client: testClient(),
    });
    app = await startApp({ deps: { ai } });
    await app.postEvent(userMessage(slackEscape(UNKNOWN_ERROR)));
    await slack.waitFor(() => slack.of('chat.update').length === 1);
    const update = slack.of('chat.update')[0]!;
    const text = shownText(update);
    expect(text.match(/AI answer/g)).toHaveLength(1);
    expect(text.match(/confidence/g)).toHaveLength(1);
    expect(text).toContain("Claude's confidence: moderate");
    expect(String(update.body.text)).toMatch(/^AI answer \(Claude's confidence: moderate\): /);
  });

  it('posts an AI answer already in the cache directly, without the placeholder', async () => {
    const slack = slackStandIn();
    const scope = nock(BEDROCK).post(CONVERSE_PATH).once().reply(200, toolReply(goodInput));
    const ai = new AiDiagnoser({
      catalog: realCatalog(),
      store: new MemoryStore(),
      config: testConfig(),
      client: testClient(),
    });
    app = await startApp({ deps: { ai } });
    await app.postEvent(userMessage(slackEscape(UNKNOWN_ERROR), { ts: '1700000700.000100' }));
    await slack.waitFor(() => slack.of('chat.update').length === 1);
    expect(scope.isDone()).toBe(true);
    await app.postEvent(
      userMessage(slackEscape(UNKNOWN_ERROR.replace('kaboom', 'kaboom ')), { ts: '1700000701.000100' }),
    );
    await slack.waitFor(() => slack.of('chat.postMessage').some((c) => c.body.thread_ts === '1700000701.000100'));
    const second = slack.of('chat.postMessage').filter((c) => c.body.thread_ts === '1700000701.000100');
    expect(second).toHaveLength(1);
    expect(second[0]!.body.text).not.toBe('Diagnosing…');
    expect(shownText(second[0])).toContain('AI answer* (Claude on Amazon Bedrock, cached)');
    expect(slack.of('chat.update')).toHaveLength(1);
  });
});

describe('questions and chat', () => {
  for (const surface of ['dm', 'mention', 'shortcut'] as const) {
    it(`answers a question naming a known code from the catalog only (${surface}), without asking the AI or logging a gap`, async () => {
      const slack = slackStandIn();
      const ai = recordingAi();
      app = await startApp({ deps: { ai } });
      const question = 'how do I fix TimestampOutOfBoundsException?';
      if (surface === 'dm') await app.postEvent({ ...userMessage(question), channel: 'D0DIRECT1', channel_type: 'im' });
      else if (surface === 'mention')
        await app.postEvent({
          type: 'app_mention',
          user: 'U0ALICE',
          text: `<@${ME.botUserId}> ${question}`,
          ts: '1700000800.000100',
          channel: 'C0CHANNEL1',
          event_ts: '1700000800.000100',
          team: TEAM,
        });
      else await app.postInteraction(messageShortcut({ user: 'U0BOB', text: question, ts: '1700000801.000100' }));
      await slack.waitFor(() => slack.of('chat.postMessage').length === 1);
      const post = slack.of('chat.postMessage')[0]!;
      expect(headerOf(post)).toMatch(/timestamp/i);
      expect(headerOf(post)).not.toMatch(/Possible match/);
      await app.meterdoc.services.insights?.flush();
      expect(ai.asked).toEqual([]);
      expect((await app.meterdoc.services.insights?.listGaps()) ?? []).toEqual([]);
    });
  }

  it('answers chat run through the shortcut with "no error found", without asking the AI', async () => {
    const slack = slackStandIn();
    const ai = recordingAi();
    app = await startApp({ deps: { ai } });
    await app.postInteraction(messageShortcut({ user: 'U0BOB', text: 'lunch at 12?', ts: '1700000900.000100' }));
    await slack.waitFor(() => slack.of('chat.postMessage').length === 1);
    expect(String(slack.of('chat.postMessage')[0]!.body.text)).toMatch(/No AWS Marketplace metering error recognised/);
    expect(ai.asked).toEqual([]);
  });
});

describe('/meterdoc CODE', () => {
  it('answers the Metering entry first, and a lookup with no paste offers no retry', async () => {
    const slack = slackStandIn();
    app = await startApp();
    await app.postCommand({ text: 'ThrottlingException' });
    await slack.waitFor(() => slack.of('response_url').length >= 2);
    const [first] = slack.of('response_url');
    expect(headerOf(first)).toMatch(/Metering Service throttled/);
    // A lookup is the catalog's entry for the code, not a diagnosis: it claims no confidence.
    expect(shownText(first)).toContain('*Warning* · catalog entry for this code · ');
    expect(shownText(first)).not.toContain('high confidence');
    for (const reply of slack.of('response_url'))
      expect(buttonsOf(reply).map((b) => b.action_id)).not.toContain('meterdoc_retry');
  });
});

describe('Check IAM permissions', () => {
  it('is not offered when the failing host has no credentials: MeterDoc would check its own role', async () => {
    const slack = slackStandIn();
    app = await startApp();
    await app.postEvent(userMessage('botocore.exceptions.NoCredentialsError: Unable to locate credentials'));
    await slack.waitFor(() => slack.of('chat.postMessage').length === 1);
    expect(buttonsOf(slack.of('chat.postMessage')[0]).map((b) => b.action_id)).not.toContain('meterdoc_iam_check');
  });

  it('says whose permissions it checks when the error names no role', async () => {
    const slack = slackStandIn();
    app = await startApp();
    await app.postEvent(
      userMessage('An error occurred (AccessDeniedException) when calling the MeterUsage operation: Access denied'),
    );
    await slack.waitFor(() => slack.of('chat.postMessage').length === 1);
    const iam = blocksOf(slack.of('chat.postMessage')[0])
      .flatMap((b) =>
        b.type === 'actions' ? (b.elements as Array<{ action_id: string; text: { text: string } }>) : [],
      )
      .find((e) => e.action_id === 'meterdoc_iam_check');
    expect(iam?.text.text).toBe(":mag: Check MeterDoc's own IAM permissions");
  });
});

describe('text MeterDoc writes itself', () => {
  it('shows <error> and <code> in help and App Home as text inside code spans, not as Slack markup', async () => {
    const slack = slackStandIn();
    app = await startApp();
    await app.postCommand({ text: 'help' });
    await app.postEvent({
      type: 'app_home_opened',
      user: 'U0ALICE',
      channel: 'D0DIRECT1',
      tab: 'home',
      event_ts: '1700000990.000100',
    });
    await slack.waitFor(() => slack.of('response_url').length === 1 && slack.of('views.publish').length === 1);
    const help = shownText(slack.of('response_url')[0]);
    const home = JSON.stringify(slack.of('views.publish')[0]!.body.view);
    expect(help).toContain('`@MeterDoc &lt;error&gt;`');
    expect(home).toContain('&lt;code&gt;`');
    for (const text of [help, home]) expect(text).not.toMatch(/<(error|code)>/);
  });
});
