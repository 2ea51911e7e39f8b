import { describe, expect, it } from 'vitest';
import { benchAiDetails } from '../../bench/ai.js';
import { diagnose } from '../../src/core/index.js';
import { errorIdentity, normalizeForFingerprint } from '../../src/core/fingerprint.js';
import { codeWords, nearestEntries } from '../../src/core/match/nearest.js';
import { catalog, unknownPaste } from './helpers.js';

describe('normalizeForFingerprint', () => {
  it('folds request IDs, UUIDs, timestamps, quantities, hex and ARN accounts', () => {
    const a = normalizeForFingerprint(
      '2026-11-20T10:00:01.123Z RequestId: 5d2c8a1e-1111-4a1b-9c1d-0123456789ab qty 17 arn:aws:iam::123456789012:role/R sha deadbeefdeadbeef01 at 10:00:01',
    );
    const b = normalizeForFingerprint(
      '2027-01-02T23:59:59Z RequestId: AB12CD34EF56GH78 qty 4 arn:aws:iam::<ACCOUNT_3>:role/R sha 0123456789abcdef99 at 23:59:59',
    );
    expect(a).toBe(b);
    expect(a).toContain('arn:aws:iam::<account>:role/r');
  });

  it('keeps what tells errors apart', () => {
    expect(normalizeForFingerprint('Quota exceeded for dimension requests')).not.toBe(
      normalizeForFingerprint('Quota exceeded for dimension users'),
    );
  });
});

describe('errorIdentity', () => {
  it('is the same for a repeat with new noise and for the same error from another SDK', () => {
    const js = diagnose(unknownPaste(), catalog).unmatched[0]!;
    const again = diagnose(unknownPaste(), catalog).unmatched[0]!;
    const py = diagnose(
      'botocore.exceptions.ClientError: An error occurred (UsageAllocationQuotaExceededException) when calling the BatchMeterUsage operation: The usage allocation quota for product prod-abc123 was exceeded by account 123456789012',
      catalog,
    ).unmatched[0]!;
    expect(js.facts.requestId).not.toBe(again.facts.requestId);
    expect(errorIdentity(js.facts, js.excerpt)).toBe(errorIdentity(again.facts, again.excerpt));
    expect(errorIdentity(js.facts, js.excerpt)).toBe(errorIdentity(py.facts, py.excerpt));
    const other = diagnose(
      unknownPaste('UsageAllocationQuotaExceededException', 'A different problem entirely'),
      catalog,
    ).unmatched[0]!;
    expect(errorIdentity(other.facts, other.excerpt)).not.toBe(errorIdentity(js.facts, js.excerpt));
  });
});

describe('nearestEntries', () => {
  it('splits codes into words', () => {
    expect(codeWords('InvalidUsageAllocationsException')).toEqual(['invalid', 'usage', 'allocations']);
    expect(codeWords('STSAccessDenied')).toEqual(['sts', 'access', 'denied']);
  });

  it('ranks entries sharing code words, operation and service first, and finds nothing for chatter', () => {
    const near = nearestEntries(catalog, {
      code: 'InvalidUsageAllocationsQuotaException',
      operation: 'BatchMeterUsage',
      service: 'metering.marketplace',
    });
    expect(near[0]!.entry.id).toBe('metering-invalid-usage-allocations');
    expect(near.length).toBeLessThanOrEqual(3);
    expect(near[0]!.similarity).toBeGreaterThan(near.at(-1)!.similarity - 1e-9);
    expect(nearestEntries(catalog, { code: 'Zzyzx' })).toEqual([]);
  });
});

describe('AI bench (deterministic part)', () => {
  it('makes exactly one Bedrock call per distinct error over a noisy stream', async () => {
    const details = await benchAiDetails(undefined, { pastes: 300, wave: 20, bedrockDelayMs: 5 });
    expect(details.distinct_errors).toBe(50);
    expect(details.bedrock_calls).toBe(50);
    expect(details.bedrock_calls_per_distinct_error).toBe(1);
    expect(details.non_ai_answers).toBe(0);
  });
});
