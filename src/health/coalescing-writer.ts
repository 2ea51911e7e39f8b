import type Keyv from 'keyv';
import type { z } from 'zod';
import type { SharedStore } from '../store/store.js';
import { bounded, TIMED_OUT, type TimedOut } from '../ops/deadline.js';
import { CLAIMS } from '../store/keys.js';

/** What the recorders log with: pino-compatible, and only ever given counts, keys and messages. */
export interface InsightsLogger {
  warn(obj: object, msg: string): void;
}

export const silentInsightsLogger: InsightsLogger = { warn: () => undefined };

/**
 * Logs each distinct problem once per process: a store outage during a burst would otherwise
 * write one warning per event, and the recorders must stay quiet beside the answers they follow.
 */
export class OnceLogger {
  private readonly seen = new Set<string>();

  constructor(private readonly logger: InsightsLogger) {}

  warn(problem: string, fields: object = {}): void {
    if (this.seen.has(problem) || this.seen.size > 100) return;
    this.seen.add(problem);
    this.logger.warn({ ...fields, insights: true }, problem);
  }
}

/** `p`, or TIMED_OUT when it rejects or takes longer than `ms`: the store is never waited on for long. */
const storeBound = <T>(p: Promise<T>, ms: number): Promise<T | TimedOut> => bounded(p, ms, TIMED_OUT);

export type Mutation<T> = (current: T | undefined) => T | undefined;

export interface WriterOptions<T> {
  /** Names the lock keys and the log lines. */
  name: string;
  schema: z.ZodType<T>;
  ttlMs: number;
  /** Mutations waiting beyond this are dropped (and logged once) rather than held in memory. */
  maxPending?: number;
  /** Upper bound on one store round trip, ms. */
  timeoutMs?: number;
  /**
   * How long updates gather before they are written, ms (0: on the next turn of the event loop).
   * A record every event touches (a workspace's day) is then read, validated and written once per
   * window instead of once per event; readers call `flush()` first, so none sees it stale.
   */
  coalesceMs?: number;
  log: OnceLogger;
}

/**
 * Read-modify-write of small JSON records in the shared store, off the answer path.
 *
 * Updates are queued and coalesced: a burst of a thousand diagnoses against one day's record
 * becomes one read and one write. Each write holds a short `claim` on the key so two replicas do
 * not overwrite each other's counts; when the claim stays busy the write goes ahead anyway, since
 * a rare lost count is better than a stalled queue. A read that fails is never treated as "no
 * record", because writing then would wipe what is stored.
 */
export class CoalescingWriter<T> {
  private readonly pending = new Map<string, Array<Mutation<T>>>();
  private queued = 0;
  private draining: Promise<void> | undefined;
  private readonly maxPending: number;
  private readonly timeoutMs: number;
  private readonly coalesceMs: number;
  /** Starts the scheduled write now (flush does not wait out the window). */
  private writeNow: (() => void) | undefined;

  constructor(
    private readonly kv: Keyv<T>,
    private readonly store: SharedStore,
    private readonly options: WriterOptions<T>,
  ) {
    this.maxPending = options.maxPending ?? 5_000;
    this.timeoutMs = options.timeoutMs ?? 2_000;
    this.coalesceMs = options.coalesceMs ?? 0;
  }

  /** Queues `mutate` for `key`; false when it was dropped because the queue is full. */
  update(key: string, mutate: Mutation<T>): boolean {
    if (this.queued >= this.maxPending) {
      this.options.log.warn(`${this.options.name}: too many updates waiting for the store; dropping some`, {
        pending: this.queued,
      });
      return false;
    }
    const list = this.pending.get(key);
    if (list) list.push(mutate);
    else this.pending.set(key, [mutate]);
    this.queued++;
    this.draining ??= this.scheduleDrain();
    return true;
  }

  private scheduleDrain(): Promise<void> {
    return new Promise<void>((resolve) => {
      let timer: NodeJS.Timeout | undefined;
      const start = (): void => {
        clearTimeout(timer);
        this.writeNow = undefined;
        resolve();
      };
      this.writeNow = start;
      if (this.coalesceMs > 0) {
        timer = setTimeout(start, this.coalesceMs);
        // Pending counts never keep a process alive; stopping flushes them.
        timer.unref();
      } else setImmediate(start);
    }).then(() => this.drain());
  }

  /** Reads one record, validated: the store is shared and outlives deployments. */
  async read(key: string): Promise<T | undefined> {
    const raw = await storeBound(this.kv.get(key), this.timeoutMs);
    if (raw === TIMED_OUT || raw === undefined) return undefined;
    const parsed = this.options.schema.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  }

  async readMany(keys: string[]): Promise<Array<T | undefined>> {
    if (keys.length === 0) return [];
    const raw = await storeBound(this.kv.getMany(keys), this.timeoutMs);
    if (raw === TIMED_OUT) return keys.map(() => undefined);
    return raw.map((value) => {
      const parsed = this.options.schema.safeParse(value);
      return parsed.success ? parsed.data : undefined;
    });
  }

  /** Resolves once every update queued so far is written (or given up on). */
  async flush(): Promise<void> {
    while (this.draining) {
      this.writeNow?.();
      await this.draining;
    }
  }

  /** Writes what has gathered; what arrives meanwhile waits for the next window. */
  private async drain(): Promise<void> {
    try {
      const batch = [...this.pending];
      this.pending.clear();
      this.queued = 0;
      await Promise.all(batch.map(([key, mutations]) => this.write(key, mutations)));
    } finally {
      this.draining = this.pending.size > 0 ? this.scheduleDrain() : undefined;
    }
  }

  private async write(key: string, mutations: Array<Mutation<T>>): Promise<void> {
    const lock = CLAIMS.writerLock(this.options.name, key);
    let locked = false;
    for (let attempt = 0; attempt < 10 && !locked; attempt++) {
      const got = await storeBound(this.store.claim(lock, 5_000), this.timeoutMs);
      locked = got === true;
      if (!locked) await new Promise((r) => setTimeout(r, 20));
    }
    try {
      const raw = await storeBound(this.kv.get(key), this.timeoutMs);
      if (raw === TIMED_OUT) {
        this.options.log.warn(`${this.options.name}: the store did not answer; some records were not kept`);
        return;
      }
      let current: T | undefined;
      if (raw !== undefined) {
        const parsed = this.options.schema.safeParse(raw);
        if (parsed.success) current = parsed.data;
        else this.options.log.warn(`${this.options.name}: a stored record had an unexpected shape and was replaced`);
      }
      for (const mutate of mutations) current = mutate(current);
      const done =
        current === undefined
          ? await storeBound(this.kv.delete(key), this.timeoutMs)
          : await storeBound(this.kv.set(key, current, this.options.ttlMs), this.timeoutMs);
      if (done === TIMED_OUT)
        this.options.log.warn(`${this.options.name}: the store did not answer; some records were not kept`);
    } finally {
      if (locked) await storeBound(this.store.release(lock), this.timeoutMs);
    }
  }
}
