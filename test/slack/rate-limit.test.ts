import { describe, expect, it } from 'vitest';
import { ChannelPostQueue } from '../../src/slack/rate-limit.js';
import { Operations } from '../../src/ops/events.js';

describe('the per-channel post queue', () => {
  it('lets a short burst through, then spaces posts in the same channel', async () => {
    const queue = new ChannelPostQueue(40, 2);
    const started = Date.now();
    const times = await Promise.all([1, 2, 3, 4].map(() => queue.run('C1', async () => Date.now() - started)));
    expect(times[0]).toBeLessThan(20);
    expect(times[1]).toBeLessThan(20);
    expect(times[2]).toBeGreaterThanOrEqual(35);
    expect(times[3]).toBeGreaterThanOrEqual(75);
  });

  it('keeps posts in order and does not hold one channel up for another', async () => {
    const queue = new ChannelPostQueue(1000, 1);
    const order: string[] = [];
    await queue.run('C1', async () => order.push('C1-a'));
    const other = queue.run('C2', async () => order.push('C2-a'));
    const slow = queue.run('C1', async () => order.push('C1-b'));
    await other;
    expect(order).toEqual(['C1-a', 'C2-a']);
    await slow;
    expect(order).toEqual(['C1-a', 'C2-a', 'C1-b']);
  });

  it('forgets the lanes of quiet channels once their buckets are full again', async () => {
    let now = 1_000_000;
    const queue = new ChannelPostQueue(1000, 3, () => now);
    const channels = Array.from({ length: 600 }, (_, i) => `C${i}`);
    await Promise.all(channels.map((c) => queue.run(c, async () => c)));
    // One post each, no time passed: every bucket is short of a token, so every lane is kept.
    expect(queue.activeChannels).toBe(600);
    await queue.run('C-new', async () => 'x');
    expect(queue.activeChannels).toBe(601);
    now += 1000;
    await queue.run('C-later', async () => 'x');
    expect(queue.activeChannels).toBe(1);
  });

  it('passes a failing task on and keeps the lane working', async () => {
    const queue = new ChannelPostQueue(0, 1);
    await expect(queue.run('C1', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(queue.run('C1', async () => 'next')).resolves.toBe('next');
  });
});

describe('waiting for a channel token under the admission gate', () => {
  it("gives the event's slot to the next paste while its fourth answer waits, and posts it after", async () => {
    const ops = new Operations(undefined, undefined, { maxInFlight: 1, queueSize: 10, maxWaitMs: 60_000 });
    const queue = new ChannelPostQueue(150, 3);
    const posted: string[] = [];
    let secondStartedWhileFirstWaited = false;

    const first = ops.run('message', { channel: 'C0LOGS' }, (event) =>
      ops.admit(
        'passive',
        async () => {
          const post = (text: string) => queue.run('C0LOGS', async () => void posted.push(text), event.stepAside);
          // An overview and three answers: the burst allows three, the fourth waits for a token.
          await Promise.all(['overview', 'answer 1', 'answer 2', 'answer 3'].map(post));
        },
        event,
      ),
    );
    const second = ops.run('message', { channel: 'C0OTHER' }, (event) =>
      ops.admit(
        'passive',
        async () => {
          secondStartedWhileFirstWaited = !posted.includes('answer 3');
        },
        event,
      ),
    );
    await Promise.all([first, second]);
    expect(secondStartedWhileFirstWaited).toBe(true);
    expect(posted).toEqual(['overview', 'answer 1', 'answer 2', 'answer 3']);
    expect(ops.admission.inFlight).toBe(0);
  });
});
