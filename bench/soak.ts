/**
 * Soak section of `npm run bench -- soak` (not in the default run: it takes a few minutes).
 *
 * The real app in HTTP mode on 127.0.0.1 receives SOAK_EVENTS (10,000) correctly signed events at
 * SOAK_RATE per second (60), from a sender in a worker thread that also plays the Slack Web API
 * (so its work is not counted against the app's event loop). The mix: catalog errors repeated
 * over and over (every catalog example the core answers unprompted), errors nobody has seen
 * (a fresh exception name each time), chat that must not be answered, and redeliveries of events
 * already sent, with x-slack-retry-num as Slack sends them.
 *
 * Figures: answers sent; duplicates (threads that got a second answer, goal 0); answers missing;
 * p99 answer latency (event sent → its chat.postMessage received); memory of the app's process at
 * the start (after a warm-up) and the end, each after a forced GC: RSS (what the issue asks) and
 * heapUsed (what a leak shows in first: RSS rarely shrinks once the allocator has the pages).
 *
 * The store is a real redis-server on loopback when one is installed (SOAK_STORE=memory to
 * force the in-memory store): with the in-memory store, the 7-day button payloads of every answer
 * are kept in this process by design, and that retention, not a leak, would dominate the growth.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { Worker } from 'node:worker_threads';
import { loadCatalog } from '../src/knowledge/load-catalog.js';
import { DEFAULT_ERROR_THRESHOLD, diagnose, type Catalog } from '../src/core/index.js';
import { RedisStore } from '../src/store/redis.js';
import { redisServerInstalled, startRedisServer } from '../test/support/redis-server.js';
import { MemoryStore, type SharedStore } from '../src/store/store.js';
import { benchApp } from './app.js';
import { SOURCES } from './app-sources.js';
import { percentile } from './stats.js';

export interface SoakFigures {
  soak_answers: number;
  soak_duplicates: number;
  soak_missing: number;
  soak_rss_growth_mb: number;
  soak_heap_growth_mb: number;
  soak_answer_p99_ms: number;
}

const SECRET = 'soak-signing-secret';

const CHAT = [
  'lunch at noon?',
  'deploy of the billing service is done, thanks all',
  'can someone review PR 4821 before standup?',
  'the dashboard looks fine now',
  'reminder: retro at 3pm',
  'who owns the metering job this week?',
  'fixed the typo in the runbook',
  ':tada: we shipped the new pricing page',
];

/** Slack escapes &, < and > in message text. */
const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Catalog examples the core answers unprompted in a channel with exactly one answer. */
function repeatedErrors(catalog: Catalog): string[] {
  const now = new Date();
  return catalog.entries
    .flatMap((e) => e.examples)
    .filter((text) => {
      const d = diagnose(text, catalog, { now });
      return (
        d.isError &&
        d.unmatched.length === 0 &&
        d.findings.length === 1 &&
        d.findings[0]!.confidence >= DEFAULT_ERROR_THRESHOLD
      );
    })
    .map(escape);
}

/** A prefix/suffix around a counter: each new error is one the catalog has never seen. */
function newErrorTemplate(catalog: Catalog): [string, string] {
  const [head, tail] = [
    'An error occurred (Soak',
    'Exception) when calling the BatchMeterUsage operation: the usage pipeline reached an unexpected state',
  ];
  const d = diagnose(`${head}1234${tail}`, catalog, { now: new Date() });
  if (!d.isError || d.unmatched.length !== 1 || d.findings.length !== 0)
    throw new Error('soak: the new-error template is not read as one unknown error');
  return [head, tail];
}

/** Plain JavaScript for the worker: the Web API stand-in and the rate-limited sender. */
const SLACK_SIDE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const crypto = require('node:crypto');
const { secret, events, rate, channels, repeated, chat, newHead, newTail } = workerData;
const sent = new Map();      // "channel:ts" → send time, for events that expect an answer
const posts = new Map();     // "channel:thread_ts" → number of chat.postMessage calls
const latency = [];
let expected = 0, redeliveries = 0, httpErrors = 0, tsCounter = 1700000000;
const api = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', () => {
    const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
    const channel = form.get('channel') || '';
    if (req.url.endsWith('/chat.postMessage')) {
      const key = channel + ':' + (form.get('thread_ts') || '');
      const n = (posts.get(key) || 0) + 1;
      posts.set(key, n);
      if (n === 1 && sent.has(key)) latency.push(performance.now() - sent.get(key));
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok: true, channel, ts: (tsCounter++) + '.000100' }));
  });
});
api.keepAliveTimeout = 60000;
const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
function post(url, body, retryNum) {
  const stamp = Math.floor(Date.now() / 1000);
  const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), 'x-slack-request-timestamp': String(stamp),
    'x-slack-signature': 'v0=' + crypto.createHmac('sha256', secret).update('v0:' + stamp + ':' + body).digest('hex') };
  if (retryNum) Object.assign(headers, { 'x-slack-retry-num': String(retryNum), 'x-slack-retry-reason': 'http_timeout' });
  return new Promise((resolve) => {
    const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', agent, headers }, (res) => {
      res.resume();
      res.on('end', () => { if (res.statusCode !== 200) httpErrors++; resolve(); });
    });
    req.on('error', () => { httpErrors++; resolve(); });
    req.end(body);
  });
}
function eventBody(n, channel, ts, text) {
  return JSON.stringify({ token: 'x', team_id: 'T0SOAK', api_app_id: 'A0SOAK', type: 'event_callback', event_id: 'Ev0SOAK' + n, event_time: 1700000000,
    event: { type: 'message', channel, channel_type: 'channel', user: 'U0PERSON', text, ts, event_ts: ts } });
}
// A fixed pseudo-random sequence, so two runs send the same mix.
let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
async function run(url, total, perSecond, record) {
  const history = [];
  const inflight = new Set();
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / perSecond;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    const roll = rnd();
    let p;
    if (roll < 0.05 && history.length > 0) {
      // A redelivery of an earlier event: same event_id, same body; must not be answered again.
      const prev = history[Math.floor(rnd() * history.length)];
      p = post(url, prev.body, 1);
      if (record) redeliveries++;
    } else {
      const channel = 'C0SOAK' + String(Math.floor(rnd() * channels)).padStart(4, '0');
      const ts = '1700000000.' + String(i).padStart(6, '0') + (record ? '1' : '0');
      let text, answer = true;
      if (roll < 0.45) text = repeated[Math.floor(rnd() * repeated.length)];
      else if (roll < 0.65) text = newHead + (record ? 'R' : 'W') + i + newTail;
      else { text = chat[Math.floor(rnd() * chat.length)]; answer = false; }
      const body = eventBody((record ? 'R' : 'W') + i, channel, ts, text);
      if (answer && record) { expected++; sent.set(channel + ':' + ts, performance.now()); }
      history.push({ body });
      if (history.length > 500) history.shift();
      p = post(url, body, 0);
    }
    inflight.add(p);
    p.then(() => inflight.delete(p));
  }
  await Promise.all(inflight);
}
parentPort.on('message', async (msg) => {
  try {
    const url = new URL(msg.eventsUrl);
    if (msg.phase === 'warmup') {
      await run(url, msg.events, rate, false);
      parentPort.postMessage({ ok: true, phase: 'warmup' });
      return;
    }
    posts.clear();
    const t0 = performance.now();
    await run(url, events, rate, true);
    const sentSeconds = (performance.now() - t0) / 1000;
    // Let the last answers arrive.
    const deadline = performance.now() + 15000;
    const answeredCount = () => [...sent.keys()].filter((k) => posts.has(k)).length;
    while (answeredCount() < expected && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 500));
    const mine = [...posts.entries()].filter(([k]) => sent.has(k));
    parentPort.postMessage({ ok: true, phase: 'soak', expected, answered: mine.length, duplicates: mine.filter(([, n]) => n > 1).length,
      redeliveries, httpErrors, latency, sentSeconds });
  } catch (err) {
    parentPort.postMessage({ ok: false, error: String((err && err.message) || err) });
  }
});
parentPort.on('close', () => { agent.destroy(); api.close(); });
api.listen(0, '127.0.0.1', () => parentPort.postMessage({ apiUrl: 'http://127.0.0.1:' + api.address().port + '/api/' }));
`;

type WorkerReply =
  | { apiUrl: string }
  | { ok: true; phase: 'warmup' }
  | {
      ok: true;
      phase: 'soak';
      expected: number;
      answered: number;
      duplicates: number;
      redeliveries: number;
      httpErrors: number;
      latency: number[];
      sentSeconds: number;
    }
  | { ok: false; error: string };

/** `global.gc` without restarting node with --expose-gc (tsx runs the bench). */
function forcedGc(): () => void {
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
}

function memory(gc: () => void): { rss: number; heap: number } {
  for (let i = 0; i < 3; i++) gc();
  const m = process.memoryUsage();
  return { rss: m.rss / 1_048_576, heap: m.heapUsed / 1_048_576 };
}

export async function benchSoak(log: (line: string) => void = () => undefined): Promise<SoakFigures> {
  const events = Number(process.env.SOAK_EVENTS ?? 10_000);
  const rate = Number(process.env.SOAK_RATE ?? 60);
  const catalog = loadCatalog();
  const repeated = repeatedErrors(catalog);
  const [newHead, newTail] = newErrorTemplate(catalog);
  const worker = new Worker(SLACK_SIDE, {
    eval: true,
    workerData: { secret: SECRET, events, rate, channels: 500, repeated, chat: CHAT, newHead, newTail },
  });
  const next = () =>
    new Promise<WorkerReply>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  const ready = await next();
  if (!('apiUrl' in ready)) throw new Error('soak: the Slack stand-in did not start');

  const redis = process.env.SOAK_STORE === 'memory' || !redisServerInstalled() ? undefined : await startRedisServer();
  const store: SharedStore = redis ? new RedisStore(redis.url) : new MemoryStore();
  const meterdoc = benchApp({
    signingSecret: SECRET,
    slackApiUrl: ready.apiUrl,
    store,
    modules: SOURCES,
    deps: { catalog },
  });
  const { eventsUrl } = await meterdoc.start();
  const gc = forcedGc();
  try {
    log(
      `${events} signed events at ${rate}/s into 500 channels (${repeated.length} catalog errors repeated, fresh unknown errors, chat, ~5% redeliveries); store: ${store.kind}`,
    );
    const warm = next();
    worker.postMessage({ eventsUrl, phase: 'warmup', events: Math.min(1000, events) });
    await warm;
    const start = memory(gc);
    const done = next();
    worker.postMessage({ eventsUrl, phase: 'soak' });
    const reply = await done;
    if (!('ok' in reply) || !reply.ok || reply.phase !== 'soak')
      throw new Error(`soak failed: ${'error' in reply ? reply.error : 'no result'}`);
    const end = memory(gc);
    const figures: SoakFigures = {
      soak_answers: reply.answered,
      soak_duplicates: reply.duplicates,
      soak_missing: reply.expected - reply.answered,
      soak_rss_growth_mb: Math.round((end.rss - start.rss) * 10) / 10,
      soak_heap_growth_mb: Math.round((end.heap - start.heap) * 10) / 10,
      soak_answer_p99_ms: percentile(reply.latency, 99),
    };
    log(
      `sent in ${reply.sentSeconds.toFixed(0)} s; ${reply.redeliveries} redeliveries; ${reply.httpErrors} non-200 acks`,
    );
    log(
      `answers ${figures.soak_answers} of ${reply.expected} expected (missing ${figures.soak_missing}); duplicates ${figures.soak_duplicates} (goal 0)`,
    );
    log(`answer p50 ${percentile(reply.latency, 50)} ms   p99 ${figures.soak_answer_p99_ms} ms`);
    log(
      `RSS after GC ${start.rss.toFixed(1)} → ${end.rss.toFixed(1)} MB (${figures.soak_rss_growth_mb} MB); heapUsed ${start.heap.toFixed(1)} → ${end.heap.toFixed(1)} MB (${figures.soak_heap_growth_mb} MB)`,
    );
    return figures;
  } finally {
    await meterdoc.stop();
    await redis?.stop();
    await worker.terminate();
  }
}
