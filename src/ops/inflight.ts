import { deadline, TIMED_OUT } from './deadline.js';

/**
 * Work MeterDoc has accepted and not finished: Slack acks an event before MeterDoc answers it, so
 * stopping the process at that moment would lose the answer for good (Slack will not redeliver
 * an acked event). Shutdown waits for this set to empty, up to a bound.
 */
export class InFlight {
  private readonly running = new Map<Promise<unknown>, string>();
  private idle: Array<() => void> = [];

  constructor(private readonly onChange: (count: number) => void = () => undefined) {}

  get size(): number {
    return this.running.size;
  }

  /** `label` (the event kind) only names what a timed-out stop abandoned. */
  track<T>(work: () => Promise<T>, label = 'work'): Promise<T> {
    const p = work();
    this.running.set(p, label);
    this.onChange(this.running.size);
    const done = (): void => {
      this.running.delete(p);
      this.onChange(this.running.size);
      if (this.running.size === 0) {
        const waiters = this.idle;
        this.idle = [];
        for (const w of waiters) w();
      }
    };
    p.then(done, done);
    return p;
  }

  /**
   * Resolves when nothing is in flight, or after `timeoutMs` with what was still running then.
   * Work that starts while draining (a request already on an open connection) is waited for too.
   */
  async drain(timeoutMs: number): Promise<{ drained: boolean; abandoned: number; kinds: string[] }> {
    if (this.running.size === 0) return { drained: true, abandoned: 0, kinds: [] };
    const drained =
      (await deadline(new Promise<true>((resolve) => this.idle.push(() => resolve(true))), timeoutMs)) !== TIMED_OUT;
    return { drained, abandoned: this.running.size, kinds: [...new Set(this.running.values())] };
  }
}
