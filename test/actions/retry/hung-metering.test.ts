import { ConfiguredRetryStrategy } from '@smithy/core/retry';
import nock from 'nock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lockKey, runConfirmedRetry } from '../../../src/actions/index.js';
import { retryLockTtlMs } from '../../../src/actions/retry/send.js';
import { longestCallMs } from '../../../src/aws/http-handler.js';
import { startHungServer, type HungServer } from '../../support/hung-server.js';
import { setup, slackRecorder } from '../helpers.js';

/**
 * The retry lock against a BatchMeterUsage that hangs: the call ends at its deadline, a second
 * click while it hangs sends nothing, and the lock is held for longer than the call can last.
 */

const TIMEOUTS = { connectionTimeoutMs: 200, requestTimeoutMs: 500 };
const ATTEMPTS = 2;

let server: HungServer | undefined;
afterEach(async () => {
  nock.cleanAll();
  vi.unstubAllEnvs();
  await server?.close();
  server = undefined;
});

describe('retry against a hung BatchMeterUsage', () => {
  it('ends within its timeouts, a second click meanwhile sends nothing, and the lock outlives the call', async () => {
    server = await startHungServer();
    vi.stubEnv('AWS_ENDPOINT_URL_MARKETPLACE_METERING', server.url);
    const { actions, ctx, store, answerId } = await setup({
      aws: { timeouts: TIMEOUTS, maxAttempts: ATTEMPTS, retryStrategy: new ConfiguredRetryStrategy(ATTEMPTS, () => 0) },
    });
    const rec = slackRecorder();
    await actions.handlers.retry!(ctx('UALLOWED'));
    const draftId = (JSON.parse(rec.of('views.open')[0]!.body.view!) as { private_metadata: string }).private_metadata;
    const claims: Array<{ key: string; ttlMs: number }> = [];
    const claim = store.claim.bind(store);
    vi.spyOn(store, 'claim').mockImplementation(async (key, ttlMs) => {
      claims.push({ key, ttlMs });
      return claim(key, ttlMs);
    });

    const started = Date.now();
    const first = runConfirmedRetry(actions.deps, { draftId, userId: 'UALLOWED' });
    await server.received(1);
    // Someone clicks Send again while the first call hangs.
    const second = await runConfirmedRetry(actions.deps, { draftId, userId: 'UALLOWED' });
    expect(second.sent).toBe(false);
    expect(rec.of('chat.postEphemeral').at(-1)!.body.text).toContain('already being sent');

    const out = await first;
    const elapsed = Date.now() - started;
    const callMs = longestCallMs(TIMEOUTS, ATTEMPTS);
    expect(out.sent).toBe(true);
    expect(out.outcome?.calls[0]?.error?.name).toBe('TimeoutError');
    expect(out.outcome?.calls[0]?.attempts).toBe(ATTEMPTS);
    expect(elapsed).toBeLessThan(callMs);

    // Only the first click's call reached the endpoint (the SDK's attempts of it, identical); the second click sent nothing.
    expect(server.requests.length).toBeLessThanOrEqual(ATTEMPTS);
    expect(new Set(server.requests.map((r) => r.target))).toEqual(new Set(['AWSMPMeteringService.BatchMeterUsage']));
    expect(new Set(server.requests.map((r) => r.body)).size).toBe(1);

    const lock = claims.filter((c) => c.key === lockKey(answerId));
    expect(lock).toHaveLength(2);
    expect(lock[0]!.ttlMs).toBe(retryLockTtlMs(1, callMs));
    expect(lock[0]!.ttlMs).toBeGreaterThan(2 * callMs);

    // Nothing was answered: the batch is free again, and the report says why.
    expect(rec.of('chat.postMessage').at(-1)!.body.blocks).toContain('TimeoutError');
    expect(await store.claim(lockKey(answerId), 1000)).toBe(true);
  });
});
