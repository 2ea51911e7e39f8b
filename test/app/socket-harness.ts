import { Writable } from 'node:stream';
import { createMeterDocApp, type MeterDocApp, type MeterDocDeps, type StartOptions } from '../../src/app/create-app.js';
import { loadSettings } from '../../src/app/settings.js';
import { createLogger } from '../../src/app/logger.js';
import { MemoryStore, type SharedStore } from '../../src/store/store.js';
import { realCatalog } from '../slack/harness.js';
import { APP_TOKEN, BOT_TOKEN, type SlackStandIn } from '../support/slack-stand-in.js';

/**
 * The real app in Socket Mode against the loopback Slack stand-in: auth.test, apps.connections.open
 * and the WebSocket are Slack's own protocol; health listens on a free loopback port.
 */

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface SocketApp {
  meterdoc: MeterDocApp;
  /** http://127.0.0.1:<HEALTH_PORT> */
  health: string;
  logs: LogLine[];
  waitForLog(msg: string, fields?: Record<string, unknown>, timeoutMs?: number): Promise<LogLine>;
  stop(): Promise<void>;
}

export function logSink(): { sink: Writable; logs: LogLine[] } {
  const logs: LogLine[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n')) if (line.trim()) logs.push(JSON.parse(line) as LogLine);
      done();
    },
  });
  return { sink, logs };
}

export async function startSocketApp(
  slack: SlackStandIn,
  options: {
    env?: Record<string, string>;
    deps?: Partial<MeterDocDeps> & StartOptions;
    store?: SharedStore;
  } = {},
): Promise<SocketApp> {
  const config = loadSettings({
    env: {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_APP_TOKEN: APP_TOKEN,
      SLACK_API_URL: slack.apiUrl,
      HEALTH_PORT: '0',
      HOST: '127.0.0.1',
      METERDOC_SLACK_RETRIES: '0',
      METERDOC_POST_INTERVAL_MS: '0',
      LOG_LEVEL: 'debug',
      ...options.env,
    },
  });
  const { sink, logs } = logSink();
  const store = options.store ?? new MemoryStore();
  const meterdoc = createMeterDocApp(config, {
    catalog: realCatalog(),
    store,
    logger: createLogger('debug', sink),
    socketPingTimeoutMs: 1000,
    ...options.deps,
  });
  const started = await meterdoc.start();
  return {
    meterdoc,
    health: `http://127.0.0.1:${started.healthPort}`,
    logs,
    async waitForLog(msg, fields = {}, timeoutMs = 5000) {
      const begun = Date.now();
      for (;;) {
        const hit = logs.find((l) => l.msg === msg && Object.entries(fields).every(([k, v]) => l[k] === v));
        if (hit) return hit;
        if (Date.now() - begun > timeoutMs)
          throw new Error(`no log "${msg}" ${JSON.stringify(fields)}; saw: ${logs.map((l) => l.msg).join(' | ')}`);
        await new Promise((r) => setTimeout(r, 10));
      }
    },
    stop: () => meterdoc.stop(),
  };
}
