import { afterEach, describe, expect, it, vi } from 'vitest';
import { Admission, type Shed } from '../../src/ops/admission.js';

/**
 * The admission gate on its own: a bounded amount of listener work in flight, a bounded queue of
 * passive pastes, shedding when the queue overflows or a paste waited too long, and explicit
 * requests that never wait.
 */

/** Work that runs until the test lets it finish. */
function held(): { work: () => Promise<string>; started: () => boolean; finish: () => void } {
  let started = false;
  let finish: () => void = () => undefined;
  const done = new Promise<string>((resolve) => (finish = () => resolve('done')));
  return {
    work: () => {
      started = true;
      return done;
    },
    started: () => started,
    finish: () => finish(),
  };
}

const settle = () => new Promise((r) => setImmediate(r));

afterEach(() => {
  vi.useRealTimers();
});

describe('the admission gate', () => {
  it('starts passive work at once while under the limit, and queues it past the limit until a slot frees', async () => {
    const gate = new Admission({ maxInFlight: 2, queueSize: 10, maxWaitMs: 60_000 });
    const [a, b, c] = [held(), held(), held()];
    const ra = gate.run('passive', a.work);
    const rb = gate.run('passive', b.work);
    const rc = gate.run('passive', c.work);
    await settle();
    expect([a.started(), b.started(), c.started()]).toEqual([true, true, false]);
    expect(gate.inFlight).toBe(2);
    expect(gate.queued).toBe(1);

    a.finish();
    expect(await ra).toEqual({ value: 'done' });
    await settle();
    expect(c.started()).toBe(true);
    expect(gate.queued).toBe(0);
    b.finish();
    c.finish();
    expect(await Promise.all([rb, rc])).toEqual([{ value: 'done' }, { value: 'done' }]);
    expect(gate.inFlight).toBe(0);
  });

  it('gives the slot of work that only waits (for a channel posting token) to the next paste, and takes one back after', async () => {
    const gate = new Admission({ maxInFlight: 1, queueSize: 10, maxWaitMs: 60_000 });
    let tokenArrives: () => void = () => undefined;
    const token = new Promise<void>((resolve) => (tokenArrives = resolve));
    const b = held();
    let aPosted = false;
    const ra = gate.run('passive', async () => {
      await gate.stepAside(token);
      aPosted = true;
      return 'a';
    });
    const rb = gate.run('passive', b.work);
    await settle();
    // A waits for its token: B runs in its slot.
    expect(b.started()).toBe(true);
    expect(gate.inFlight).toBe(1);

    tokenArrives();
    await settle();
    // A has started already, so it resumes at once, even over the limit, ahead of any queue.
    expect(aPosted).toBe(true);
    expect(await ra).toEqual({ value: 'a' });
    b.finish();
    expect(await rb).toEqual({ value: 'done' });
    expect(gate.inFlight).toBe(0);
  });

  it('never holds explicit requests back, even past the limit, and counts them as work in flight', async () => {
    const gate = new Admission({ maxInFlight: 1, queueSize: 10, maxWaitMs: 60_000 });
    const passive = held();
    const asked = held();
    const waiting = held();
    void gate.run('passive', passive.work);
    void gate.run('explicit', asked.work);
    void gate.run('passive', waiting.work);
    await settle();
    expect(asked.started()).toBe(true);
    expect(gate.inFlight).toBe(2);

    // The explicit request is still running: the queued paste waits for it too.
    passive.finish();
    await settle();
    expect(waiting.started()).toBe(false);
    asked.finish();
    await settle();
    expect(waiting.started()).toBe(true);
    waiting.finish();
  });

  it('sheds the oldest waiting paste when the queue is full, and never runs it', async () => {
    const gate = new Admission({ maxInFlight: 1, queueSize: 2, maxWaitMs: 60_000 });
    const running = held();
    void gate.run('passive', running.work);
    const [first, second, third] = [held(), held(), held()];
    const rFirst = gate.run('passive', first.work);
    void gate.run('passive', second.work);
    void gate.run('passive', third.work);
    const outcome = (await rFirst) as { shed: Shed };
    expect(outcome.shed).toMatchObject({ reason: 'queue_full', inFlight: 1, queued: 1 });
    expect(gate.queued).toBe(2);

    running.finish();
    await settle();
    expect([first.started(), second.started(), third.started()]).toEqual([false, true, false]);
  });

  it('with no queue, sheds a paste that cannot start at once', async () => {
    const gate = new Admission({ maxInFlight: 1, queueSize: 0, maxWaitMs: 60_000 });
    const running = held();
    void gate.run('passive', running.work);
    const late = held();
    expect(await gate.run('passive', late.work)).toEqual({ shed: expect.objectContaining({ reason: 'queue_full' }) });
    expect(late.started()).toBe(false);
    running.finish();
  });

  it('sheds a paste that waited longer than the limit, even while the work ahead of it is stuck', async () => {
    vi.useFakeTimers();
    let now = 0;
    const gate = new Admission({ maxInFlight: 1, queueSize: 10, maxWaitMs: 5_000 }, () => now);
    const stuck = held();
    void gate.run('passive', stuck.work);
    const waiting = held();
    const result = gate.run('passive', waiting.work);
    now = 5_001;
    await vi.advanceTimersByTimeAsync(5_002);
    expect(await result).toEqual({ shed: expect.objectContaining({ reason: 'expired', waitedMs: 5_001 }) });
    expect(waiting.started()).toBe(false);
    expect(gate.queued).toBe(0);
    stuck.finish();
  });

  it('frees the slot when the work throws, and passes the error on', async () => {
    const gate = new Admission({ maxInFlight: 1, queueSize: 10, maxWaitMs: 60_000 });
    await expect(gate.run('passive', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(gate.inFlight).toBe(0);
    expect(await gate.run('passive', async () => 'next')).toEqual({ value: 'next' });
  });
});
