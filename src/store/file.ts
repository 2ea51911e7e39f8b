import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Keyv from 'keyv';
import { KeyvFile } from 'keyv-file';
import { LocalClaims, type SharedStore } from './store.js';

/** Namespace names become file names. */
const NAMESPACE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/**
 * A store for one long-running process that should keep its cache across restarts.
 * One JSON file per namespace: keyv-file keeps a whole file in memory and rewrites it, so two
 * adapters on one file overwrite each other's data (verified in the stack check).
 * Claims and counters are process-local: with one process there is nobody else to race.
 */
export class FileStore implements SharedStore {
  readonly kind = 'file' as const;
  readonly dir: string;
  private readonly views = new Map<string, Keyv<unknown>>();
  private readonly claims = new LocalClaims();

  constructor(dir: string, private readonly writeDelayMs = 50) {
    this.dir = resolve(dir);
    mkdirSync(this.dir, { recursive: true });
  }

  namespace<T>(name: string, defaultTtlMs?: number): Keyv<T> {
    if (!NAMESPACE.test(name)) throw new Error(`store namespace "${name}" must be a short name of letters, digits, - and _`);
    let view = this.views.get(name);
    if (!view) {
      const store = new KeyvFile({ filename: join(this.dir, `${name}.json`), writeDelay: this.writeDelayMs, expiredCheckDelay: 60_000 });
      view = new Keyv<unknown>({ store, namespace: name, ...(defaultTtlMs ? { ttl: defaultTtlMs } : {}) });
      // Keyv re-emits adapter errors; without a listener a full disk would crash the process.
      view.on('error', () => undefined);
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
