import { describe, expect, it } from 'vitest';
import { diagnose, POSSIBLE_MATCH_FLOOR, RELATED_LIMIT, toJsonDiagnosis } from '../../src/core/index.js';
import { NOW, realCatalog } from './helpers.js';

/**
 * The verdict is what MeterDoc can say about a paste as a whole, decided once in the core:
 * a diagnosis (`known`), only a possible match (`possible`), an error it does not know
 * (`unknown`, with the closest entries as "might be related"), or no error at all (`none`).
 * Every paste here was written for these tests in the layout people paste.
 */
describe('the verdict on a paste', () => {
  const catalog = realCatalog();
  const run = (text: string) => diagnose(text, catalog, { now: NOW });

  it('is known when a finding is a diagnosis, and then offers nothing as "might be related"', () => {
    const d = run(
      '2026-12-07T10:02:11Z ERROR billing-agent: botocore.exceptions.ClientError: An error occurred (ThrottlingException) when calling the BatchMeterUsage operation (reached max retries: 4): Rate exceeded',
    );
    expect(d.verdict).toEqual({ kind: 'known', related: [] });
  });

  it('is a possible match when the best entry fits only in part, with the other entries that share the code', () => {
    const d = run('2026-12-07T10:14:02Z ERROR sync-worker: ThrottlingException: Rate exceeded');
    expect(d.verdict.kind).toBe('possible');
    const ids = d.verdict.related.map((r) => r.entry.id);
    // The possible match itself is the answer, not one of its "might be related" entries.
    expect(d.findings[0]!.entry.id).toBe('aws-throttling');
    expect(ids).not.toContain('aws-throttling');
    expect(ids).toContain('metering-throttling');
    expect(d.verdict.related.every((r) => r.why.length > 0)).toBe(true);
  });

  it('is unknown for an exception no entry covers, with the closest entries and why they are close', () => {
    const d = run(
      [
        '2026-12-07T10:02:11.480Z ERROR BatchMeterUsage failed',
        'UsageAllocationQuotaExceededException: The usage allocation quota for product prod-7x2k was exceeded',
        '    at throwDefaultError (/srv/meter/node_modules/@smithy/smithy-client/dist-cjs/index.js:867:20)',
      ].join('\n'),
    );
    expect(d.findings).toEqual([]);
    expect(d.verdict.kind).toBe('unknown');
    expect(d.verdict.related.length).toBeGreaterThan(0);
    expect(d.verdict.related.length).toBeLessThanOrEqual(RELATED_LIMIT);
    // The code shares words with the usage-allocation entries.
    expect(d.verdict.related[0]!.why).toMatch(/similar code/);
    // Each unknown error carries its own list; the paste's is the first error's.
    expect(d.unmatched[0]!.related).toEqual(d.verdict.related);
  });

  it('offers nothing as "might be related" when an unknown error shares only everyday words with the catalog', () => {
    // "rejected" and "usage" are in half the entries; nothing about the error points at one of them.
    const d = run(
      '2026-12-07T10:20:00Z ERROR meter-worker FluxCapacitorOverloadException: flux capacitor rejected usage',
    );
    expect(d.verdict.kind).toBe('unknown');
    expect(d.verdict.related).toEqual([]);
    expect(d.unmatched[0]!.related ?? []).toEqual([]);
  });

  it('still offers entries an unknown error shares its operation or service with', () => {
    const d = run('SomeNewWeirdException: kaboom when calling the BatchMeterUsage operation');
    expect(d.verdict.kind).toBe('unknown');
    expect(d.verdict.related.length).toBeGreaterThan(0);
    expect(d.verdict.related.every((r) => r.why !== 'similar wording')).toBe(true);
  });

  it('is unknown when the only entry that fits is a guess, which then leads the "might be related" entries', () => {
    // A Go v1 denial from an unnamed service in a longer log: the code alone, no action, no service.
    const d = run(
      [
        '2026-12-07T10:02:09Z INFO meter-sync: uploading the usage snapshot',
        '2026-12-07T10:02:11Z ERROR meter-sync: upload failed: AccessDenied: Access Denied',
        '\tstatus code: 403, request id: 7A1B2C3D4E5F6A7B, host id: Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MGFiY2RlZmdoaWo=',
      ].join('\n'),
    );
    const guess = d.findings[0]!;
    expect(guess.confidence).toBeLessThan(POSSIBLE_MATCH_FLOOR);
    expect(d.verdict.kind).toBe('unknown');
    expect(d.verdict.related[0]!.entry.id).toBe(guess.entry.id);
    expect(d.verdict.related[0]!.why).toMatch(/^fits in part/);
    expect(guess.related).toEqual(d.verdict.related);
  });

  it('is none for chat, and for a paste MeterDoc refuses', () => {
    expect(run('did the metering cron run last night?').verdict).toEqual({ kind: 'none', related: [] });
    expect(run('   \n ').verdict).toEqual({ kind: 'none', related: [] });
  });

  it('is known for a log with one diagnosis and one unknown error; the unknown error keeps its own related entries', () => {
    const d = run(
      [
        '2026-12-07T10:02:11Z ERROR An error occurred (TimestampOutOfBoundsException) when calling the BatchMeterUsage operation: The timestamp value passed in the UsageRecord is out of allowed range.',
        '2026-12-07T10:03:40Z ERROR botocore.exceptions.ClientError: An error occurred (UsageAllocationQuotaExceededException) when calling the BatchMeterUsage operation: quota exceeded',
      ].join('\n'),
    );
    expect(d.verdict).toEqual({ kind: 'known', related: [] });
    expect(d.unmatched).toHaveLength(1);
    expect(d.unmatched[0]!.related!.length).toBeGreaterThan(0);
  });

  it('goes into the JSON contract as verdict and related (id, title, similarity, why)', () => {
    const json = toJsonDiagnosis(
      run(
        'An error occurred (UsageAllocationQuotaExceededException) when calling the BatchMeterUsage operation: allocation quota exceeded',
      ),
    );
    expect(json.verdict).toBe('unknown');
    expect(json.related.length).toBeGreaterThan(0);
    for (const r of json.related) {
      expect(Object.keys(r).sort()).toEqual(['entry', 'similarity', 'title', 'why']);
      expect(catalog.byId.get(r.entry)?.title).toBe(r.title);
    }
    expect(toJsonDiagnosis(run('did the metering cron run?'))).toMatchObject({ verdict: 'none', related: [] });
    // An error that shares nothing with the catalog is unknown with nothing offered as related.
    expect(
      toJsonDiagnosis(run('FluxCapacitorOverloadException: flux capacitor rejected usage for meter-worker')),
    ).toMatchObject({
      verdict: 'unknown',
      related: [],
    });
  });
});
