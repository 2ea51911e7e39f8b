import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { runCli, type CliIo } from '../../src/cli/main.js';
import { scratchKnowledgeDir } from '../core/helpers.js';

function fakeIo(stdin = '', env: NodeJS.ProcessEnv = {}): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (s) => out.push(s), stderr: (s) => err.push(s), readStdin: async () => stdin, env };
}

/** The public --json contract (issue 2). Extending it is allowed; these keys must stay. */
const contract = z.object({
  isError: z.boolean(),
  findings: z.array(
    z.object({
      entry: z.string(),
      codes: z.array(z.string()),
      title: z.string(),
      services: z.array(z.string()),
      severity: z.enum(['blocker', 'warning', 'info']),
      retryable: z.boolean(),
      source: z.enum(['catalog', 'llm', 'cache']),
      confidence: z.number().min(0).max(1),
      facts: z
        .object({
          code: z.string(),
          operation: z.string(),
          service: z.string(),
          httpStatus: z.number(),
          requestId: z.string(),
          principal: z.string(),
          action: z.string(),
          resource: z.string(),
          region: z.string(),
          productCode: z.string(),
          dimension: z.string(),
          timestamp: z.string(),
        })
        .partial(),
    }),
  ),
  // What MeterDoc can say about the paste as a whole, and the entries that might be related.
  verdict: z.enum(['known', 'possible', 'unknown', 'none']),
  related: z.array(
    z.object({ entry: z.string(), title: z.string(), similarity: z.number().min(0).max(1), why: z.string() }),
  ),
});

const THROTTLED = 'An error occurred (ThrottlingException) when calling the BatchMeterUsage operation: Rate exceeded';

describe('meterdoc diagnose', () => {
  it('--json prints one object in the public contract', async () => {
    const io = fakeIo();
    expect(await runCli(['diagnose', '--json', '--offline', THROTTLED], io)).toBe(0);
    expect(io.out).toHaveLength(1);
    const parsed = contract.parse(JSON.parse(io.out[0]!));
    expect(parsed.isError).toBe(true);
    expect(parsed.verdict).toBe('known');
    expect(parsed.related).toEqual([]);
    expect(parsed.findings[0]).toMatchObject({
      entry: 'metering-throttling',
      source: 'catalog',
      retryable: true,
      facts: { code: 'ThrottlingException', operation: 'BatchMeterUsage' },
    });
  });

  it('reads the paste from stdin with "-" or with no argument', async () => {
    for (const args of [
      ['diagnose', '--json', '-'],
      ['diagnose', '--json'],
    ]) {
      const io = fakeIo(THROTTLED);
      expect(await runCli(args, io)).toBe(0);
      expect(JSON.parse(io.out[0]!).findings[0].entry).toBe('metering-throttling');
    }
  });

  it('reads the paste from a file path', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'meterdoc-cli-')), 'error.log');
    writeFileSync(file, `2026-11-23 13:00:01 ERROR worker-3 ${THROTTLED}\n`);
    const io = fakeIo();
    await runCli(['diagnose', '--json', file], io);
    expect(JSON.parse(io.out[0]!).findings[0].entry).toBe('metering-throttling');
  });

  it('prints a readable diagnosis for a terminal', async () => {
    const io = fakeIo();
    await runCli(['diagnose', THROTTLED], io);
    const text = io.out.join('\n');
    expect(text).toContain('What happened');
    expect(text).toContain('How to fix');
    expect(text).toMatch(/^\s+1\. /m);
    expect(text).toContain('https://docs.aws.amazon.com/');
  });

  it('heads an entry that fits only in part "Possible match", and a high-confidence one by its title alone', async () => {
    // A network failure with nothing of AWS in the paste: the entry fits, but the endpoint may be anyone's.
    const partial = 'Error: connect ETIMEDOUT 10.0.0.8:443';
    const json = fakeIo();
    await runCli(['diagnose', '--json', '--offline', partial], json);
    const finding = JSON.parse(json.out[0]!).findings[0];
    expect(finding.certainty).toBe('possible');
    const io = fakeIo();
    await runCli(['diagnose', '--offline', partial], io);
    expect(io.out.join('\n').split('\n')[0]).toBe(`Possible match: ${finding.title}`);
    const sure = fakeIo();
    await runCli(['diagnose', '--offline', THROTTLED], sure);
    expect(sure.out.join('\n')).not.toContain('Possible match');
  });

  it("marks a network failure with nothing AWS in the paste as one that may be anyone's, and an AWS one not", async () => {
    const local = fakeIo();
    await runCli(['diagnose', '--json', '--offline', 'Error: connect ECONNREFUSED 127.0.0.1:5432'], local);
    expect(JSON.parse(local.out[0]!).findings[0]).toMatchObject({ certainty: 'possible', awsContext: false });
    const aws = fakeIo();
    const refused =
      'botocore.exceptions.EndpointConnectionError: Could not connect to the endpoint URL: "https://metering.marketplace.us-east-1.amazonaws.com/"';
    await runCli(['diagnose', '--json', '--offline', refused], aws);
    expect(JSON.parse(aws.out[0]!).findings[0]).not.toHaveProperty('awsContext');
  });

  it('says plainly that MeterDoc does not know an error no entry fits, and lists the closest entries as "might be related"', async () => {
    const paste = [
      '2026-12-07T10:02:11.480Z ERROR BatchMeterUsage failed',
      'UsageAllocationQuotaExceededException: The usage allocation quota for product prod-7x2k was exceeded',
    ].join('\n');
    const json = fakeIo();
    await runCli(['diagnose', '--json', '--offline', paste], json);
    const parsed = contract.parse(JSON.parse(json.out[0]!));
    expect(parsed.verdict).toBe('unknown');
    expect(parsed.related.length).toBeGreaterThan(0);
    const io = fakeIo();
    await runCli(['diagnose', '--offline', paste], io);
    const lines = io.out.join('\n').split('\n');
    expect(lines[0]).toBe('MeterDoc does not know this error: UsageAllocationQuotaExceededException');
    const related = lines.indexOf('Might be related (not a diagnosis)');
    expect(related).toBeGreaterThan(0);
    expect(lines[related + 1]).toBe(
      `   - ${parsed.related[0]!.entry}: ${parsed.related[0]!.title} (${parsed.related[0]!.why})`,
    );
    expect(lines).not.toContain('What happened');
  });

  it('shows a guess as "might be related", never as the diagnosis', async () => {
    const paste = [
      '2026-12-07T10:02:09Z INFO meter-sync: uploading the usage snapshot',
      '2026-12-07T10:02:11Z ERROR meter-sync: upload failed: AccessDenied: Access Denied',
      '\tstatus code: 403, request id: 7A1B2C3D4E5F6A7B',
    ].join('\n');
    const json = fakeIo();
    await runCli(['diagnose', '--json', '--offline', paste], json);
    const parsed = contract.parse(JSON.parse(json.out[0]!));
    // The finding stays in the contract (fields are never removed); the verdict says it is not a diagnosis.
    expect(parsed.findings[0]!.entry).toBe('access-denied-generic');
    expect(parsed.verdict).toBe('unknown');
    expect(parsed.related[0]!.entry).toBe('access-denied-generic');
    const io = fakeIo();
    await runCli(['diagnose', '--offline', paste], io);
    const text = io.out.join('\n');
    expect(text.split('\n')[0]).toBe('MeterDoc does not know this error: AccessDenied');
    expect(text).toMatch(/No catalog entry fits it well \(the best fits only in part, confidence 0\.\d\d\)/);
    expect(text).toContain('   - access-denied-generic: ');
    expect(text).not.toContain('How to fix');
  });

  it('says "possible match" in the first two lines of an answer below high confidence, with the other candidates after it', async () => {
    const io = fakeIo();
    await runCli(
      ['diagnose', '--offline', '2026-12-07T10:14:02Z ERROR sync-worker: ThrottlingException: Rate exceeded'],
      io,
    );
    const lines = io.out.join('\n').split('\n');
    expect(lines[0]).toBe('Possible match: An AWS service throttled the call (rate exceeded)');
    expect(lines[1]).toMatch(/^WARNING · possible match, not a confirmed diagnosis · /);
    expect(lines).toContain('Other entries that might be related');
  });

  it('says plainly when the text holds no metering error', async () => {
    const io = fakeIo();
    await runCli(['diagnose', 'did the metering cron run?'], io);
    expect(io.out.join('\n')).toContain('No AWS Marketplace metering error recognised');
    const json = fakeIo();
    await runCli(['diagnose', '--json', 'did the metering cron run?'], json);
    expect(JSON.parse(json.out[0]!)).toMatchObject({ isError: false, findings: [], verdict: 'none', related: [] });
  });

  it('rejects unknown flags and commands with usage and exit code 2', async () => {
    const io = fakeIo();
    expect(await runCli(['diagnose', '--bogus', 'x'], io)).toBe(2);
    expect(io.err.join('\n')).toContain('Usage:');
    expect(await runCli(['frobnicate'], fakeIo())).toBe(2);
  });
});

describe('meterdoc catalog', () => {
  it('lists entries by area', async () => {
    const io = fakeIo();
    expect(await runCli(['catalog'], io)).toBe(0);
    expect(io.out[0]).toMatch(/^\d+ entries \(catalog version [0-9a-f]{12}\)/);
    expect(io.out[0]).toContain('metering-throttling');
  });

  it('check passes on the shipped catalog', async () => {
    const io = fakeIo();
    expect(await runCli(['catalog', 'check'], io)).toBe(0);
    expect(io.out.join('\n')).toMatch(/0 failing/);
  });

  it('check fails when two entries own the same code, and notes a shared code nobody owns', async () => {
    const dir = scratchKnowledgeDir();
    const skew = join(dir, 'signature', 'signature-clock-skew.yaml');
    writeFileSync(
      skew,
      readFileSync(skew, 'utf8').replace('\nmatch:\n', '\nmatch:\n  owns: [SignatureDoesNotMatch]\n'),
    );
    const throttling = join(dir, 'general', 'aws-throttling.yaml');
    writeFileSync(throttling, readFileSync(throttling, 'utf8').replace(/\n {2}owns: \[[^\]]*\]\n/, '\n'));
    const io = fakeIo('', { METERDOC_KNOWLEDGE_DIR: dir });
    expect(await runCli(['catalog', 'check'], io)).toBe(1);
    const err = io.err.join('\n');
    expect(err).toContain(
      'FAIL signature-clock-skew, signature-mismatch: each owns the code "SignatureDoesNotMatch"; only one entry may answer it first',
    );
    expect(err).toMatch(
      /NOTE code "ThrottlingException" is shared by aws-throttling, entitlement-throttling, metering-throttling and owned by none/,
    );
    expect(io.out.join('\n')).toMatch(/codes or phrases owned by more than one entry/);
  });

  it('check fails loudly on a broken knowledge file, naming the file and the field', async () => {
    const dir = scratchKnowledgeDir();
    writeFileSync(
      join(dir, 'metering', 'metering-throttling.yaml'),
      'id: metering-throttling\ntitle: x\narea: metering\nseverity: catastrophic\n',
    );
    const io = fakeIo('', { METERDOC_KNOWLEDGE_DIR: dir });
    expect(await runCli(['catalog', 'check'], io)).toBe(1);
    const err = io.err.join('\n');
    expect(err).toContain('metering-throttling.yaml');
    expect(err).toContain('severity');
  });
});
