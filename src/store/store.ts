import Keyv from 'keyv';
import { KEYV_SERIALIZATION } from './serializer.js';

/**
 * The shared store behind every piece of state MeterDoc keeps: event dedupe, AI answer cache,
 * button payloads, action locks, audit log, feedback. One setting chooses the backend:
 * in-memory (default, one process), a file (one long-running process), or Redis (several replicas).
 * It is best-effort everywhere except `claim`, which must be atomic across replicas.
 */
export interface SharedStore {
  readonly kind: 'memory' | 'file' | 'redis';
  /** True while a remote backend is unreachable and answers come from the local fallback. */
  readonly degraded?: boolean;
  /** A Keyv view over one namespace. Values must be JSON-serialisable. */
  namespace<T>(name: string, defaultTtlMs?: number): Keyv<T>;
  /**
   * Atomically claims `key` for `ttlMs`: true for exactly one caller across all replicas until the
   * claim expires or is released. Used for event dedupe and for "send this batch once".
   * When the backend is unreachable it answers from a local fallback rather than hanging.
   */
  claim(key: string, ttlMs: number): Promise<boolean>;
  release(key: string): Promise<void>;
  /**
   * Adds one to a counter that lives `ttlMs` from its first increment and returns the new value.
   * Atomic across replicas on Redis (the AI cost guard counts calls per hour with it); local when
   * the backend is unreachable, so a Redis outage can loosen the cap but never block answers.
   */
  increment(key: string, ttlMs: number): Promise<number>;
  close(): Promise<void>;
}

/** Process-local claims, also the fallback of the remote stores when they are down. */
export class LocalClaims {
  private readonly claims = new Map<string, number>();
  private readonly counters = new Map<string, { value: number; until: number }>();

  claim(key: string, ttlMs: number, now = Date.now()): boolean {
    const until = this.claims.get(key);
    if (until !== undefined && until > now) return false;
    this.claims.set(key, now + ttlMs);
    if (this.claims.size > 10_000) this.sweep(now);
    return true;
  }

  release(key: string): void {
    this.claims.delete(key);
  }

  /** Counter for `key` within a window of `ttlMs` that starts at its first increment. */
  increment(key: string, ttlMs: number, now = Date.now()): number {
    const counter = this.counters.get(key);
    if (counter && counter.until > now) {
      counter.value++;
      return counter.value;
    }
    this.counters.set(key, { value: 1, until: now + ttlMs });
    if (this.counters.size > 10_000) for (const [k, c] of this.counters) if (c.until <= now) this.counters.delete(k);
    return 1;
  }

  private sweep(now: number): void {
    for (const [key, until] of this.claims) if (until <= now) this.claims.delete(key);
  }
}

/**
 * A store whose claims and counters live in this process: right for one process (memory, or the
 * file store of a single long-running instance), where there is nobody else to race.
 */
export abstract class ProcessLocalStore implements SharedStore {
  abstract readonly kind: 'memory' | 'file';
  private readonly views = new Map<string, Keyv<unknown>>();
  private readonly claims = new LocalClaims();

  /** Builds the Keyv view of one namespace; called once per namespace. */
  protected abstract createView(name: string, defaultTtlMs?: number): Keyv<unknown>;

  namespace<T>(name: string, defaultTtlMs?: number): Keyv<T> {
    let view = this.views.get(name);
    if (!view) {
      view = this.createView(name, defaultTtlMs);
      this.views.set(name, view);
    }
    return view as Keyv<T>;
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    return this.claims.claim(key, ttlMs);
  }

  async release(key: string): Promise<void> {
    this.claims.release(key);
  }

  async increment(key: string, ttlMs: number): Promise<number> {
    return this.claims.increment(key, ttlMs);
  }

  async close(): Promise<void> {
    await Promise.all([...this.views.values()].map((v) => v.disconnect().catch(() => undefined)));
  }
}

/**
 * Keyv's in-memory store only drops an expired entry when it is read again; button payloads and
 * dedupe marks are mostly never read again, so a long-running process would grow without bound.
 * Keyv hands the TTL to `set`, which lets this Map remember expiries and sweep them cheaply.
 */
export class ExpiringMap<V> extends Map<string, V> {
  private readonly expiries = new Map<string, number>();

  override set(key: string, value: V, ttlMs?: number): this {
    super.set(key, value);
    // Map's constructor calls set before this class's fields exist.
    if (this.expiries) {
      if (typeof ttlMs === 'number' && ttlMs > 0) this.expiries.set(key, Date.now() + ttlMs);
      else this.expiries.delete(key);
    }
    return this;
  }

  override delete(key: string): boolean {
    this.expiries.delete(key);
    return super.delete(key);
  }

  override clear(): void {
    this.expiries.clear();
    super.clear();
  }

  /** Removes every expired entry; returns how many. */
  sweep(now = Date.now()): number {
    let removed = 0;
    for (const [key, expiresAt] of this.expiries) {
      if (expiresAt <= now) {
        this.delete(key);
        removed++;
      }
    }
    return removed;
  }
}

export class MemoryStore extends ProcessLocalStore {
  readonly kind = 'memory' as const;
  private readonly maps: ExpiringMap<unknown>[] = [];
  private readonly sweeper: NodeJS.Timeout;

  constructor(sweepIntervalMs = 60_000) {
    super();
    this.sweeper = setInterval(() => this.sweep(), sweepIntervalMs);
    this.sweeper.unref();
  }

  protected createView(name: string, defaultTtlMs?: number): Keyv<unknown> {
    const map = new ExpiringMap<unknown>();
    this.maps.push(map);
    return new Keyv<unknown>({
      store: map,
      namespace: name,
      ...KEYV_SERIALIZATION,
      ...(defaultTtlMs ? { ttl: defaultTtlMs } : {}),
    });
  }

  /** Drops expired entries from every namespace (also run on a timer). */
  sweep(now = Date.now()): number {
    return this.maps.reduce((sum, map) => sum + map.sweep(now), 0);
  }

  override async close(): Promise<void> {
    clearInterval(this.sweeper);
    await super.close();
  }
}
