import { fileURLToPath } from 'node:url';
import { FileStore } from './file.js';
import { RedisStore, silentLogger, type StoreLogger } from './redis.js';
import { MemoryStore, type SharedStore } from './store.js';

export interface CreateStoreOptions {
  log?: StoreLogger;
  /** Redis connect timeout, ms. */
  connectTimeoutMs?: number;
}

/**
 * Chooses the backend from one setting, `METERDOC_CACHE_URL`:
 * unset or `memory:` → in-process; `file:///abs/dir` or a plain path → one JSON file per namespace
 * in that directory; `redis://` / `rediss://` → Redis shared by every replica.
 */
export function createStore(url?: string, options: CreateStoreOptions = {}): SharedStore {
  const value = url?.trim();
  if (!value || value === 'memory' || value === 'memory:') return new MemoryStore();
  if (/^rediss?:\/\//i.test(value)) {
    return new RedisStore(value, {
      log: options.log ?? silentLogger,
      ...(options.connectTimeoutMs ? { connectTimeoutMs: options.connectTimeoutMs } : {}),
    });
  }
  if (/^file:/i.test(value)) return new FileStore(fileURLToPath(value));
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw new Error(
      `METERDOC_CACHE_URL: unsupported scheme in "${value.split('://')[0]}://…" (use redis://, rediss://, file:// or a directory path)`,
    );
  }
  return new FileStore(value);
}
