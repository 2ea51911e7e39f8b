import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extract } from '../../scripts/extract-service-errors.js';
import { runCli, type CliIo } from '../../src/cli/main.js';
import { loadCatalog } from '../../src/knowledge/load-catalog.js';
import { loadServiceModels, sdkModel, vendoredModels } from '../../src/knowledge/load-service-models.js';
import { checkAgainstModels } from '../../src/core/index.js';
import { realCatalog, scratchKnowledgeDir } from '../core/helpers.js';

function fakeIo(env: NodeJS.ProcessEnv): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (s) => out.push(s), stderr: (s) => err.push(s), readStdin: async () => '', env };
}

/** A scratch catalog with one knowledge file rewritten. */
function scratchWith(file: string, mutate: (yaml: string) => string): string {
  const dir = scratchKnowledgeDir();
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  const after = mutate(before);
  expect(after, 'the test must actually change the file').not.toBe(before);
  writeFileSync(path, after);
  return dir;
}

function mismatchesIn(dir: string): string[] {
  return checkAgainstModels(loadCatalog(dir), loadServiceModels()).map((m) => `${m.entryId}: ${m.problem}`);
}

describe('service models the catalog is checked against', () => {
  it('reads each operation and its errors from the installed JavaScript client', () => {
    const model = sdkModel('@aws-sdk/client-marketplace-metering');
    const version = (
      JSON.parse(readFileSync('node_modules/@aws-sdk/client-marketplace-metering/package.json', 'utf8')) as {
        version: string;
      }
    ).version;
    expect(model.source).toBe(`@aws-sdk/client-marketplace-metering ${version}`);
    expect([...model.operations.keys()].sort()).toEqual([
      'BatchMeterUsage',
      'MeterUsage',
      'RegisterUsage',
      'ResolveCustomer',
    ]);
    expect(model.operations.get('MeterUsage')).toContain('IdempotencyConflictException');
    expect(model.operations.get('MeterUsage')).not.toContain('InvalidCustomerIdentifierException');
    expect(model.operations.get('BatchMeterUsage')).toContain('InvalidLicenseException');
    expect(model.operations.get('ResolveCustomer')).toEqual(
      new Set([
        'DisabledApiException',
        'ExpiredTokenException',
        'InternalServiceErrorException',
        'InvalidTokenException',
        'ThrottlingException',
      ]),
    );
  });

  it('takes Entitlement, Cost Explorer, Organizations and EKS Auth from the vendored botocore extract, which names its version', () => {
    const models = vendoredModels();
    expect([...models.keys()].sort()).toEqual(['ce', 'eks-auth', 'entitlement.marketplace', 'organizations']);
    expect(models.get('eks-auth')!.operations.get('AssumeRoleForPodIdentity')).toContain('ExpiredTokenException');
    expect(models.get('organizations')!.source).toMatch(/^botocore \d+\.\d+\.\d+ \(organizations 2016-11-28\)$/);
    expect(models.get('organizations')!.operations.get('TagResource')).toContain('InvalidInputException');
    expect(models.get('organizations')!.operations.get('DescribeOrganization')).not.toContain('InvalidInputException');
  });

  const vendoredFile = resolve('src/knowledge/service-errors.json');
  const vendoredVersion = /^botocore (\S+)/.exec(
    (JSON.parse(readFileSync(vendoredFile, 'utf8')) as { source: string }).source,
  )?.[1];
  const installed = (() => {
    try {
      const out = execFileSync(
        'python3',
        ['-c', 'import botocore, os; print(botocore.__version__); print(os.path.dirname(botocore.__file__))'],
        { encoding: 'utf8' },
      );
      const [version, dir] = out.trim().split('\n');
      return { version, dir: dir! };
    } catch {
      return undefined;
    }
  })();

  it.skipIf(installed?.version !== vendoredVersion)(
    'the vendored extract is exactly what the committed script makes from that botocore version',
    () => {
      expect(extract(installed!.dir)).toBe(readFileSync(vendoredFile, 'utf8'));
    },
  );
});

describe('catalog check against the service models', () => {
  it('finds every operation/code pair of the shipped catalog in the models', () => {
    expect(checkAgainstModels(realCatalog(), loadServiceModels())).toEqual([]);
  });

  it('fails an entry that pairs an operation with a modeled code it never raises', () => {
    const dir = scratchWith('organizations/org-invalid-input.yaml', (y) =>
      y.replace('operations: [ListAccounts,', 'operations: [DescribeOrganization, ListAccounts,'),
    );
    expect(mismatchesIn(dir)).toEqual([
      expect.stringMatching(
        /^org-invalid-input: DescribeOrganization never raises InvalidInputException \(botocore [\d.]+ \(organizations 2016-11-28\)\)$/,
      ),
    ]);
  });

  it('fails an entry that leaves out an operation raising its code', () => {
    const dir = scratchWith('sts/sts-web-identity-token-expired.yaml', (y) =>
      y.replace(', AssumeRole, AssumeRoot,', ','),
    );
    const problems = mismatchesIn(dir);
    // The entry names STS and EKS Auth: the models of both are named after the problem.
    expect(problems).toContainEqual(
      expect.stringContaining(
        `sts-web-identity-token-expired: AssumeRole also raises ExpiredTokenException but is not listed (@aws-sdk/client-sts ${sdkModel('@aws-sdk/client-sts').source.split(' ')[1]}`,
      ),
    );
    expect(problems.some((p) => p.includes('AssumeRoot also raises ExpiredTokenException'))).toBe(true);
  });

  it('fails an entry that names an operation the service does not have', () => {
    const dir = scratchWith('metering/metering-duplicate-request.yaml', (y) =>
      y.replace('operations: [MeterUsage]', 'operations: [MeterUsage, MeterUsages]'),
    );
    expect(mismatchesIn(dir)).toEqual([
      expect.stringContaining('metering-duplicate-request: MeterUsages is not an operation of metering.marketplace'),
    ]);
  });

  it('leaves codes the models do not define alone: AccessDenied, record statuses, network errors', () => {
    const entries = realCatalog().entries.filter((e) =>
      ['metering-access-denied', 'batch-record-duplicate-record', 'network-timeout'].includes(e.id),
    );
    expect(entries).toHaveLength(3);
    expect(
      checkAgainstModels(realCatalog(), loadServiceModels()).filter((m) => entries.some((e) => e.id === m.entryId)),
    ).toEqual([]);
  });

  it('makes `meterdoc catalog check` fail and name the mis-keyed pair', async () => {
    const dir = scratchWith('metering/metering-invalid-license.yaml', (y) =>
      y.replace('operations: [BatchMeterUsage]', 'operations: [BatchMeterUsage, MeterUsage]'),
    );
    const io = fakeIo({ METERDOC_KNOWLEDGE_DIR: dir });
    expect(await runCli(['catalog', 'check'], io)).toBe(1);
    expect(io.err.join('\n')).toContain(
      'FAIL metering-invalid-license: MeterUsage never raises InvalidLicenseException (@aws-sdk/client-marketplace-metering',
    );
    expect(io.out.join('\n')).toMatch(/1 operation\/code pairs off the service models/);
  });
});
