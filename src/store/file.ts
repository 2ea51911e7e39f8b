import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Keyv from 'keyv';
import { KeyvFile } from 'keyv-file';
import { ProcessLocalStore } from './store.js';
import { KEYV_SERIALIZATION } from './serializer.js';

/** Namespace names become file names. */
const NAMESPACE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/**
 * A store for one long-running process that should keep its cache across restarts.
 * One JSON file per namespace: keyv-file keeps a whole file in memory and rewrites it, so two
 * adapters on one file overwrite each other's data (verified in the stack check).
 * Claims and counters are process-local: with one process there is nobody else to race.
 */
export class FileStore extends ProcessLocalStore {
  readonly kind = 'file' as const;
  readonly dir: string;

  constructor(
    dir: string,
    private readonly writeDelayMs = 50,
  ) {
    super();
    this.dir = resolve(dir);
    mkdirSync(this.dir, { recursive: true });
  }

  protected createView(name: string, defaultTtlMs?: number): Keyv<unknown> {
    if (!NAMESPACE.test(name))
      throw new Error(`store namespace "${name}" must be a short name of letters, digits, - and _`);
    const store = new KeyvFile({
      filename: join(this.dir, `${name}.json`),
      writeDelay: this.writeDelayMs,
      expiredCheckDelay: 60_000,
    });
    const view = new Keyv<unknown>({
      store,
      namespace: name,
      ...KEYV_SERIALIZATION,
      ...(defaultTtlMs ? { ttl: defaultTtlMs } : {}),
    });
    // Keyv re-emits adapter errors; without a listener a full disk would crash the process.
    view.on('error', () => undefined);
    return view;
  }
}
