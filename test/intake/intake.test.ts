import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/actions/audit/audit-log.js';
import { createIntakeHandler, signIntake, startIntakeServer, type IntakeBody } from '../../src/intake/index.js';
import { AnswerStore } from '../../src/slack/answer-store.js';
import { MemoryStore } from '../../src/store/store.js';
import { catalog, logger, slackClient, slackRecorder } from '../actions/helpers.js';
import { NOW } from '../aws/fixtures.js';
import { loadSettings } from '../../src/app/settings.js';
import { SlackPoster } from '../../src/slack/reply.js';
import { ChannelPostQueue } from '../../src/slack/rate-limit.js';
import { FIRST_SCREEN_CHARS } from '../../src/slack/blocks/answer.js';
import { visibleLength } from '../../src/slack/blocks/visible.js';

const SLACK = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' };
const loadIntakeConfig = (env: Record<string, string>) => loadSettings({ env: { ...SLACK, ...env } }).intake;

const SECRET = 'a-very-long-intake-secret-for-tests-0123456789';
let server: Server;
let url: string;
let store: MemoryStore;
let answers: AnswerStore;
let rec: ReturnType<typeof slackRecorder>;

beforeEach(async () => {
  store = new MemoryStore();
  answers = new AnswerStore(store);
  rec = slackRecorder();
  const config = loadIntakeConfig({
    METERDOC_INTAKE_SECRET: SECRET,
    METERDOC_INTAKE_CHANNEL: 'C0INTAKE',
    METERDOC_INTAKE_MAX_BYTES: '4096',
  })!;
  const handler = createIntakeHandler({
    config,
    catalog,
    store,
    answers,
    poster: new SlackPoster(slackClient(), new ChannelPostQueue(0, 100), logger),
    audit: new AuditLog(store, logger),
    logger,
    now: () => NOW,
  });
  server = await startIntakeServer(handler, 0, '127.0.0.1');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/meterdoc/intake`;
});

afterEach(async () => {
  nock.cleanAll();
  await new Promise((r) => server.close(r));
});

const nowSec = Math.floor(NOW.getTime() / 1000);
const body: IntakeBody = {
  productCode: 'prod-abc123',
  records: [
    { Timestamp: nowSec - 3600, Dimension: 'requests', Quantity: 5, CustomerIdentifier: 'cust-1' },
    { Timestamp: nowSec - 30 * 3600, Dimension: 'requests', Quantity: 2, CustomerIdentifier: 'cust-2' },
  ],
  error: { name: 'ThrottlingException', message: 'Rate exceeded', requestId: 'req-77' },
};

async function post(text: string, headers: Record<string, string> = {}, ts = nowSec, secret = SECRET) {
  return fetch(url, {
    method: 'POST',
    body: text,
    headers: {
      'content-type': 'application/json',
      'x-meterdoc-request-timestamp': String(ts),
      'x-meterdoc-signature': signIntake(secret, ts, text),
      ...headers,
    },
  });
}

describe('POST /meterdoc/intake', () => {
  it('a good request is diagnosed and posted with the retry button ready', async () => {
    const res = await post(JSON.stringify(body));
    expect(res.status).toBe(202);
    const out = (await res.json()) as { ok: boolean; diagnosis: string; retryButton: boolean; ts: string };
    expect(out).toMatchObject({
      ok: true,
      diagnosis: 'metering-throttling',
      retryButton: true,
      ts: '1700000999.000200',
    });
    const posted = rec.of('chat.postMessage');
    expect(posted).toHaveLength(1);
    expect(posted[0]!.body.channel).toBe('C0INTAKE');
    const blocks = JSON.parse(posted[0]!.body.blocks!) as Array<{
      type: string;
      elements?: Array<{ action_id?: string; value?: string }>;
    }>;
    const retry = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'meterdoc_retry')!;
    expect(retry).toBeDefined();
    expect(posted[0]!.body.blocks).toContain('failed: 2 records, 1 can still be billed until');
    expect(posted[0]!.body.blocks).toContain('1 record lost');
    // The button's value resolves to the stored answer holding the exact batch and where it was posted.
    const stored = (await answers.get(retry.value!))!;
    expect(stored.usageBatch).toEqual({
      productCode: 'prod-abc123',
      origin: 'request',
      records: [
        {
          timestamp: new Date((nowSec - 3600) * 1000).toISOString(),
          dimension: 'requests',
          quantity: 5,
          customerIdentifier: 'cust-1',
        },
        {
          timestamp: new Date((nowSec - 30 * 3600) * 1000).toISOString(),
          dimension: 'requests',
          quantity: 2,
          customerIdentifier: 'cust-2',
        },
      ],
    });
    expect(stored).toMatchObject({ channelId: 'C0INTAKE', messageTs: '1700000999.000200' });
  });

  it('reads as a report from the metering job: operation, record counts and the billing deadline, on one short screen', async () => {
    const three: IntakeBody = {
      ...body,
      records: [
        { Timestamp: nowSec - 3600, Dimension: 'requests', Quantity: 5, CustomerIdentifier: 'cust-1' },
        { Timestamp: nowSec - 5 * 3600, Dimension: 'requests', Quantity: 3, CustomerIdentifier: 'cust-3' },
        { Timestamp: nowSec - 30 * 3600, Dimension: 'requests', Quantity: 2, CustomerIdentifier: 'cust-2' },
      ],
    };
    expect((await post(JSON.stringify(three))).status).toBe(202);
    const posted = rec.of('chat.postMessage')[0]!.body;
    const blocks = JSON.parse(posted.blocks!) as Array<{ type: string; block_id?: string }>;
    const shown = JSON.stringify(blocks);
    // The oldest billable record (5 h old) closes 24 h after its timestamp: 09:02 UTC tomorrow, 19 h from NOW.
    const lead =
      'BatchMeterUsage from your metering job failed: 3 records, 2 can still be billed until 09:02 UTC tomorrow (19 h left)';
    expect(shown).toContain(lead);
    expect(posted.text).toContain(lead);
    expect(shown).toContain('1 record lost');
    expect(shown).not.toMatch(/in the paste/);
    expect(shown).not.toMatch(/\d×/);
    // The operation is filled in the stored facts the full diagnosis and the support bundle read.
    const retry = (blocks as Array<{ elements?: Array<{ action_id?: string; value?: string }> }>)
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === 'meterdoc_retry')!;
    expect((await answers.get(retry.value!))!.facts).toMatchObject({ operation: 'BatchMeterUsage' });
    // The first-screen limits every answer keeps.
    const beforeDetails = blocks.filter((b) => b.block_id !== 'meterdoc_answer_actions');
    expect(beforeDetails.length).toBeLessThanOrEqual(6);
    expect(visibleLength(blocks as never)).toBeLessThanOrEqual(FIRST_SCREEN_CHARS);
  });

  it('after a response, the retry batch is the UnprocessedRecords, with the job’s own values', async () => {
    const response = {
      Results: [{ UsageRecord: body.records[0], MeteringRecordId: 'mr-1', Status: 'Success' }],
      UnprocessedRecords: [
        { Timestamp: nowSec - 7200, Dimension: 'requests', Quantity: 4, CustomerIdentifier: 'cust-3' },
      ],
    };
    const payload = {
      productCode: 'prod-abc123',
      records: [body.records[0]!, response.UnprocessedRecords[0]!],
      response,
    };
    const res = await post(JSON.stringify(payload));
    expect(res.status).toBe(202);
    const blocks = JSON.parse(rec.of('chat.postMessage')[0]!.body.blocks!) as Array<{
      elements?: Array<{ action_id?: string; value?: string }>;
    }>;
    const retry = blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'meterdoc_retry')!;
    const stored = (await answers.get(retry.value!))!;
    expect(stored.usageBatch!.origin).toBe('unprocessed');
    expect(stored.usageBatch!.records.map((r) => r.customerIdentifier)).toEqual(['cust-3']);
  });

  it('a bad signature is refused with 401 and nothing posted', async () => {
    const text = JSON.stringify(body);
    const res = await post(text, {}, nowSec, 'the-wrong-secret-the-wrong-secret-0000');
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ ok: false, error: 'bad_signature' });
    const missing = await fetch(url, { method: 'POST', body: text, headers: { 'content-type': 'application/json' } });
    expect(missing.status).toBe(401);
    // Signed for a different body.
    const tampered = await fetch(url, {
      method: 'POST',
      body: text.replace('"Quantity":5', '"Quantity":50'),
      headers: {
        'content-type': 'application/json',
        'x-meterdoc-request-timestamp': String(nowSec),
        'x-meterdoc-signature': signIntake(SECRET, nowSec, text),
      },
    });
    expect(tampered.status).toBe(401);
    expect(rec.of('chat.postMessage')).toHaveLength(0);
  });

  it('a replayed request is refused: same request twice (409), or an old timestamp (401)', async () => {
    const text = JSON.stringify(body);
    expect((await post(text)).status).toBe(202);
    const again = await post(text);
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({ ok: false, error: 'replayed_request' });
    const old = await post(text, {}, nowSec - 301);
    expect(old.status).toBe(401);
    expect(await old.json()).toEqual({ ok: false, error: 'timestamp_outside_window' });
    expect(rec.of('chat.postMessage')).toHaveLength(1);
  });

  it('an oversized body is refused with 413 and nothing posted', async () => {
    const big = JSON.stringify({ ...body, error: 'x'.repeat(5000) });
    const res = await post(big);
    expect(res.status).toBe(413);
    expect(rec.of('chat.postMessage')).toHaveLength(0);
  });

  it('a malformed body is a clear 400, and the same report can be sent again once fixed', async () => {
    const notJson = await post('{"records": [');
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ ok: false, error: 'malformed_json' });
    const both = await post(JSON.stringify({ ...body, response: { UnprocessedRecords: [] } }));
    expect(both.status).toBe(400);
    expect(JSON.stringify(await both.json())).toContain('exactly one of');
    const badTs = await post(
      JSON.stringify({ ...body, records: [{ ...body.records[0], Timestamp: '2026-11-23 10:00' }] }),
    );
    expect(badTs.status).toBe(400);
    expect(rec.of('chat.postMessage')).toHaveLength(0);
  });

  it('Slack failing gives 502 and frees the request to be sent again', async () => {
    nock.cleanAll();
    nock('https://slack.com').post('/api/chat.postMessage').reply(200, { ok: false, error: 'channel_not_found' });
    const text = JSON.stringify(body);
    const res = await post(text);
    expect(res.status).toBe(502);
    rec = slackRecorder();
    expect((await post(text)).status).toBe(202);
  });

  it('answers 405 to other methods', async () => {
    const res = await fetch(url);
    expect(res.status).toBe(405);
  });
});

describe('intake config', () => {
  it('is off without a secret, refuses a short secret and a missing channel', () => {
    expect(loadIntakeConfig({})).toBeUndefined();
    expect(() => loadIntakeConfig({ METERDOC_INTAKE_SECRET: 'short', METERDOC_INTAKE_CHANNEL: 'C1X' })).toThrow(
      /at least 32/,
    );
    expect(() => loadIntakeConfig({ METERDOC_INTAKE_SECRET: SECRET })).toThrow(/METERDOC_INTAKE_CHANNEL/);
    expect(() => loadIntakeConfig({ METERDOC_INTAKE_SECRET: SECRET })).not.toThrow(new RegExp(SECRET));
  });
});
