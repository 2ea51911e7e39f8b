import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  NO_LONGER_AVAILABLE,
  NOT_ALLOWED,
  runConfirmedRetry,
  handleEditSubmission,
} from '../../../src/actions/index.js';
import { allSuccess, meteringReply, type Seen } from '../../aws/fixtures.js';
import { setup, slackRecorder, unmatchedRequests } from '../helpers.js';

afterEach(() => nock.cleanAll());

function openedView(rec: ReturnType<typeof slackRecorder>) {
  const open = rec.of('views.open');
  expect(open).toHaveLength(1);
  return JSON.parse(open[0]!.body.view!) as {
    callback_id: string;
    private_metadata: string;
    blocks: Array<{ text?: { text: string } }>;
    submit?: { text: string };
  };
}

describe('retry from Slack', () => {
  it('a user not on the allowlist is refused, with no AWS call and no dialog', async () => {
    const { actions, ctx } = await setup();
    const rec = slackRecorder();
    const misses = unmatchedRequests();
    const c = ctx('UNOBODY');
    await actions.handlers.retry!(c);
    misses.stop();
    expect(c.replies).toEqual([NOT_ALLOWED]);
    expect(rec.of('views.open')).toHaveLength(0);
    expect(misses.seen).toEqual([]);
    const audit = await actions.deps.audit.recent();
    expect(audit[0]).toMatchObject({ action: 'retry', actor: 'UNOBODY', result: 'refused' });
  });

  it('a member of an allowed user group may retry (usergroups.users.list)', async () => {
    const { actions, ctx } = await setup({ allowed: 'S0GROUP' });
    const rec = slackRecorder();
    await actions.handlers.retry!(ctx('UGROUPIE'));
    expect(rec.of('usergroups.users.list')[0]!.body.usergroup).toBe('S0GROUP');
    expect(rec.of('views.open')).toHaveLength(1);
  });

  it('confirm dialog lists exactly what is sent and the stale record; a double click sends once; the message is updated; a stale button says so', async () => {
    const { actions, ctx, answerId } = await setup();
    const rec = slackRecorder();
    await actions.handlers.retry!(ctx('UALLOWED'));
    const view = openedView(rec);
    expect(view.callback_id).toBe('meterdoc_retry_confirm');
    const text = view.blocks.map((b) => b.text?.text ?? '').join('\n');
    expect(text).toContain('exactly these 2 records');
    expect(text).toContain('#1 2026-11-23T13:00:00.000Z · requests · quantity 5 · customer cust-1');
    expect(text).toContain('#2 2026-11-23T12:00:00.000Z · requests · quantity 7 · customer cust-2');
    expect(text).toMatch(/too old[\s\S]*#3 2026-11-22T10:00:00.000Z · requests · quantity 9 · customer cust-3/);
    expect(view.submit?.text).toBe('Send 2 records');

    const seen: Seen = { bodies: [], targets: [] };
    meteringReply(seen, (b) => allSuccess(b) as [number, unknown]);
    // Two submissions at once (double click, two people, Slack retrying the submission).
    const [a, b] = await Promise.all([
      runConfirmedRetry(actions.deps, { draftId: view.private_metadata, userId: 'UALLOWED' }),
      runConfirmedRetry(actions.deps, { draftId: view.private_metadata, userId: 'UALLOWED' }),
    ]);
    expect([a.sent, b.sent].sort()).toEqual([false, true]);
    expect(seen.bodies).toHaveLength(1);
    expect((seen.bodies[0] as { UsageRecords: unknown[] }).UsageRecords).toHaveLength(2);

    const thread = rec.of('chat.postMessage');
    expect(thread).toHaveLength(1);
    expect(thread[0]!.body.thread_ts).toBe('1700000000.000100');
    expect(thread[0]!.body.text).toContain('Retried by <@UALLOWED>*: 2 sent, 1 stale');
    expect(thread[0]!.body.blocks).toContain('stale, not sent');
    expect(thread[0]!.body.blocks).toContain('AWS request ID: req-1');
    const update = rec.of('chat.update');
    expect(update).toHaveLength(1);
    expect(update[0]!.body.ts).toBe('1700000000.000100');
    expect(update[0]!.body.blocks).toContain('Retried by <@UALLOWED> at <!date^');
    expect(update[0]!.body.blocks).toContain('14:02 UTC>: 2 sent, 1 stale');
    expect(update[0]!.body.blocks).not.toContain('meterdoc_retry"');
    expect(rec.of('chat.postEphemeral')[0]!.body.text).toMatch(/already being sent|already retried/);

    const audit = await actions.deps.audit.recent();
    expect(audit[0]).toMatchObject({ action: 'retry', actor: 'UALLOWED', result: 'ok', requestIds: ['req-1'] });
    expect(audit[0]!.sent).toHaveLength(2);

    // The old button, clicked again later.
    const again = ctx('UALLOWED');
    await actions.handlers.retry!(again);
    expect(again.replies[0]).toContain(NO_LONGER_AVAILABLE);
    // MeterDoc's own mention and date render; they are not shown as escaped text.
    expect(again.replies[0]).toMatch(/retried by <@UALLOWED> at <!date\^\d+\^/);
    expect(again.replies[0]).not.toContain('&lt;@');
    expect(rec.of('views.open')).toHaveLength(1);
    expect(answerId).toBeTruthy();
  });

  it('a failure before AWS answers frees the batch for another try', async () => {
    const { actions, ctx } = await setup();
    const rec = slackRecorder();
    await actions.handlers.retry!(ctx('UALLOWED'));
    const view = openedView(rec);
    const seen: Seen = { bodies: [], targets: [] };
    meteringReply(seen, () => [
      400,
      { __type: 'com.amazonaws.marketplace.metering#InternalServiceErrorException', message: 'boom' },
    ]);
    const first = await runConfirmedRetry(actions.deps, { draftId: view.private_metadata, userId: 'UALLOWED' });
    expect(first.outcome?.anyAnswered).toBe(false);
    expect(rec.of('chat.postMessage')[0]!.body.blocks).toContain('InternalServiceErrorException');
    expect(rec.of('chat.update')).toHaveLength(0);
    meteringReply(seen, (b) => allSuccess(b) as [number, unknown]);
    const second = await runConfirmedRetry(actions.deps, { draftId: view.private_metadata, userId: 'UALLOWED' });
    expect(second.outcome?.counts.Success).toBe(2);
  });

  it('opens the edit form when the paste held no complete record, then confirms the edited batch', async () => {
    const { actions, ctx, stored } = await setup();
    const rec = slackRecorder();
    const c = ctx('UALLOWED', { payload: { ...stored, usageBatch: undefined } as never });
    await actions.handlers.retry!(c);
    const view = openedView(rec);
    expect(view.callback_id).toBe('meterdoc_retry_edit');
    const bad = await handleEditSubmission(actions.deps, {
      draftId: view.private_metadata,
      userId: 'UALLOWED',
      text: '{"ProductCode":"prod-abc123","UsageRecords":[{"Timestamp":"2026-11-23T13:30:00Z","Dimension":"requests","CustomerIdentifier":"cust-9"}]}',
    });
    expect(bad).toMatchObject({ response_action: 'errors' });
    expect(JSON.stringify(bad)).toContain('quantity is missing');
    const good = await handleEditSubmission(actions.deps, {
      draftId: view.private_metadata,
      userId: 'UALLOWED',
      text: '{"ProductCode":"prod-abc123","UsageRecords":[{"Timestamp":"2026-11-23T13:30:00Z","Dimension":"requests","Quantity":3,"CustomerIdentifier":"cust-9"}]}',
    });
    expect(good).toMatchObject({ response_action: 'update', view: { callback_id: 'meterdoc_retry_confirm' } });
    expect(JSON.stringify(good)).toContain('2026-11-23T13:30:00.000Z · requests · quantity 3 · customer cust-9');
  });

  it('a forged or tampered draft ID sends nothing', async () => {
    const { actions } = await setup();
    slackRecorder();
    const misses = unmatchedRequests();
    const out = await runConfirmedRetry(actions.deps, { draftId: 'AAAAAAAAAAAAAAAA', userId: 'UALLOWED' });
    misses.stop();
    expect(out.sent).toBe(false);
    expect(misses.seen).toEqual([]);
  });
});
