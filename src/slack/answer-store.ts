import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type Keyv from 'keyv';
import type { Answer, Facts, PastedUsageBatch } from '../core/index.js';
import type { SharedStore } from '../store/store.js';

/**
 * Button payloads. A button's `value` carries only a random ID (Slack caps values at 2,000
 * characters and anyone in the channel can read them); what the click needs lives here, in the
 * shared store namespace `answers`, until it expires. Entries are HMAC-signed with their expiry, so
 * a value written into a shared Redis by anything but MeterDoc cannot steer a retry.
 */

/** Where an answer was shown. */
export type Surface = 'message' | 'mention' | 'command' | 'shortcut' | 'dm';

export interface StoredAnswer {
  /** Format version: a reader must refuse versions it does not know. */
  v: 1;
  answer: Answer;
  /** Every fact read from the paste for this error (the Answer only lists the labelled ones). */
  facts: Facts;
  /** The usage records found in the paste: what a retry would send again. */
  usageBatch?: PastedUsageBatch;
  teamId?: string;
  /** The channel the answer belongs to (for ephemeral answers, the channel the command ran in). */
  channelId?: string;
  /** The thread the answer was posted in; absent for ephemeral answers. */
  threadTs?: string;
  /** The answer message itself, once posted; absent for ephemeral answers. */
  messageTs?: string;
  /** Who asked (absent for answers to passive channel messages, where "the author" is `pastedBy`). */
  requestedBy?: string;
  pastedBy?: string;
  surface: Surface;
  createdAt: string;
}

export const ANSWERS_NAMESPACE = 'answers';
export const FEEDBACK_NAMESPACE = 'feedback';
/** Buttons keep working this long; a click after that gets "this answer has expired". */
export const DEFAULT_ANSWER_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export interface FeedbackRecord {
  answerId: string;
  entryId: string;
  source: Answer['source'];
  vote: 'up' | 'down';
  userId: string;
  channelId?: string;
  at: string;
}

interface SignedAnswer {
  value: StoredAnswer;
  expiresAt: number;
  sig: string;
}

export class AnswerStore {
  private readonly answers: Keyv<SignedAnswer>;
  private readonly feedback: Keyv<FeedbackRecord>;

  /**
   * @param key signs stored answers; replicas sharing a store must share it (METERDOC_PAYLOAD_SECRET).
   *   Without one, a random key means buttons stop working when the process restarts.
   */
  constructor(
    store: SharedStore,
    private readonly ttlMs = DEFAULT_ANSWER_TTL_MS,
    private readonly key: Buffer = randomBytes(32),
    private readonly clock: () => number = Date.now,
  ) {
    this.answers = store.namespace<SignedAnswer>(ANSWERS_NAMESPACE, ttlMs);
    this.feedback = store.namespace<FeedbackRecord>(FEEDBACK_NAMESPACE);
  }

  private sign(id: string, expiresAt: number, value: StoredAnswer): string {
    return createHmac('sha256', this.key).update(`${id}.${expiresAt}.${JSON.stringify(value)}`).digest('base64url');
  }

  private async write(id: string, value: StoredAnswer, expiresAt: number): Promise<void> {
    await this.answers.set(id, { value, expiresAt, sig: this.sign(id, expiresAt, value) }, Math.max(1, expiresAt - this.clock()));
  }

  /** Stores `payload` under a new unguessable ID and returns the ID. */
  async save(payload: StoredAnswer): Promise<string> {
    const id = randomBytes(12).toString('base64url');
    await this.write(id, payload, this.clock() + this.ttlMs);
    return id;
  }

  /** The answer, or undefined when the ID is unknown, expired, forged or the entry was tampered with. */
  async get(id: string): Promise<StoredAnswer | undefined> {
    return (await this.getSigned(id))?.value;
  }

  private async getSigned(id: string): Promise<SignedAnswer | undefined> {
    if (!/^[A-Za-z0-9_-]{8,64}$/.test(id)) return undefined;
    const entry = await this.answers.get(id);
    if (!entry || typeof entry !== 'object' || typeof entry.sig !== 'string' || typeof entry.expiresAt !== 'number') return undefined;
    if (entry.expiresAt <= this.clock() || entry.value?.v !== 1) return undefined;
    const expected = Buffer.from(this.sign(id, entry.expiresAt, entry.value));
    const given = Buffer.from(entry.sig);
    return expected.length === given.length && timingSafeEqual(expected, given) ? entry : undefined;
  }

  /** Adds what is only known after posting (the message ts). The expiry does not move. */
  async update(id: string, patch: Partial<Pick<StoredAnswer, 'messageTs' | 'threadTs' | 'channelId'>>): Promise<void> {
    const current = await this.getSigned(id);
    if (current) await this.write(id, { ...current.value, ...patch }, current.expiresAt);
  }

  /** One vote per person per answer: a second click replaces the first. */
  async recordFeedback(record: FeedbackRecord): Promise<void> {
    await this.feedback.set(`${record.answerId}:${record.userId}`, record);
  }

  async getFeedback(answerId: string, userId: string): Promise<FeedbackRecord | undefined> {
    return this.feedback.get(`${answerId}:${userId}`);
  }
}
