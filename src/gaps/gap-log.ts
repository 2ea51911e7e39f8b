import { z } from 'zod';
import { SEVERITIES, type Severity } from '../core/catalog/schema.js';
import type { Facts } from '../core/facts.js';
import type { SharedStore } from '../store/store.js';
import { MAX_EXAMPLE_CHARS, redactorFor } from './fingerprint.js';
import { CoalescingWriter, type OnceLogger } from '../health/coalescing-writer.js';
import { NAMESPACES } from '../store/keys.js';

/**
 * The gap log: errors the catalog did not know (every error that went to the AI, or that nobody
 * could answer) and answers people marked 👎, keyed by the error's fingerprint, with a count, the
 * first and last time seen, one redacted example, what the AI said, and the 👎 reasons. It is what
 * `meterdoc gaps` ranks to show the on-call engineer which curated entry to write next.
 * Global rather than per workspace: the catalog is shared by every workspace.
 */

const INDEX_KEY = 'all';
const MAX_GAPS = 500;
const MAX_REASONS = 10;
const MAX_REASON_CHARS = 500;

const aiAnswerSchema = z.object({
  title: z.string().max(200),
  severity: z.enum(SEVERITIES),
  retryable: z.boolean(),
  area: z.string().max(40),
  what: z.string().max(2000),
  why: z.array(z.string().max(1000)).max(10),
  fix: z.array(z.string().max(1000)).max(15),
});
export type GapAiAnswer = z.infer<typeof aiAnswerSchema>;

export const gapRecordSchema = z.object({
  v: z.literal(1),
  fingerprint: z.string(),
  count: z.number().int().nonnegative(),
  firstSeen: z.string(),
  lastSeen: z.string(),
  code: z.string().max(200).optional(),
  operation: z.string().max(100).optional(),
  service: z.string().max(100).optional(),
  /** The error message, redacted. */
  message: z.string().max(MAX_EXAMPLE_CHARS).optional(),
  /** One example of the error as pasted, redacted. */
  example: z
    .string()
    .max(MAX_EXAMPLE_CHARS + 1)
    .optional(),
  /** The latest AI answer for it, redacted: a head start for the curated entry. */
  ai: aiAnswerSchema.optional(),
  /** Catalog entries that were shown for it and voted 👎. */
  answeredWith: z.array(z.string()).max(5),
  downvotes: z.number().int().nonnegative(),
  reasons: z.array(z.object({ at: z.string(), text: z.string().max(MAX_REASON_CHARS + 1) })).max(MAX_REASONS),
  /** How it got here: the AI was asked, nothing answered it, or someone voted 👎. */
  kinds: z.array(z.enum(['ai', 'unknown', 'downvote'])),
});
export type GapRecord = z.infer<typeof gapRecordSchema>;

const indexSchema = z.array(z.string()).max(MAX_GAPS);

export interface GapSighting {
  fingerprint: string;
  facts: Facts;
  /** Already redacted. */
  example?: string | undefined;
  kind: 'ai' | 'unknown' | 'downvote';
  ai?:
    | {
        title: string;
        severity: Severity;
        retryable: boolean;
        area: string;
        what: string;
        why: string[];
        fix: string[];
      }
    | undefined;
  entryId?: string | undefined;
  at: Date;
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

export class GapLog {
  private readonly records: CoalescingWriter<GapRecord>;
  private readonly index: CoalescingWriter<string[]>;

  constructor(store: SharedStore, options: { retentionDays: number; log: OnceLogger }) {
    const ttlMs = options.retentionDays * 86_400_000;
    this.records = new CoalescingWriter(store.namespace<GapRecord>(NAMESPACES.gaps), store, {
      name: NAMESPACES.gaps,
      schema: gapRecordSchema,
      ttlMs,
      log: options.log,
    });
    this.index = new CoalescingWriter(store.namespace<string[]>(NAMESPACES.gapsIndex), store, {
      name: NAMESPACES.gapsIndex,
      schema: indexSchema,
      ttlMs,
      log: options.log,
    });
  }

  /** Counts one occurrence. A 👎 counts too: a wrong answer is a gap as much as a missing one. */
  record(s: GapSighting): void {
    const redactor = redactorFor(s.facts);
    const at = s.at.toISOString();
    const message = s.facts.message ? cut(redactor.redact(s.facts.message), MAX_EXAMPLE_CHARS - 1) : undefined;
    const ai = s.ai
      ? aiAnswerSchema.parse({
          title: cut(redactor.redact(s.ai.title), 199),
          severity: s.ai.severity,
          retryable: s.ai.retryable,
          area: s.ai.area.slice(0, 40),
          what: cut(redactor.redact(s.ai.what), 1999),
          why: s.ai.why.slice(0, 10).map((w) => cut(redactor.redact(w), 999)),
          fix: s.ai.fix.slice(0, 15).map((f) => cut(redactor.redact(f), 999)),
        })
      : undefined;
    this.records.update(s.fingerprint, (current) => {
      const rec: GapRecord = current ?? {
        v: 1,
        fingerprint: s.fingerprint,
        count: 0,
        firstSeen: at,
        lastSeen: at,
        answeredWith: [],
        downvotes: 0,
        reasons: [],
        kinds: [],
      };
      rec.count++;
      if (at > rec.lastSeen) rec.lastSeen = at;
      if (at < rec.firstSeen) rec.firstSeen = at;
      if (s.facts.code && !rec.code) rec.code = s.facts.code.slice(0, 200);
      if (s.facts.operation && !rec.operation) rec.operation = s.facts.operation.slice(0, 100);
      if (s.facts.service && !rec.service) rec.service = s.facts.service.slice(0, 100);
      if (message && !rec.message) rec.message = message;
      if (s.example && !rec.example) rec.example = s.example;
      if (ai) rec.ai = ai;
      if (s.kind === 'downvote') rec.downvotes++;
      if (s.entryId && !s.entryId.startsWith('ai-') && !rec.answeredWith.includes(s.entryId))
        rec.answeredWith = [...rec.answeredWith, s.entryId].slice(-5);
      if (!rec.kinds.includes(s.kind)) rec.kinds.push(s.kind);
      return rec;
    });
    // Most recently seen first; the oldest fall off the end of the bounded index.
    this.index.update(INDEX_KEY, (current) =>
      [s.fingerprint, ...(current ?? []).filter((f) => f !== s.fingerprint)].slice(0, MAX_GAPS),
    );
  }

  /** Adds a 👎 reason (redacted) to a gap; the vote itself was counted by `record`. */
  addReason(fingerprint: string, facts: Facts, text: string, at: Date): void {
    const clean = cut(redactorFor(facts).redact(text.trim()), MAX_REASON_CHARS);
    if (!clean) return;
    this.records.update(fingerprint, (current) => {
      if (!current) return current;
      current.reasons = [...current.reasons, { at: at.toISOString(), text: clean }].slice(-MAX_REASONS);
      return current;
    });
  }

  async get(fingerprint: string): Promise<GapRecord | undefined> {
    await this.flush();
    return this.records.read(fingerprint);
  }

  /** Most frequent first (then most recent). */
  async list(limit = 20): Promise<GapRecord[]> {
    await this.flush();
    const fingerprints = (await this.index.read(INDEX_KEY)) ?? [];
    const records = (await this.records.readMany(fingerprints)).filter((r): r is GapRecord => r !== undefined);
    records.sort((a, b) => b.count - a.count || b.lastSeen.localeCompare(a.lastSeen));
    return records.slice(0, limit);
  }

  async flush(): Promise<void> {
    await Promise.all([this.records.flush(), this.index.flush()]);
  }
}
