import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../../src/actions/audit/audit-log.js';
import { parseReminderSpec, type ReminderSpec } from '../../src/core/index.js';
import { createIntakeHandler, signIntake, startIntakeServer } from '../../src/intake/index.js';
import { AnswerStore } from '../../src/slack/answer-store.js';
import { MemoryStore } from '../../src/store/store.js';
import { DeadlineWatch } from '../../src/watch/index.js';
import { catalog, logger, slackClient, slackRecorder } from '../actions/helpers.js';
import { NOW } from '../aws/fixtures.js';
import { loadSettings } from '../../src/app/settings.js';
import { SlackPoster } from '../../src/slack/reply.js';
import { ChannelPostQueue } from '../../src/slack/rate-limit.js';

const SLACK = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' };
const loadIntakeConfig = (env: Record<string, string>) => loadSettings({ env: { ...SLACK, ...env } }).intake;

/** The intake endpoint and the deadline watch: a failed report starts one, a success report ends it. */

const SECRET = 'a-very-long-intake-secret-for-tests-0123456789';
const reminders = (parseReminderSpec('50%,2h') as { ok: true; specs: ReminderSpec[] }).specs;
let server: Server;
let url: string;
let store: MemoryStore;
let watch: DeadlineWatch;
let rec: ReturnType<typeof slackRecorder>;

beforeEach(async () => {
  store = new MemoryStore();
  rec = slackRecorder();
  const slack = slackClient();
  const notifier = { notify: async () => undefined };
  watch = new DeadlineWatch({ store, reminders, notifier, logger, now: () => NOW });
  const config = loadIntakeConfig({ METERDOC_INTAKE_SECRET: SECRET, METERDOC_INTAKE_CHANNEL: 'C0INTAKE' })!;
  const handler = createIntakeHandler({
    config,
    catalog,
    store,
    answers: new AnswerStore(store),
    poster: new SlackPoster(slack, new ChannelPostQueue(0, 100), logger),
    audit: new AuditLog(store, logger),
    logger,
    now: () => NOW,
    watch,
  });
  server = await startIntakeServer(handler, 0, '127.0.0.1');
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/meterdoc/intake`;
});

afterEach(async () => {
  nock.cleanAll();
  await new Promise((r) => server.close(r));
  await store.close();
});

const nowSec = Math.floor(NOW.getTime() / 1000);
const fresh = { Timestamp: nowSec - 3600, Dimension: 'requests', Quantity: 5, CustomerIdentifier: 'cust-1' };
const stale = { Timestamp: nowSec - 30 * 3600, Dimension: 'requests', Quantity: 2, CustomerIdentifier: 'cust-2' };

async function post(payload: unknown) {
  const text = JSON.stringify(payload);
  return fetch(url, {
    method: 'POST',
    body: text,
    headers: {
      'content-type': 'application/json',
      'x-meterdoc-request-timestamp': String(nowSec),
      'x-meterdoc-signature': signIntake(SECRET, nowSec, text),
    },
  });
}

describe('intake reports and the deadline watch', () => {
  it('a failed call puts its billable records on watch in the intake thread; the job reporting them accepted ends the watch and says so there', async () => {
    expect(
      (
        await post({
          productCode: 'prod-abc123',
          records: [fresh, stale],
          error: { name: 'ThrottlingException', message: 'Rate exceeded' },
        })
      ).status,
    ).toBe(202);
    const [open] = await watch.registry.open(undefined);
    expect(open).toMatchObject({
      records: 1,
      place: { kind: 'thread', channelId: 'C0INTAKE', threadTs: '1700000999.000200' },
      atRisk: [{ dimension: 'requests', units: 5 }],
    });

    // The job resent the record itself and reports the response.
    const response = {
      Results: [{ UsageRecord: fresh, MeteringRecordId: 'mr-1', Status: 'Success' }],
      UnprocessedRecords: [],
    };
    expect((await post({ productCode: 'prod-abc123', records: [fresh], response })).status).toBe(202);
    expect((await watch.registry.get(open!.id))!.state).toMatchObject({ status: 'resent', endedAt: NOW.toISOString() });
    const note = rec.of('chat.postMessage').find((c) => c.body.thread_ts === '1700000999.000200');
    expect(note?.body.text).toBe(
      ':white_check_mark: The metering job reports 1 usage record of this batch accepted by AWS. MeterDoc has stopped watching this batch.',
    );
    expect(await watch.registry.open(undefined)).toEqual([]);
  });

  it('a report whose records are already watched does not watch them twice', async () => {
    const failed = {
      productCode: 'prod-abc123',
      records: [fresh],
      error: { name: 'ThrottlingException', message: 'Rate exceeded' },
    };
    await post(failed);
    await post({ ...failed, error: { ...failed.error, requestId: 'req-second' } });
    expect(await watch.registry.open(undefined)).toHaveLength(1);
  });
});
