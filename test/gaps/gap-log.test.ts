import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { CatalogLoadError, loadCatalog, parseEntryFile } from '../../src/knowledge/load-catalog.js';
import { Catalog } from '../../src/core/catalog/catalog.js';
import { answerFromFinding, checkExamples, diagnose } from '../../src/core/index.js';
import { draftEntry, Insights, TODO, type GapRecord } from '../../src/health/index.js';
import { AiDiagnoser, type AiConfig } from '../../src/ai/index.js';
import { MemoryStore } from '../../src/store/store.js';
import { loadAiSettings } from '../../src/app/settings.js';
import { loadCliSettings } from '../../src/app/settings.js';

/** The health log's retention as the settings default it. */
const HEALTH = loadCliSettings({ env: {} }).health;

const catalog = loadCatalog();
const WEIRD = (requestId: string, account: string) =>
  `An error occurred (SomeNewWeirdException) when calling the BatchMeterUsage operation: Usage allocation for account ${account} is not permitted (RequestId: ${requestId})`;
const OTHER =
  'An error occurred (AnotherStrangeFault) when calling the MeterUsage operation: flux capacitor misaligned';

const aiReply = {
  title: 'Usage allocations are not permitted for this product',
  area: 'metering',
  severity: 'blocker',
  retryable: false,
  what: 'BatchMeterUsage refused the records because the product does not accept usage allocations for <ACCOUNT_1>.',
  why: ['The product was not enabled for allocations.'],
  fix: ['Send the records without UsageAllocations.', 'Ask AWS Marketplace Seller Operations to enable allocations.'],
  isMeteringRelated: true,
  confidence: 0.7,
};

function aiDiagnoser(store: MemoryStore) {
  const config = {
    ...loadAiSettings({ env: {} }),
    modelId: 'us.anthropic.claude-sonnet-4-5-20250929-v1:0',
    region: 'us-east-1',
  } as AiConfig & { modelId: string };
  const client = {
    send: async () => ({
      output: {
        message: {
          role: 'assistant',
          content: [{ toolUse: { toolUseId: 't1', name: 'record_diagnosis', input: aiReply } }],
        },
      },
      stopReason: 'tool_use',
      usage: { inputTokens: 10, outputTokens: 10 },
    }),
  };
  return new AiDiagnoser({ catalog, store, config, client: client as never });
}

async function askAi(insights: Insights, ai: AiDiagnoser, paste: string) {
  const diagnosis = diagnose(paste, catalog);
  const result = await ai.diagnoseUnknown({ paste, diagnosis });
  insights.aiAsked({ teamId: 'T1', items: result.items });
  return result;
}

describe('the gap log', () => {
  it('counts every error sent to the AI under the same fingerprint as the AI cache, whatever its request ID or account', async () => {
    const store = new MemoryStore();
    const insights = new Insights(store, HEALTH);
    const ai = aiDiagnoser(store);
    const first = await askAi(insights, ai, WEIRD('1a2b3c4d-0000-4000-8000-000000000001', '123456789012'));
    await askAi(insights, ai, WEIRD('9f8e7d6c-0000-4000-8000-000000000002', '210987654321'));
    await askAi(insights, ai, OTHER);

    const gaps = await insights.listGaps();
    expect(gaps.map((g) => [g.code, g.count])).toEqual([
      ['SomeNewWeirdException', 2],
      ['AnotherStrangeFault', 1],
    ]);
    expect(gaps[0]!.fingerprint).toBe(first.items[0]!.fingerprint);
    expect(first.answers[0]!.entryId).toBe(`ai-${gaps[0]!.fingerprint.slice(0, 12)}`);
    expect(gaps[0]!.kinds).toEqual(['ai']);
    expect(gaps[0]!.ai?.title).toBe(aiReply.title);
  });

  it('keeps one example, redacted, and the AI answer redacted too', async () => {
    const store = new MemoryStore();
    const insights = new Insights(store, HEALTH);
    await askAi(insights, aiDiagnoser(store), WEIRD('1a2b3c4d-0000-4000-8000-000000000001', '123456789012'));
    const [gap] = await insights.listGaps();
    expect(gap!.example).toContain('SomeNewWeirdException');
    expect(gap!.example).toContain('<ACCOUNT_1>');
    expect(JSON.stringify(gap)).not.toContain('123456789012');
  });

  it('records each 👎 on the answer’s error with its optional reason, redacted', async () => {
    const store = new MemoryStore();
    const insights = new Insights(store, HEALTH);
    const paste = 'An error occurred (ThrottlingException) when calling the BatchMeterUsage operation: Rate exceeded';
    const diagnosis = diagnose(paste, catalog);
    const finding = diagnosis.findings[0]!;
    insights.delivered({
      teamId: 'T1',
      channelId: 'C1',
      paste,
      diagnosis,
      answers: [{ id: 'answer-0001', answer: answerFromFinding(finding), facts: finding.facts }],
    });
    insights.voted({
      answerId: 'answer-0001',
      teamId: 'T1',
      vote: 'down',
      entryId: finding.entry.id,
      facts: finding.facts,
    });
    await insights.flush();
    await insights.downvoteReason({
      answerId: 'answer-0001',
      facts: finding.facts,
      text: 'We were not throttled; our key AKIAIOSFODNN7EXAMPLE was revoked. mail ops@example.com',
    });

    const [gap] = await insights.listGaps();
    expect(gap).toMatchObject({
      count: 1,
      downvotes: 1,
      answeredWith: ['metering-throttling'],
      kinds: ['downvote'],
      code: 'ThrottlingException',
    });
    expect(gap!.example).toContain('Rate exceeded');
    expect(gap!.reasons).toHaveLength(1);
    expect(gap!.reasons[0]!.text).toContain('was revoked');
    expect(gap!.reasons[0]!.text).not.toMatch(/AKIAIOSFODNN7EXAMPLE|ops@example\.com/);
  });

  it('records errors nobody could answer when the AI is off', async () => {
    const insights = new Insights(new MemoryStore(), HEALTH);
    const diagnosis = diagnose(OTHER, catalog);
    insights.delivered({ teamId: 'T1', channelId: 'C1', paste: OTHER, diagnosis, answers: [] });
    const [gap] = await insights.listGaps();
    expect(gap).toMatchObject({ code: 'AnotherStrangeFault', operation: 'MeterUsage', kinds: ['unknown'], count: 1 });
  });
});

/** What the on-call engineer does with a draft: fill every TODO. */
function complete(yaml: string): string {
  const entry = parse(yaml) as Record<string, unknown> & { docs: Array<{ title: string; url: string }> };
  entry.docs = [
    {
      title: 'BatchMeterUsage',
      url: 'https://docs.aws.amazon.com/marketplacemetering/latest/APIReference/API_BatchMeterUsage.html',
    },
  ];
  const fill = (v: unknown): unknown =>
    typeof v === 'string'
      ? v.replace(new RegExp(`^${TODO}: `), 'Reviewed: ')
      : Array.isArray(v)
        ? v.map(fill)
        : v && typeof v === 'object'
          ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, fill(x)]))
          : v;
  return stringify(fill(entry));
}

describe('a draft catalog file', () => {
  const gapWithoutAi: GapRecord = {
    v: 1,
    fingerprint: 'abcdef0123456789abcdef01',
    count: 7,
    firstSeen: '2026-03-01T10:00:00.000Z',
    lastSeen: '2026-03-09T10:00:00.000Z',
    code: 'AnotherStrangeFault',
    operation: 'MeterUsage',
    service: 'metering.marketplace',
    message: 'flux capacitor misaligned',
    example: OTHER,
    answeredWith: [],
    downvotes: 0,
    reasons: [],
    kinds: ['unknown'],
  };

  it('is clearly a draft: it fails the catalog loader until its TODOs are done', () => {
    const draft = draftEntry(gapWithoutAi);
    expect(draft.fileName).toBe('another-strange-fault.yaml');
    expect(draft.yaml).toMatch(/^# DRAFT/);
    expect(draft.yaml).toContain(TODO);
    expect(() => parseEntryFile(draft.fileName, draft.yaml)).toThrow(CatalogLoadError);
  });

  it('passes the loader once its TODOs are filled, and matches its own example', () => {
    const draft = draftEntry(gapWithoutAi);
    const entry = parseEntryFile(draft.fileName, complete(draft.yaml));
    expect(entry).toMatchObject({
      id: 'another-strange-fault',
      area: 'metering',
      match: { codes: ['AnotherStrangeFault'], operations: ['MeterUsage'] },
      examples: [OTHER],
    });
    const { failures } = checkExamples(new Catalog([...catalog.entries, entry], 'test'));
    expect(failures.filter((f) => f.entryId === entry.id)).toEqual([]);
  });

  it('starts from the AI answer when there was one', async () => {
    const store = new MemoryStore();
    const insights = new Insights(store, HEALTH);
    await askAi(insights, aiDiagnoser(store), WEIRD('1a2b3c4d-0000-4000-8000-000000000001', '123456789012'));
    const [gap] = await insights.listGaps();
    const draft = draftEntry(gap!);
    expect(draft.yaml).toContain('check every line against the AWS docs');
    const entry = parseEntryFile(draft.fileName, complete(draft.yaml));
    expect(entry).toMatchObject({
      id: 'some-new-weird-exception',
      title: aiReply.title,
      severity: 'blocker',
      retryable: false,
      fix: aiReply.fix,
    });
    expect(entry.examples[0]).not.toContain('123456789012');
  });
});
