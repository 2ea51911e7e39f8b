import { describe, expect, it } from 'vitest';
import { answerFromEntry, answerFromFinding, diagnose, type Answer, type Facts } from '../../src/core/index.js';
import { FACT_LABELS } from '../../src/core/facts.js';
import { renderAnswer } from '../../src/slack/blocks/answer.js';
import { renderCatalogList } from '../../src/slack/blocks/catalog.js';
import { renderOverview, renderUnknownError } from '../../src/slack/blocks/diagnosis.js';
import { escapeMrkdwn, truncateMrkdwn } from '../../src/slack/blocks/escape.js';
import { homeView } from '../../src/slack/home/index.js';
import { blockKitViolations, mrkdwnTexts } from './block-kit-rules.js';
import { realCatalog } from './harness.js';

const HOSTILE = '<!channel> & <https://evil.example|AWS docs> <@U0BOSS> ```x``` ';

/** The longest facts a paste can produce: every fact, each far longer than any real value, full of markup. */
function longestFacts(): Facts {
  const long = (n: number) => (HOSTILE + 'x'.repeat(n)).slice(0, n);
  return {
    code: long(3000),
    operation: long(3000),
    service: long(500),
    httpStatus: 400,
    requestId: long(4000),
    principal: `arn:aws:sts::123456789012:assumed-role/${long(5000)}`,
    action: 'aws-marketplace:BatchMeterUsage',
    resource: long(5000),
    region: long(200),
    endpoint: long(2000),
    productCode: long(2000),
    licenseArn: long(2000),
    dimension: long(2000),
    customerIdentifier: long(2000),
    customerAwsAccountId: long(100),
    timestamp: '2026-01-01T00:00:00.000Z',
    timestampAgeHours: 123456.7,
    message: long(10_000),
    accountId: '123456789012',
    roleName: long(3000),
    roleArn: `arn:aws:iam::123456789012:role/${long(3000)}`,
    retries: 4,
  };
}

function unescapedMarkup(text: string): string | undefined {
  // Our own links are the only `<…>` allowed: `<https://…|label>` built from catalog docs.
  const stripped = text.replace(/<https:\/\/[^\s<>|]+\|[^<>]*>/g, '');
  return /[<>]/.test(stripped) ? stripped : undefined;
}

describe('answer messages respect every Block Kit limit', () => {
  it('for every catalog entry filled with the longest facts', () => {
    const catalog = realCatalog();
    expect(catalog.entries.length).toBeGreaterThan(10);
    const facts = longestFacts();
    expect(Object.keys(facts).length).toBeGreaterThanOrEqual(FACT_LABELS.length);
    for (const entry of catalog.entries) {
      const answer = answerFromEntry(entry, facts, { source: 'catalog', confidence: 0.9, occurrences: 40 });
      for (const expanded of [false, true]) {
        const message = renderAnswer(answer, {
          answerId: 'A'.repeat(16),
          shareable: true,
          position: { index: 3, total: 3 },
          notice: HOSTILE.repeat(100),
          facts,
          expanded,
        });
        const blocks = message.blocks as unknown as Array<Record<string, unknown>>;
        expect(blockKitViolations(blocks), entry.id).toEqual([]);
        expect(message.text.length, entry.id).toBeGreaterThan(0);
        expect(message.text.length, entry.id).toBeLessThanOrEqual(3000);
        for (const text of mrkdwnTexts(blocks))
          expect(unescapedMarkup(text), `${entry.id}: ${text.slice(0, 80)}`).toBeUndefined();
        expect(unescapedMarkup(message.text), entry.id).toBeUndefined();
      }
    }
  });

  it('for an AI answer of any size', () => {
    const huge: Answer = {
      entryId: 'x',
      title: HOSTILE.repeat(20),
      area: 'unknown',
      severity: 'blocker',
      retryable: true,
      source: 'llm',
      confidence: 0.3,
      occurrences: 1,
      facts: Array.from({ length: 40 }, (_, i) => ({
        key: 'code' as const,
        label: `Label ${i} ${HOSTILE}`,
        value: HOSTILE.repeat(200),
      })),
      what: HOSTILE.repeat(500),
      why: Array.from({ length: 200 }, () => HOSTILE.repeat(30)),
      fix: Array.from({ length: 200 }, () => HOSTILE.repeat(300)),
      policy: '{"Statement": "' + HOSTILE.repeat(400) + '"}',
      docs: Array.from({ length: 60 }, (_, i) => ({
        title: `${HOSTILE} ${i}`,
        url: `https://docs.aws.amazon.com/${i}`,
      })),
      actions: ['retry', 'iam-check', 'support-bundle'],
      correction: HOSTILE.repeat(300),
    };
    const first = renderAnswer(huge, { answerId: 'B'.repeat(16) }).blocks as unknown as Array<Record<string, unknown>>;
    expect(blockKitViolations(first)).toEqual([]);
    const message = renderAnswer(huge, { answerId: 'B'.repeat(16), expanded: true });
    const blocks = message.blocks as unknown as Array<Record<string, unknown>>;
    expect(blockKitViolations(blocks)).toEqual([]);
    for (const text of [...mrkdwnTexts(first), ...mrkdwnTexts(blocks)]) expect(unescapedMarkup(text)).toBeUndefined();
    // Cut to fit, and says so.
    expect(JSON.stringify(blocks)).toContain('left out to fit');
  });

  it('for the overview of a paste with a hundred errors, an unknown error, the catalog list and the Home tab', () => {
    const catalog = realCatalog();
    const paste = catalog.entries.flatMap((e) => e.examples).join('\n\n');
    const diagnosis = diagnose(paste, catalog);
    expect(diagnosis.findings.length).toBeGreaterThan(10);
    const lines = diagnosis.findings.map((f, i) => ({
      answer: answerFromFinding(f),
      deadline: HOSTILE,
      answeredBelow: i < 3,
      code: HOSTILE,
      retryAnswerId: i % 2 ? 'R'.repeat(16) : undefined,
    }));
    const summary = renderOverview(
      lines,
      Array.from({ length: 100 }, () => ({ facts: { code: HOSTILE }, occurrences: 2, excerpt: HOSTILE })),
      { aiPending: false },
    );
    expect(blockKitViolations(summary.blocks as never)).toEqual([]);
    const error = {
      facts: { code: HOSTILE, operation: HOSTILE, message: HOSTILE.repeat(50) },
      occurrences: 2,
      excerpt: HOSTILE.repeat(100),
    };
    const related = catalog.entries.slice(0, 3).map((entry) => ({
      entry,
      answer: answerFromEntry(entry, error.facts, { source: 'catalog', confidence: 0, occurrences: 1 }),
    }));
    const unmatched = renderUnknownError(error, {
      reason: HOSTILE.repeat(10),
      related,
      answerId: 'U'.repeat(16),
      open: 1,
    });
    expect(blockKitViolations(unmatched.blocks as never)).toEqual([]);
    for (const text of [...mrkdwnTexts(summary.blocks as never), ...mrkdwnTexts(unmatched.blocks as never)])
      expect(unescapedMarkup(text)).toBeUndefined();
    expect(blockKitViolations(renderCatalogList(catalog).blocks as never)).toEqual([]);
    expect(
      blockKitViolations(homeView(catalog, '/meterdoc', [{ usage: 'help', description: 'help' }]).blocks as never, 100),
    ).toEqual([]);
  });
});

describe('escaping', () => {
  it('escapes exactly &, < and > so a paste cannot ping @channel or forge a link', () => {
    expect(escapeMrkdwn('<!channel> a & b <https://x|y>')).toBe('&lt;!channel&gt; a &amp; b &lt;https://x|y&gt;');
    expect(escapeMrkdwn('"quotes" and \'apostrophes\'')).toBe('"quotes" and \'apostrophes\'');
  });

  it('never cuts an entity in half or leaves a code block open when truncating', () => {
    const cut = truncateMrkdwn('```' + escapeMrkdwn('<'.repeat(100)), 50);
    expect(cut.length).toBeLessThanOrEqual(50);
    expect(cut).not.toMatch(/&[a-z]{0,3}…/);
    expect(cut.split('```').length % 2).toBe(1);
  });

  it('renders pasted facts as escaped inline code', () => {
    const entry = realCatalog().byId.get('metering-access-denied')!;
    const answer = answerFromEntry(
      entry,
      { principal: 'arn:aws:iam::1:user/<!here>' },
      { source: 'catalog', confidence: 1, occurrences: 1 },
    );
    const fields = JSON.stringify(renderAnswer(answer, { expanded: true }).blocks);
    expect(fields).toContain('`arn:aws:iam::1:user/&lt;!here&gt;`');
    expect(fields).not.toContain('<!here>');
  });
});

describe('buttons', () => {
  it('offer AWS actions only where the catalog says, AI answers never a retry, and every answer the AWS Support copy', () => {
    const catalog = realCatalog();
    const ids = (a: Answer) =>
      (
        renderAnswer(a, { answerId: 'C'.repeat(16) }).blocks.find((b) => b.type === 'actions') as {
          elements: Array<{ action_id: string }>;
        }
      ).elements.map((e) => e.action_id);
    for (const entry of catalog.entries) {
      const answer = answerFromEntry(entry, {}, { source: 'catalog', confidence: 1, occurrences: 1 });
      const got = ids(answer);
      expect(got.includes('meterdoc_retry'), entry.id).toBe(entry.retryable && entry.actions.includes('retry'));
      // A host with no (or expired) credentials and no role in the paste: MeterDoc's own role would say nothing about it.
      expect(got.includes('meterdoc_iam_check'), entry.id).toBe(
        entry.actions.includes('iam-check') && entry.area !== 'credentials',
      );
      expect(got.slice(-4), entry.id).toEqual([
        'meterdoc_expand',
        'meterdoc_support',
        'meterdoc_feedback_up',
        'meterdoc_feedback_down',
      ]);
      const ai = ids({
        ...answer,
        source: 'cache',
        retryable: true,
        actions: ['retry', 'iam-check', 'support-bundle'],
      });
      expect(ai).toEqual([
        'meterdoc_iam_check',
        'meterdoc_expand',
        'meterdoc_support',
        'meterdoc_feedback_up',
        'meterdoc_feedback_down',
      ]);
    }
  });

  it('leave the retry confirmation to the dialog that lists exactly what will be sent', () => {
    const entry = realCatalog().entries.find((e) => e.retryable && e.actions.includes('retry'))!;
    const answer = answerFromEntry(entry, {}, { source: 'catalog', confidence: 1, occurrences: 1 });
    const actions = renderAnswer(answer, { answerId: 'D'.repeat(16) }).blocks.find((b) => b.type === 'actions') as {
      elements: Array<{ action_id: string; confirm?: unknown }>;
    };
    const retry = actions.elements.find((e) => e.action_id === 'meterdoc_retry')!;
    expect(retry.confirm).toBeUndefined();
  });

  it('label AI answers as AI answers', () => {
    const entry = realCatalog().entries[0]!;
    const answer = { ...answerFromEntry(entry, {}, { source: 'llm', confidence: 0.5, occurrences: 1 }) };
    expect(JSON.stringify(renderAnswer(answer).blocks)).toContain('*AI answer*');
    expect(renderAnswer(answer).text).toMatch(/^AI answer \(Claude's confidence: low\): /);
  });
});
