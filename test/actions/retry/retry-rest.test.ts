import nock from 'nock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  handleEditSubmission,
  lockKey,
  NO_LONGER_AVAILABLE,
  retryState,
  runConfirmedRetry,
} from '../../../src/actions/index.js';
import { retryExhausted } from '../../../src/actions/retry/send.js';
import { ANSWER_STATUS_BLOCK } from '../../../src/slack/blocks/answer.js';
import { NAMESPACES } from '../../../src/store/keys.js';
import { meteringReply, type Seen } from '../../aws/fixtures.js';
import { setup, slackRecorder, unmatchedRequests } from '../helpers.js';

/**
 * "Retry what is still unbilled": once AWS has answered a retry, the Retry button (on the answer or
 * on a deadline reminder) resends only the records no retry has settled, and never one AWS accepted.
 */

afterEach(() => {
  nock.cleanAll();
  vi.restoreAllMocks();
});

/** Four records inside the 24-hour window (NOW is 2026-11-23T14:02Z) and one past it. */
const PASTE = `botocore.errorfactory.ThrottlingException: An error occurred (ThrottlingException) when calling the BatchMeterUsage operation (reached max retries: 4): Rate exceeded
request: {"ProductCode":"prod-abc123","UsageRecords":[
 {"Timestamp":"2026-11-23T13:00:00Z","Dimension":"requests","Quantity":5,"CustomerIdentifier":"cust-1"},
 {"Timestamp":"2026-11-23T12:00:00Z","Dimension":"requests","Quantity":7,"CustomerIdentifier":"cust-2"},
 {"Timestamp":"2026-11-23T11:00:00Z","Dimension":"requests","Quantity":11,"CustomerIdentifier":"cust-3"},
 {"Timestamp":"2026-11-23T10:00:00Z","Dimension":"requests","Quantity":13,"CustomerIdentifier":"cust-4"},
 {"Timestamp":"2026-11-22T10:00:00Z","Dimension":"requests","Quantity":9,"CustomerIdentifier":"cust-5"}]}`;

type Status = 'Success' | 'DuplicateRecord' | 'CustomerNotSubscribed' | 'Unprocessed';
type WireRecord = Record<string, unknown>;

/** BatchMeterUsage's answer as AWS sends it: a Result per processed record (echoing it), the rest in UnprocessedRecords. */
function answerWith(statusOf: Record<string, Status>) {
  return (body: { UsageRecords: WireRecord[] }): [number, unknown] => {
    const status = (r: WireRecord): Status => statusOf[String(r.CustomerIdentifier)] ?? 'Success';
    return [
      200,
      {
        Results: body.UsageRecords.filter((r) => status(r) !== 'Unprocessed').map((r, i) => ({
          UsageRecord: r,
          ...(status(r) === 'Success' ? { MeteringRecordId: `mr-${r.CustomerIdentifier}-${i}` } : {}),
          Status: status(r),
        })),
        UnprocessedRecords: body.UsageRecords.filter((r) => status(r) === 'Unprocessed'),
      },
    ];
  };
}

interface OpenedView {
  callback_id: string;
  private_metadata: string;
  title: { text: string };
  blocks: Array<{ text?: { text: string } }>;
  submit?: { text: string };
}

function lastView(rec: ReturnType<typeof slackRecorder>): OpenedView {
  return JSON.parse(rec.of('views.open').at(-1)!.body.view!) as OpenedView;
}

function textOf(view: OpenedView): string {
  return view.blocks.map((b) => b.text?.text ?? '').join('\n');
}

/** The answer as chat.update last redrew it: its status line and its Retry button, if any. */
function lastUpdate(rec: ReturnType<typeof slackRecorder>) {
  const blocks = JSON.parse(rec.of('chat.update').at(-1)!.body.blocks!) as Array<{
    type: string;
    block_id?: string;
    elements?: Array<{ action_id?: string; value?: string; text?: { text: string } }>;
  }>;
  // A context block's mrkdwn element carries its text as a string.
  const status = (
    blocks.find((b) => b.block_id === ANSWER_STATUS_BLOCK)?.elements?.[0] as { text?: string } | undefined
  )?.text;
  const retry = blocks
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? [])
    .find((e) => e.action_id === 'meterdoc_retry');
  return { status, retry };
}

function sentCustomers(seen: Seen, call: number): unknown[] {
  return (seen.bodies[call] as { UsageRecords: WireRecord[] }).UsageRecords.map((r) => r.CustomerIdentifier);
}

/** Clicks Retry, submits the dialog it opens, and lets AWS answer with `statusOf`. */
async function retryOnce(
  env: Awaited<ReturnType<typeof setup>>,
  rec: ReturnType<typeof slackRecorder>,
  seen: Seen,
  statusOf: Record<string, Status>,
  userId = 'UALLOWED',
) {
  await env.actions.handlers.retry!(env.ctx(userId));
  const view = lastView(rec);
  meteringReply(seen, answerWith(statusOf));
  const out = await runConfirmedRetry(env.actions.deps, { draftId: view.private_metadata, userId });
  return { view, out };
}

describe('retry what is still unbilled', () => {
  it('after a partial retry, Retry lists only the unbilled records, sends only them, and then has nothing left', async () => {
    const env = await setup({ paste: PASTE });
    const { actions, ctx, answerId, store } = env;
    const rec = slackRecorder();
    const seen: Seen = { bodies: [], targets: [] };

    // First retry: AWS bills #1, already has #2 (DuplicateRecord), leaves #3 unprocessed and refuses #4's customer.
    const first = await retryOnce(env, rec, seen, {
      'cust-1': 'Success',
      'cust-2': 'DuplicateRecord',
      'cust-3': 'Unprocessed',
      'cust-4': 'CustomerNotSubscribed',
    });
    expect(first.view.submit?.text).toBe('Send 4 records');
    expect(sentCustomers(seen, 0)).toEqual(['cust-1', 'cust-2', 'cust-3', 'cust-4']);
    expect((await retryState(actions.deps, answerId))?.settled).toEqual([0, 1]);

    // The answer keeps its Retry button (same action, same stored payload), relabelled for the rest.
    const afterFirst = lastUpdate(rec);
    expect(afterFirst.retry).toMatchObject({ value: answerId, text: { text: ':repeat: Retry 2 unbilled' } });
    expect(afterFirst.status).toContain('Retried by <@UALLOWED> at <!date^');
    expect(afterFirst.status).toContain('2 of 5 records billed');
    // The watch's reminders keep offering Retry.
    expect(await retryExhausted(actions.deps, answerId, actions.deps.now())).toBe(false);

    // Second click: the dialog says what was billed and by whom, and lists #3 and #4 only.
    await actions.handlers.retry!(ctx('UALLOWED'));
    const second = lastView(rec);
    expect(second.callback_id).toBe('meterdoc_retry_confirm');
    expect(second.title.text).toBe('Retry the unbilled rest');
    const text = textOf(second);
    expect(text).toContain('*Already billed:* 2 of 5 records (#1, #2)');
    expect(text).toMatch(/the latest by <@UALLOWED> at <!date\^\d+\^\{time\}\|14:02 UTC>/);
    expect(text).toContain('not sent again');
    expect(text).toContain('exactly these 2 records');
    expect(text).toContain('#3 2026-11-23T11:00:00.000Z · requests · quantity 11 · customer cust-3');
    expect(text).toContain('#4 2026-11-23T10:00:00.000Z · requests · quantity 13 · customer cust-4');
    expect(text).not.toMatch(/#1 2026|#2 2026/);
    expect(text).toMatch(/too old[\s\S]*#5 2026-11-22T10:00:00.000Z/);
    expect(second.submit?.text).toBe('Send 2 records');

    meteringReply(seen, answerWith({}));
    const out = await runConfirmedRetry(actions.deps, { draftId: second.private_metadata, userId: 'UALLOWED' });
    expect(out.sent).toBe(true);
    expect(seen.bodies).toHaveLength(2);
    expect(seen.bodies[1]).toEqual({
      ProductCode: 'prod-abc123',
      UsageRecords: [
        {
          Timestamp: Date.parse('2026-11-23T11:00:00Z') / 1000,
          Dimension: 'requests',
          Quantity: 11,
          CustomerIdentifier: 'cust-3',
        },
        {
          Timestamp: Date.parse('2026-11-23T10:00:00Z') / 1000,
          Dimension: 'requests',
          Quantity: 13,
          CustomerIdentifier: 'cust-4',
        },
      ],
    });
    expect((await retryState(actions.deps, answerId))?.settled).toEqual([0, 1, 2, 3]);
    const afterSecond = lastUpdate(rec);
    expect(afterSecond.retry).toBeUndefined();
    expect(afterSecond.status).toContain('4 of 5 records billed, nothing left to send');
    expect(await retryExhausted(actions.deps, answerId, actions.deps.now())).toBe(true);

    // Third click: nothing left (only the stale #5), refused as before, no dialog, no AWS call.
    const views = rec.of('views.open').length;
    const misses = unmatchedRequests();
    const third = ctx('UALLOWED');
    await actions.handlers.retry!(third);
    misses.stop();
    expect(third.replies[0]).toContain(NO_LONGER_AVAILABLE);
    expect(third.replies[0]).toContain('1 still unbilled record is past the billing window');
    expect(rec.of('views.open')).toHaveLength(views);
    expect(misses.seen).toEqual([]);
    expect(store).toBeDefined();
  });

  it('releases the retry lock after a partial retry and keeps it after a complete one', async () => {
    const env = await setup({ paste: PASTE });
    const rec = slackRecorder();
    const seen: Seen = { bodies: [], targets: [] };
    await retryOnce(env, rec, seen, { 'cust-4': 'Unprocessed' });
    // Free: the next retry can claim it.
    expect(await env.store.claim(lockKey(env.answerId), 1000)).toBe(true);
    await env.store.release(lockKey(env.answerId));

    await retryOnce(env, rec, seen, {});
    expect(sentCustomers(seen, 1)).toEqual(['cust-4']);
    // Held: nothing is left to send.
    expect(await env.store.claim(lockKey(env.answerId), 1000)).toBe(false);
  });

  it('keeps the lock after a partial retry whose state could not be stored, so nothing is resent while it lives', async () => {
    const env = await setup({ paste: PASTE });
    const rec = slackRecorder();
    const seen: Seen = { bodies: [], targets: [] };
    // The store is best effort: this one accepts the write and drops it.
    const real = env.store.namespace.bind(env.store);
    vi.spyOn(env.store, 'namespace').mockImplementation((name, ttl) => {
      const ns = real(name, ttl);
      if (name !== NAMESPACES.retryState) return ns;
      return new Proxy(ns, {
        get: (target, prop) => {
          if (prop === 'set') return async () => false;
          const value = Reflect.get(target, prop, target);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    });
    await retryOnce(env, rec, seen, { 'cust-4': 'Unprocessed' });
    expect(await retryState(env.actions.deps, env.answerId)).toBeUndefined();
    expect(await env.store.claim(lockKey(env.answerId), 1000)).toBe(false);

    const misses = unmatchedRequests();
    await env.actions.handlers.retry!(env.ctx('UALLOWED'));
    const out = await runConfirmedRetry(env.actions.deps, {
      draftId: lastView(rec).private_metadata,
      userId: 'UALLOWED',
    });
    misses.stop();
    expect(out.sent).toBe(false);
    expect(misses.seen).toEqual([]);
    expect(seen.bodies).toHaveLength(1);
  });

  it('a record settled by someone else between opening the dialog and submitting it is not sent', async () => {
    const env = await setup({ paste: PASTE, allowed: 'UALLOWED,UOTHER' });
    const { actions, ctx, answerId } = env;
    const rec = slackRecorder();
    const seen: Seen = { bodies: [], targets: [] };

    // UALLOWED opens the dialog for all four records and leaves it open.
    await actions.handlers.retry!(ctx('UALLOWED'));
    const stale = lastView(rec);
    expect(stale.submit?.text).toBe('Send 4 records');

    // Meanwhile UOTHER retries: #1–#3 billed, #4 unprocessed.
    await retryOnce(env, rec, seen, { 'cust-4': 'Unprocessed' }, 'UOTHER');
    expect((await retryState(actions.deps, answerId))?.settled).toEqual([0, 1, 2]);

    // UALLOWED now submits the old dialog: only #4 goes out.
    meteringReply(seen, answerWith({}));
    const out = await runConfirmedRetry(actions.deps, { draftId: stale.private_metadata, userId: 'UALLOWED' });
    expect(out.sent).toBe(true);
    expect(seen.bodies).toHaveLength(2);
    expect(sentCustomers(seen, 1)).toEqual(['cust-4']);
    expect((await retryState(actions.deps, answerId))?.settled).toEqual([0, 1, 2, 3]);
  });

  it('what to send is decided under the lock: a retry that ends just before the lock is claimed is taken into account', async () => {
    const env = await setup({ paste: PASTE, allowed: 'UALLOWED,UOTHER' });
    const { actions, ctx, store, answerId } = env;
    const rec = slackRecorder();
    const seen: Seen = { bodies: [], targets: [] };
    await retryOnce(env, rec, seen, { 'cust-2': 'Unprocessed', 'cust-3': 'Unprocessed', 'cust-4': 'Unprocessed' });
    // Both open the dialog for the rest (#2–#4).
    await actions.handlers.retry!(ctx('UALLOWED'));
    const mine = lastView(rec);
    await actions.handlers.retry!(ctx('UOTHER'));
    const theirs = lastView(rec);

    // UOTHER's whole retry (billing #2 and #3) runs after UALLOWED's first look, just before UALLOWED claims the lock.
    const claim = store.claim.bind(store);
    let raced = false;
    vi.spyOn(store, 'claim').mockImplementation(async (key, ttlMs) => {
      if (key === lockKey(answerId) && !raced) {
        raced = true;
        meteringReply(seen, answerWith({ 'cust-4': 'Unprocessed' }));
        await claim(key, ttlMs).then((ok) => expect(ok).toBe(true));
        await store.release(key);
        await runConfirmedRetry(actions.deps, { draftId: theirs.private_metadata, userId: 'UOTHER' });
        meteringReply(seen, answerWith({}));
      }
      return claim(key, ttlMs);
    });
    const out = await runConfirmedRetry(actions.deps, { draftId: mine.private_metadata, userId: 'UALLOWED' });
    expect(raced).toBe(true);
    expect(out.sent).toBe(true);
    expect(sentCustomers(seen, 1)).toEqual(['cust-2', 'cust-3', 'cust-4']);
    expect(sentCustomers(seen, 2)).toEqual(['cust-4']);
    expect((await retryState(actions.deps, answerId))?.settled).toEqual([0, 1, 2, 3]);
  });

  it('a second submission of an answered dialog sends nothing, even with records left unbilled', async () => {
    const env = await setup({ paste: PASTE });
    const rec = slackRecorder();
    const seen: Seen = { bodies: [], targets: [] };
    const { view } = await retryOnce(env, rec, seen, { 'cust-3': 'Unprocessed', 'cust-4': 'Unprocessed' });

    const misses = unmatchedRequests();
    const again = await runConfirmedRetry(env.actions.deps, { draftId: view.private_metadata, userId: 'UALLOWED' });
    misses.stop();
    expect(again.sent).toBe(false);
    expect(misses.seen).toEqual([]);
    expect(seen.bodies).toHaveLength(1);
    // The dialog is gone, so the answer goes to the person directly.
    const told = rec.of('chat.postMessage').at(-1)!.body;
    expect(told.channel).toBe('UALLOWED');
    expect(told.text).toContain('already sent or has expired');
  });

  it('two submissions of the rest at once send it once', async () => {
    const env = await setup({ paste: PASTE });
    const rec = slackRecorder();
    const seen: Seen = { bodies: [], targets: [] };
    await retryOnce(env, rec, seen, { 'cust-3': 'Unprocessed', 'cust-4': 'Unprocessed' });

    await env.actions.handlers.retry!(env.ctx('UALLOWED'));
    const rest = lastView(rec);
    meteringReply(seen, answerWith({}));
    const [a, b] = await Promise.all([
      runConfirmedRetry(env.actions.deps, { draftId: rest.private_metadata, userId: 'UALLOWED' }),
      runConfirmedRetry(env.actions.deps, { draftId: rest.private_metadata, userId: 'UALLOWED' }),
    ]);
    expect([a.sent, b.sent].sort()).toEqual([false, true]);
    expect(seen.bodies).toHaveLength(2);
    expect(sentCustomers(seen, 1)).toEqual(['cust-3', 'cust-4']);
  });

  it("a partial retry of a batch completed in the edit form counts as settled: its positions are not the stored batch's", async () => {
    const env = await setup({ paste: PASTE });
    const { actions, ctx, answers, stored, store } = env;
    const rec = slackRecorder();
    // An answer whose paste held no complete record: Retry opens the edit form.
    const { usageBatch: _none, ...withoutBatch } = stored;
    const answerId = await answers.save(withoutBatch);
    const click = () => ctx('UALLOWED', { answerId, payload: withoutBatch });
    await actions.handlers.retry!(click());
    const edit = lastView(rec);
    expect(edit.callback_id).toBe('meterdoc_retry_edit');
    const confirm = await handleEditSubmission(actions.deps, {
      draftId: edit.private_metadata,
      userId: 'UALLOWED',
      text: '{"ProductCode":"prod-abc123","UsageRecords":[{"Timestamp":"2026-11-23T13:30:00Z","Dimension":"requests","Quantity":3,"CustomerIdentifier":"cust-9"},{"Timestamp":"2026-11-23T13:00:00Z","Dimension":"requests","Quantity":4,"CustomerIdentifier":"cust-8"}]}',
    });
    const draftId = (confirm as { view: { private_metadata: string } }).view.private_metadata;
    const seen: Seen = { bodies: [], targets: [] };
    meteringReply(seen, answerWith({ 'cust-8': 'Unprocessed' }));
    expect((await runConfirmedRetry(actions.deps, { draftId, userId: 'UALLOWED' })).sent).toBe(true);

    // As before this feature: the state has no settled list, the lock stays, the button is gone and refuses.
    expect((await retryState(actions.deps, answerId))?.settled).toBeUndefined();
    expect(await store.claim(lockKey(answerId), 1000)).toBe(false);
    expect(lastUpdate(rec).retry).toBeUndefined();
    const again = click();
    await actions.handlers.retry!(again);
    expect(again.replies[0]).toContain(NO_LONGER_AVAILABLE);
    expect(rec.of('views.open')).toHaveLength(1);
  });

  it('a retry state stored by the previous version (no settled list) means everything was settled', async () => {
    const env = await setup({ paste: PASTE });
    const { actions, ctx, answerId, store } = env;
    const rec = slackRecorder();
    // A dialog opened before the upgrade's retry answered.
    await actions.handlers.retry!(ctx('UALLOWED'));
    const open = lastView(rec);
    await store
      .namespace(NAMESPACES.retryState, 30 * 24 * 3_600_000)
      .set(answerId, { by: 'UEARLIER', at: '2026-11-23T13:40:00.000Z', summary: '4 sent, 1 stale, 2 accepted' });

    expect(await retryState(actions.deps, answerId)).toEqual({
      by: 'UEARLIER',
      at: '2026-11-23T13:40:00.000Z',
      summary: '4 sent, 1 stale, 2 accepted',
    });
    const misses = unmatchedRequests();
    const click = ctx('UALLOWED');
    await actions.handlers.retry!(click);
    expect(click.replies[0]).toContain(NO_LONGER_AVAILABLE);
    expect(click.replies[0]).toContain('already retried by <@UEARLIER>');
    expect(rec.of('views.open')).toHaveLength(1);

    const out = await runConfirmedRetry(actions.deps, { draftId: open.private_metadata, userId: 'UALLOWED' });
    misses.stop();
    expect(out.sent).toBe(false);
    expect(misses.seen).toEqual([]);
    expect(await retryExhausted(actions.deps, answerId, actions.deps.now())).toBe(true);
  });
});
