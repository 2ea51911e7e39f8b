/**
 * The Slack side of the anchors bench, in a process of its own (forked by the bench): it plays
 * the Web API (every app under test posts its answers here) and sends correctly signed Events API
 * requests to the app under test, timing each HTTP response (the ack) and the first
 * chat.postMessage in the event's thread (the answer).
 *
 * Being a separate process, its own work (signing, parsing, bookkeeping) is neither counted in the
 * app's CPU nor queued on the app's event loop; it competes for the machine's cores like Slack's
 * network would not, so it is kept small.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { Agent, createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  BOT_USER_ID,
  type BurstResult,
  type LoadReply,
  type LoadRequest,
  type PasteKind,
  type PasteMix,
  type SustainedResult,
} from './protocol.js';

const SECRET = process.env.BENCH_SIGNING_SECRET ?? '';
const TEAM_ID = 'T0BENCH';
/** Slack gives up on an ack after 3 s (and retries the event later). */
const SLACK_ACK_LIMIT_MS = 3000;
/** A run stops waiting this long after its last request was sent; what is still open then is aborted. */
const DRAIN_CAP_MS = Number(process.env.SLACK_BENCH_DRAIN_CAP_MS ?? 20_000);

const send = (reply: LoadReply): void => void process.send!(reply);

// ---- Web API stand-in ----------------------------------------------------------------------

/** "channel:thread_ts" → time the first chat.postMessage for that thread arrived. */
const firstPosts = new Map<string, number>();
const apiCalls = new Map<string, number>();
let postTs = Math.floor(Date.now() / 1000) * 1_000_000;

function parseBody(req: IncomingMessage, body: string): Record<string, unknown> {
  if ((req.headers['content-type'] ?? '').includes('application/json'))
    return JSON.parse(body || '{}') as Record<string, unknown>;
  return Object.fromEntries(new URLSearchParams(body));
}

function apiReply(method: string, params: Record<string, unknown>): unknown {
  if (method === 'auth.test')
    return {
      ok: true,
      url: 'https://bench.slack.com/',
      team: 'Bench',
      user: 'bench',
      team_id: TEAM_ID,
      user_id: BOT_USER_ID,
      bot_id: 'BBENCH',
    };
  const ts = `${Math.floor(postTs / 1_000_000)}.${String(postTs++ % 1_000_000).padStart(6, '0')}`;
  if (method === 'chat.postMessage' || method === 'chat.update') {
    return {
      ok: true,
      channel: params.channel,
      ts: method === 'chat.update' ? params.ts : ts,
      message: { type: 'message', text: params.text, user: BOT_USER_ID, bot_id: 'BBENCH', ts },
    };
  }
  return { ok: true, channel: params.channel, ts };
}

function handleApi(req: IncomingMessage, res: ServerResponse): void {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const now = performance.now();
    const method = (req.url ?? '').split('/').pop()?.split('?')[0] ?? '';
    const params = parseBody(req, Buffer.concat(chunks).toString('utf8'));
    apiCalls.set(method, (apiCalls.get(method) ?? 0) + 1);
    if (method === 'chat.postMessage') {
      const key = `${String(params.channel)}:${String(params.thread_ts ?? '')}`;
      if (!firstPosts.has(key)) firstPosts.set(key, now);
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(apiReply(method, params)));
  });
}

// ---- Events API sender ---------------------------------------------------------------------

let eventCounter = 0;

/** A `message` or `app_mention` event_callback as Slack delivers it (rich_text block included). */
function eventBody(type: 'message' | 'app_mention', channel: string, ts: string, text: string): string {
  const event = {
    type,
    user: 'U0PERSON1',
    ts,
    client_msg_id: randomUUID(),
    text,
    team: TEAM_ID,
    blocks: [
      {
        type: 'rich_text',
        block_id: `b${eventCounter % 1000}`,
        elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text }] }],
      },
    ],
    channel,
    event_ts: ts,
    ...(type === 'message' ? { channel_type: 'channel' } : {}),
  };
  return JSON.stringify({
    token: 'bench-verification-token',
    team_id: TEAM_ID,
    context_team_id: TEAM_ID,
    context_enterprise_id: null,
    api_app_id: 'A0BENCH',
    event,
    type: 'event_callback',
    event_id: `Ev0B${process.pid}${String(eventCounter++).padStart(7, '0')}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      { enterprise_id: null, team_id: TEAM_ID, user_id: BOT_USER_ID, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
    event_context: '4-bench',
  });
}

interface Delivery {
  sentAt: number;
  ackMs?: number;
  status?: number;
}

/** POSTs one signed event; resolves when the response ends (or fails), never rejects. */
function deliver(agent: Agent, url: URL, body: string): Delivery & { done: Promise<void> } {
  const stamp = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac('sha256', SECRET).update(`v0:${stamp}:${body}`).digest('hex')}`;
  const delivery: Delivery = { sentAt: performance.now() };
  const done = new Promise<void>((resolve) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'x-slack-request-timestamp': stamp,
          'x-slack-signature': signature,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          delivery.ackMs = performance.now() - delivery.sentAt;
          delivery.status = res.statusCode ?? 0;
          resolve();
        });
      },
    );
    req.on('error', () => {
      delivery.status ??= 0;
      resolve();
    });
    req.end(body);
  });
  return Object.assign(delivery, { done });
}

/** A message ts as Slack writes it, unique within this process. */
let tsCounter = 0;
const nextTs = (): string => `${Math.floor(Date.now() / 1000)}.${String(tsCounter++ % 1_000_000).padStart(6, '0')}`;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function burst(eventsUrl: string, events: number, label: string, text: string): Promise<BurstResult> {
  const url = new URL(eventsUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: events * 2 });
  firstPosts.clear();
  const threads = Array.from({ length: events }, (_, i) => ({
    channel: `C${label}${String(i).padStart(4, '0')}`,
    ts: nextTs(),
  }));
  const bodies = threads.map((t) => eventBody('message', t.channel, t.ts, text));
  const sent = bodies.map((body) => deliver(agent, url, body));
  await Promise.all(sent.map((d) => d.done));
  const keys = threads.map((t) => `${t.channel}:${t.ts}`);
  const deadline = performance.now() + DRAIN_CAP_MS;
  while (keys.some((k) => !firstPosts.has(k)) && performance.now() < deadline) await sleep(20);
  agent.destroy();
  const ok = sent.filter((d) => d.status === 200);
  return {
    acks: ok.map((d) => d.ackMs!),
    answers: keys.flatMap((k, i) => (firstPosts.has(k) ? [firstPosts.get(k)! - sent[i]!.sentAt] : [])),
    failed: sent.length - ok.length,
    unanswered: keys.filter((k) => !firstPosts.has(k)).length,
  };
}

/** The same pseudo-random sequence for every app given the same seed. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32;
  };
}

interface Paste {
  kind: PasteKind;
  channel: string;
  ts: string;
  text: string;
}

/** The pastes of a run: 40 % known errors, 10 % multi-error logs, 40 % chat, 10 % mentions. */
function plan(mix: PasteMix, deliveries: number, label: string, seed: number): Paste[] {
  const rnd = random(seed);
  const pick = (texts: string[]): string => texts[Math.floor(rnd() * texts.length)]!;
  const pastes: Paste[] = [];
  // About a thousand channels, each hearing from the run every few seconds at most.
  for (let n = 0, i = 0; n < deliveries; i++) {
    const roll = rnd();
    const kind: PasteKind = roll < 0.4 ? 'known' : roll < 0.5 ? 'multi' : roll < 0.9 ? 'chat' : 'mention';
    pastes.push({ kind, channel: `C${label}${String(i % 1000).padStart(4, '0')}`, ts: '', text: pick(mix[kind]) });
    n += kind === 'mention' ? 2 : 1;
  }
  return pastes;
}

/**
 * Sends the run's events at `rate` (never waiting for acks, as Slack does not) and waits for
 * their acks; what is still open DRAIN_CAP_MS after the last send is aborted. Returns how to
 * read the run's figures once the app is idle again.
 */
async function sustained(
  eventsUrl: string,
  mix: PasteMix,
  rate: number,
  seconds: number,
  label: string,
  seed: number,
): Promise<() => SustainedResult> {
  const url = new URL(eventsUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: Infinity });
  firstPosts.clear();
  apiCalls.clear();
  const total = Math.round(rate * seconds);
  const pastes = plan(mix, total, label, seed);
  const deliveries: (Delivery & { done: Promise<void> })[] = [];
  const pasteSentAt = new Map<Paste, number>();
  let sendLagMaxMs = 0;
  const started = performance.now();
  const due = (): number => started + (deliveries.length * 1000) / rate;
  const sendOne = async (paste: Paste, type: 'message' | 'app_mention'): Promise<void> => {
    const wait = due() - performance.now();
    if (wait > 1) await sleep(wait);
    sendLagMaxMs = Math.max(sendLagMaxMs, performance.now() - due());
    deliveries.push(deliver(agent, url, eventBody(type, paste.channel, paste.ts, paste.text)));
  };
  for (const paste of pastes) {
    paste.ts = nextTs();
    // A mention arrives twice, as Slack sends it to an app subscribed to both: message, then app_mention.
    await sendOne(paste, 'message');
    pasteSentAt.set(paste, deliveries[deliveries.length - 1]!.sentAt);
    if (paste.kind === 'mention') await sendOne(paste, 'app_mention');
  }
  const lastSent = performance.now();
  const sendSeconds = (lastSent - started) / 1000;
  let open = deliveries.length;
  for (const d of deliveries) void d.done.then(() => open--);
  while (open > 0 && performance.now() - lastSent < DRAIN_CAP_MS) await sleep(50);
  const unacked = deliveries.filter((d) => d.status === undefined).length;
  agent.destroy();
  const ok = deliveries.filter((d) => d.status === 200);
  const failedStatuses: Record<string, number> = {};
  for (const d of deliveries)
    if (d.status !== undefined && d.status !== 200) failedStatuses[d.status] = (failedStatuses[d.status] ?? 0) + 1;
  const acks = { deliveries, ok, unacked, failedStatuses };
  // Answers still come in while the app works off its backlog; they are counted at collect().
  return (): SustainedResult => {
    const count = (filter: (p: Paste) => boolean): Record<PasteKind, number> => {
      const counts: Record<PasteKind, number> = { known: 0, multi: 0, chat: 0, mention: 0 };
      for (const p of pastes) if (filter(p)) counts[p.kind]++;
      return counts;
    };
    const answeredAt = (p: Paste): number | undefined => firstPosts.get(`${p.channel}:${p.ts}`);
    return {
      deliveries: acks.deliveries.length,
      acks: acks.ok.map((d) => d.ackMs!),
      acksOver3s: acks.deliveries.filter((d) => d.ackMs === undefined || d.ackMs > SLACK_ACK_LIMIT_MS).length,
      unacked: acks.unacked,
      failed: acks.deliveries.length - acks.ok.length - acks.unacked,
      failedStatuses: acks.failedStatuses,
      answers: pastes.flatMap((p) => {
        const at = answeredAt(p);
        return at === undefined ? [] : [at - pasteSentAt.get(p)!];
      }),
      pastes: count(() => true),
      answered: count((p) => answeredAt(p) !== undefined),
      explicitLost: pastes.filter((p) => p.kind === 'mention' && answeredAt(p) === undefined).length,
      sendLagMaxMs: Math.round(sendLagMaxMs),
      sendSeconds,
      apiCalls: Object.fromEntries(apiCalls),
    };
  };
}

// ---- IPC -----------------------------------------------------------------------------------

const BURST_TEXT =
  'botocore.exceptions.ClientError: An error occurred (ThrottlingException) when calling the BatchMeterUsage operation (reached max retries: 4): Rate exceeded';
let mix: PasteMix | undefined;
let lastRun: (() => SustainedResult) | undefined;

process.on('message', (msg: LoadRequest) => {
  const run = async (): Promise<LoadReply> => {
    if (msg.type === 'mix') {
      mix = msg.mix;
      return { id: msg.id, type: 'mix' };
    }
    if (msg.type === 'burst')
      return { id: msg.id, type: 'burst', result: await burst(msg.eventsUrl, msg.events, msg.label, BURST_TEXT) };
    if (msg.type === 'collect') {
      if (!lastRun) throw new Error('no sustained run to collect');
      return { id: msg.id, type: 'collect', result: lastRun() };
    }
    if (!mix) throw new Error('no paste mix was given');
    lastRun = await sustained(msg.eventsUrl, mix, msg.rate, msg.seconds, msg.label, msg.seed);
    return { id: msg.id, type: 'sustained' };
  };
  run().then(send, (err: unknown) =>
    send({ id: msg.id, type: 'error', message: String((err as Error)?.message ?? err) }),
  );
});
process.on('disconnect', () => process.exit(0));

const api = createServer(handleApi);
api.keepAliveTimeout = 60_000;
api.listen(0, '127.0.0.1', () =>
  send({ type: 'ready', apiUrl: `http://127.0.0.1:${(api.address() as AddressInfo).port}/api/` }),
);
