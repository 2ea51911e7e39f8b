import { describe, expect, it } from 'vitest';
import { ChannelPostQueue } from '../../src/slack/rate-limit.js';

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

  it('passes a failing task on and keeps the lane working', async () => {
    const queue = new ChannelPostQueue(0, 1);
    await expect(queue.run('C1', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(queue.run('C1', async () => 'next')).resolves.toBe('next');
  });
});
