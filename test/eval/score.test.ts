import { describe, expect, it } from 'vitest';
import { evalCaseSchema, type EvalCase } from '../../eval/case-schema.js';
import { figures, judge, missedThresholds, reliability, verdictFigures, type Observed } from '../../eval/score.js';

const catalogCase: EvalCase = {
  id: 'meter-usage-throttled',
  url: 'https://github.com/example/repo/issues/1',
  text: 'ThrottlingException: Rate exceeded when calling the MeterUsage operation',
  expect: { class: 'catalog', entry: 'metering-throttling' },
};
const unrelatedCase: EvalCase = {
  id: 'ec2-throttled',
  url: 'https://github.com/example/repo/issues/2',
  text: 'An error occurred (RequestLimitExceeded) when calling the DescribeInstances operation',
  expect: { class: 'unrelated', service: 'ec2', kind: 'throttling' },
};
const chatCase: EvalCase = {
  id: 'chat',
  url: 'https://github.com/example/repo/issues/3',
  text: 'did the retry fix it?',
  expect: { class: 'chat' },
};
const unknownCase: EvalCase = {
  id: 'flux',
  url: 'https://github.com/example/repo/issues/4',
  text: 'FluxCapacitorOverloadException: flux capacitor rejected usage',
  expect: { class: 'unknown' },
};

function finding(
  id: string,
  area: Observed['findings'][number]['area'],
  confidence: number,
  services = ['*'],
  evidence = 0.75,
): Observed['findings'][number] {
  return { id, area, services, confidence, evidence };
}

describe('judging one case', () => {
  it('a catalog case is right only when the expected entry is the top finding', () => {
    expect(
      judge(catalogCase, { isError: true, findings: [finding('metering-throttling', 'metering', 0.9)] }).pass,
    ).toBe(true);
    const second = judge(catalogCase, {
      isError: true,
      findings: [finding('sts-throttling', 'sts', 0.9, ['sts']), finding('metering-throttling', 'metering', 0.8)],
    });
    expect(second).toMatchObject({
      pass: false,
      highConfidence: true,
      highConfidenceRight: false,
      extraFindings: true,
    });
    expect(second.got).toBe('sts-throttling + metering-throttling');
    expect(judge(catalogCase, { isError: false, findings: [] })).toMatchObject({ pass: false, got: 'silent' });
  });

  it('an unrelated error is restrained unless a metering or entitlement entry answers first', () => {
    expect(judge(unrelatedCase, { isError: true, findings: [] }).pass).toBe(true);
    expect(
      judge(unrelatedCase, { isError: true, findings: [finding('access-denied-generic', 'permissions', 0.9)] }),
    ).toMatchObject({
      pass: true,
      highConfidenceRight: true,
    });
    expect(
      judge(unrelatedCase, { isError: true, findings: [finding('metering-throttling', 'metering', 0.7)] }).pass,
    ).toBe(false);
    expect(
      judge(unrelatedCase, { isError: true, findings: [finding('entitlement-throttling', 'entitlement', 0.7)] }).pass,
    ).toBe(false);
  });

  it('a high-confidence answer to an unrelated error is right only for an entry covering that service', () => {
    const stsOnEc2 = judge(unrelatedCase, {
      isError: true,
      findings: [finding('sts-throttling', 'sts', 0.9, ['sts'])],
    });
    expect(stsOnEc2).toMatchObject({ pass: true, highConfidence: true, highConfidenceRight: false });
  });

  it('chat passes only when it is not an error and nothing is found that a channel would post', () => {
    expect(judge(chatCase, { isError: false, findings: [] }).pass).toBe(true);
    expect(judge(chatCase, { isError: true, findings: [] }).pass).toBe(false);
    expect(judge(chatCase, { isError: false, findings: [finding('metering-throttling', 'metering', 0.4)] }).pass).toBe(
      false,
    );
    // A code named in a question: kept for explicit asks, below what a channel answers.
    expect(
      judge(chatCase, { isError: false, findings: [finding('metering-throttling', 'metering', 0.3, ['*'], 0.45)] })
        .pass,
    ).toBe(true);
  });

  it('an unknown error must be an error that no entry claims at high confidence', () => {
    expect(judge(unknownCase, { isError: true, findings: [] }).pass).toBe(true);
    expect(
      judge(unknownCase, { isError: true, findings: [finding('metering-throttling', 'metering', 0.5)] }).pass,
    ).toBe(true);
    expect(judge(unknownCase, { isError: false, findings: [] }).pass).toBe(false);
    expect(
      judge(unknownCase, { isError: true, findings: [finding('metering-throttling', 'metering', 0.85)] }),
    ).toMatchObject({
      pass: false,
      highConfidenceRight: false,
    });
  });
});

describe('figures over a set', () => {
  it('counts each rate over its own class and precision over high-confidence top findings', () => {
    const outcomes = [
      judge(catalogCase, { isError: true, findings: [finding('metering-throttling', 'metering', 0.95)] }),
      judge({ ...catalogCase, id: 'b' }, { isError: true, findings: [finding('sts-throttling', 'sts', 0.9, ['sts'])] }),
      judge(
        { ...catalogCase, id: 'c' },
        { isError: true, findings: [finding('metering-throttling', 'metering', 0.6)] },
      ),
      judge(unrelatedCase, { isError: true, findings: [finding('metering-throttling', 'metering', 0.6)] }),
      judge(chatCase, { isError: false, findings: [] }),
    ];
    const f = figures(outcomes);
    expect(f.cases).toBe(5);
    expect(f.overall).toEqual({ right: 3, of: 5, rate: 0.6 });
    expect(f.top1).toEqual({ right: 2, of: 3, rate: 0.6667 });
    expect(f.restraint).toEqual({ right: 0, of: 1, rate: 0 });
    expect(f.silence).toEqual({ right: 1, of: 1, rate: 1 });
    expect(f.unknown).toEqual({ right: 0, of: 0, rate: null });
    expect(f.highConfidencePrecision).toEqual({ right: 1, of: 2, rate: 0.5 });
  });

  it('buckets every finding by its confidence and says how many in each bucket were right', () => {
    const outcomes = [
      // Right at high confidence.
      judge(catalogCase, { isError: true, findings: [finding('metering-throttling', 'metering', 0.95)] }),
      // Wrong at high confidence, and a second (wrong) finding for the same one-error paste at 0.6.
      judge(
        { ...catalogCase, id: 'b' },
        {
          isError: true,
          findings: [finding('sts-throttling', 'sts', 0.85, ['sts']), finding('aws-throttling', 'general', 0.6)],
        },
      ),
      // An unrelated EC2 throttle answered by the generic entry: right, in the 0.7-0.85 bucket.
      judge(unrelatedCase, { isError: true, findings: [finding('aws-throttling', 'general', 0.75)] }),
      // A finding for an unknown error is never right, whatever its confidence.
      judge(unknownCase, { isError: true, findings: [finding('network-timeout', 'network', 0.3)] }),
    ];
    expect(reliability(outcomes)).toEqual([
      { bucket: '<0.5', findings: 1, right: 0, precision: 0, meanConfidence: 0.3 },
      { bucket: '0.5-0.7', findings: 1, right: 0, precision: 0, meanConfidence: 0.6 },
      { bucket: '0.7-0.85', findings: 1, right: 1, precision: 1, meanConfidence: 0.75 },
      { bucket: '>=0.85', findings: 2, right: 1, precision: 0.5, meanConfidence: 0.9 },
    ]);
    expect(figures(outcomes).reliability).toEqual(reliability(outcomes));
  });

  it('counts, per verdict, the cases where it was the right thing to say', () => {
    const outcomes = [
      // A right diagnosis.
      judge(catalogCase, {
        isError: true,
        findings: [finding('metering-throttling', 'metering', 0.95)],
        verdict: { kind: 'known', related: [] },
      }),
      // "Does not know", offering the expected entry among the related ones: right.
      judge(
        { ...catalogCase, id: 'b' },
        {
          isError: true,
          findings: [finding('aws-throttling', 'general', 0.3)],
          verdict: { kind: 'unknown', related: ['aws-throttling', 'metering-throttling'] },
        },
      ),
      // "Does not know" without the expected entry: wrong.
      judge(
        { ...catalogCase, id: 'c' },
        { isError: true, findings: [], verdict: { kind: 'unknown', related: ['sts-throttling'] } },
      ),
      // An unknown error said to be unknown, chat said to be nothing: right.
      judge(unknownCase, { isError: true, findings: [], verdict: { kind: 'unknown', related: [] } }),
      judge(chatCase, { isError: false, findings: [], verdict: { kind: 'none', related: [] } }),
      // A possible match that is wrong.
      judge(unrelatedCase, {
        isError: true,
        findings: [finding('metering-throttling', 'metering', 0.6)],
        verdict: { kind: 'possible', related: [] },
      }),
    ];
    expect(verdictFigures(outcomes)).toEqual({
      known: { right: 1, of: 1, rate: 1 },
      possible: { right: 0, of: 1, rate: 0 },
      unknown: { right: 2, of: 3, rate: 0.6667 },
      none: { right: 1, of: 1, rate: 1 },
    });
  });

  it('leaves an empty bucket without a precision rather than calling it 0 %', () => {
    const [low] = reliability([judge(chatCase, { isError: false, findings: [] })]);
    expect(low).toEqual({ bucket: '<0.5', findings: 0, right: 0, precision: null, meanConfidence: null });
  });

  it('reports the thresholds a set misses and ignores rates with nothing counted', () => {
    const f = figures([
      judge(catalogCase, { isError: true, findings: [] }),
      judge(chatCase, { isError: false, findings: [] }),
    ]);
    expect(missedThresholds('heldout', f, { top1: 0.97, silence: 1, unknown: 0.9 })).toEqual([
      'heldout: top1 0 is below 0.97',
    ]);
    expect(missedThresholds('heldout', f, {})).toEqual([]);
  });
});

describe('the case format', () => {
  it('accepts each class with its own fields', () => {
    for (const c of [catalogCase, unrelatedCase, chatCase, unknownCase])
      expect(evalCaseSchema.safeParse(c).success).toBe(true);
    expect(
      evalCaseSchema.safeParse({ ...chatCase, url: undefined, source: 'eval/sdk-matrix/generate.ts (boto3)' }).success,
    ).toBe(true);
  });

  it('rejects a case missing what it needs or carrying fields of another class', () => {
    const bad: unknown[] = [
      { ...catalogCase, expect: { class: 'catalog' } },
      { ...catalogCase, expect: { class: 'catalog', entry: 'Metering Throttling' } },
      { ...unrelatedCase, expect: { class: 'unrelated', service: 'ec2', kind: 'slow' } },
      { ...chatCase, expect: { class: 'chat', entry: 'metering-throttling' } },
      { ...chatCase, url: undefined },
      { ...chatCase, url: 'not a url' },
      { ...chatCase, text: '   \n' },
      { ...chatCase, extra: true },
    ];
    for (const c of bad) expect(evalCaseSchema.safeParse(c).success, JSON.stringify(c)).toBe(false);
  });
});
