import type { Answer } from '../core/answer/answer.js';
import type { Diagnosis, UnmatchedError } from '../core/diagnose.js';
import type { Facts } from '../core/facts.js';
import type { SharedStore } from '../store/store.js';
import type { InsightsConfig } from './settings.js';
import { excerptAround } from '../core/text/excerpt.js';
import { gapFingerprint, redactedExample, redactorFor } from '../gaps/fingerprint.js';
import { GapLog, type GapRecord, type GapSighting } from '../gaps/gap-log.js';
import { HealthLog, type AnswerRecord, type HealthSummary, type TriedAction } from './health-log.js';
import { OnceLogger, silentInsightsLogger, type InsightsLogger } from './coalescing-writer.js';

export type { InsightsConfig } from './settings.js';
export { draftEntry, draftId, TODO, type DraftFile } from '../gaps/draft-entry.js';
export { excerptAround } from '../core/text/excerpt.js';
export { gapFingerprint, redactedExample } from '../gaps/fingerprint.js';
export { GapLog, type GapRecord } from '../gaps/gap-log.js';
export {
  HealthLog,
  NO_TEAM,
  type AnswerRecord,
  type BlockerRecord,
  type HealthSummary,
  type TriedAction,
  type WindowStats,
} from './health-log.js';
export type { InsightsLogger } from './coalescing-writer.js';

/** An answer as posted: its stored-answer ID, the Answer and the facts it was built from. */
export interface PostedAnswer {
  id: string;
  answer: Answer;
  facts: Facts;
}

/** One error the AI was asked about (the AI fallback's own per-error result, or what we know of it). */
export interface AiAskedItem {
  error: UnmatchedError;
  fingerprint?: string | undefined;
  answer?: Answer | undefined;
}

export interface DeliveredEvent {
  teamId: string | undefined;
  channelId: string | undefined;
  paste: string;
  diagnosis: Diagnosis;
  answers: PostedAnswer[];
  /** Whether the AI fallback was asked, and what it reported per error when it says. */
  ai?: { items?: AiAskedItem[] | undefined; answers: Answer[] } | undefined;
}

/** Retention comes from the settings (METERDOC_HEALTH_RETENTION_DAYS, METERDOC_GAPS_RETENTION_DAYS). */
export interface InsightsOptions extends Pick<InsightsConfig, 'retentionDays' | 'gapRetentionDays'> {
  logger?: InsightsLogger;
  now?: () => Date;
  /** Background recordings in flight beyond this are dropped rather than queued without bound. */
  maxInFlight?: number;
}

const ANSWER_EXAMPLE_CHARS = 600;

function unknownLabel(facts: Facts, example: string | undefined): string {
  if (facts.code) return facts.operation ? `${facts.code} (${facts.operation})` : facts.code;
  const text = (facts.message ? redactorFor(facts).redact(facts.message) : (example ?? '')).replace(/\s+/g, ' ').trim();
  return text ? text.slice(0, 80) : 'an unrecognised error';
}

function aiText(answer: Answer | undefined): GapSighting['ai'] {
  if (!answer || answer.source === 'catalog') return undefined;
  return {
    title: answer.title,
    severity: answer.severity,
    retryable: answer.retryable,
    area: answer.area,
    what: answer.what,
    why: answer.why,
    fix: answer.fix,
  };
}

/**
 * The health log and the gap log behind one best-effort interface for the places that see
 * events (delivery, retries, IAM checks, votes, the CLI's AI path). Every hook returns at once
 * and never throws: recording runs in the background, a failure is logged once, and a full
 * queue drops records rather than holding memory. `flush()` waits for what is queued (tests, shutdown).
 */
export class Insights {
  readonly health: HealthLog;
  readonly gaps: GapLog;
  private readonly log: OnceLogger;
  private readonly now: () => Date;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly maxInFlight: number;

  constructor(store: SharedStore, options: InsightsOptions) {
    this.log = new OnceLogger(options.logger ?? silentInsightsLogger);
    this.now = options.now ?? (() => new Date());
    this.maxInFlight = options.maxInFlight ?? 1_000;
    this.health = new HealthLog(store, { retentionDays: options.retentionDays, log: this.log });
    this.gaps = new GapLog(store, { retentionDays: options.gapRetentionDays, log: this.log });
  }

  private background(what: string, work: () => Promise<void> | void): void {
    if (this.inFlight.size >= this.maxInFlight) {
      this.log.warn(`insights: too much recording in flight; ${what} not recorded`);
      return;
    }
    const run = new Promise<void>((resolve) => setImmediate(resolve))
      .then(work)
      .catch((err: unknown) => this.log.warn(`insights: could not record ${what}`, { err: (err as Error)?.message }))
      .finally(() => this.inFlight.delete(run));
    this.inFlight.add(run);
  }

  /** After deliverDiagnosis: the answers posted, and the errors the catalog did not know. */
  delivered(e: DeliveredEvent): void {
    const at = this.now();
    this.background('a delivered answer', () => {
      const items = this.aiItems(e);
      for (const posted of e.answers) {
        const item = items.find((it) => it.answer === posted.answer);
        const facts = item?.error.facts ?? posted.facts;
        const excerpt = item?.error.excerpt ?? excerptAround(e.paste, posted.facts.code ?? posted.facts.message);
        this.health.answered({
          teamId: e.teamId,
          answerId: posted.id,
          entryId: posted.answer.entryId,
          title: posted.answer.title,
          severity: posted.answer.severity,
          source: posted.answer.source,
          channelId: e.channelId,
          fingerprint: item?.fingerprint ?? gapFingerprint(facts, excerpt),
          // Kept per answer for the retention window: a short example is enough for a 👎's gap record.
          example: redactedExample(facts, excerpt).slice(0, ANSWER_EXAMPLE_CHARS),
          at,
        });
      }
      const unknown: AiAskedItem[] = e.ai ? items : e.diagnosis.unmatched.map((error) => ({ error }));
      this.recordUnknown(e.teamId, unknown, e.ai ? 'ai' : 'unknown', at);
    });
  }

  /** The CLI's AI path: the errors that went to the AI, with its answers. */
  aiAsked(input: { teamId?: string | undefined; items: AiAskedItem[] }): void {
    const at = this.now();
    this.background('errors sent to the AI', () => this.recordUnknown(input.teamId, input.items, 'ai', at));
  }

  private recordUnknown(teamId: string | undefined, items: AiAskedItem[], kind: 'ai' | 'unknown', at: Date): void {
    for (const item of items) {
      const fingerprint = item.fingerprint ?? gapFingerprint(item.error.facts, item.error.excerpt);
      const example = redactedExample(item.error.facts, item.error.excerpt);
      this.gaps.record({ fingerprint, facts: item.error.facts, example, kind, ai: aiText(item.answer), at });
      this.health.unknown({ teamId, fingerprint, label: unknownLabel(item.error.facts, example), at });
    }
  }

  /** What the AI reported per error; a fallback that does not say is paired with the unmatched errors in order. */
  private aiItems(e: DeliveredEvent): AiAskedItem[] {
    if (!e.ai) return [];
    if (e.ai.items) return e.ai.items;
    const targets: UnmatchedError[] =
      e.diagnosis.unmatched.length > 0
        ? e.diagnosis.unmatched
        : [{ facts: e.answers[0]?.facts ?? {}, occurrences: 1, excerpt: excerptAround(e.paste, undefined) }];
    return targets.map((error, i) => ({ error, answer: e.ai!.answers[i] }));
  }

  /** A retry or IAM check finished on an answer. */
  tried(answerId: string, action: Omit<TriedAction, 'at'> & { at?: string }): void {
    const at = action.at ?? this.now().toISOString();
    this.background(`a ${action.kind}`, () =>
      this.health.tried(answerId, {
        kind: action.kind,
        at,
        result: action.result.slice(0, 40),
        summary: action.summary.slice(0, 500),
        requestIds: action.requestIds.slice(0, 20).map((r) => r.slice(0, 200)),
      }),
    );
  }

  /** 👍 or 👎 on an answer; a 👎 also counts on the gap log under the answer's fingerprint. */
  voted(input: {
    answerId: string;
    teamId: string | undefined;
    vote: 'up' | 'down';
    entryId: string;
    facts: Facts;
  }): void {
    const at = this.now();
    this.background('a vote', async () => {
      const known = await this.health.voted({ answerId: input.answerId, teamId: input.teamId, vote: input.vote, at });
      if (input.vote !== 'down') return;
      this.gaps.record({
        fingerprint: known?.fingerprint ?? gapFingerprint(input.facts, ''),
        facts: input.facts,
        example: known?.example,
        kind: 'downvote',
        entryId: input.entryId,
        at,
      });
    });
  }

  /** The optional reason from the 👎 modal, added to the answer's gap. */
  async downvoteReason(input: { answerId: string; facts: Facts; text: string }): Promise<void> {
    try {
      const known = await this.health.answer(input.answerId);
      await this.flush();
      this.gaps.addReason(known?.fingerprint ?? gapFingerprint(input.facts, ''), input.facts, input.text, this.now());
    } catch (err) {
      this.log.warn('insights: could not record a 👎 reason', { err: (err as Error)?.message });
    }
  }

  async answerRecord(answerId: string): Promise<AnswerRecord | undefined> {
    await this.flush();
    return this.health.answer(answerId);
  }

  async summary(teamId: string | undefined, now = this.now()): Promise<HealthSummary> {
    await this.flush();
    return this.health.summary(teamId, now);
  }

  async listGaps(limit?: number): Promise<GapRecord[]> {
    await this.flush();
    return this.gaps.list(limit);
  }

  /** Waits for every recording started so far. */
  async flush(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
    await this.health.flush();
    await this.gaps.flush();
    await this.health.flush();
  }
}
