/**
 * In-process Slack harness (used by the slow-Bedrock section, which passes the app its own AI
 * fallback; the Slack section itself is bench/anchors.ts): the real Bolt app in HTTP mode on 127.0.0.1, 100 correctly
 * signed message events holding a known error sent at once, and a local stand-in for the Slack
 * Web API (SLACK_API_URL) that notes when each answer is posted.
 *
 * "Slack" (the event sender and the Web API stand-in) runs in a worker thread, so its own work is
 * not counted against the app's event loop, and keeps its connections open as Slack does.
 * ack = from sending an event until its HTTP 200 arrives; answer = from sending the event until
 * the stand-in receives the chat.postMessage carrying the answer. Each event is in its own
 * channel: posts to one channel are deliberately spaced (Slack allows about one per second per
 * channel), and that spacing is not what is measured here. One unmeasured round warms up first.
 */
import { Worker } from 'node:worker_threads';
import type { MeterDocDeps } from '../src/app/create-app.js';
import { MemoryStore } from '../src/store/store.js';
import { benchApp } from './app.js';
import { SOURCES } from './app-sources.js';
import { percentile } from './stats.js';

export interface SlackBenchFigures {
  ack_p50_ms: number;
  ack_p99_ms: number;
  answer_p50_ms: number;
  answer_p99_ms: number;
}

const SECRET = 'bench-signing-secret';
const KNOWN_ERROR =
  'botocore.exceptions.ClientError: An error occurred (ThrottlingException) when calling the BatchMeterUsage operation (reached max retries: 4): Rate exceeded';

/** Plain JavaScript for the worker: the Web API stand-in and the event sender. */
const SLACK_SIDE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const crypto = require('node:crypto');
const { secret, knownError, events } = workerData;
const sentAt = new Map();
const answered = new Map();
let waiting = null;
let ts = 1700000000;
const api = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const channel = new URLSearchParams(Buffer.concat(chunks).toString('utf8')).get('channel') || '';
    if (req.url.endsWith('/chat.postMessage') && sentAt.has(channel) && !answered.has(channel)) {
      answered.set(channel, performance.now() - sentAt.get(channel));
      if (waiting && answered.size >= waiting.n) waiting.resolve();
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, channel, ts: (ts++) + '.000100' }));
  });
});
api.keepAliveTimeout = 60000;
const agent = new http.Agent({ keepAlive: true, maxSockets: events * 2 });
function send(url, channel, n) {
  const t = String(n).padStart(6, '0');
  const body = JSON.stringify({ token: 'x', team_id: 'T0BENCH', api_app_id: 'A0BENCH', type: 'event_callback', event_id: 'Ev0BENCH' + n, event_time: 1700000000,
    event: { type: 'message', channel, channel_type: 'channel', user: 'U0PERSON', text: knownError, ts: '1700000000.' + t, event_ts: '1700000000.' + t } });
  const stamp = Math.floor(Date.now() / 1000);
  const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'x-slack-request-timestamp': String(stamp),
    'x-slack-signature': 'v0=' + crypto.createHmac('sha256', secret).update('v0:' + stamp + ':' + body).digest('hex') };
  return new Promise((resolve, reject) => {
    const start = performance.now();
    sentAt.set(channel, start);
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve(performance.now() - start) : reject(new Error('HTTP ' + res.statusCode))));
    });
    req.on('error', reject);
    req.end(body);
  });
}
async function round(url, prefix, offset) {
  sentAt.clear();
  answered.clear();
  const done = new Promise((resolve, reject) => {
    waiting = { n: events, resolve };
    setTimeout(() => reject(new Error('only ' + answered.size + '/' + events + ' answered in 20 s')), 20000).unref();
  });
  const acks = await Promise.all(Array.from({ length: events }, (_, i) => send(url, prefix + String(i).padStart(4, '0'), offset + i)));
  await done;
  return { acks, answers: [...answered.values()] };
}
parentPort.on('message', async (msg) => {
  try {
    const url = new URL(msg.eventsUrl);
    await round(url, 'C0WARM', 1);
    const measured = await round(url, 'C0BENCH', events + 1);
    parentPort.postMessage({ ok: true, ...measured });
  } catch (err) {
    parentPort.postMessage({ ok: false, error: String(err && err.message || err) });
  } finally {
    agent.destroy();
    api.close();
  }
});
api.listen(0, '127.0.0.1', () => parentPort.postMessage({ apiUrl: 'http://127.0.0.1:' + api.address().port + '/api/' }));
`;

type WorkerReply = { apiUrl: string } | { ok: true; acks: number[]; answers: number[] } | { ok: false; error: string };

export interface SlackBenchOptions {
  events?: number;
  /** The paste every event carries (default: a known throttling error). */
  errorText?: string;
  /** Extra app dependencies, e.g. an AI fallback pointed at a slow Bedrock stand-in. */
  deps?: Partial<MeterDocDeps>;
}

export async function benchSlack(
  log: (line: string) => void = () => undefined,
  options: SlackBenchOptions = {},
): Promise<SlackBenchFigures> {
  const events = options.events ?? 100;
  const worker = new Worker(SLACK_SIDE, {
    eval: true,
    workerData: { secret: SECRET, knownError: options.errorText ?? KNOWN_ERROR, events },
  });
  const next = () =>
    new Promise<WorkerReply>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  const ready = await next();
  if (!('apiUrl' in ready)) throw new Error('the Slack stand-in did not start');

  const store = new MemoryStore();
  const meterdoc = benchApp({
    signingSecret: SECRET,
    slackApiUrl: ready.apiUrl,
    store,
    modules: SOURCES,
    ...(options.deps ? { deps: options.deps } : {}),
  });
  const { eventsUrl } = await meterdoc.start();
  try {
    const result = next();
    worker.postMessage({ eventsUrl });
    const reply = await result;
    if (!('ok' in reply) || !reply.ok)
      throw new Error(`slack bench failed: ${'error' in reply ? reply.error : 'no result'}`);
    const figures: SlackBenchFigures = {
      ack_p50_ms: percentile(reply.acks, 50),
      ack_p99_ms: percentile(reply.acks, 99),
      answer_p50_ms: percentile(reply.answers, 50),
      answer_p99_ms: percentile(reply.answers, 99),
    };
    log(
      `${events} concurrent signed message events, ${options.errorText ? 'one error each' : 'one known error each (ThrottlingException)'}, ${events} channels`,
    );
    log(`ack    p50 ${figures.ack_p50_ms} ms   p99 ${figures.ack_p99_ms} ms   (goal p99 < 50 ms)`);
    log(`answer p50 ${figures.answer_p50_ms} ms   p99 ${figures.answer_p99_ms} ms   (goal p99 < 100 ms)`);
    return figures;
  } finally {
    await meterdoc.stop();
    await store.close();
    await worker.terminate();
  }
}
