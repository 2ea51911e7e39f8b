import crypto from 'node:crypto';
import { Writable } from 'node:stream';
import nock from 'nock';
import { loadSettings } from '../../src/app/settings.js';
import { createMeterDocApp, type MeterDocApp, type MeterDocDeps } from '../../src/app/create-app.js';
import { createLogger } from '../../src/app/logger.js';
import { loadCatalog } from '../../src/knowledge/load-catalog.js';
import type { Catalog } from '../../src/core/index.js';
import { MemoryStore } from '../../src/store/store.js';
import type { ActionHandlers } from '../../src/slack/buttons/types.js';

/**
 * Runs the real Bolt app in HTTP mode on 127.0.0.1 and talks to it the way Slack does: signed
 * requests shaped like Slack's, and a nock stand-in for the Web API that records every call.
 */

export const SIGNING_SECRET = 'test-signing-secret-0123456789';
export const BOT_TOKEN = 'xoxb-1111-2222-testtoken';
export const ME = { botId: 'BMETERDOC', botUserId: 'UMETERDOC' } as const;
export const TEAM = 'T0TEAM001';

/** An Events API `event_callback` envelope as Slack sends it, over HTTP or inside a Socket Mode envelope. */
export function eventCallback(
  event: Record<string, unknown>,
  eventId: string,
  to: { team: string; botUserId: string },
): Record<string, unknown> {
  return {
    token: 'legacy-verification-token',
    team_id: to.team,
    api_app_id: 'A0METERDOC',
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: 1_700_000_000,
    authorizations: [
      { enterprise_id: null, team_id: to.team, user_id: to.botUserId, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
    event_context: '4-eyJldCI6Im1lc3NhZ2UifQ',
  };
}

let catalogCache: Catalog | undefined;
/** The real catalog (loaded once per test file). */
export function realCatalog(): Catalog {
  catalogCache ??= loadCatalog();
  return catalogCache;
}

export function sign(
  body: string,
  timestamp = Math.floor(Date.now() / 1000),
  secret = SIGNING_SECRET,
): Record<string, string> {
  return {
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': `v0=${crypto.createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`,
  };
}

export interface SlackCall {
  method: string;
  body: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  /** What the stand-in answered (the Web API response body). */
  response?: Record<string, unknown>;
}

/** Parses a Web API body (form-urlencoded, with blocks as a JSON string) or a response_url body (JSON). */
function parseBody(raw: unknown): Record<string, unknown> {
  if (typeof raw === 'object' && raw !== null) return raw as Record<string, unknown>;
  const text = String(raw ?? '');
  if (text.startsWith('{')) return JSON.parse(text) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(text))
    out[k] = k === 'blocks' || k === 'view' || k === 'attachments' ? JSON.parse(v) : v;
  return out;
}

export interface SlackStandIn {
  calls: SlackCall[];
  /** Calls to `method` ("chat.postMessage") or to response URLs ("response_url"). */
  of(method: string): SlackCall[];
  /** Resolves once `predicate` holds for the recorded calls, or throws after `timeoutMs`. */
  waitFor(predicate: (calls: SlackCall[]) => boolean, timeoutMs?: number): Promise<void>;
  /** Replies to one method with a custom response (e.g. an error) instead of the default. */
  override(method: string, reply: (body: Record<string, unknown>) => unknown): void;
}

export function slackStandIn(apiBase = 'https://slack.com'): SlackStandIn {
  const calls: SlackCall[] = [];
  const overrides = new Map<string, (body: Record<string, unknown>) => unknown>();
  let ts = 1_700_000_100;
  nock(apiBase)
    .persist()
    .post(/^\/api\/[a-zA-Z.]+$/)
    .reply(function (uri, raw) {
      const method = uri.replace(/^\/api\//, '');
      const body = parseBody(raw);
      const custom = overrides.get(method);
      const response = (
        custom
          ? custom(body)
          : method === 'chat.postMessage'
            ? { ok: true, channel: body.channel, ts: `${ts++}.000200`, message: {} }
            : method === 'chat.update'
              ? { ok: true, channel: body.channel, ts: body.ts }
              : method === 'views.publish'
                ? { ok: true, view: { id: 'V1' } }
                : { ok: true }
      ) as Record<string, unknown>;
      calls.push({ method, body, headers: this.req.headers, response });
      return [200, response];
    });
  nock('https://hooks.slack.com')
    .persist()
    .post(/.*/)
    .reply(function (uri, raw) {
      calls.push({ method: 'response_url', body: { ...parseBody(raw), __url: uri }, headers: this.req.headers });
      return [200, 'ok'];
    });
  const of = (method: string) => calls.filter((c) => c.method === method);
  return {
    calls,
    of,
    override: (method, reply) => overrides.set(method, reply),
    async waitFor(predicate, timeoutMs = 3000) {
      const started = Date.now();
      while (!predicate(calls)) {
        if (Date.now() - started > timeoutMs)
          throw new Error(`timed out waiting; calls so far: ${calls.map((c) => c.method).join(', ') || 'none'}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
  };
}

export interface LogRecord {
  level: number;
  msg: string;
  [key: string]: unknown;
}

export interface RunningApp {
  meterdoc: MeterDocApp;
  url: string;
  base: string;
  store: MemoryStore;
  logs: LogRecord[];
  rawLog: () => string;
  /** Waits for a log line with this message (and fields). */
  waitForLog(msg: string, fields?: Record<string, unknown>, timeoutMs?: number): Promise<LogRecord>;
  postEvent(
    event: Record<string, unknown>,
    options?: { eventId?: string; retryNum?: number; signature?: Record<string, string> },
  ): Promise<Response>;
  postCommand(fields: Record<string, string>): Promise<Response>;
  postInteraction(payload: Record<string, unknown>): Promise<Response>;
  stop(): Promise<void>;
}

let eventCounter = 0;

export async function startApp(
  options: { env?: Record<string, string>; deps?: Partial<MeterDocDeps> & { standIns?: ActionHandlers } } = {},
): Promise<RunningApp> {
  const config = loadSettings({
    env: {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      PORT: '0',
      HOST: '127.0.0.1',
      METERDOC_SLACK_RETRIES: '0',
      LOG_LEVEL: 'debug',
      ...options.env,
    },
  });
  const logs: LogRecord[] = [];
  let raw = '';
  const sink = new Writable({
    write(chunk, _enc, done) {
      const text = String(chunk);
      raw += text;
      for (const line of text.split('\n')) if (line.trim()) logs.push(JSON.parse(line) as LogRecord);
      done();
    },
  });
  const store = new MemoryStore();
  const meterdoc = createMeterDocApp(config, {
    catalog: realCatalog(),
    store,
    logger: createLogger('debug', sink),
    identity: ME,
    ...options.deps,
  });
  const started = await meterdoc.start();
  const url = started.eventsUrl!;
  const base = url.replace(/\/slack\/events$/, '');
  const send = (body: string, contentType: string, headers: Record<string, string> = {}) =>
    fetch(url, { method: 'POST', body, headers: { 'content-type': contentType, ...sign(body), ...headers } });

  return {
    meterdoc,
    url,
    base,
    store,
    logs,
    rawLog: () => raw,
    async waitForLog(msg, fields = {}, timeoutMs = 3000) {
      const started = Date.now();
      for (;;) {
        const hit = logs.find((l) => l.msg === msg && Object.entries(fields).every(([k, v]) => l[k] === v));
        if (hit) return hit;
        if (Date.now() - started > timeoutMs)
          throw new Error(`no log "${msg}" ${JSON.stringify(fields)}; saw: ${logs.map((l) => l.msg).join(' | ')}`);
        await new Promise((r) => setTimeout(r, 5));
      }
    },
    postEvent(event, opts = {}) {
      const eventId = opts.eventId ?? `Ev0TEST${String(++eventCounter).padStart(5, '0')}`;
      const body = JSON.stringify(eventCallback(event, eventId, { team: TEAM, botUserId: ME.botUserId }));
      const headers: Record<string, string> = { ...(opts.signature ?? {}) };
      if (opts.retryNum !== undefined)
        Object.assign(headers, { 'x-slack-retry-num': String(opts.retryNum), 'x-slack-retry-reason': 'http_timeout' });
      return send(body, 'application/json', headers);
    },
    postCommand(fields) {
      const body = new URLSearchParams({
        token: 'legacy-verification-token',
        team_id: TEAM,
        team_domain: 'acme',
        channel_id: 'C0CHANNEL1',
        channel_name: 'metering-alerts',
        user_id: 'U0ALICE',
        user_name: 'alice',
        command: '/meterdoc',
        text: '',
        api_app_id: 'A0METERDOC',
        is_enterprise_install: 'false',
        response_url: `https://hooks.slack.com/commands/${TEAM}/1111/cmdtoken`,
        trigger_id: '1111.2222.abcd',
        ...fields,
      }).toString();
      return send(body, 'application/x-www-form-urlencoded');
    },
    postInteraction(payload) {
      const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
      return send(body, 'application/x-www-form-urlencoded');
    },
    async stop() {
      await meterdoc.stop();
      await store.close();
    },
  };
}

/** A message event as Slack sends it for a person's post in a public channel. */
export function userMessage(text: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const ts = (extra.ts as string | undefined) ?? `17000${String(++eventCounter).padStart(5, '0')}.000100`;
  return {
    type: 'message',
    channel: 'C0CHANNEL1',
    user: 'U0ALICE',
    text,
    ts,
    event_ts: ts,
    channel_type: 'channel',
    client_msg_id: crypto.randomUUID(),
    team: TEAM,
    blocks: [
      {
        type: 'rich_text',
        block_id: 'b1',
        elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }],
      },
    ],
    ...extra,
  };
}

/** Slack escapes &, < and > in message text; pastes reach us in that form. */
export function slackEscape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export const THROTTLING =
  'botocore.exceptions.ClientError: An error occurred (ThrottlingException) when calling the BatchMeterUsage operation (reached max retries: 4): Rate exceeded';
export const ACCESS_DENIED =
  'An error occurred (AccessDeniedException) when calling the MeterUsage operation: User: arn:aws:sts::123456789012:assumed-role/meter-role/i-0abc is not authorized to perform: aws-marketplace:MeterUsage';
export const UNKNOWN_ERROR =
  'An error occurred (SomeNewWeirdException) when calling the BatchMeterUsage operation: kaboom';

export function blocksOf(call: SlackCall | undefined): Array<Record<string, unknown>> {
  return (call?.body.blocks as Array<Record<string, unknown>> | undefined) ?? [];
}

export function headerOf(call: SlackCall | undefined): string | undefined {
  const header = blocksOf(call).find((b) => b.type === 'header') as { text: { text: string } } | undefined;
  return header?.text.text;
}

export function buttonsOf(call: SlackCall | undefined): Array<{ action_id: string; value: string }> {
  return blocksOf(call)
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements as Array<{ action_id: string; value: string }>);
}

/** A block_actions payload as Slack sends it for a click on a button of a bot message in a thread. */
export function click(
  post: SlackCall,
  actionId: string,
  extra: { ts?: string; ephemeral?: boolean; user?: string } = {},
) {
  const button = buttonsOf(post).find((b) => b.action_id === actionId);
  if (!button) throw new Error(`no ${actionId} button`);
  // Slack sends the block_id of the actions block the button is in (a random one when the app set none).
  const holder = blocksOf(post).find(
    (b) => b.type === 'actions' && (b.elements as Array<{ action_id: string }>).some((e) => e.action_id === actionId),
  );
  const blockId = typeof holder?.block_id === 'string' ? holder.block_id : 'abc';
  return {
    type: 'block_actions',
    user: { id: extra.user ?? 'U0BOB', username: 'bob', name: 'bob', team_id: TEAM },
    api_app_id: 'A0METERDOC',
    token: 'legacy-verification-token',
    container: extra.ephemeral
      ? { type: 'message', message_ts: '1700000200.000500', channel_id: 'C0CHANNEL1', is_ephemeral: true }
      : {
          type: 'message',
          message_ts: extra.ts,
          channel_id: 'C0CHANNEL1',
          is_ephemeral: false,
          thread_ts: String(post.body.thread_ts),
        },
    trigger_id: '1111.3333.click',
    team: { id: TEAM, domain: 'acme' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: 'C0CHANNEL1', name: 'metering-alerts' },
    ...(extra.ephemeral
      ? {}
      : {
          message: {
            type: 'message',
            user: ME.botUserId,
            bot_id: ME.botId,
            text: post.body.text,
            ts: extra.ts,
            thread_ts: post.body.thread_ts,
            blocks: post.body.blocks,
          },
        }),
    state: { values: {} },
    response_url: `https://hooks.slack.com/actions/${TEAM}/4444/clicktoken`,
    actions: [
      {
        action_id: actionId,
        block_id: blockId,
        text: { type: 'plain_text', text: 'x', emoji: true },
        value: button.value,
        type: 'button',
        action_ts: '1700000201.000000',
      },
    ],
  };
}

/**
 * A message_action payload as Slack sends it for the "Diagnose with MeterDoc" shortcut. Without a
 * message it is the malformed payload a robustness test needs.
 */
export function messageShortcut(
  message: Record<string, unknown> | undefined,
  channel = 'C0CHANNEL1',
): Record<string, unknown> {
  return {
    type: 'message_action',
    token: 'legacy-verification-token',
    action_ts: '1700000081.111111',
    team: { id: TEAM, domain: 'acme' },
    user: { id: 'U0ALICE', username: 'alice', team_id: TEAM, name: 'alice' },
    channel: { id: channel, name: 'metering-alerts' },
    is_enterprise_install: false,
    enterprise: null,
    callback_id: 'diagnose_message',
    trigger_id: '1111.2222.shortcut',
    response_url: `https://hooks.slack.com/app/${TEAM}/2222/shortcuttoken`,
    ...(message ? { message_ts: message.ts, message: { type: 'message', team: TEAM, ...message } } : {}),
  };
}
