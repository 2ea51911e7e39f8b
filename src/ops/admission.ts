import { performance } from 'node:perf_hooks';

/**
 * How much listener work one process takes on at once. Slack acks an event before MeterDoc has
 * done anything with it, so without a bound a burst past what the CPU can do becomes an unbounded
 * backlog of half-done answers: every one slows the others, memory grows, and the requests still
 * arriving wait behind it all for their ack.
 *
 * Two lanes:
 * - explicit (a mention, a DM, a slash command, a shortcut, a click): someone asked and waits, so
 *   it is always admitted at once. It still counts as work in flight, so passive pastes wait
 *   for it.
 * - passive (a paste in a channel, answered unprompted): admitted while fewer than `maxInFlight`
 *   pieces of work run; otherwise it waits in a bounded FIFO queue. It is shed (never answered)
 *   when the queue is full (the oldest waiting paste goes: it is the one closest to being too late
 *   to help) or when it has waited `maxWaitMs` (the channel has moved on).
 */
export type Lane = 'passive' | 'explicit';
export type ShedReason = 'queue_full' | 'expired';

export interface AdmissionLimits {
  /** Listener work running at once before passive pastes wait. */
  maxInFlight: number;
  /** Passive pastes that may wait; past it the oldest is shed. 0 sheds whatever cannot start at once. */
  queueSize: number;
  /** How long a passive paste may wait before it is shed. */
  maxWaitMs: number;
}

/** Hands the caller's admission slot on while `waiting` (a wait that uses no CPU) settles; see `Admission.stepAside`. */
export type StepAside = <T>(waiting: Promise<T>) => Promise<T>;

export const DEFAULT_ADMISSION_LIMITS: AdmissionLimits = { maxInFlight: 16, queueSize: 200, maxWaitMs: 30_000 };

export interface Shed {
  reason: ShedReason;
  waitedMs: number;
  /** Work running and pastes waiting when it was shed (for the log line). */
  inFlight: number;
  queued: number;
}

interface Waiter {
  enqueuedAt: number;
  start: () => void;
  shed: (shed: Shed) => void;
}

export class Admission {
  private running = 0;
  private queue: Waiter[] = [];
  private head = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly limits: AdmissionLimits = DEFAULT_ADMISSION_LIMITS,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  get inFlight(): number {
    return this.running;
  }

  get queued(): number {
    return this.queue.length - this.head;
  }

  /**
   * Runs `work` when its lane allows. Resolves to `{ shed }` (and `work` never runs) when a passive
   * paste is shed; `work`'s own errors pass through.
   */
  async run<T>(lane: Lane, work: () => Promise<T>): Promise<{ value: T } | { shed: Shed }> {
    if (lane === 'passive' && (this.running >= this.limits.maxInFlight || this.queued > 0)) {
      const outcome = await this.wait();
      if (outcome) return { shed: outcome };
    } else {
      this.running++;
    }
    try {
      return { value: await work() };
    } finally {
      this.release();
    }
  }

  /**
   * For work already running that now only waits (an answer waiting for its channel's posting
   * token, which Slack hands out one a second): its slot goes to the next waiting paste meanwhile,
   * and it takes one back as soon as `waiting` settles, ahead of the queue, since it has started.
   * Without this, a paste with several answers held a slot for seconds of idle waiting while
   * pastes behind it queued.
   */
  async stepAside<T>(waiting: Promise<T>): Promise<T> {
    this.release();
    try {
      return await waiting;
    } finally {
      this.running++;
    }
  }

  /** Queues a passive paste; resolves undefined once it holds a slot, or with why it was shed. */
  private wait(): Promise<Shed | undefined> {
    return new Promise<Shed | undefined>((resolve) => {
      this.shedExpired();
      if (this.limits.queueSize <= 0) {
        resolve(this.shedRecord('queue_full', 0));
        return;
      }
      if (this.queued >= this.limits.queueSize) {
        const oldest = this.dequeue()!;
        oldest.shed(this.shedRecord('queue_full', this.clock() - oldest.enqueuedAt));
      }
      this.queue.push({ enqueuedAt: this.clock(), start: () => resolve(undefined), shed: resolve });
      this.armTimer();
    });
  }

  private release(): void {
    this.running--;
    this.shedExpired();
    while (this.running < this.limits.maxInFlight && this.queued > 0) {
      this.running++;
      this.dequeue()!.start();
    }
    if (this.queued === 0) this.disarmTimer();
  }

  private dequeue(): Waiter | undefined {
    if (this.head >= this.queue.length) return undefined;
    const waiter = this.queue[this.head]!;
    this.head++;
    // Compact now and then rather than shift() on every start.
    if (this.head > 64 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
    return waiter;
  }

  private shedExpired(): void {
    const now = this.clock();
    while (this.queued > 0 && now - this.queue[this.head]!.enqueuedAt >= this.limits.maxWaitMs) {
      const waiter = this.dequeue()!;
      waiter.shed(this.shedRecord('expired', now - waiter.enqueuedAt));
    }
  }

  private shedRecord(reason: ShedReason, waitedMs: number): Shed {
    return { reason, waitedMs: Math.round(waitedMs), inFlight: this.running, queued: this.queued };
  }

  /**
   * Work in flight can stall (a slow Web API), and then no release comes to notice that queued
   * pastes have waited too long; one timer for the oldest waiter's deadline does.
   */
  private armTimer(): void {
    if (this.timer || this.queued === 0) return;
    const wait = Math.max(0, this.queue[this.head]!.enqueuedAt + this.limits.maxWaitMs - this.clock());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.shedExpired();
      this.armTimer();
    }, wait + 1);
    this.timer.unref();
  }

  private disarmTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
