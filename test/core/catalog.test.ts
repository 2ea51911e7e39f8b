import { readFileSync, writeFileSync } from 'node:fs';
import { AREA_PRIORITY, AREAS } from '../../src/core/catalog/schema.js';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogLoadError, loadCatalog } from '../../src/knowledge/load-catalog.js';
import { Catalog, checkCounterexamples, checkExamples, diagnose } from '../../src/core/index.js';
import { NOW, realCatalog, scratchKnowledgeDir } from './helpers.js';

describe('the shipped catalog', () => {
  const catalog = realCatalog();

  it.each(catalog.entries.map((e) => [e.id, e] as const))(
    '%s: every example ranks its own entry first',
    (_id, entry) => {
      for (const example of entry.examples) {
        const result = diagnose(example, catalog, { now: NOW });
        expect(result.isError, example).toBe(true);
        expect(result.findings[0]?.entry.id, example).toBe(entry.id);
      }
    },
  );

  it('checkExamples agrees: no failures', () => {
    expect(checkExamples(catalog, NOW).failures).toEqual([]);
  });

  it.each(catalog.entries.filter((e) => e.counterexamples.length > 0).map((e) => [e.id, e] as const))(
    '%s: no counterexample ranks the entry first',
    (_id, entry) => {
      for (const text of entry.counterexamples)
        expect(diagnose(text, catalog, { now: NOW }).findings[0]?.entry.id, text).not.toBe(entry.id);
    },
  );

  it('checkCounterexamples reports a counterexample that its own entry claims', () => {
    const throttling = catalog.entries.find((e) => e.id === 'aws-throttling')!;
    const swallowing = {
      ...throttling,
      counterexamples: [
        'An error occurred (ThrottlingException) when calling the DescribeStacks operation: Rate exceeded',
      ],
    };
    const result = checkCounterexamples(
      new Catalog([...catalog.entries.filter((e) => e !== throttling), swallowing], 'test'),
      NOW,
    );
    expect(result.failures.map((f) => f.entryId)).toEqual(['aws-throttling']);
    expect(checkCounterexamples(catalog, NOW).failures).toEqual([]);
  });

  it('covers all 19 modeled Metering Service errors and the BatchMeterUsage record outcomes', () => {
    const modeled = [
      'InternalServiceErrorException',
      'ThrottlingException',
      'InvalidProductCodeException',
      'InvalidUsageDimensionException',
      'InvalidTagException',
      'InvalidUsageAllocationsException',
      'InvalidCustomerIdentifierException',
      'TimestampOutOfBoundsException',
      'DisabledApiException',
      'InvalidLicenseException',
      'InvalidEndpointRegionException',
      'DuplicateRequestException',
      'IdempotencyConflictException',
      'CustomerNotEntitledException',
      'InvalidRegionException',
      'InvalidPublicKeyVersionException',
      'PlatformNotSupportedException',
      'InvalidTokenException',
      'ExpiredTokenException',
      'CustomerNotSubscribed',
      'DuplicateRecord',
    ];
    expect(modeled.filter((code) => catalog.entriesForCode(code).length === 0)).toEqual([]);
  });

  it('keys shared codes on the operation: ExpiredTokenException on ResolveCustomer is a registration token', () => {
    const resolve = diagnose(
      'An error occurred (ExpiredTokenException) when calling the ResolveCustomer operation: The submitted registration token has expired.',
      catalog,
      { now: NOW },
    );
    const batch = diagnose(
      'An error occurred (ExpiredTokenException) when calling the BatchMeterUsage operation: The security token included in the request is expired',
      catalog,
      { now: NOW },
    );
    expect(resolve.findings[0]!.entry.id).toBe('resolve-customer-expired-token');
    expect(resolve.findings[0]!.entry.retryable).toBe(false);
    expect(batch.findings[0]!.entry.id).toBe('credentials-session-expired');
  });

  it('keys AccessDenied on the IAM action: metering, sts:AssumeRole and ce: are different fixes', () => {
    const denied = (action: string, op: string) =>
      diagnose(
        `An error occurred (AccessDeniedException) when calling the ${op} operation: User: arn:aws:sts::123456789012:assumed-role/r/s is not authorized to perform: ${action}`,
        catalog,
        { now: NOW },
      ).findings[0]!.entry.id;
    const ids = new Set([
      denied('aws-marketplace:MeterUsage', 'MeterUsage'),
      denied('sts:AssumeRole', 'AssumeRole'),
      denied('ce:GetCostAndUsage', 'GetCostAndUsage'),
    ]);
    expect(ids.size).toBe(3);
  });

  it('has a stable version that changes when any knowledge file changes', () => {
    const dir = scratchKnowledgeDir();
    const before = loadCatalog(dir).version;
    expect(loadCatalog(dir).version).toBe(before);
    const file = join(dir, 'metering', 'metering-throttling.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('title: ', 'title: Edited '));
    expect(loadCatalog(dir).version).not.toBe(before);
  });
});

describe('loading knowledge files', () => {
  function breakFile(mutate: (yaml: string) => string): CatalogLoadError {
    const dir = scratchKnowledgeDir();
    const file = join(dir, 'metering', 'metering-throttling.yaml');
    writeFileSync(file, mutate(readFileSync(file, 'utf8')));
    try {
      loadCatalog(dir);
    } catch (err) {
      expect(err).toBeInstanceOf(CatalogLoadError);
      return err as CatalogLoadError;
    }
    throw new Error('the broken catalog loaded');
  }

  it('names the file and the field when a value is invalid', () => {
    const err = breakFile((y) => y.replace('severity: warning', 'severity: catastrophic'));
    expect(err.file).toContain('metering-throttling.yaml');
    expect(err.problems.join()).toMatch(/^severity: /);
  });

  it('refuses an entry whose folder and area disagree (knowledge/<area>/<id>.yaml)', () => {
    const err = breakFile((y) => y.replace(/^area: metering$/m, 'area: network'));
    expect(err.file).toContain('metering-throttling.yaml');
    expect(err.problems.join()).toMatch(/^area: "network" but the file is in the folder "metering\/"/);
  });

  it('rejects unknown keys (a typo must not silently drop a field)', () => {
    expect(breakFile((y) => y.replace('retryable: true', 'retryable: true\nretyrable: false')).problems.join()).toMatch(
      /retyrable/,
    );
  });

  it('rejects invalid YAML with its line', () => {
    expect(breakFile((y) => `${y}\n  - : : [\n`).problems.join()).toMatch(/not valid YAML/);
  });

  it('rejects an unknown placeholder', () => {
    expect(
      breakFile((y) => y.replace('refused {{operation|the call}}', 'refused {{operaton}}')).problems.join(),
    ).toMatch(/unknown placeholder \{\{operaton\}\}/);
  });

  it('requires the id to equal the file name', () => {
    expect(breakFile((y) => y.replace('id: metering-throttling', 'id: metering-throttled')).problems.join()).toMatch(
      /must equal the file name/,
    );
  });

  it('rejects a non-https docs link', () => {
    expect(breakFile((y) => y.replace('url: https://', 'url: http://')).problems.join()).toMatch(/docs\.0\.url/);
  });
});

describe('operation-scoped causes and fix steps in knowledge files', () => {
  it('load, and their placeholders are checked like any other text', () => {
    const dir = scratchKnowledgeDir();
    const file = join(dir, 'metering', 'metering-throttling.yaml');
    const yaml = readFileSync(file, 'utf8').replace(
      'fix:\n',
      'fix:\n  - text: Only for RegisterUsage, see {{nonsense}}.\n    operations: [RegisterUsage]\n',
    );
    writeFileSync(file, yaml);
    expect(() => loadCatalog(dir)).toThrow(/fix\[0\]: unknown placeholder \{\{nonsense\}\}/);
  });

  it('must name at least one operation', () => {
    const dir = scratchKnowledgeDir();
    const file = join(dir, 'metering', 'metering-throttling.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('fix:\n', 'fix:\n  - text: A step for no operation.\n    operations: []\n'),
    );
    expect(() => loadCatalog(dir)).toThrow(/metering-throttling\.yaml: fix\.0/);
  });
});

describe('area priority', () => {
  it('lives in the schema and ranks every area exactly once', () => {
    expect([...AREA_PRIORITY].sort()).toEqual([...AREAS].sort());
  });
});
