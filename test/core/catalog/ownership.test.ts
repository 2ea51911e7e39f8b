import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  Catalog,
  type CatalogEntry,
  catalogEntrySchema,
  diagnose,
  entriesForLookup,
  ownershipReport,
} from '../../../src/core/index.js';
import { CatalogLoadError, loadCatalog } from '../../../src/knowledge/load-catalog.js';
import { NOW, realCatalog, scratchKnowledgeDir } from '../helpers.js';

/**
 * `match.owns` says which entry a code or wording shared by several entries means first. It only
 * decides between entries that fit a paste equally well; anything else in the paste (another
 * entry's own wording, the operation, the service) still outranks it.
 */

/** A minimal valid entry; `match` overrides are merged in. */
function entry(id: string, match: Partial<CatalogEntry['match']>): CatalogEntry {
  return catalogEntrySchema.parse({
    id,
    title: `Entry ${id}`,
    area: 'signature',
    services: ['*'],
    match: { codes: ['SharedCode'], ...match },
    severity: 'blocker',
    retryable: false,
    what: 'Something failed.',
    why: ['A reason.'],
    fix: ['A step.'],
    docs: [{ title: 'Docs', url: 'https://docs.aws.amazon.com/' }],
    examples: ['SharedCode: it failed'],
  });
}

const topOf = (text: string, catalog: Catalog) => diagnose(text, catalog, { now: NOW }).findings[0]?.entry.id;

describe('ranking with match.owns', () => {
  const paste = 'An error occurred (SharedCode) when calling the DescribeThings operation: it failed';

  it('without an owner, two entries that tie on a code fall to the entry id', () => {
    const catalog = new Catalog([entry('b-entry', {}), entry('a-entry', {})], 'test');
    expect(topOf(paste, catalog)).toBe('a-entry');
  });

  it('the entry that owns the code answers first, whatever its id', () => {
    const catalog = new Catalog([entry('a-entry', {}), entry('b-entry', { owns: ['SharedCode'] })], 'test');
    expect(topOf(paste, catalog)).toBe('b-entry');
    const swapped = new Catalog([entry('a-entry', { owns: ['sharedcode'] }), entry('b-entry', {})], 'test');
    expect(topOf(paste, swapped)).toBe('a-entry');
  });

  it('the entry that owns a shared phrase answers first when the phrase alone matched', () => {
    const wording = 'the request was refused by the frobnicator';
    const catalog = new Catalog(
      [
        entry('a-entry', { codes: ['CodeA'], messages: [wording] }),
        entry('b-entry', { codes: ['CodeB'], messages: [wording], owns: [wording] }),
      ],
      'test',
    );
    expect(topOf(`ERROR worker: ${wording} at 12:00`, catalog)).toBe('b-entry');
  });

  it("owning a code does not outrank another entry's own wording in the paste", () => {
    const catalog = new Catalog(
      [entry('a-entry', { messages: ['clock is too far off'] }), entry('b-entry', { owns: ['SharedCode'] })],
      'test',
    );
    expect(topOf(`${paste}: the clock is too far off`, catalog)).toBe('a-entry');
  });

  it('a tie stays a tie for confidence: the owner is a possible match, not a sure one', () => {
    const catalog = new Catalog([entry('a-entry', {}), entry('b-entry', { owns: ['SharedCode'] })], 'test');
    const finding = diagnose(paste, catalog, { now: NOW }).findings[0]!;
    expect(finding.entry.id).toBe('b-entry');
    expect(finding.alternatives.map((e) => e.id)).toEqual(['a-entry']);
    expect(finding.confidence).toBeLessThan(0.85);
  });
});

describe('the schema of match.owns', () => {
  it('accepts the entry’s own codes and phrases, in any case', () => {
    expect(() => entry('x', { messages: ['some wording'], owns: ['sharedcode', 'Some Wording'] })).not.toThrow();
  });

  it('rejects a code or phrase the entry does not list, naming the field', () => {
    expect(() => entry('x', { owns: ['OtherCode'] })).toThrow(/owns[\s\S]*OtherCode/);
  });

  it('a knowledge file that owns a code it does not list fails to load, naming the file and the field', () => {
    const dir = scratchKnowledgeDir();
    const file = join(dir, 'signature', 'signature-clock-skew.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('\nmatch:\n', '\nmatch:\n  owns: [ThrottlingException]\n'));
    let error: unknown;
    try {
      loadCatalog(dir, { compiled: false });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(CatalogLoadError);
    expect(String((error as Error).message)).toMatch(/signature-clock-skew\.yaml[\s\S]*owns/);
  });
});

describe('the schema of match.wrappers and match.sharedCodes', () => {
  it("accepts a wrapper among the entry's own phrases and a shared code among its codes, in any case", () => {
    expect(() =>
      entry('x', { messages: ['Unable to connect to endpoint'], wrappers: ['unable to connect to endpoint'] }),
    ).not.toThrow();
    expect(() => entry('x', { sharedCodes: ['sharedcode'] })).not.toThrow();
  });

  it('rejects a wrapper that is not one of its phrases, or a shared code it does not list, naming the field', () => {
    expect(() => entry('x', { messages: ['some wording'], wrappers: ['other wording'] })).toThrow(
      /wrappers[\s\S]*other wording/,
    );
    expect(() => entry('x', { sharedCodes: ['ValidationException'] })).toThrow(/sharedCodes[\s\S]*ValidationException/);
  });
});

describe('ownershipReport', () => {
  it('reports a code two entries own as a conflict, and a shared code nobody owns as unowned', () => {
    const conflicting = new Catalog(
      [entry('a-entry', { owns: ['SharedCode'] }), entry('b-entry', { owns: ['SharedCode'] })],
      'test',
    );
    expect(ownershipReport(conflicting).conflicts).toEqual([
      { kind: 'code', value: 'SharedCode', entries: ['a-entry', 'b-entry'], owners: ['a-entry', 'b-entry'] },
    ]);
    const unowned = new Catalog([entry('a-entry', {}), entry('b-entry', {})], 'test');
    expect(ownershipReport(unowned).unowned.map((s) => s.value)).toEqual(['SharedCode']);
  });

  it('entries that cannot meet on one paste (other operations, other services) do not tie', () => {
    const catalog = new Catalog(
      [entry('a-entry', { operations: ['MeterUsage'] }), entry('b-entry', { operations: ['GetEntitlements'] })],
      'test',
    );
    expect(ownershipReport(catalog)).toEqual({ conflicts: [], unowned: [] });
  });

  it('the shipped catalog has no conflicts and says who owns the codes several generic entries share', () => {
    const report = ownershipReport(realCatalog());
    expect(report.conflicts).toEqual([]);
    const unownedCodes = report.unowned.filter((s) => s.kind === 'code').map((s) => s.value);
    expect(unownedCodes).toEqual([]);
  });
});

describe('owners in the shipped catalog, on pastes that fit several entries equally', () => {
  const catalog = realCatalog();

  it.each([
    // aws-sdk-ruby error class alone, as an error tracker titles it: the code and nothing else
    ['Ruby class alone', 'Aws::S3::Errors::SignatureDoesNotMatch in UploadJob#perform', 'signature-mismatch'],
    [
      'botocore ClientError with no message',
      'botocore.exceptions.ClientError: An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: ',
      'signature-mismatch',
    ],
    // JSON protocol services name the same failure InvalidSignatureException
    [
      'JS v3 name and $fault only',
      "InvalidSignatureException: \n    at throwDefaultError (/srv/app/node_modules/@smithy/smithy-client/dist-cjs/index.js:388:20) {\n  '$fault': 'client',",
      'signature-mismatch',
    ],
    ['a bare AccessDeniedException', 'AccessDeniedException: Access Denied', 'access-denied-generic'],
    ['a bare TimeoutError', 'TimeoutError: Request failed', 'network-timeout'],
  ])('%s answers the entry that owns the code', (_layout, paste, expected) => {
    expect(topOf(paste, catalog)).toBe(expected);
  });

  it.each([
    [
      'clock skew',
      'An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: Signature expired: 20261123T101500Z is now earlier than 20261123T102000Z (20261123T103500Z - 15 min.)',
      'signature-clock-skew',
    ],
    [
      'Region scope',
      'An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation: Credential should be scoped to a valid region.',
      'signature-wrong-region-scope',
    ],
  ])("the owner steps aside for %s when that entry's own wording is in the paste", (_why, paste, expected) => {
    expect(topOf(paste, catalog)).toBe(expected);
  });
});

describe('looking a code up by name (`/meterdoc <Code>`)', () => {
  it('within an area the owner of the code comes first', () => {
    const ids = (catalog: Catalog) => entriesForLookup(catalog, 'SharedCode').map((e) => e.id);
    expect(ids(new Catalog([entry('a-entry', {}), entry('b-entry', { owns: ['SharedCode'] })], 'test'))).toEqual([
      'b-entry',
      'a-entry',
    ]);
    expect(ids(new Catalog([entry('a-entry', { owns: ['SharedCode'] }), entry('b-entry', {})], 'test'))).toEqual([
      'a-entry',
      'b-entry',
    ]);
  });

  it('the shipped catalog: SignatureDoesNotMatch is the mismatch first; a shared throttle code is still metering first', () => {
    expect(entriesForLookup(realCatalog(), 'SignatureDoesNotMatch')[0]?.id).toBe('signature-mismatch');
    expect(entriesForLookup(realCatalog(), 'ThrottlingException')[0]?.id).toBe('metering-throttling');
  });
});
