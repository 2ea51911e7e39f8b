import { describe, expect, it, vi } from 'vitest';
import { loadCatalog } from '../../src/knowledge/load-catalog.js';
import { answerFromFinding, diagnose } from '../../src/core/index.js';
import { Insights } from '../../src/health/index.js';
import { NAMESPACES } from '../../src/store/keys.js';
import { MemoryStore, type SharedStore } from '../../src/store/store.js';
import { loadCliSettings } from '../../src/app/settings.js';

/** The health log's retention as the settings default it. */
const HEALTH = loadCliSettings({ env: {} }).health;

const catalog = loadCatalog();
const THROTTLING =
  'botocore.exceptions.ClientError: An error occurred (ThrottlingException) when calling the BatchMeterUsage operation (reached max retries: 4): Rate exceeded';
const EXPIRED =
  'An error occurred (TimestampOutOfBoundsException) when calling the BatchMeterUsage operation: Timestamp is out of bounds (RequestId: 1a2b3c4d-0000-4000-8000-00000000abcd)';
const UNKNOWN =
  'An error occurred (SomeNewWeirdException) when calling the BatchMeterUsage operation: kaboom for account 123456789012 with AKIAIOSFODNN7EXAMPLE';

let clock = new Date('2026-03-10T12:00:00Z');
const at = (iso: string) => (clock = new Date(iso));

function insightsOn(store: SharedStore = new MemoryStore()) {
  return new Insights(store, { ...HEALTH, now: () => clock });
}

/** Delivers `paste` the way deliverDiagnosis reports it: every finding posted under `answerId`-n. */
function deliver(insights: Insights, paste: string, answerId: string, teamId = 'T1') {
  const diagnosis = diagnose(paste, catalog, { now: clock });
  const answers = diagnosis.findings.map((f, i) => ({
    id: `${answerId}${i}`,
    answer: answerFromFinding(f),
    facts: f.facts,
  }));
  insights.delivered({ teamId, channelId: 'C1', paste, diagnosis, answers });
  return answers;
}

/** Counts the writes of workspace day records to `store` from now on. */
function countDayRecordWrites(store: MemoryStore): () => number {
  const kv = store.namespace(NAMESPACES.health);
  let writes = 0;
  const set = kv.set.bind(kv);
  kv.set = (async (...args: Parameters<typeof kv.set>) => {
    writes++;
    return set(...args);
  }) as typeof kv.set;
  return () => writes;
}

describe('the health log', () => {
  it('counts diagnoses by error and severity over the last 24 hours and the last 7 days (older days drop out)', async () => {
    const insights = insightsOn();
    at('2026-03-03T10:00:00Z');
    deliver(insights, EXPIRED, 'old-answer-');
    at('2026-03-09T08:00:00Z');
    deliver(insights, THROTTLING, 'yesterday-a');
    at('2026-03-10T11:00:00Z');
    deliver(insights, THROTTLING, 'today-answ-');
    deliver(insights, EXPIRED, 'today-exp-');

    const s = await insights.summary('T1', new Date('2026-03-10T12:00:00Z'));
    expect(s.last24h.diagnoses).toBe(2);
    expect(s.last7d.diagnoses).toBe(3);
    expect(s.last7d.byError.map((e) => [e.entryId, e.count])).toEqual([
      ['metering-throttling', 2],
      ['metering-timestamp-out-of-bounds', 1],
    ]);
    const throttlingSeverity = catalog.byId.get('metering-throttling')!.severity;
    expect(s.last24h.bySeverity[throttlingSeverity]).toBeGreaterThanOrEqual(1);
  });

  it('keeps workspaces apart', async () => {
    const insights = insightsOn();
    deliver(insights, THROTTLING, 'team-one-a', 'T1');
    deliver(insights, THROTTLING, 'team-two-a', 'T2');
    deliver(insights, THROTTLING, 'team-two-b', 'T2');
    expect((await insights.summary('T1')).last24h.diagnoses).toBe(1);
    expect((await insights.summary('T2')).last24h.diagnoses).toBe(2);
  });

  it('lists blockers until a successful retry or a 👍 resolves them', async () => {
    const insights = insightsOn();
    at('2026-03-10T09:00:00Z');
    const [a] = deliver(insights, EXPIRED, 'blocker-a-');
    const [b] = deliver(insights, EXPIRED, 'blocker-b-');
    const [c] = deliver(insights, EXPIRED, 'blocker-c-');
    expect(a!.answer.severity).toBe('blocker');
    insights.tried(a!.id, { kind: 'retry', result: 'failed', summary: '1 failed', requestIds: ['req-1'] });
    insights.tried(b!.id, { kind: 'retry', result: 'ok', summary: '1 accepted', requestIds: ['req-2'] });
    insights.voted({ answerId: c!.id, teamId: 'T1', vote: 'up', entryId: c!.answer.entryId, facts: c!.facts });

    const s = await insights.summary('T1', new Date('2026-03-10T10:00:00Z'));
    expect(s.unresolved.map((u) => u.answerId)).toEqual([a!.id]);
    expect(s.last24h.retries).toEqual({ ok: 1, partial: 0, failed: 1, 'nothing-to-send': 0 });
    expect(s.last24h.votes).toEqual({ up: 1, down: 0 });
    expect((await insights.answerRecord(a!.id))?.tried).toEqual([
      { kind: 'retry', at: '2026-03-10T09:00:00.000Z', result: 'failed', summary: '1 failed', requestIds: ['req-1'] },
    ]);
  });

  it('counts the errors the catalog did not know, under their code, with nothing secret stored', async () => {
    const store = new MemoryStore();
    const insights = insightsOn(store);
    deliver(insights, UNKNOWN, 'unknown-a-');
    deliver(insights, UNKNOWN.replace('kaboom', 'kaboom'), 'unknown-b-');
    const s = await insights.summary('T1');
    expect(s.last24h.unknown).toEqual({
      total: 2,
      top: [{ label: 'SomeNewWeirdException (BatchMeterUsage)', count: 2 }],
    });
    const stored =
      JSON.stringify(await store.namespace(NAMESPACES.health).get(`T1:${clock.toISOString().slice(0, 10)}`)) +
      JSON.stringify(await insights.listGaps());
    expect(stored).toContain('SomeNewWeirdException');
    expect(stored).not.toContain('123456789012');
    expect(stored).not.toContain('AKIAIOSFODNN7EXAMPLE');
  });

  it('expires days after the retention window', async () => {
    const store = new MemoryStore();
    const insights = new Insights(store, { ...HEALTH, now: () => clock, retentionDays: 8 });
    deliver(insights, THROTTLING, 'retention-a');
    await insights.flush();
    const kv = store.namespace<unknown>(NAMESPACES.health);
    const key = `T1:${clock.toISOString().slice(0, 10)}`;
    const raw =
      (kv.opts.store as Map<string, string>).get(`${NAMESPACES.health}:${key}`) ??
      (kv.opts.store as Map<string, string>).get(key);
    const expires = (typeof raw === 'string' ? JSON.parse(raw) : raw) as { expires?: number };
    expect(expires.expires).toBeGreaterThan(Date.now() + 7.9 * 86_400_000);
    expect(expires.expires).toBeLessThanOrEqual(Date.now() + 8 * 86_400_000 + 1000);
  });

  it('records a burst with a bounded number of store writes and loses no count', async () => {
    const store = new MemoryStore();
    const insights = insightsOn(store);
    const writes = countDayRecordWrites(store);
    for (let i = 0; i < 500; i++) deliver(insights, THROTTLING, `burst-${String(i).padStart(5, '0')}-`);
    const s = await insights.summary('T1');
    expect(s.last24h.diagnoses).toBe(500);
    expect(writes()).toBeLessThan(50);
  });

  it('writes a workspace day once per second under steady traffic, not once per answer', async () => {
    const store = new MemoryStore();
    const insights = insightsOn(store);
    const writes = countDayRecordWrites(store);
    // One answer per turn of the event loop, as requests arrive one by one.
    for (let i = 0; i < 60; i++) {
      deliver(insights, THROTTLING, `steady-${String(i).padStart(5, '0')}-`);
      await new Promise((resolve) => setImmediate(resolve));
    }
    const s = await insights.summary('T1');
    expect(s.last24h.diagnoses).toBe(60);
    expect(writes()).toBeLessThanOrEqual(2);
  });

  it('does not make a reader wait out the write interval: what is pending is written at once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const insights = insightsOn();
      deliver(insights, THROTTLING, 'pending-answer-');
      // The interval's timer never fires under fake timers, so this resolves only if the read flushes.
      const s = await insights.summary('T1');
      expect(s.last24h.diagnoses).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('never throws into the answer path when the store fails, and says so once', async () => {
    const warnings: string[] = [];
    const store = new MemoryStore();
    const broken: SharedStore = {
      kind: 'memory',
      namespace: (name, ttl) => {
        const kv = store.namespace(name, ttl);
        kv.get = (async () => Promise.reject(new Error('connection refused'))) as typeof kv.get;
        return kv;
      },
      claim: async () => true,
      release: async () => undefined,
      increment: async () => 1,
      close: async () => undefined,
    };
    const insights = new Insights(broken, {
      ...HEALTH,
      now: () => clock,
      logger: { warn: (_o, msg) => warnings.push(msg) },
    });
    for (let i = 0; i < 20; i++)
      expect(() => deliver(insights, THROTTLING, `broken-${String(i).padStart(4, '0')}-`)).not.toThrow();
    await insights.flush();
    // Twenty events against a dead store: one line per kind of record, not one per event.
    expect(warnings.length).toBeGreaterThan(0);
    expect(warnings.length).toBeLessThanOrEqual(3);
    expect(new Set(warnings).size).toBe(warnings.length);
  });
});
