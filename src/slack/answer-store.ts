import { randomBytes } from 'node:crypto';
import type Keyv from 'keyv';
import { z } from 'zod';
import type { Answer, Facts, PastedUsageBatch } from '../core/index.js';
import { SignedStore } from '../store/signed-store.js';
import type { SharedStore } from '../store/store.js';
import { NAMESPACES } from '../store/keys.js';

/**
 * Button payloads. A button's `value` carries only a random ID (Slack caps values at 2,000
 * characters and anyone in the channel can read them); what the click needs lives here, in the
 * shared store namespace `answers`, until it expires, in a SignedStore: a value written into a
 * shared Redis by anything but MeterDoc cannot steer a retry.
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
  /** A catalog lookup (`/meterdoc CODE`), not an error someone hit: nothing to retry. */
  lookup?: boolean;
  /** For an error MeterDoc does not know: the catalog entries offered as "might be related". */
  related?: string[];
  /** For an error MeterDoc does not know: what its message shows besides the facts. */
  unknown?: { excerpt: string; reason: string; occurrences: number };
}

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

/**
 * Answers are written by this version only and read back whole; the check is the format version,
 * so an answer of a format this version does not know reads as expired. The value is kept as
 * stored (no re-serialisation) so signatures of stored answers keep verifying.
 */
const storedAnswerSchema = z.custom<StoredAnswer>(
  (v) => typeof v === 'object' && v !== null && (v as { v?: unknown }).v === 1,
);

export class AnswerStore {
  private readonly answers: SignedStore<StoredAnswer>;
  private readonly feedback: Keyv<FeedbackRecord>;

  /**
   * @param key signs stored answers; replicas sharing a store must share it (METERDOC_PAYLOAD_SECRET).
   *   Without one, a random key means buttons stop working when the process restarts.
   */
  constructor(
    store: SharedStore,
    private readonly ttlMs = DEFAULT_ANSWER_TTL_MS,
    key: Buffer = randomBytes(32),
    clock: () => number = Date.now,
  ) {
    this.answers = new SignedStore(store, NAMESPACES.answers, storedAnswerSchema, key, clock);
    this.feedback = store.namespace<FeedbackRecord>(NAMESPACES.feedback);
  }

  /** Stores `payload` under a new unguessable ID and returns the ID. */
  async save(payload: StoredAnswer): Promise<string> {
    return this.answers.put(payload, this.ttlMs);
  }

  /** A new unguessable ID for an answer whose message is posted before it is stored (`saveAs`). */
  newId(): string {
    return this.answers.newId();
  }

  /** Stores `payload` under `id` (from `newId`). */
  async saveAs(id: string, payload: StoredAnswer): Promise<void> {
    await this.answers.putAs(id, payload, this.ttlMs);
  }

  /** The answer, or undefined when the ID is unknown, expired, forged or the entry was tampered with. */
  async get(id: string): Promise<StoredAnswer | undefined> {
    return this.answers.get(id);
  }

  /** One vote per person per answer: a second click replaces the first. */
  async recordFeedback(record: FeedbackRecord): Promise<void> {
    await this.feedback.set(`${record.answerId}:${record.userId}`, record);
  }

  async getFeedback(answerId: string, userId: string): Promise<FeedbackRecord | undefined> {
    return this.feedback.get(`${answerId}:${userId}`);
  }
}
