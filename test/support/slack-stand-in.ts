import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * Slack on loopback, as MeterDoc meets it in production: the Web API over HTTP (`SLACK_API_URL`
 * points here) and, for Socket Mode, `apps.connections.open` handing out a `ws://` URL of the same
 * server, which then speaks Slack's Socket Mode protocol: `hello` on connect, envelopes the test
 * sends, acks (`{"envelope_id": …}`) recorded with their delay, `disconnect` messages and dropped
 * connections on demand. Web API calls are recorded; any method can be given its own reply, a
 * delay (a hung Slack) or a dropped connection after the call was accepted.
 */

export const BOT_TOKEN = 'xoxb-1111-2222-socketstandin';
export const APP_TOKEN = 'xapp-1-A0METERDOC-1111-socketstandin';
export const TEAM = 'T0TEAM001';
export const IDENTITY = {
  ok: true,
  url: 'https://acme.slack.com/',
  team: 'Acme',
  user: 'meterdoc',
  team_id: TEAM,
  user_id: 'UMETERDOC',
  bot_id: 'BMETERDOC',
  is_enterprise_install: false,
};

export interface ApiCall {
  method: string;
  body: Record<string, unknown>;
  authorization: string | undefined;
  at: number;
  response?: unknown;
}

/** What a custom reply may do: answer, answer late, or accept the call and drop the connection. */
export type Reply =
  | { body: unknown; delayMs?: number; status?: number; headers?: Record<string, string> }
  | { hang: true }
  | { acceptThenDrop: unknown };

export interface Ack {
  envelopeId: string;
  payload: unknown;
  ms: number;
}

export interface SlackStandIn {
  /** The Web API base, for SLACK_API_URL. */
  apiUrl: string;
  /** A response_url on this stand-in (calls to it are recorded as method "response_url"). */
  responseUrl(kind: 'commands' | 'actions'): string;
  calls: ApiCall[];
  of(method: string): ApiCall[];
  /** Replies to one method with `reply(body)` instead of the default; undefined falls back to it. */
  override(method: string, reply: (body: Record<string, unknown>, call: number) => Reply | undefined): void;
  /** Resolves once `predicate` holds, or throws after `timeoutMs` naming what was seen. */
  waitFor(predicate: (calls: ApiCall[]) => boolean, timeoutMs?: number): Promise<void>;
  socket: {
    /** Connections opened so far (each after an apps.connections.open). */
    readonly connections: number;
    /** Resolves when connection number `n` (1-based) has been sent its `hello`. */
    connected(n: number, timeoutMs?: number): Promise<void>;
    /** Sends an envelope on the current connection and resolves with its ack, or rejects after `ackWithinMs`. */
    send(
      type: 'events_api' | 'slash_commands' | 'interactive',
      payload: Record<string, unknown>,
      options?: { envelopeId?: string; retryAttempt?: number; ackWithinMs?: number },
    ): Promise<Ack>;
    /** Sends an envelope and closes the connection at once, before any ack can arrive. */
    sendAndDrop(
      type: 'events_api' | 'slash_commands' | 'interactive',
      payload: Record<string, unknown>,
      envelopeId?: string,
    ): void;
    /** Slack's "refresh your connection" message. */
    disconnect(reason?: string): void;
    /** The connection dies without a close handshake (a network cut). */
    drop(): void;
    acks: Ack[];
  };
  close(): Promise<void>;
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json') || raw.startsWith('{'))
    return raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw))
    out[k] = ['blocks', 'view', 'attachments', 'metadata'].includes(k) ? JSON.parse(v) : v;
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startSlackStandIn(options: { botToken?: string; appToken?: string } = {}): Promise<SlackStandIn> {
  const botToken = options.botToken ?? BOT_TOKEN;
  const appToken = options.appToken ?? APP_TOKEN;
  const calls: ApiCall[] = [];
  const overrides = new Map<string, (body: Record<string, unknown>, call: number) => Reply | undefined>();
  const acks: Ack[] = [];
  const pendingAcks = new Map<string, { sentAt: number; resolve: (ack: Ack) => void }>();
  const helloWaiters: Array<{ n: number; resolve: () => void }> = [];
  let ts = 1_700_000_100;
  let connections = 0;
  let current: WebSocket | undefined;
  let base = '';

  const defaultReply = (method: string, body: Record<string, unknown>, authorization: string | undefined): unknown => {
    if (method === 'response_url') return { ok: true };
    if (method === 'apps.connections.open') {
      return authorization === `Bearer ${appToken}`
        ? { ok: true, url: `${base.replace('http', 'ws')}/link/?ticket=${randomUUID()}&app_id=A0METERDOC` }
        : { ok: false, error: 'invalid_auth' };
    }
    if (authorization !== `Bearer ${botToken}`) return { ok: false, error: 'invalid_auth' };
    switch (method) {
      case 'auth.test':
        return IDENTITY;
      case 'chat.postMessage': {
        const stamp = `${ts++}.000200`;
        return {
          ok: true,
          channel: body.channel,
          ts: stamp,
          message: {
            type: 'message',
            user: IDENTITY.user_id,
            bot_id: IDENTITY.bot_id,
            text: body.text,
            ts: stamp,
            ...(body.metadata ? { metadata: body.metadata } : {}),
          },
        };
      }
      case 'chat.update':
        return { ok: true, channel: body.channel, ts: body.ts };
      case 'views.publish':
        return { ok: true, view: { id: 'V1' } };
      case 'conversations.replies':
      case 'conversations.history':
        return {
          ok: true,
          messages: postedIn(String(body.channel), body.ts === undefined ? undefined : String(body.ts)),
          has_more: false,
        };
      default:
        return { ok: true };
    }
  };

  /** The bot's messages this stand-in accepted in a channel (and thread), newest first, as Slack lists them. */
  const postedIn = (channel: string, threadTs: string | undefined): unknown[] =>
    calls
      .filter(
        (c) =>
          c.method === 'chat.postMessage' &&
          c.body.channel === channel &&
          (threadTs === undefined || c.body.thread_ts === threadTs || (c.response as { ts?: string })?.ts === threadTs),
      )
      .map((c) => (c.response as { message?: unknown } | undefined)?.message)
      .filter(Boolean)
      .reverse();

  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const path = new URL(req.url ?? '/', 'http://stand-in').pathname;
      // Response URLs (slash commands, clicks) point here too: `hooks/…` paths, recorded as "response_url".
      const method = path.startsWith('/hooks/') ? 'response_url' : path.replace(/^\/api\//, '');
      const body = parseBody(Buffer.concat(chunks).toString('utf8'), req.headers['content-type']);
      const call: ApiCall = { method, body, authorization: req.headers.authorization, at: Date.now() };
      const custom = overrides.get(method)?.(body, calls.filter((c) => c.method === method).length + 1);
      calls.push(call);
      if (custom && 'hang' in custom) return; // never answers; the client's timeout must end it
      if (custom && 'acceptThenDrop' in custom) {
        call.response = custom.acceptThenDrop;
        req.socket.destroy();
        return;
      }
      if (custom?.delayMs) await sleep(custom.delayMs);
      const response = custom ? custom.body : defaultReply(method, body, req.headers.authorization);
      call.response = response;
      if (!res.destroyed)
        res
          .writeHead(custom?.status ?? 200, { 'content-type': 'application/json; charset=utf-8', ...custom?.headers })
          .end(JSON.stringify(response));
    });
  });

  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    if (!(req.url ?? '').startsWith('/link/')) return socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => {
      connections++;
      current = ws;
      const n = connections;
      ws.on('message', (data) => {
        const message = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
        if (!message.envelope_id) return;
        const pending = pendingAcks.get(message.envelope_id);
        const ack: Ack = {
          envelopeId: message.envelope_id,
          payload: message.payload,
          ms: pending ? Date.now() - pending.sentAt : Number.NaN,
        };
        acks.push(ack);
        pending?.resolve(ack);
        pendingAcks.delete(message.envelope_id);
      });
      ws.send(
        JSON.stringify({
          type: 'hello',
          num_connections: 1,
          debug_info: { host: 'applink-standin', build_number: 1, approximate_connection_time: 18060 },
          connection_info: { app_id: 'A0METERDOC' },
        }),
      );
      for (const w of helloWaiters.filter((w) => w.n <= n)) w.resolve();
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const envelope = (type: string, payload: Record<string, unknown>, envelopeId: string, retryAttempt = 0) =>
    JSON.stringify({
      envelope_id: envelopeId,
      payload,
      type,
      accepts_response_payload: type !== 'events_api',
      ...(type === 'events_api'
        ? { retry_attempt: retryAttempt, retry_reason: retryAttempt > 0 ? 'timeout' : '' }
        : {}),
    });

  const of = (method: string) => calls.filter((c) => c.method === method);
  return {
    apiUrl: `${base}/api/`,
    responseUrl: (kind) => `${base}/hooks/${kind}/${TEAM}/${randomUUID()}`,
    calls,
    of,
    override: (method, reply) => void overrides.set(method, reply),
    async waitFor(predicate, timeoutMs = 5000) {
      const started = Date.now();
      while (!predicate(calls)) {
        if (Date.now() - started > timeoutMs)
          throw new Error(`timed out waiting; Slack saw: ${calls.map((c) => c.method).join(', ') || 'nothing'}`);
        await sleep(10);
      }
    },
    socket: {
      get connections() {
        return connections;
      },
      connected(n, timeoutMs = 10_000) {
        if (connections >= n) return Promise.resolve();
        return new Promise<void>((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error(`no Socket Mode connection #${n} within ${timeoutMs} ms (${connections} so far)`)),
            timeoutMs,
          );
          helloWaiters.push({ n, resolve: () => (clearTimeout(timer), resolve()) });
        });
      },
      send(type, payload, opts = {}) {
        const envelopeId = opts.envelopeId ?? randomUUID();
        const within = opts.ackWithinMs ?? 3000;
        return new Promise<Ack>((resolve, reject) => {
          const timer = setTimeout(() => {
            pendingAcks.delete(envelopeId);
            reject(new Error(`envelope ${envelopeId} (${type}) was not acked within ${within} ms`));
          }, within);
          pendingAcks.set(envelopeId, { sentAt: Date.now(), resolve: (ack) => (clearTimeout(timer), resolve(ack)) });
          if (!current || current.readyState !== current.OPEN) {
            clearTimeout(timer);
            reject(new Error('no open Socket Mode connection'));
            return;
          }
          current.send(envelope(type, payload, envelopeId, opts.retryAttempt));
        });
      },
      sendAndDrop(type, payload, envelopeId = randomUUID()) {
        current?.send(envelope(type, payload, envelopeId));
        current?.terminate();
      },
      disconnect(reason = 'refresh_requested') {
        current?.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-standin' } }));
      },
      drop() {
        current?.terminate();
      },
      acks,
    },
    async close() {
      for (const client of wss.clients) client.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
