import { describe, expect, it } from 'vitest';
import {
  advanceWatch,
  parseReminderSpec,
  startWatch,
  type ReminderSpec,
  type WatchEvent,
} from '../../src/core/index.js';
import { ACTION_IDS } from '../../src/slack/buttons/ids.js';
import { handledMessage, lostMessage, reminderMessage, watchHealthBlocks } from '../../src/slack/watch/index.js';
import type { StoredWatch } from '../../src/watch/index.js';
import { blockKitViolations, mrkdwnTexts } from './block-kit-rules.js';

const reminders = (parseReminderSpec('50%,2h') as { ok: true; specs: ReminderSpec[] }).specs;
const now = new Date('2026-11-23T14:00:00Z');

function watchOf(records: Array<{ timestamp: string; dimension: string; quantity?: number }>): StoredWatch {
  const { watch } = startWatch({
    records: records.map((r) => ({ ...r, customerIdentifier: 'cust-7Hq2xK' })),
    operation: 'BatchMeterUsage',
    now,
    reminders,
  });
  return {
    id: 'watch-0001abcd',
    answerId: 'answer-0001abcd',
    team: 'T0WORKSPACE',
    place: { kind: 'thread', channelId: 'C0METERING', threadTs: '1763906400.000100' },
    state: watch!,
  };
}

const json = (blocks: unknown) => blocks as Array<Record<string, unknown>>;

describe('deadline watch messages', () => {
  const watch = watchOf([
    { timestamp: '2026-11-23T04:00:00Z', dimension: 'api_calls', quantity: 1200 },
    { timestamp: '2026-11-23T05:00:00Z', dimension: 'api_calls', quantity: 300 },
    { timestamp: '2026-11-23T06:00:00Z', dimension: 'storage_gb' },
  ]);
  const reminder = advanceWatch(watch.state, new Date('2026-11-23T21:00:00Z'), reminders).events[0] as Extract<
    WatchEvent,
    { kind: 'reminder' }
  >;

  it("a reminder names the records and units per dimension at risk, the deadline in the reader's time, and offers Retry and Won't bill", () => {
    const message = reminderMessage(watch, reminder, { retry: true });
    const text = mrkdwnTexts(json(message.blocks)).join('\n');
    expect(text).toContain(
      '*3 usage records can still be billed until <!date^1795492800^{date_short_pretty} at {time}|2026-11-24 04:00 UTC>*',
    );
    expect(text).toContain('*At risk:* `api_calls` 1,500 units, `storage_gb` 1 record without a quantity');
    expect(text).toContain(
      '• `2026-11-23T04:00:00Z` `api_calls` × 1,200 for `cust-7Hq2xK`, deadline <!date^1795492800^',
    );
    expect(text).toContain('Reminder: 50% of the time left has passed.');
    const actions = message.blocks.find((b) => b.type === 'actions') as {
      elements: Array<{ action_id: string; value: string }>;
    };
    expect(actions.elements.map((e) => [e.action_id, e.value])).toEqual([
      [ACTION_IDS.retry, 'answer-0001abcd'],
      [ACTION_IDS.wontBill, 'answer-0001abcd'],
    ]);
    expect(message.text).toBe('3 usage records can still be billed until 2026-11-24 04:00 UTC');
    expect(blockKitViolations(json(message.blocks))).toEqual([]);
  });

  it('leaves Retry out when the answer cannot resend the records', () => {
    const actions = reminderMessage(watch, reminder, { retry: false }).blocks.find((b) => b.type === 'actions') as {
      elements: Array<{ action_id: string }>;
    };
    expect(actions.elements.map((e) => e.action_id)).toEqual([ACTION_IDS.wontBill]);
  });

  it('the lost-records message says which records can no longer be billed', () => {
    const lost = advanceWatch(watch.state, new Date('2026-11-24T07:00:00Z'), reminders).events[0] as Extract<
      WatchEvent,
      { kind: 'lost' }
    >;
    const message = lostMessage(watch, lost, { retry: true });
    const text = mrkdwnTexts(json(message.blocks)).join('\n');
    expect(text).toContain(
      ':x: *3 usage records were not resent in time and can no longer be billed:* `api_calls` 1,500 units, `storage_gb` 1 record without a quantity.',
    );
    expect(text).toContain('MeterDoc has stopped watching this batch.');
    expect(message.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect(blockKitViolations(json(message.blocks))).toEqual([]);
  });

  it('a partial loss says what can still be billed and keeps the buttons', () => {
    const lost = advanceWatch(watch.state, new Date('2026-11-24T04:30:00Z'), reminders).events[0] as Extract<
      WatchEvent,
      { kind: 'lost' }
    >;
    const text = mrkdwnTexts(json(lostMessage(watch, lost, { retry: true }).blocks)).join('\n');
    expect(text).toContain('*1 usage record was not resent in time');
    expect(text).toContain('2 records can still be billed until <!date^1795496400^');
  });

  it('escapes what came from the paste', () => {
    const hostile = watchOf([{ timestamp: '2026-11-23T04:00:00Z', dimension: '<!channel> `x`', quantity: 1 }]);
    const event = advanceWatch(hostile.state, new Date('2026-11-23T21:00:00Z'), reminders).events[0] as Extract<
      WatchEvent,
      { kind: 'reminder' }
    >;
    const text = mrkdwnTexts(json(reminderMessage(hostile, event, { retry: true }).blocks)).join('\n');
    expect(text).not.toContain('<!channel>');
    expect(text).toContain("`&lt;!channel&gt; 'x'`");
  });

  it("the Won't bill note says who and why", () => {
    const handled: StoredWatch = {
      ...watch,
      state: {
        ...watch.state,
        status: 'handled',
        records: watch.state.records.map((r) => ({ ...r, state: 'handled' })),
        handled: { by: 'U0ALLOWED', reason: 'credited <b>', at: now.toISOString() },
      },
    };
    expect(mrkdwnTexts(json(handledMessage(handled).blocks))[0]).toBe(
      ":no_entry_sign: <@U0ALLOWED> marked 3 usage records (`api_calls` 1,500 units, `storage_gb` 1 record without a quantity) as *Won't bill*: credited &lt;b&gt;. MeterDoc stops reminding about them.",
    );
  });

  it('the health view lists open watches soonest first and lost units by dimension', () => {
    const blocks = watchHealthBlocks({
      open: [
        {
          id: 'w1',
          answerId: 'a1',
          place: { kind: 'thread', channelId: 'C0METERING' },
          deadline: '2026-11-24T04:00:00.000Z',
          records: 2,
          atRisk: [{ dimension: 'api_calls', records: 2, units: 1500, unknownQuantity: 0 }],
        },
      ],
      lost24h: [{ dimension: 'storage_gb', records: 1, units: 40, unknownQuantity: 0 }],
      lost7d: [{ dimension: 'storage_gb', records: 3, units: 130, unknownQuantity: 0 }],
    });
    expect(mrkdwnTexts(json(blocks))).toEqual([
      '*:alarm_clock: 1 batch on deadline watch* (soonest first)\n• <!date^1795492800^{date_short_pretty} at {time}|2026-11-24 04:00 UTC>: 2 records, `api_calls` 1,500 units in <#C0METERING>',
      '*:x: Lost revenue* (usage records not resent in time)\nLast 24 hours: `storage_gb` 40 units\nLast 7 days: `storage_gb` 130 units',
    ]);
    expect(watchHealthBlocks({ open: [], lost24h: [], lost7d: [] })).toEqual([]);
  });

  it('the health view says an answer in a DM went to "a DM", not a <#D…> link', () => {
    const open = (id: string, place: { kind: 'thread'; channelId: string } | { kind: 'dm'; userId: string }) => ({
      id,
      answerId: `a-${id}`,
      place,
      deadline: '2026-11-24T04:00:00.000Z',
      records: 1,
      atRisk: [{ dimension: 'api_calls', records: 1, units: 10, unknownQuantity: 0 }],
    });
    const text = mrkdwnTexts(
      json(
        watchHealthBlocks({
          open: [open('w1', { kind: 'thread', channelId: 'D0DIRECT1' }), open('w2', { kind: 'dm', userId: 'U0ALICE' })],
          lost24h: [],
          lost7d: [],
        }),
      ),
    )[0]!;
    expect(text).toContain('`api_calls` 10 units in a DM\n');
    expect(text).toContain('`api_calls` 10 units (DM to <@U0ALICE>)');
    expect(text).not.toContain('<#D');
  });
});
