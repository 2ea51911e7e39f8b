import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { SharedStore } from './store.js';

/**
 * Values MeterDoc keeps between two Slack interactions (a stored answer behind a button, a retry
 * draft between the modal opening and its submission). Slack carries only the ID; the value lives
 * in the shared store, HMAC-signed together with its expiry, so neither a forged ID nor a tampered
 * store entry (a shared Redis written by something else) can steer what MeterDoc does. Reads are
 * validated with the caller's zod schema. Stored as `{ value, expiresAt, sig }`: existing entries
 * must keep verifying across upgrades.
 */
const envelopeSchema = z.object({ value: z.unknown(), expiresAt: z.number(), sig: z.string() });

export class SignedStore<T> {
  private readonly kv;

  constructor(
    store: SharedStore,
    namespace: string,
    private readonly schema: z.ZodType<T>,
    private readonly key: Buffer,
    private readonly clock: () => number = Date.now,
  ) {
    if (key.length < 16) throw new Error('signing key must be at least 16 bytes');
    this.kv = store.namespace<z.infer<typeof envelopeSchema>>(namespace);
  }

  private sign(id: string, expiresAt: number, value: unknown): string {
    return createHmac('sha256', this.key)
      .update(`${id}.${expiresAt}.${JSON.stringify(value)}`)
      .digest('base64url');
  }

  private async write(id: string, value: T, expiresAt: number): Promise<void> {
    await this.kv.set(
      id,
      { value, expiresAt, sig: this.sign(id, expiresAt, value) },
      Math.max(1, expiresAt - this.clock()),
    );
  }

  /** A new unguessable ID, for a value a message refers to before it is written (`putAs`). */
  newId(): string {
    return randomBytes(12).toString('base64url');
  }

  /** Stores `value` under a new unguessable ID for `ttlMs` and returns the ID. */
  async put(value: T, ttlMs: number): Promise<string> {
    const id = this.newId();
    await this.putAs(id, value, ttlMs);
    return id;
  }

  /** Stores `value` under `id` (from `newId`) for `ttlMs`. */
  async putAs(id: string, value: T, ttlMs: number): Promise<void> {
    await this.write(id, this.schema.parse(value), this.clock() + ttlMs);
  }

  /** The value, or undefined when unknown, expired, tampered with or malformed. */
  async get(id: string): Promise<T | undefined> {
    return (await this.getEntry(id))?.value;
  }

  private async getEntry(id: string): Promise<{ value: T; expiresAt: number } | undefined> {
    if (!/^[A-Za-z0-9_-]{8,64}$/.test(id)) return undefined;
    const env = envelopeSchema.safeParse(await this.kv.get(id));
    if (!env.success) return undefined;
    const { value, expiresAt, sig } = env.data;
    if (expiresAt <= this.clock()) return undefined;
    const expected = Buffer.from(this.sign(id, expiresAt, value));
    const given = Buffer.from(sig);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return undefined;
    const parsed = this.schema.safeParse(value);
    return parsed.success ? { value: parsed.data, expiresAt } : undefined;
  }

  async delete(id: string): Promise<void> {
    await this.kv.delete(id);
  }
}

/**
 * The signing key: METERDOC_PAYLOAD_SECRET when set (required with several replicas, which must
 * share it); otherwise a random key for this process, so drafts die with a restart.
 */
export function payloadKey(secret: string | undefined): { key: Buffer; ephemeral: boolean } {
  return secret ? { key: Buffer.from(secret, 'utf8'), ephemeral: false } : { key: randomBytes(32), ephemeral: true };
}
