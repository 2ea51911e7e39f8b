import type { StepAside } from '../ops/admission.js';

/**
 * Per-channel posting lanes. Slack allows "one message per second per channel" with short bursts
 * (chat.postMessage's special tier), so each channel gets a token bucket: `burst` posts go out at
 * once (a paste with three errors answers without delay) and later ones wait for a token.
 * Posts to one channel are also kept in order, which keeps "1/3, 2/3, 3/3" in sequence.
 */
export class ChannelPostQueue {
  private readonly lanes = new Map<
    string,
    { tail: Promise<unknown>; tokens: number; refilledAt: number; pending: number }
  >();
  private sweptAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly intervalMs = 1000,
    private readonly burst = 3,
    private readonly clock: () => number = Date.now,
  ) {}

  /**
   * Runs `task` in `channel`'s lane when a token is free. The task's own errors pass through.
   * `stepAside` (the event's, while it holds an admission slot) lets the wait for a token, which
   * uses no CPU, give the slot to the next paste meanwhile.
   */
  run<T>(channel: string, task: () => Promise<T>, stepAside?: StepAside): Promise<T> {
    let lane = this.lanes.get(channel);
    if (!lane) {
      if (this.lanes.size > 500) this.sweep();
      lane = { tail: Promise.resolve(), tokens: this.burst, refilledAt: this.clock(), pending: 0 };
      this.lanes.set(channel, lane);
    }
    const l = lane;
    l.pending++;
    const result = l.tail.then(async () => {
      await this.takeToken(l, stepAside);
      return task();
    });
    l.tail = result.then(
      () => undefined,
      () => undefined,
    );
    void l.tail.then(() => {
      l.pending--;
      // Idle lanes are dropped once their bucket is full again, so a bot in thousands of
      // channels keeps no state for quiet ones (and a dropped lane starts with the same full bucket).
      if (l.pending === 0 && this.isRefilled(l)) this.lanes.delete(channel);
    });
    return result;
  }

  /** Channels with queued posts (for logs and tests). */
  get activeChannels(): number {
    return this.lanes.size;
  }

  /**
   * At most once per refill interval: no lane refills sooner, so during a burst into many channels
   * a sweep per new lane would walk hundreds of busy lanes to drop none.
   */
  private sweep(): void {
    const now = this.clock();
    if (now - this.sweptAt < this.intervalMs) return;
    this.sweptAt = now;
    for (const [channel, lane] of this.lanes)
      if (lane.pending === 0 && this.isRefilled(lane)) this.lanes.delete(channel);
  }

  private isRefilled(lane: { tokens: number; refilledAt: number }): boolean {
    return (
      this.intervalMs <= 0 || lane.tokens + Math.floor((this.clock() - lane.refilledAt) / this.intervalMs) >= this.burst
    );
  }

  private async takeToken(
    lane: { tokens: number; refilledAt: number },
    stepAside: StepAside | undefined,
  ): Promise<void> {
    if (this.intervalMs <= 0) return;
    for (;;) {
      const now = this.clock();
      const earned = Math.floor((now - lane.refilledAt) / this.intervalMs);
      if (earned > 0) {
        lane.tokens = Math.min(this.burst, lane.tokens + earned);
        lane.refilledAt += earned * this.intervalMs;
      }
      if (lane.tokens > 0) {
        if (lane.tokens === this.burst) lane.refilledAt = now;
        lane.tokens--;
        return;
      }
      const token = new Promise((resolve) => setTimeout(resolve, lane.refilledAt + this.intervalMs - now));
      // Waiting for a token uses no CPU: the event's admission slot serves another paste meanwhile.
      await (stepAside ? stepAside(token) : token);
    }
  }
}
