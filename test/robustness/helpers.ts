import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import {
  sign,
  slackEscape,
  startApp,
  THROTTLING,
  userMessage,
  type RunningApp,
  type SlackStandIn,
} from '../slack/harness.js';

/**
 * Shared pieces of the robustness suite: the app as `npm start` composes it (AWS actions, retry
 * modals and the intake route), hostile inputs, and the check every test ends with — the app
 * still answers a good paste, exactly once.
 */

export const AWS_ENV = {
  METERDOC_ALLOWED_USERS: 'U0BOB',
  METERDOC_INTAKE_SECRET: 'intake-secret-0123456789-0123456789',
  METERDOC_INTAKE_CHANNEL: 'C0INTAKE01',
  METERDOC_PAYLOAD_SECRET: 'payload-secret-0123456789-0123456789',
  AWS_REGION: 'us-east-1',
  AWS_ACCESS_KEY_ID: 'AKIDTESTROBUSTNESS00',
  AWS_SECRET_ACCESS_KEY: 'robustness-secret',
  AWS_MAX_ATTEMPTS: '1',
};

export function startComposed(env: Record<string, string> = {}): Promise<RunningApp> {
  return startApp({ env: { ...AWS_ENV, ...env } });
}

/** One megabyte of log-like text. */
export const ONE_MB = 'INFO 2026-11-23T10:00:00Z worker heartbeat ok queue=metering depth=0\n'
  .repeat(Math.ceil(1_048_576 / 68))
  .slice(0, 1_048_576);

/** Random bytes read as UTF-8 (replacement characters), plus NULs, controls and a lone surrogate. */
export function binaryText(bytes = 4096): string {
  return `${randomBytes(bytes).toString('utf8')}\u0000\u0001\u001b[31m\ud800\uffff`;
}

/** Posts a raw body to the events URL, signed (or not) as given. */
export function postRaw(app: RunningApp, body: string, contentType: string, signed = true): Promise<Response> {
  return fetch(app.url, {
    method: 'POST',
    body,
    headers: { 'content-type': contentType, ...(signed ? sign(body) : {}) },
  });
}

let goodTs = 1_700_900_000;

/** A known error pasted after the abuse: answered once, in its own thread. */
export async function stillAnswers(app: RunningApp, slack: SlackStandIn): Promise<void> {
  const ts = `${goodTs++}.000100`;
  // A channel of its own: posts to one channel are spaced a second apart once a burst is spent.
  const res = await app.postEvent(userMessage(slackEscape(THROTTLING), { ts, channel: `C0GOOD${ts.slice(4, 10)}` }));
  expect(res.status).toBe(200);
  await slack.waitFor((calls) => calls.some((c) => c.method === 'chat.postMessage' && c.body.thread_ts === ts));
  // A moment for any second (wrong) post to show up before counting.
  await new Promise((r) => setTimeout(r, 50));
  expect(slack.of('chat.postMessage').filter((c) => c.body.thread_ts === ts)).toHaveLength(1);
}

/** Text of every block and the fallback text of a recorded call, for "what the user sees" checks. */
export function shown(body: Record<string, unknown> | undefined): string {
  return JSON.stringify(body ?? {});
}
