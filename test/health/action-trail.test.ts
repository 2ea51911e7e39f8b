import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { runConfirmedRetry } from '../../src/actions/index.js';
import { supportBundleText } from '../../src/slack/support/bundle.js';
import { allSuccess, meteringReply, type Seen } from '../aws/fixtures.js';
import { setup, slackRecorder } from '../actions/helpers.js';

afterEach(() => nock.cleanAll());

describe('what was tried on an answer', () => {
  it('a confirmed retry lands in the health log: counted by outcome, on the answer’s trail, its blocker resolved, and in the support bundle', async () => {
    const { actions, ctx, answerId, stored, insights } = await setup();
    // As deliverDiagnosis records it when the answer is posted.
    insights.health.answered({
      teamId: 'T1',
      answerId,
      entryId: stored.answer.entryId,
      title: stored.answer.title,
      severity: 'blocker',
      source: 'catalog',
      channelId: 'C1',
      fingerprint: 'f'.repeat(24),
      at: new Date(stored.createdAt),
    });
    const rec = slackRecorder();
    await actions.handlers.retry!(ctx('UALLOWED'));
    const view = JSON.parse(rec.of('views.open')[0]!.body.view!) as { private_metadata: string };
    const seen: Seen = { bodies: [], targets: [] };
    meteringReply(seen, (b) => allSuccess(b) as [number, unknown]);
    const outcome = await runConfirmedRetry(actions.deps, { draftId: view.private_metadata, userId: 'UALLOWED' });
    expect(outcome.sent).toBe(true);

    const record = await insights.answerRecord(answerId);
    expect(record?.tried).toEqual([
      { kind: 'retry', at: expect.any(String), result: 'ok', summary: '2 sent, 1 stale', requestIds: ['req-1'] },
    ]);
    const summary = await insights.summary('T1', new Date(stored.createdAt));
    expect(summary.last24h.retries.ok).toBe(1);
    expect(summary.unresolved).toEqual([]);

    const text = supportBundleText({ payload: stored, record });
    expect(text).toMatch(
      /Retry of the failed usage records through BatchMeterUsage: ok\. 2 sent, 1 stale\. AWS request ID: req-1\./,
    );
    // The resend's own request ID is in the timeline, not among the failed calls' IDs from the paste.
    expect(text).not.toMatch(/Request IDs: .*req-1/);
    expect(text).toContain('req-1');
  });

  it('the support bundle falls back to the audit log for an answer the health log never saw, without listing refusals', async () => {
    const { actions, stored } = await setup();
    await actions.deps.audit.record({
      action: 'iam-check',
      actor: 'UALLOWED',
      result: 'ok',
      summary: '4 passed, 0 failed, 0 not checked',
      requestIds: ['iam-9'],
      channelId: 'C1',
      messageTs: '1700000000.000100',
    });
    await actions.deps.audit.record({
      action: 'retry',
      actor: 'UOTHER',
      result: 'refused',
      summary: 'not on METERDOC_ALLOWED_USERS',
      channelId: 'C1',
      messageTs: '1700000000.000100',
    });
    const text = supportBundleText({ payload: stored, audit: await actions.deps.audit.recent(10) });
    expect(text).toContain(
      'IAM permission check (policy simulation): ok. 4 passed, 0 failed, 0 not checked. AWS request ID: iam-9.',
    );
    expect(text).not.toContain('not on METERDOC_ALLOWED_USERS');
  });
});

describe('the support bundle text', () => {
  it('masks secrets but keeps what AWS Support needs to find the call', async () => {
    const { stored } = await setup();
    const leaky = {
      ...stored,
      facts: {
        ...stored.facts,
        message: 'denied with aws_secret_access_key=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        requestId: 'abcd-1234-req',
        region: 'us-east-1',
        service: 'metering.marketplace',
        endpoint: undefined,
      },
    };
    const text = supportBundleText({ payload: leaky });
    expect(text).not.toContain('wJalrXUtnFEMI');
    expect(text).toContain('<SECRET_1>');
    expect(text).toContain('Region: us-east-1');
    expect(text).toContain('Request IDs: abcd-1234-req');
    expect(text).toContain('Service endpoint: metering.marketplace.us-east-1.amazonaws.com');
    expect(text).toContain('Nothing recorded yet (no retry or IAM check was run from MeterDoc).');
    for (const doc of stored.answer.docs) expect(text).not.toContain(doc.url);
  });
});
