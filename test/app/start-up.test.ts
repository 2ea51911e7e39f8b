import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMeterDocApp } from '../../src/app/create-app.js';
import { loadSettings } from '../../src/app/settings.js';
import { createLogger } from '../../src/app/logger.js';
import { SlackStartError } from '../../src/slack/auth-check.js';
import { realCatalog } from '../slack/harness.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';
import { APP_TOKEN, BOT_TOKEN, startSlackStandIn, type SlackStandIn } from '../support/slack-stand-in.js';
import { logSink } from './socket-harness.js';

/**
 * MeterDoc reports itself running only after Slack accepted its token. A refused token or an
 * unreachable Slack ends the start with one line naming the setting or host and what to check;
 * nothing else reaches stdout or stderr that is not a JSON log line.
 */

const cleanup: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `npm run dev` as a child process, stopped with SIGTERM after `stopAfter` when it keeps running. */
function runMain(
  env: Record<string, string>,
  options: { stopWhen?: (stdout: string) => boolean; timeoutMs?: number } = {},
): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/app/main.ts'], {
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '/tmp',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let signalled = false;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`main did not finish within ${options.timeoutMs ?? 15_000} ms; stdout: ${stdout}; stderr: ${stderr}`),
      );
    }, options.timeoutMs ?? 15_000);
    child.stdout.on('data', (d) => {
      stdout += String(d);
      if (!signalled && options.stopWhen?.(stdout)) {
        signalled = true;
        child.kill('SIGTERM');
      }
    });
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const jsonLines = (text: string) => text.split('\n').filter((l) => l.trim() !== '');
const isJson = (line: string) => {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
};

async function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

describe('npm start against a loopback Slack', () => {
  let slack: SlackStandIn;

  it('stops with one line naming SLACK_BOT_TOKEN when Slack answers invalid_auth, and nothing else', async () => {
    slack = await startSlackStandIn();
    cleanup.push(() => slack.close());
    const run = await runMain({
      SLACK_BOT_TOKEN: 'xoxb-9999-mistyped',
      SLACK_APP_TOKEN: APP_TOKEN,
      SLACK_API_URL: slack.apiUrl,
      HEALTH_PORT: '0',
      HOST: '127.0.0.1',
    });

    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      'meterdoc: could not start: Slack refused SLACK_BOT_TOKEN (invalid_auth): check it is the current Bot User OAuth Token (xoxb-…) of the installed app on its "OAuth & Permissions" page (reinstalling the app or rotating the token replaces it).\n',
    );
    expect(jsonLines(run.stdout).filter((l) => !isJson(l))).toEqual([]);
    expect(run.stdout).not.toContain('MeterDoc is running');
    expect(slack.of('auth.test')).toHaveLength(1);
    // It never went on to open a Socket Mode connection with a bot that cannot post.
    expect(slack.of('apps.connections.open')).toHaveLength(0);
  });

  it('runs with Redis, answers SIGTERM, and writes only JSON lines (no MaxListenersExceededWarning)', async () => {
    slack = await startSlackStandIn();
    cleanup.push(() => slack.close());
    const redis: RedisServer = await startRedisServer();
    cleanup.push(() => redis.stop());
    const run = await runMain(
      {
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_APP_TOKEN: APP_TOKEN,
        SLACK_API_URL: slack.apiUrl,
        HEALTH_PORT: '0',
        HOST: '127.0.0.1',
        METERDOC_CACHE_URL: redis.url,
        METERDOC_PAYLOAD_SECRET: 'start-up-test-payload-secret',
      },
      { stopWhen: (out) => out.includes('MeterDoc is running') },
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const lines = jsonLines(run.stdout);
    expect(lines.filter((l) => !isJson(l))).toEqual([]);
    const messages = lines.map((l) => (JSON.parse(l) as { msg: string }).msg);
    expect(messages).toContain('MeterDoc is running');
    expect(messages).toContain('stopping');
    expect(run.stdout).not.toContain('MaxListeners');
  });
});

describe('createMeterDocApp().start() when Slack says no', () => {
  const build = (env: Record<string, string>) => {
    const config = loadSettings({
      env: {
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: 'start-up-signing-secret',
        PORT: '0',
        HOST: '127.0.0.1',
        METERDOC_SLACK_RETRIES: '0',
        ...env,
      },
    });
    const { sink } = logSink();
    return createMeterDocApp(config, { catalog: realCatalog(), logger: createLogger('info', sink) });
  };

  it.each(['token_revoked', 'not_authed', 'account_inactive'])('names SLACK_BOT_TOKEN for %s', async (error) => {
    const slack = await startSlackStandIn();
    cleanup.push(() => slack.close());
    slack.override('auth.test', () => ({ body: { ok: false, error } }));
    const app = build({ SLACK_API_URL: slack.apiUrl });
    await expect(app.start()).rejects.toThrow(
      new SlackStartError(
        `Slack refused SLACK_BOT_TOKEN (${error}): check it is the current Bot User OAuth Token (xoxb-…) of the installed app on its "OAuth & Permissions" page (reinstalling the app or rotating the token replaces it).`,
      ),
    );
  });

  it('names SLACK_API_URL and the proxy settings when nothing answers there', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/api/`;
    const app = build({ SLACK_API_URL: url });
    await expect(app.start()).rejects.toThrow(
      `cannot reach Slack at SLACK_API_URL (${url}) (ECONNREFUSED): check the network path to it and, behind a proxy, HTTPS_PROXY and NO_PROXY, and the URL itself.`,
    );
  });

  it('names slack.com when SLACK_API_URL is not set', async () => {
    const { describeSlackStartFailure } = await import('../../src/slack/auth-check.js');
    const refused = Object.assign(new Error('A request error occurred: fetch failed'), {
      code: 'slack_webapi_request_error',
      original: Object.assign(new TypeError('fetch failed'), { cause: { code: 'ENOTFOUND' } }),
    });
    expect(describeSlackStartFailure(refused, 'SLACK_BOT_TOKEN', undefined)).toBe(
      'cannot reach Slack at slack.com (ENOTFOUND): check the network path to it and, behind a proxy, HTTPS_PROXY and NO_PROXY.',
    );
  });

  it('names SLACK_APP_TOKEN when Socket Mode refuses the app-level token', async () => {
    const slack = await startSlackStandIn({ appToken: 'xapp-1-A0METERDOC-1111-other' });
    cleanup.push(() => slack.close());
    const app = build({ SLACK_API_URL: slack.apiUrl, SLACK_APP_TOKEN: APP_TOKEN, HEALTH_PORT: '0' });
    await expect(app.start()).rejects.toThrow(
      'Slack refused SLACK_APP_TOKEN (invalid_auth): check it is an App-Level Token (xapp-…) of this app with the connections:write scope',
    );
  });
});
