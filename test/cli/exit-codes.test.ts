import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The CLI as a CI step runs it: `bin/meterdoc.js` in a child process, stdout and stderr pipes,
 * the environment of a build agent. Exit codes: 0 diagnosed, 1 a finding at --fail-on or worse,
 * 2 usage or input errors.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'meterdoc.js');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
const ESC = '\x1b[';

/** A failed metering job's log: a blocker (the role may not meter) among ordinary lines. */
const JOB_LOG = [
  '2026-11-23T13:00:00.118Z INFO  metering-job starting hourly run for prod-7h2kq9xv1example',
  '2026-11-23T13:00:01.402Z ERROR metering-job BatchMeterUsage failed: AccessDeniedException: User: arn:aws:sts::111122223333:assumed-role/MeteringJobRole/i-0abc is not authorized to perform: aws-marketplace:BatchMeterUsage because no identity-based policy allows the aws-marketplace:BatchMeterUsage action',
  '2026-11-23T13:00:01.403Z INFO  metering-job 25 records kept for the next run',
].join('\n');
const THROTTLED = 'An error occurred (ThrottlingException) when calling the BatchMeterUsage operation: Rate exceeded';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A clean environment: no colour preference, no AI, no store, unless a test sets one. */
function baseEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  return { ...env, ...extra };
}

function meterdoc(
  args: string[],
  options: { stdin?: string; env?: Record<string, string>; cwd?: string } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? ROOT,
      env: baseEnv(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

// Each run starts Node (and tsx, before a build): seconds apiece on a busy machine.
const SLOW = { timeout: 90_000 };

describe('meterdoc diagnose in a pipeline', SLOW, () => {
  it('exits 0 when it diagnosed, whatever it found', async () => {
    const run = await meterdoc(['diagnose', '--offline', '-'], { stdin: JOB_LOG });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('aws-marketplace:BatchMeterUsage');
    expect(run.stderr).toBe('');
  });

  it('--fail-on blocker exits 1 on a blocker and says why on stderr, keeping stdout pure JSON', async () => {
    const run = await meterdoc(['diagnose', '--offline', '--json', '--fail-on', 'blocker', '-'], { stdin: JOB_LOG });
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout) as { findings: { severity: string; entry: string }[] };
    expect(json.findings.some((f) => f.severity === 'blocker')).toBe(true);
    expect(run.stderr).toMatch(
      /^meterdoc: 1 finding at blocker or worse \(metering-access-denied[^)]*\); exit 1 for --fail-on blocker\n$/,
    );
  });

  it('--fail-on blocker passes a log whose findings are only warnings; --fail-on warning fails it', async () => {
    const blocker = await meterdoc(['diagnose', '--offline', '--fail-on', 'blocker', THROTTLED]);
    expect(blocker.code).toBe(0);
    const warning = await meterdoc(['diagnose', '--offline', '--fail-on=warning', THROTTLED]);
    expect(warning.code).toBe(1);
    expect(warning.stderr).toContain('metering-throttling');
  });

  it('--fail-on passes text with no metering error at all', async () => {
    const run = await meterdoc(['diagnose', '--offline', '--fail-on', 'warning', '-'], {
      stdin: 'build 4711 finished: 312 tests passed\n',
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('No AWS Marketplace metering error recognised');
  });

  it('a file path that does not exist is an input error (2), not an empty paste', async () => {
    for (const path of ['logs/metering-job.log', './job.log', '/var/log/metering/none.txt']) {
      const run = await meterdoc(['diagnose', '--offline', '--fail-on', 'blocker', path]);
      expect(run.code, path).toBe(2);
      expect(run.stderr).toContain(`no such file: ${path}`);
      expect(run.stdout).toBe('');
    }
  });

  it('reads an existing file, and refuses a directory with 2', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meterdoc-ci-'));
    writeFileSync(join(dir, 'job.log'), JOB_LOG);
    const file = await meterdoc(['diagnose', '--offline', '--fail-on', 'blocker', 'job.log'], { cwd: dir });
    expect(file.code).toBe(1);
    const directory = await meterdoc(['diagnose', '--offline', dir]);
    expect(directory.code).toBe(2);
    expect(directory.stderr).toContain('is a directory');
  });

  it('a bare error code is a paste, not a path, and a mere mention of a blocker does not fail the build', async () => {
    const run = await meterdoc([
      'diagnose',
      '--offline',
      '--json',
      '--fail-on',
      'blocker',
      'TimestampOutOfBoundsException',
    ]);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout) as { isError: boolean; findings: { entry: string; severity: string }[] };
    expect(json.findings[0]).toMatchObject({ entry: 'metering-timestamp-out-of-bounds', severity: 'blocker' });
    expect(json.isError).toBe(false);
  });

  it('usage errors exit 2 with the usage on stderr: a bad --fail-on level, --fail-on elsewhere, an unknown flag, no command', async () => {
    for (const args of [
      ['diagnose', '--fail-on', 'fatal', THROTTLED],
      ['catalog', '--fail-on', 'blocker'],
      ['diagnose', '--colour', THROTTLED],
      [],
    ]) {
      const run = await meterdoc(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain('Usage:');
      expect(run.stdout).toBe('');
    }
  });
});

describe('meterdoc help and version', SLOW, () => {
  it('--help, -h and help print the usage on stdout and exit 0', async () => {
    for (const args of [['--help'], ['help'], ['diagnose', '-h']]) {
      const run = await meterdoc(args);
      expect(run.code, args.join(' ')).toBe(0);
      expect(run.stdout).toMatch(/^Usage:\n {2}meterdoc diagnose/);
      expect(run.stdout).toContain('--fail-on blocker|warning');
      expect(run.stderr).toBe('');
    }
  });

  it('--version prints the package version', async () => {
    const run = await meterdoc(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${VERSION}\n`);
  });
});

function hasScript(): boolean {
  try {
    execFileSync('script', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Runs the CLI on a pseudo-terminal (util-linux `script`), as a person at a shell would. */
function onTerminal(env: Record<string, string>): string {
  const command = `'${process.execPath}' '${BIN}' diagnose --offline '${THROTTLED}'`;
  return execFileSync('script', ['-qec', command, '/dev/null'], {
    cwd: ROOT,
    env: baseEnv({ TERM: 'xterm-256color', ...env }),
    encoding: 'utf8',
  });
}

describe('colour', SLOW, () => {
  it('is off when stdout is a pipe, and FORCE_COLOR turns it on there', async () => {
    const piped = await meterdoc(['diagnose', '--offline', THROTTLED]);
    expect(piped.stdout).not.toContain(ESC);
    const forced = await meterdoc(['diagnose', '--offline', THROTTLED], { env: { FORCE_COLOR: '1' } });
    expect(forced.stdout).toContain(`${ESC}33mWARNING${ESC}39m`);
    expect(forced.stdout).toContain(`${ESC}1mWhat happened${ESC}22m`);
  });

  it('--json is never styled, even when colour is forced', async () => {
    const run = await meterdoc(['diagnose', '--offline', '--json', THROTTLED], { env: { FORCE_COLOR: '1' } });
    expect(run.stdout).not.toContain(ESC);
  });

  it.skipIf(!hasScript())('is on for a terminal, and NO_COLOR turns it off there', () => {
    expect(onTerminal({})).toContain(`${ESC}33mWARNING${ESC}39m`);
    const plain = onTerminal({ NO_COLOR: '1' });
    expect(plain).toContain('WARNING');
    expect(plain).not.toContain(ESC);
  });
});
