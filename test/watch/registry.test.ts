import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  parseReminderSpec,
  pastedRecordKey,
  type PastedUsageRecord,
  type ReminderSpec,
  type WatchEvent,
} from '../../src/core/index.js';
import { FileStore } from '../../src/store/file.js';
import { RedisStore } from '../../src/store/redis.js';
import { MemoryStore, type SharedStore } from '../../src/store/store.js';
import { WatchRegistry, WatchScheduler, type StoredWatch, type WatchNotifier } from '../../src/watch/index.js';
import { startRedisServer, type RedisServer } from '../support/redis-server.js';

const at = (iso: string) => new Date(iso);
const reminders = (parseReminderSpec('50%,2h') as { ok: true; specs: ReminderSpec[] }).specs;
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

const record = (timestamp: string, dimension: string, quantity: number): PastedUsageRecord => ({
  timestamp,
  dimension,
  quantity,
  customerIdentifier: 'cust-7Hq2xK',
});
// Pasted at 14:00: one record is past BatchMeterUsage's 24 hours, two are not (deadlines 04:00 and 06:00 tomorrow).
const PASTED_AT = at('2026-11-23T14:00:00Z');
const pasted = [
  record('2026-11-22T09:00:00Z', 'api_calls', 900),
  record('2026-11-23T04:00:00Z', 'api_calls', 120),
  record('2026-11-23T06:00:00Z', 'storage_gb', 40),
];
const place = { kind: 'thread' as const, channelId: 'C0METERING', threadTs: '1763906400.000100' };

/** Records what would be posted, per replica. */
class RecordingNotifier implements WatchNotifier {
  readonly posted: Array<{ watch: StoredWatch; event: WatchEvent }> = [];
  async notify(watch: StoredWatch, event: WatchEvent): Promise<void> {
    this.posted.push({ watch, event });
  }
}

function clock(iso: string) {
  let now = at(iso);
  return { now: () => now, set: (next: string) => (now = at(next)) };
}

const stores: SharedStore[] = [];
afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
});

function memory(): MemoryStore {
  const store = new MemoryStore();
  stores.push(store);
  return store;
}

async function createPasteWatch(registry: WatchRegistry, answerId = 'answer-0001abcd') {
  return registry.create({
    answerId,
    teamId: 'T0WORKSPACE',
    place,
    operation: 'BatchMeterUsage',
    records: pasted,
    now: PASTED_AT,
  });
}

describe('the watch registry', () => {
  it('a paste with three records, one past its window, creates one watch with two records', async () => {
    const registry = new WatchRegistry(memory(), { reminders });
    const result = await createPasteWatch(registry);
    expect(result).toMatchObject({ pastWindow: 1, alreadyWatched: 0 });
    expect(result.watch!.state.records.map((r) => r.dimension)).toEqual(['api_calls', 'storage_gb']);
    expect(await registry.forAnswer('answer-0001abcd')).toEqual(result.watch);
    expect(await registry.open('T0WORKSPACE')).toEqual([
      {
        id: result.watch!.id,
        answerId: 'answer-0001abcd',
        place,
        deadline: '2026-11-24T04:00:00.000Z',
        records: 2,
        atRisk: [
          { dimension: 'api_calls', records: 1, units: 120, unknownQuantity: 0 },
          { dimension: 'storage_gb', records: 1, units: 40, unknownQuantity: 0 },
        ],
      },
    ]);
  });

  it('the same batch pasted again is not watched twice; a batch with nothing billable is not watched', async () => {
    const registry = new WatchRegistry(memory(), { reminders });
    await createPasteWatch(registry);
    expect(await createPasteWatch(registry, 'answer-0002abcd')).toEqual({ pastWindow: 1, alreadyWatched: 2 });
    const stale = await registry.create({
      answerId: 'answer-0003abcd',
      teamId: 'T0WORKSPACE',
      place,
      operation: 'BatchMeterUsage',
      records: [pasted[0]!],
      now: PASTED_AT,
    });
    expect(stale.watch).toBeUndefined();
    expect(await registry.open('T0WORKSPACE')).toHaveLength(1);
  });

  it('lists open watches soonest deadline first, with those of no workspace (intake) in every workspace', async () => {
    const registry = new WatchRegistry(memory(), { reminders });
    await createPasteWatch(registry);
    await registry.create({
      answerId: 'intake-0001abcd',
      teamId: undefined,
      place: { kind: 'thread', channelId: 'C0INTAKE' },
      operation: 'MeterUsage',
      records: [record('2026-11-23T13:00:00Z', 'hosts', 3)],
      now: PASTED_AT,
    });
    await registry.create({
      answerId: 'other-0001abcd',
      teamId: 'T0OTHER',
      place,
      operation: 'MeterUsage',
      records: [record('2026-11-23T12:00:00Z', 'hosts', 1)],
      now: PASTED_AT,
    });
    expect((await registry.open('T0WORKSPACE')).map((w) => [w.answerId, w.deadline])).toEqual([
      ['intake-0001abcd', '2026-11-23T19:00:00.000Z'],
      ['answer-0001abcd', '2026-11-24T04:00:00.000Z'],
    ]);
  });

  it('a successful resend ends the watch and takes it off the open list; records reported by the metering job too', async () => {
    const registry = new WatchRegistry(memory(), { reminders });
    const { watch } = await createPasteWatch(registry);
    const ended = await registry.resolveAnswer('answer-0001abcd', 'all', at('2026-11-23T15:00:00Z'));
    expect(ended!.state).toMatchObject({ status: 'resent', endedAt: '2026-11-23T15:00:00.000Z' });
    expect(await registry.open('T0WORKSPACE')).toEqual([]);
    expect(await registry.due(at('2026-11-25T00:00:00Z'))).toEqual([]);

    const second = new WatchRegistry(memory(), { reminders });
    const { watch: w2 } = await createPasteWatch(second);
    const [changed] = await second.resolveRecords([pastedRecordKey(pasted[1]!)], at('2026-11-23T15:00:00Z'));
    expect(changed!.state.status).toBe('open');
    expect((await second.open('T0WORKSPACE'))[0]).toMatchObject({ records: 1, deadline: '2026-11-24T06:00:00.000Z' });
    expect(watch!.id).not.toBe(w2!.id);
  });

  it('"Won\'t bill" ends an open watch once', async () => {
    const registry = new WatchRegistry(memory(), { reminders });
    const { watch } = await createPasteWatch(registry);
    const first = await registry.handle(
      watch!.id,
      { by: 'U0ALLOWED', reason: 'credited on the next invoice' },
      at('2026-11-23T16:00:00Z'),
    );
    expect(first).toMatchObject({
      changed: true,
      watch: { state: { status: 'handled', handled: { by: 'U0ALLOWED', reason: 'credited on the next invoice' } } },
    });
    expect(
      await registry.handle(watch!.id, { by: 'U0OTHER', reason: 'again' }, at('2026-11-23T16:01:00Z')),
    ).toMatchObject({ changed: false, watch: { state: { handled: { by: 'U0ALLOWED' } } } });
    expect(await registry.open('T0WORKSPACE')).toEqual([]);
  });
});

describe('the scheduler, driven by an injected clock', () => {
  it('posts the two reminders once each at their times, then the lost records, and counts the loss', async () => {
    const registry = new WatchRegistry(memory(), { reminders });
    const notifier = new RecordingNotifier();
    const time = clock('2026-11-23T14:00:00Z');
    const scheduler = new WatchScheduler({ registry, notifier, logger: quiet, now: time.now });
    const { watch } = await createPasteWatch(registry);
    const ids = () => notifier.posted.map((p) => p.event.id);

    for (const t of ['2026-11-23T14:00:00Z', '2026-11-23T20:59:00Z']) {
      time.set(t);
      expect(await scheduler.tick()).toEqual([]);
    }
    time.set('2026-11-23T21:00:00Z'); // half of the 14 hours left
    expect(await scheduler.tick()).toEqual([
      { watchId: watch!.id, eventId: '50%@2026-11-24T04:00:00.000Z', kind: 'reminder', posted: true },
    ]);
    expect(await scheduler.tick()).toEqual([]);
    time.set('2026-11-24T02:00:00Z'); // two hours before 04:00
    await scheduler.tick();
    await scheduler.tick();
    expect(ids()).toEqual(['50%@2026-11-24T04:00:00.000Z', '2h@2026-11-24T04:00:00.000Z']);
    expect(notifier.posted[1]!.event).toMatchObject({
      kind: 'reminder',
      deadline: '2026-11-24T04:00:00.000Z',
      atRisk: [{ dimension: 'api_calls' }, { dimension: 'storage_gb' }],
    });

    time.set('2026-11-24T04:00:00Z');
    await scheduler.tick();
    time.set('2026-11-24T06:00:00Z');
    await scheduler.tick();
    await scheduler.tick();
    expect(ids().slice(2)).toEqual(['lost@2026-11-24T04:00:00.000Z', 'lost@2026-11-24T06:00:00.000Z']);
    expect(notifier.posted[3]!.event).toMatchObject({ kind: 'lost', final: true });
    expect((await registry.get(watch!.id))!.state.status).toBe('expired');
    const summary = await registry.summary('T0WORKSPACE', time.now());
    expect(summary).toEqual({
      open: [],
      lost24h: [
        { dimension: 'api_calls', records: 1, units: 120, unknownQuantity: 0 },
        { dimension: 'storage_gb', records: 1, units: 40, unknownQuantity: 0 },
      ],
      lost7d: [
        { dimension: 'api_calls', records: 1, units: 120, unknownQuantity: 0 },
        { dimension: 'storage_gb', records: 1, units: 40, unknownQuantity: 0 },
      ],
    });
    time.set('2026-11-26T00:00:00Z');
    expect((await registry.summary('T0WORKSPACE', time.now())).lost24h).toEqual([]);
  });

  it('no reminder follows a successful retry', async () => {
    const registry = new WatchRegistry(memory(), { reminders });
    const notifier = new RecordingNotifier();
    const time = clock('2026-11-23T21:00:00Z');
    const scheduler = new WatchScheduler({ registry, notifier, logger: quiet, now: time.now });
    await createPasteWatch(registry);
    await registry.resolveAnswer('answer-0001abcd', 'all', at('2026-11-23T20:00:00Z'));
    for (const t of ['2026-11-23T21:00:00Z', '2026-11-24T02:00:00Z', '2026-11-24T07:00:00Z']) {
      time.set(t);
      await scheduler.tick();
    }
    expect(notifier.posted).toEqual([]);
  });

  it('a replica that restarts picks the watches up (file store)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meterdoc-watch-'));
    try {
      const first = new FileStore(dir, 0);
      const { watch } = await createPasteWatch(new WatchRegistry(first, { reminders }));
      await first.close();

      const again = new FileStore(dir, 0);
      stores.push(again);
      const notifier = new RecordingNotifier();
      const scheduler = new WatchScheduler({
        registry: new WatchRegistry(again, { reminders }),
        notifier,
        logger: quiet,
        now: () => at('2026-11-23T21:30:00Z'),
      });
      expect(await scheduler.tick()).toEqual([
        { watchId: watch!.id, eventId: '50%@2026-11-24T04:00:00.000Z', kind: 'reminder', posted: true },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a failed post is logged and not repeated by the next tick', async () => {
    const registry = new WatchRegistry(memory(), { reminders });
    const errors: string[] = [];
    const failing: WatchNotifier = { notify: async () => Promise.reject(new Error('channel_not_found')) };
    const scheduler = new WatchScheduler({
      registry,
      notifier: failing,
      logger: { ...quiet, error: (_o, msg) => errors.push(msg ?? '') },
      now: () => at('2026-11-23T21:00:00Z'),
    });
    await createPasteWatch(registry);
    expect(await scheduler.tick()).toEqual([expect.objectContaining({ posted: false })]);
    expect(await scheduler.tick()).toEqual([]);
    expect(errors).toEqual(['deadline watch message failed']);
  });
});

describe('two replicas on one redis-server', () => {
  let redis: RedisServer;
  beforeAll(async () => {
    redis = await startRedisServer();
  });
  afterAll(async () => {
    await redis.stop();
  });

  async function replica(prefix: string): Promise<RedisStore> {
    const store = new RedisStore(redis.url, { keyPrefix: prefix });
    stores.push(store);
    await store.ready();
    return store;
  }

  it('each reminder and the loss are posted by exactly one of them, ticking at the same moments', async () => {
    const prefix = `watch-${randomUUID()}`;
    const [a, b] = [await replica(prefix), await replica(prefix)];
    const registries = [new WatchRegistry(a, { reminders }), new WatchRegistry(b, { reminders })];
    const notifiers = [new RecordingNotifier(), new RecordingNotifier()];
    const time = clock('2026-11-23T14:00:00Z');
    const schedulers = registries.map(
      (registry, i) => new WatchScheduler({ registry, notifier: notifiers[i]!, logger: quiet, now: time.now }),
    );
    const { watch } = await createPasteWatch(registries[0]!, `answer-${randomUUID()}`);
    expect((await registries[1]!.get(watch!.id))?.id).toBe(watch!.id);

    for (const t of [
      '2026-11-23T21:00:00Z',
      '2026-11-23T21:00:30Z',
      '2026-11-24T02:00:00Z',
      '2026-11-24T04:00:00Z',
      '2026-11-24T06:00:00Z',
      '2026-11-24T06:00:30Z',
    ]) {
      time.set(t);
      await Promise.all(schedulers.map((s) => s.tick()));
    }
    const all = notifiers.flatMap((n) => n.posted.map((p) => p.event.id));
    expect(all.sort()).toEqual([
      '2h@2026-11-24T04:00:00.000Z',
      '50%@2026-11-24T04:00:00.000Z',
      'lost@2026-11-24T04:00:00.000Z',
      'lost@2026-11-24T06:00:00.000Z',
    ]);
    expect((await registries[1]!.summary('T0WORKSPACE', time.now())).lost24h.map((d) => d.units)).toEqual([120, 40]);
  });
});
