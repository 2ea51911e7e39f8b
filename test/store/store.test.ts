import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore } from '../../src/store/create.js';
import { FileStore } from '../../src/store/file.js';
import { RedisStore } from '../../src/store/redis.js';
import { LocalClaims, MemoryStore } from '../../src/store/store.js';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'meterdoc-store-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('createStore (METERDOC_CACHE_URL)', () => {
  it('chooses memory, file or redis from one setting', async () => {
    expect(createStore(undefined).kind).toBe('memory');
    expect(createStore('').kind).toBe('memory');
    expect(createStore('memory:').kind).toBe('memory');
    const fromUrl = createStore(`file://${dir}/a`);
    expect(fromUrl.kind).toBe('file');
    expect((fromUrl as FileStore).dir).toBe(join(dir, 'a'));
    expect(createStore(join(dir, 'b')).kind).toBe('file');
    const redis = createStore('redis://127.0.0.1:1');
    expect(redis.kind).toBe('redis');
    await redis.close();
    expect(() => createStore('postgres://db/x')).toThrow(/unsupported scheme/);
  });
});

describe('LocalClaims and MemoryStore', () => {
  it('claims are first-wins until they expire or are released', async () => {
    const claims = new LocalClaims();
    expect(claims.claim('e1', 1000, 0)).toBe(true);
    expect(claims.claim('e1', 1000, 500)).toBe(false);
    expect(claims.claim('e1', 1000, 1000)).toBe(true);
    claims.release('e1');
    expect(claims.claim('e1', 1000, 1001)).toBe(true);
  });

  it('counters count within their window and restart after it', async () => {
    const claims = new LocalClaims();
    expect([claims.increment('h', 100, 0), claims.increment('h', 100, 50), claims.increment('h', 100, 99)]).toEqual([
      1, 2, 3,
    ]);
    expect(claims.increment('h', 100, 100)).toBe(1);
    const store = new MemoryStore();
    expect(await store.increment('x', 60_000)).toBe(1);
    expect(await store.increment('x', 60_000)).toBe(2);
  });
});

describe('FileStore', () => {
  it('keeps one JSON file per namespace and survives a restart', async () => {
    const a = new FileStore(dir, 5);
    await a.namespace<{ n: number }>('ai-answers').set('k', { n: 1 });
    await a.namespace<string>('dedupe').set('k', 'other');
    await a.close();
    expect(readdirSync(dir).sort()).toEqual(['ai-answers.json', 'dedupe.json']);
    expect(readFileSync(join(dir, 'ai-answers.json'), 'utf8')).toContain('ai-answers:k');

    const b = new FileStore(dir, 5);
    expect(await b.namespace<{ n: number }>('ai-answers').get('k')).toEqual({ n: 1 });
    expect(await b.namespace<string>('dedupe').get('k')).toBe('other');
    // Clearing one namespace leaves the other intact.
    await b.namespace('dedupe').clear();
    expect(await b.namespace<{ n: number }>('ai-answers').get('k')).toEqual({ n: 1 });
    await b.close();
  });

  it('honours TTLs and refuses namespace names that are not file-safe', async () => {
    const store = new FileStore(dir, 5);
    const short = store.namespace<string>('short', 50);
    await short.set('k', 'v');
    expect(await short.get('k')).toBe('v');
    await new Promise((r) => setTimeout(r, 80));
    expect(await short.get('k')).toBeUndefined();
    expect(() => store.namespace('../escape')).toThrow(/namespace/);
    expect(existsSync(join(dir, '..', 'escape.json'))).toBe(false);
    expect(await store.claim('c', 1000)).toBe(true);
    expect(await store.claim('c', 1000)).toBe(false);
  });
});

describe('RedisStore with nothing listening', () => {
  it('never hangs: cache reads miss, writes drop, claims and counters fall back to this process, logged once', async () => {
    const warnings: string[] = [];
    const store = new RedisStore('redis://127.0.0.1:1', {
      connectTimeoutMs: 200,
      log: { warn: (_o, m) => warnings.push(m), info: () => undefined },
    });
    const kv = store.namespace<string>('ai-answers', 60_000);
    const started = Date.now();
    await kv.set('k', 'v');
    expect(await kv.get('k')).toBeUndefined();
    expect(await store.claim('event-1', 10_000)).toBe(true);
    expect(await store.claim('event-1', 10_000)).toBe(false);
    expect(await store.increment('calls', 60_000)).toBe(1);
    expect(await store.increment('calls', 60_000)).toBe(2);
    await store.release('event-1');
    expect(await store.claim('event-1', 10_000)).toBe(true);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(store.degraded).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Redis unavailable/);
    await store.close();
  });
});

describe('the in-memory store over months', () => {
  it('drops expired entries nobody reads again, so memory does not grow without bound', async () => {
    const store = new MemoryStore();
    const answers = store.namespace<string>('answers', 50);
    const keep = store.namespace<string>('keep');
    // Times taken around the writes, not after them: on a loaded machine 1,000 writes can outlast the 50 ms TTL.
    const beforeWrites = Date.now();
    for (let i = 0; i < 1000; i++) await answers.set(`a${i}`, 'x'.repeat(100));
    await keep.set('forever', 'y');
    expect(store.sweep(beforeWrites + 10)).toBe(0);
    expect(store.sweep(Date.now() + 100)).toBe(1000);
    expect(await keep.get('forever')).toBe('y');
    await answers.set('fresh', 'z', 60_000);
    expect(store.sweep(Date.now() + 100)).toBe(0);
    expect(await answers.get('fresh')).toBe('z');
    await store.close();
  });
});
