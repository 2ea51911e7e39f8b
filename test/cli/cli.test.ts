import { mkdtempSync, writeFileSync } from 'node:fs';
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
});

const THROTTLED = 'An error occurred (ThrottlingException) when calling the BatchMeterUsage operation: Rate exceeded';

describe('meterdoc diagnose', () => {
  it('--json prints one object in the public contract', async () => {
    const io = fakeIo();
    expect(await runCli(['diagnose', '--json', '--offline', THROTTLED], io)).toBe(0);
    expect(io.out).toHaveLength(1);
    const parsed = contract.parse(JSON.parse(io.out[0]!));
    expect(parsed.isError).toBe(true);
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
    const partial =
      "ValidationException: 1 validation error detected: Value at 'usageDimension' failed to satisfy constraint";
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

  it('says plainly when the text holds no metering error', async () => {
    const io = fakeIo();
    await runCli(['diagnose', 'did the metering cron run?'], io);
    expect(io.out.join('\n')).toContain('No AWS Marketplace metering error recognised');
    const json = fakeIo();
    await runCli(['diagnose', '--json', 'did the metering cron run?'], json);
    expect(JSON.parse(json.out[0]!)).toMatchObject({ isError: false, findings: [] });
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
