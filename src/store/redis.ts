import KeyvRedis, { createClient } from '@keyv/redis';
import Keyv from 'keyv';
import { LocalClaims, type SharedStore } from './store.js';
import { deadline, TIMED_OUT } from '../ops/deadline.js';
import { KEYV_SERIALIZATION } from './serializer.js';

/** Where the store reports that Redis went away or came back (pino-compatible). */
export interface StoreLogger {
  warn(obj: Record<string, unknown>, msg: string): void;
  info(obj: Record<string, unknown>, msg: string): void;
}

export const silentLogger: StoreLogger = { warn: () => undefined, info: () => undefined };

export interface RedisStoreOptions {
  /** TCP connect timeout and @keyv/redis `connectionTimeout`, ms. */
  connectTimeoutMs?: number;
  /** Upper bound on one claim/counter round trip before the local fallback answers, ms. */
  commandTimeoutMs?: number;
  /** Prefix of the claim and counter keys, so several apps can share one Redis. */
  keyPrefix?: string;
  log?: StoreLogger;
}

type Client = ReturnType<typeof createClient>;

/** Longest pause between reconnect attempts while Redis is down, ms. */
export const RECONNECT_CAP_MS = 400;

/**
 * @keyv/redis, except that a command issued while the store is still making its first
 * connection waits for it (bounded by the connect timeout). With the offline queue off, it would
 * otherwise fail at once, and a short-lived process such as the CLI would always miss the cache.
 */
class FirstConnectKeyvRedis<T> extends KeyvRedis<T> {
  constructor(
    client: Client,
    private readonly firstConnect: Promise<unknown>,
    connectionTimeout: number,
  ) {
    super(client, { connectionTimeout, throwOnConnectError: false, throwOnErrors: false });
  }

  override async getClient(): ReturnType<KeyvRedis<T>['getClient']> {
    await this.firstConnect;
    return super.getClient();
  }
}

/** The redis URL without its password, for logs. */
export function safeRedisUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'redis://(unparseable url)';
  }
}

/**
 * Several replicas sharing one Redis: the AI cache, event dedupe and the cost-guard counter are
 * shared, and `claim` is atomic (`SET key NX PX`).
 *
 * Redis is best-effort. The client is created with `disableOfflineQueue`, so while Redis is down
 * every command fails at once instead of queuing until it comes back: cache reads become misses,
 * writes are dropped, and claims and counters fall back to this process's LocalClaims. A hung
 * (not closed) Redis is bounded by `commandTimeoutMs`. The outage is logged once, and once more
 * when Redis is back.
 */
export class RedisStore implements SharedStore {
  readonly kind = 'redis' as const;
  private readonly client: Client;
  private readonly views = new Map<string, Keyv<unknown>>();
  private readonly local = new LocalClaims();
  private readonly connectTimeoutMs: number;
  private readonly commandTimeoutMs: number;
  private readonly prefix: string;
  private readonly log: StoreLogger;
  private down = false;
  private closed = false;
  /** Settles when the first connection succeeds or the connect timeout passes, whichever first. */
  private readonly firstConnect: Promise<boolean>;

  constructor(
    private readonly url: string,
    options: RedisStoreOptions = {},
  ) {
    this.connectTimeoutMs = options.connectTimeoutMs ?? 1000;
    this.commandTimeoutMs = options.commandTimeoutMs ?? 1000;
    this.prefix = options.keyPrefix ?? 'meterdoc';
    this.log = options.log ?? silentLogger;
    this.client = createClient({
      url,
      disableOfflineQueue: true,
      socket: {
        connectTimeout: this.connectTimeoutMs,
        // Keep trying in the background so the store heals when Redis returns. The cap is what
        // bounds the time replicas go on answering from local claims (and may duplicate answers)
        // after Redis is back: one refused connection every RECONNECT_CAP_MS is cheap.
        reconnectStrategy: (retries: number) => Math.min(50 * 2 ** Math.min(retries, 10), RECONNECT_CAP_MS),
      },
    });
    this.client.on('error', (err: unknown) => this.markDown(err));
    this.client.on('ready', () => this.markUp());
    // Opening here (not on first use) makes the client "open" at once, so @keyv/redis never tries
    // to connect per call; while Redis is unreachable its commands fail fast (offline queue off).
    this.client.connect().catch((err: unknown) => this.markDown(err));
    this.firstConnect = this.ready(this.connectTimeoutMs);
  }

  /** True while the last thing Redis did was fail. */
  get degraded(): boolean {
    return this.down || !this.client.isReady;
  }

  /** Resolves once connected, or false after `timeoutMs`. For start-up health checks and tests. */
  async ready(timeoutMs = this.connectTimeoutMs): Promise<boolean> {
    if (this.client.isReady) return true;
    return new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => {
        this.client.off('ready', onReady);
        resolve(false);
      }, timeoutMs);
      const onReady = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      this.client.once('ready', onReady);
    });
  }

  namespace<T>(name: string, defaultTtlMs?: number): Keyv<T> {
    let view = this.views.get(name);
    if (!view) {
      // One adapter per namespace (Keyv writes its namespace into the adapter); they share the client.
      // Each adapter adds its own error/connect/disconnect/reconnecting listeners to it, so the
      // client's listener budget grows with the namespaces instead of warning past ten.
      this.client.setMaxListeners(this.client.getMaxListeners() + 1);
      const adapter = new FirstConnectKeyvRedis<unknown>(this.client, this.firstConnect, this.connectTimeoutMs);
      view = new Keyv<unknown>({
        store: adapter,
        namespace: name,
        ...KEYV_SERIALIZATION,
        ...(defaultTtlMs ? { ttl: defaultTtlMs } : {}),
      });
      view.on('error', (err: unknown) => this.markDown(err));
      this.views.set(name, view);
    }
    return view as Keyv<T>;
  }

  async claim(key: string, ttlMs: number): Promise<boolean> {
    const ttl = Math.max(1, Math.round(ttlMs));
    const result = await this.remote(() => this.client.set(`${this.prefix}:claim:${key}`, '1', { NX: true, PX: ttl }));
    // Remember remote wins locally too, so this process keeps deduping if Redis drops right after.
    if (result === undefined) return this.local.claim(key, ttl);
    if (result === 'OK') this.local.claim(key, ttl);
    return result === 'OK';
  }

  async release(key: string): Promise<void> {
    this.local.release(key);
    await this.remote(() => this.client.del(`${this.prefix}:claim:${key}`));
  }

  async increment(key: string, ttlMs: number): Promise<number> {
    const redisKey = `${this.prefix}:count:${key}`;
    const result = await this.remote(async () => {
      const [value] = await this.client
        .multi()
        .incr(redisKey)
        .pExpire(redisKey, Math.max(1, Math.round(ttlMs)), 'NX')
        .exec();
      return Number(value);
    });
    return result === undefined || !Number.isFinite(result) ? this.local.increment(key, ttlMs) : result;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    // Destroy rather than quit: quit waits for a reply a dead Redis never sends.
    this.client.destroy();
  }

  /** Runs one command; undefined when Redis is unreachable, failing or slower than the bound. */
  private async remote<R>(command: () => Promise<R>): Promise<R | undefined> {
    await this.firstConnect;
    if (this.closed || !this.client.isReady) return undefined;
    try {
      const reply = await deadline(command(), this.commandTimeoutMs);
      if (reply !== TIMED_OUT) return reply;
      this.markDown(new Error(`no reply within ${this.commandTimeoutMs} ms`));
    } catch (err) {
      this.markDown(err);
    }
    return undefined;
  }

  private markDown(err: unknown): void {
    if (this.down || this.closed) return;
    this.down = true;
    const reason = err instanceof Error ? err.message || err.name : String(err);
    this.log.warn(
      { store: 'redis', url: safeRedisUrl(this.url), reason },
      'Redis unavailable: answering without the shared cache; claims are process-local until it is back',
    );
  }

  private markUp(): void {
    if (!this.down) return;
    this.down = false;
    this.log.info({ store: 'redis', url: safeRedisUrl(this.url) }, 'Redis is back: shared cache and claims restored');
  }
}
