import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;

/** `npm run dev` with only the given environment (plus PATH): what an operator sees on a bad start. */
function start(env: Record<string, string>) {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/app/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: run.status, stderr: run.stderr.trim() };
}

describe('npm start with a setup mistake', () => {
  it('stops with exit code 1 and one line naming the variable and what to set', () => {
    const run = start({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', METERDOC_AI_MAX_CALLS_PER_HOUR: 'lots' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^meterdoc: METERDOC_AI_MAX_CALLS_PER_HOUR must be a whole number from 0 to 1000000: set it to .+\.$/,
    );
    expect(run.stderr).not.toContain('\n');
  });

  it('names a broken knowledge file in one line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'meterdoc-main-'));
    mkdirSync(join(dir, 'metering'));
    writeFileSync(join(dir, 'metering', 'broken.yaml'), 'id: [unclosed\n');
    const run = start({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', METERDOC_KNOWLEDGE_DIR: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^meterdoc: broken knowledge file .*broken\.yaml/);
    expect(run.stderr).not.toContain('    at ');
  });
});
