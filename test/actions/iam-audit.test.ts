import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SignedStore } from '../../src/store/signed-store.js';
import { METERING_ACTIONS, COST_IMPORT_ACTIONS } from '../../src/aws/iam-check.js';
import { NOT_ALLOWED } from '../../src/actions/index.js';
import { MemoryStore } from '../../src/store/store.js';
import { callerIdentityXml, IAM, simulateXml, STS, XML } from '../aws/fixtures.js';
import { logger, setup, unmatchedRequests } from './helpers.js';

afterEach(() => nock.cleanAll());

describe('IAM check from Slack', () => {
  it('refuses users off the allowlist with no AWS call, unless the check is open to all', async () => {
    const closed = await setup();
    const misses = unmatchedRequests();
    const c = closed.ctx('UNOBODY', { kind: 'iam-check' });
    await closed.actions.handlers.iamCheck!(c);
    misses.stop();
    expect(c.replies).toEqual([NOT_ALLOWED]);
    expect(misses.seen).toEqual([]);

    const open = await setup({ iamOpen: true });
    nock(STS).post('/').reply(200, callerIdentityXml('arn:aws:sts::123456789012:assumed-role/MeterDoc/s'), XML);
    nock(IAM)
      .post('/')
      .reply(
        200,
        simulateXml(
          [...METERING_ACTIONS, ...COST_IMPORT_ACTIONS].map((a) => [
            a,
            a === 'aws-marketplace:BatchMeterUsage' ? 'implicitDeny' : 'allowed',
          ]),
        ),
        XML,
      );
    const c2 = open.ctx('UNOBODY', { kind: 'iam-check' });
    await open.actions.handlers.iamCheck!(c2);
    const posted = (
      c2.postInThread as unknown as {
        mock: { calls: Array<[{ text: string; blocks: Array<{ text: { text: string } }> }]> };
      }
    ).mock.calls[0]![0];
    const text = posted.blocks.map((b) => b.text.text).join('\n');
    expect(text).toContain('❌ `aws-marketplace:BatchMeterUsage`');
    expect(text).toContain('"Resource": "*"');
    const audit = await open.actions.deps.audit.recent();
    expect(audit[0]).toMatchObject({
      action: 'iam-check',
      actor: 'UNOBODY',
      sent: ['missing aws-marketplace:BatchMeterUsage'],
    });
  });
});

describe('/meterdoc audit', () => {
  it('shows the last actions to allowed users only', async () => {
    const { actions } = await setup();
    await actions.deps.audit.record({
      action: 'retry',
      actor: 'UALLOWED',
      result: 'ok',
      summary: '2 sent, 1 stale',
      sent: ['a', 'b'],
      requestIds: ['req-9'],
    });
    const audit = actions.subcommands.find((s) => s.name === 'audit')!;
    const base = {
      args: '',
      channelId: 'C1',
      teamId: 'T1',
      catalog: undefined as never,
      store: undefined as never,
      client: undefined as never,
      logger,
      respond: async () => undefined,
    };
    const shown = await audit.run({ ...base, userId: 'UALLOWED' });
    expect(shown!.text).toBe('Last 1 MeterDoc actions');
    expect(JSON.stringify(shown!.blocks)).toContain(
      '*retry* by <@UALLOWED> · 2 sent, 1 stale · 2 records · request req-9',
    );
    const refused = await audit.run({ ...base, userId: 'UNOBODY' });
    expect(refused!.text).toBe(NOT_ALLOWED);
  });
});

describe('signed drafts', () => {
  it('rejects tampered and expired values', async () => {
    const store = new MemoryStore();
    let now = 1_000_000;
    const signed = new SignedStore(store, 'drafts', z.object({ n: z.number() }), Buffer.alloc(32, 1), () => now);
    const id = await signed.put({ n: 1 }, 60_000);
    expect(await signed.get(id)).toEqual({ n: 1 });
    const kv = store.namespace<{ value: unknown; expiresAt: number; sig: string }>('drafts');
    const env = (await kv.get(id))!;
    await kv.set(id, { ...env, value: { n: 2 } });
    expect(await signed.get(id)).toBeUndefined();
    const id2 = await signed.put({ n: 3 }, 60_000);
    now += 61_000;
    expect(await signed.get(id2)).toBeUndefined();
    const other = new SignedStore(store, 'drafts', z.object({ n: z.number() }), Buffer.alloc(32, 2), () => now);
    const id3 = await signed.put({ n: 4 }, 60_000);
    expect(await other.get(id3)).toBeUndefined();
  });
});
