import { describe, expect, it } from 'vitest';
import { diagnose, MAX_SCAN_CHARS } from '../../src/core/index.js';
import { NOW, realCatalog } from './helpers.js';

/**
 * Input built to hurt: huge, repetitive, binary, malformed, regex-hostile. Each gets a clear
 * answer or a clear refusal, promptly. (Speed itself is measured by `npm run bench`; the generous
 * bound here only catches a hang or a catastrophic backtrack, not a slowdown.)
 */
function timed<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

const HANG_BOUND_MS = 5_000;

describe('hostile input', () => {
  it('1 MB of one character: read, nothing found, no hang', () => {
    const { value, ms } = timed(() => diagnose('a'.repeat(1_000_000), realCatalog(), { now: NOW }));
    expect(value.isError).toBe(false);
    expect(ms).toBeLessThan(HANG_BOUND_MS);
  });

  it('more than the scan limit: cut, and the diagnosis says so', () => {
    const paste = `An error occurred (ThrottlingException) when calling the BatchMeterUsage operation: Rate exceeded\n${'x'.repeat(MAX_SCAN_CHARS + 10)}`;
    const result = diagnose(paste, realCatalog(), { now: NOW });
    expect(result.truncated).toEqual({ scannedChars: MAX_SCAN_CHARS, totalChars: paste.length });
    expect(result.findings[0]?.facts.code).toBe('ThrottlingException');
  });

  it('deeply nested JSON: parsed or skipped, never a stack overflow', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    const nested = `${'{"a":'.repeat(50_000)}{"Timestamp":1795429200,"Dimension":"d"}${'}'.repeat(50_000)}`;
    for (const paste of [
      deep,
      nested,
      `An error occurred (ThrottlingException) when calling the BatchMeterUsage operation: x ${nested}`,
    ]) {
      const { ms } = timed(() => diagnose(paste, realCatalog(), { now: NOW }));
      expect(ms).toBeLessThan(HANG_BOUND_MS);
    }
  });

  it('binary bytes are refused as binary', () => {
    const bytes = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256)).toString('latin1');
    const result = diagnose(bytes, realCatalog(), { now: NOW });
    expect(result).toMatchObject({ isError: false, refusal: 'binary', findings: [] });
  });

  it('lone surrogates and control characters around a real error do not hide it', () => {
    const paste =
      '\uD800\u0000\u0007 An error occurred (ThrottlingException) when calling the MeterUsage operation: Rate exceeded \uDFFF';
    const result = diagnose(paste, realCatalog(), { now: NOW });
    expect(result.findings[0]?.facts).toMatchObject({ code: 'ThrottlingException', operation: 'MeterUsage' });
  });

  it('10,000 lines of "Exception" are not 10,000 errors', () => {
    const { value, ms } = timed(() => diagnose('Exception\n'.repeat(10_000), realCatalog(), { now: NOW }));
    expect(value.isError).toBe(false);
    expect(ms).toBeLessThan(HANG_BOUND_MS);
  });

  it('10,000 copies of one error are one finding counted 10,000 times', () => {
    const line = 'An error occurred (ThrottlingException) when calling the BatchMeterUsage operation: Rate exceeded\n';
    const result = diagnose(line.repeat(10_000), realCatalog(), { now: NOW });
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]!.occurrences).toBeGreaterThanOrEqual(2_000);
  });

  it('regex-hostile strings: long runs of the characters the patterns look for', () => {
    const pastes = [
      `arn:aws:iam::123456789012:role/${'a/'.repeat(200_000)}`,
      `operation error ${'A '.repeat(200_000)}`,
      `An error occurred (${'('.repeat(200_000)}`,
      `{{${'window|'.repeat(100_000)}}}`,
      `Request ID: ${'-'.repeat(300_000)}`,
      `${'a.'.repeat(60)}amazonaws.co `.repeat(5_000),
      `Timestamp: ${'1'.repeat(300_000)}`,
    ];
    for (const paste of pastes) {
      const { ms } = timed(() => diagnose(paste, realCatalog(), { now: NOW }));
      expect(ms).toBeLessThan(HANG_BOUND_MS);
    }
  });

  it('empty and whitespace-only pastes are refused as empty', () => {
    expect(diagnose('', realCatalog()).refusal).toBe('empty');
    expect(diagnose(' \n\t ', realCatalog()).refusal).toBe('empty');
  });
});
