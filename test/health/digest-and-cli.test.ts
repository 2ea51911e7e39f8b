import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/app/logger.js';
import { loadCatalog } from '../../src/knowledge/load-catalog.js';
import { runCli, type CliIo } from '../../src/cli/main.js';
import { answerFromFinding, diagnose } from '../../src/core/index.js';
import { Insights } from '../../src/health/index.js';
import { DailyDigest } from '../../src/slack/health/digest.js';
import { createStore } from '../../src/store/create.js';
import { MemoryStore } from '../../src/store/store.js';
import { WatchRegistry } from '../../src/watch/index.js';
import { webApi } from '@slack/bolt';
import { slackStandIn } from '../slack/harness.js';
import { loadCliSettings } from '../../src/app/settings.js';
import { SlackPoster } from '../../src/slack/reply.js';
import { ChannelPostQueue } from '../../src/slack/rate-limit.js';

/** The health log's retention as the settings default it. */
const HEALTH = loadCliSettings({ env: {} }).health;

afterEach(() => nock.cleanAll());

const catalog = loadCatalog();
const EXPIRED =
  'An error occurred (TimestampOutOfBoundsException) when calling the BatchMeterUsage operation: Timestamp is out of bounds';

describe('the daily digest', () => {
  it('waits for the next whole UTC hour', () => {
    expect(DailyDigest.untilNextHour(new Date('2026-02-01T08:59:30.000Z'))).toBe(30_000);
    expect(DailyDigest.untilNextHour(new Date('2026-02-01T23:00:00.000Z'))).toBe(3_600_000);
  });

  it('posts the workspace health once per day at the set hour, whichever replica wakes first', async () => {
    const slack = slackStandIn();
    slack.override('auth.test', () => ({ ok: true, team_id: 'T1', user_id: 'UBOT' }));
    const store = new MemoryStore();
    let clock = new Date('2026-02-01T08:00:00.050Z');
    const insights = new Insights(store, { ...HEALTH, now: () => clock });
    const paste = EXPIRED;
    const diagnosis = diagnose(paste, catalog);
    insights.delivered({
      teamId: 'T1',
      channelId: 'C1',
      paste,
      diagnosis,
      answers: diagnosis.findings.map((f, i) => ({
        id: `digest-answer-${i}`,
        answer: answerFromFinding(f),
        facts: f.facts,
      })),
    });
    const replica = () =>
      new DailyDigest({ channel: 'C0DIGEST', hourUtc: 9, insights, store, ...clientAndPoster(), now: () => clock });
    const [a, b] = [replica(), replica()];

    expect(await a.runIfDue()).toBe('not-due');
    clock = new Date('2026-02-01T09:00:00.050Z');
    expect(await Promise.all([a.runIfDue(), b.runIfDue()])).toEqual(
      expect.arrayContaining(['posted', 'claimed-elsewhere']),
    );
    expect(await a.runIfDue()).toBe('claimed-elsewhere');
    const posts = slack.of('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body.channel).toBe('C0DIGEST');
    expect(String(posts[0]!.body.text)).toMatch(
      /^MeterDoc daily digest: 1 diagnosis in the last 24 hours \(1 blockers\), 1 unresolved blocker/,
    );
    expect((posts[0]!.body.blocks as unknown[]).length).toBeLessThanOrEqual(50);
  });

  it('lists the open deadline watches (soonest first) and the units lost, even on a quiet day', async () => {
    const slack = slackStandIn();
    slack.override('auth.test', () => ({ ok: true, team_id: 'T1', user_id: 'UBOT' }));
    const store = new MemoryStore();
    const insights = new Insights(store, { ...HEALTH, now: () => new Date('2026-02-10T09:00:00Z') });
    // Real watches in the same store: one expired before the digest, two still open (the later one created first).
    const registry = new WatchRegistry(store, { reminders: [] });
    const created = new Date('2026-02-10T08:00:00Z');
    const records = (customer: string, entries: Array<[string, string, number]>) =>
      entries.map(([timestamp, dimension, quantity]) => ({
        timestamp,
        dimension,
        quantity,
        customerIdentifier: customer,
      }));
    const answer = (id: string, channelId: string, rs: ReturnType<typeof records>) =>
      registry.create({
        answerId: id,
        teamId: 'T1',
        place: { kind: 'thread', channelId },
        operation: 'BatchMeterUsage',
        records: rs,
        now: created,
      });
    await answer('answer-expired', 'C0METERING', records('cust-a', [['2026-02-09T08:30:00Z', 'storage_gb', 40]]));
    await answer('answer-later', 'C0LATER', records('cust-b', [['2026-02-10T07:00:00Z', 'seats', 3]]));
    await answer(
      'answer-sooner',
      'C0METERING',
      records('cust-c', [
        ['2026-02-09T20:00:00Z', 'api_calls', 100],
        ['2026-02-09T21:00:00Z', 'api_calls', 50],
      ]),
    );
    const overnight = new Date('2026-02-10T08:45:00Z');
    for (const id of await registry.due(overnight)) await registry.advance(id, overnight);
    const watch = {
      summary: (teamId: string | undefined) => registry.summary(teamId, new Date('2026-02-10T09:00:00Z')),
    };
    const digest = new DailyDigest({
      channel: 'C0DIGEST',
      hourUtc: 9,
      insights,
      store,
      ...clientAndPoster(),
      now: () => new Date('2026-02-10T09:00:00Z'),
      watch,
    });
    expect(await digest.runIfDue()).toBe('posted');
    const text = JSON.stringify(slack.of('chat.postMessage')[0]!.body.blocks);
    expect(text).toContain('2 batches on deadline watch');
    const sooner = text.indexOf('2 records, `api_calls` 150 units in <#C0METERING>');
    const later = text.indexOf('1 record, `seats` 3 units in <#C0LATER>');
    expect(sooner).toBeGreaterThan(-1);
    expect(later).toBeGreaterThan(sooner);
    expect(text).toContain('Last 24 hours: `storage_gb` 40 units');
    await store.close();
  });
});

function fakeIo(env: NodeJS.ProcessEnv = {}): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, stdout: (s) => out.push(s), stderr: (s) => err.push(s), readStdin: async () => '', env };
}

describe('meterdoc gaps', () => {
  it('says plainly that an in-memory store has nothing recorded', async () => {
    const io = fakeIo({});
    expect(await runCli(['gaps'], io)).toBe(2);
    expect(io.err.join('\n')).toMatch(/METERDOC_CACHE_URL is not set.*no recorded gap to read/s);
  });

  it('lists the gaps of the shared store most frequent first, and writes drafts for the top ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meterdoc-gaps-'));
    const storeDir = join(dir, 'store');
    const store = createStore(storeDir);
    const insights = new Insights(store, HEALTH);
    for (const paste of [
      'An error occurred (SomeNewWeirdException) when calling the BatchMeterUsage operation: kaboom for 123456789012',
      'An error occurred (SomeNewWeirdException) when calling the BatchMeterUsage operation: kaboom for 210987654321',
      'An error occurred (AnotherStrangeFault) when calling the MeterUsage operation: flux',
    ]) {
      const diagnosis = diagnose(paste, catalog);
      insights.delivered({ teamId: 'T1', channelId: 'C1', paste, diagnosis, answers: [] });
    }
    await insights.flush();
    await store.close();

    const drafts = join(dir, 'drafts');
    const io = fakeIo({ METERDOC_CACHE_URL: storeDir });
    expect(await runCli(['gaps', '--drafts', drafts], io)).toBe(0);
    const out = io.out.join('\n');
    expect(out).toMatch(/^2 catalog gaps, most frequent first:/);
    expect(out.indexOf('1. SomeNewWeirdException from BatchMeterUsage: 2x')).toBeGreaterThan(0);
    expect(out.indexOf('2. AnotherStrangeFault from MeterUsage: 1x')).toBeGreaterThan(
      out.indexOf('1. SomeNewWeirdException'),
    );
    expect(out).toContain('<ACCOUNT_1>');
    expect(out).not.toMatch(/123456789012|210987654321/);
    expect(readdirSync(drafts).sort()).toEqual(['another-strange-fault.yaml', 'some-new-weird-exception.yaml']);
    expect(readFileSync(join(drafts, 'some-new-weird-exception.yaml'), 'utf8')).toMatch(
      /^# DRAFT catalog entry generated by MeterDoc from a gap seen 2 times/,
    );

    // A second run keeps the files someone may be editing.
    const again = fakeIo({ METERDOC_CACHE_URL: storeDir });
    expect(await runCli(['gaps', '--drafts', drafts], again)).toBe(0);
    expect(again.out.join('\n')).toContain('(it already exists)');
  });
});

/** A Web API client that does not retry, and the poster over it, as the app builds them. */
function clientAndPoster() {
  const client = new webApi.WebClient('xoxb-1-2-t', { retryConfig: { retries: 0 } });
  const logger = createLogger('silent');
  return { client, poster: new SlackPoster(client, new ChannelPostQueue(0, 100), logger), logger };
}
