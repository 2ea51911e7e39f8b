import { describe, expect, it } from 'vitest';
import { bounded, deadline, TIMED_OUT, withTimeout } from '../../src/ops/deadline.js';

const later = <T>(value: T, ms: number) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));
const failing = () => Promise.reject(new Error('store down'));

describe('waiting at most so long', () => {
  it('deadline: the value in time, TIMED_OUT after, a rejection passed on', async () => {
    expect(await deadline(later('ok', 1), 200)).toBe('ok');
    expect(await deadline(later('late', 200), 5)).toBe(TIMED_OUT);
    await expect(deadline(failing(), 200)).rejects.toThrow('store down');
  });

  it('bounded: the fallback for a slow or failing call, never an error', async () => {
    expect(await bounded(later(1, 1), 200, 0)).toBe(1);
    expect(await bounded(later(1, 200), 5, 0)).toBe(0);
    expect(await bounded(failing(), 200, 'fallback')).toBe('fallback');
  });

  it('withTimeout: rejects with the time allowed', async () => {
    expect(await withTimeout(later('ok', 1), 200)).toBe('ok');
    await expect(withTimeout(later('late', 200), 5)).rejects.toThrow('no answer within 5 ms');
  });
});
