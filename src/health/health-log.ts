import { z } from 'zod';
import { SEVERITIES, type Severity } from '../core/catalog/schema.js';
import type { SharedStore } from '../store/store.js';
import { CoalescingWriter, type OnceLogger } from './coalescing-writer.js';
import { NAMESPACES } from '../store/keys.js';

/**
 * The health log: per workspace, what MeterDoc saw and what people did about it, kept for a
 * retention window and aggregated for App Home and the daily digest.
 *
 * One record per workspace per UTC day holds hourly counts (diagnoses by entry, severity and
 * source; retries by outcome; votes; unknown errors) and the day's blockers, so a week is eight
 * reads whatever the volume. Every list and map has a bound; what does not fit is counted in
 * `dropped`. Beside it, one small record per answer (its entry, fingerprint, redacted example,
 * and what was tried: retries and IAM checks) lets a click find its day and the support bundle
 * say what was already done. Nothing secret is stored: entry ids, titles, counts, outcomes,
 * request IDs and redacted text only.
 */

export const SOURCES = ['catalog', 'llm', 'cache'] as const;
export const RETRY_RESULTS = ['ok', 'partial', 'failed', 'nothing-to-send'] as const;
export type RetryResult = (typeof RETRY_RESULTS)[number];

const DAY_RECORD_WRITE_INTERVAL_MS = 1_000;

const LIMITS = { diagnosisKeys: 300, unknownKeys: 100, blockers: 200, tried: 20 } as const;

/** Counts by UTC hour of the record's day ("00" … "23"). */
const hoursSchema = z.record(z.string().regex(/^\d{2}$/), z.number().int().nonnegative());
type Hours = z.infer<typeof hoursSchema>;

const blockerSchema = z.object({
  answerId: z.string(),
  entryId: z.string(),
  title: z.string(),
  at: z.string(),
  channelId: z.string().optional(),
  resolved: z.enum(['retry', 'thumbs-up']).optional(),
  resolvedAt: z.string().optional(),
});
export type BlockerRecord = z.infer<typeof blockerSchema>;

export const dayRecordSchema = z.object({
  v: z.literal(1),
  diagnoses: z.record(
    z.string(),
    z.object({
      entryId: z.string(),
      title: z.string(),
      severity: z.enum(SEVERITIES),
      source: z.enum(SOURCES),
      hours: hoursSchema,
    }),
  ),
  retries: z.partialRecord(z.enum(RETRY_RESULTS), hoursSchema),
  votes: z.partialRecord(z.enum(['up', 'down']), hoursSchema),
  unknown: z.record(z.string(), z.object({ label: z.string(), hours: hoursSchema })),
  blockers: z.array(blockerSchema),
  dropped: z.number().int().nonnegative(),
});
export type DayRecord = z.infer<typeof dayRecordSchema>;

const triedSchema = z.object({
  kind: z.enum(['retry', 'iam-check']),
  at: z.string(),
  result: z.string().max(40),
  summary: z.string().max(500),
  requestIds: z.array(z.string().max(200)).max(20),
});
export type TriedAction = z.infer<typeof triedSchema>;

export const answerRecordSchema = z.object({
  v: z.literal(1),
  team: z.string(),
  day: z.string(),
  at: z.string(),
  entryId: z.string(),
  title: z.string(),
  severity: z.enum(SEVERITIES),
  source: z.enum(SOURCES),
  fingerprint: z.string(),
  /** The error as pasted, redacted: the example a 👎 adds to the gap log. */
  example: z.string().optional(),
  tried: z.array(triedSchema),
});
export type AnswerRecord = z.infer<typeof answerRecordSchema>;

/** Where answers with no workspace (intake, CLI) are counted. */
export const NO_TEAM = '_';

export function dayOf(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function hourOf(date: Date): string {
  return date.toISOString().slice(11, 13);
}

function emptyDay(): DayRecord {
  return { v: 1, diagnoses: {}, retries: {}, votes: {}, unknown: {}, blockers: [], dropped: 0 };
}

function bump(hours: Hours | undefined, hour: string): Hours {
  const out = { ...(hours ?? {}) };
  out[hour] = (out[hour] ?? 0) + 1;
  return out;
}

export interface AnsweredEvent {
  teamId: string | undefined;
  answerId: string;
  entryId: string;
  title: string;
  severity: Severity;
  source: (typeof SOURCES)[number];
  channelId?: string | undefined;
  fingerprint: string;
  example?: string | undefined;
  at: Date;
}

export interface WindowStats {
  diagnoses: number;
  bySeverity: Record<Severity, number>;
  /** Most frequent first. */
  byError: Array<{
    entryId: string;
    title: string;
    severity: Severity;
    source: (typeof SOURCES)[number];
    count: number;
  }>;
  retries: Record<RetryResult, number>;
  votes: { up: number; down: number };
  unknown: { total: number; top: Array<{ label: string; count: number }> };
}

export interface HealthSummary {
  team: string;
  at: string;
  last24h: WindowStats;
  last7d: WindowStats;
  /** Blockers of the last 7 days with no successful retry and no 👍, newest first. */
  unresolved: BlockerRecord[];
  /** Events not counted because a bound was reached. */
  dropped: number;
}

export interface HealthLogOptions {
  retentionDays: number;
  log: OnceLogger;
}

export class HealthLog {
  private readonly days: CoalescingWriter<DayRecord>;
  private readonly answers: CoalescingWriter<AnswerRecord>;
  private readonly retentionMs: number;

  constructor(
    store: SharedStore,
    readonly options: HealthLogOptions,
  ) {
    this.retentionMs = options.retentionDays * 86_400_000;
    this.days = new CoalescingWriter(store.namespace<DayRecord>(NAMESPACES.health), store, {
      name: NAMESPACES.health,
      schema: dayRecordSchema,
      ttlMs: this.retentionMs,
      log: options.log,
      // Every answer touches its workspace's day record (tens of KB once busy): one write a
      // second, not one per answer. Stopping flushes; a crash loses at most that second's counts.
      coalesceMs: DAY_RECORD_WRITE_INTERVAL_MS,
    });
    this.answers = new CoalescingWriter(store.namespace<AnswerRecord>(NAMESPACES.healthAnswers), store, {
      name: NAMESPACES.healthAnswers,
      schema: answerRecordSchema,
      ttlMs: this.retentionMs,
      log: options.log,
    });
  }

  private dayKey(team: string, day: string): string {
    return `${team}:${day}`;
  }

  answered(e: AnsweredEvent): void {
    const team = e.teamId ?? NO_TEAM;
    const day = dayOf(e.at);
    const hour = hourOf(e.at);
    const at = e.at.toISOString();
    this.days.update(this.dayKey(team, day), (current) => {
      const rec = current ?? emptyDay();
      const key = `${e.entryId}|${e.severity}|${e.source}`;
      const row = rec.diagnoses[key];
      if (row) row.hours = bump(row.hours, hour);
      else if (Object.keys(rec.diagnoses).length < LIMITS.diagnosisKeys)
        rec.diagnoses[key] = {
          entryId: e.entryId,
          title: e.title.slice(0, 150),
          severity: e.severity,
          source: e.source,
          hours: bump(undefined, hour),
        };
      else rec.dropped++;
      if (e.severity === 'blocker') {
        if (rec.blockers.length < LIMITS.blockers)
          rec.blockers.push({
            answerId: e.answerId,
            entryId: e.entryId,
            title: e.title.slice(0, 150),
            at,
            ...(e.channelId ? { channelId: e.channelId } : {}),
          });
        else rec.dropped++;
      }
      return rec;
    });
    this.answers.update(e.answerId, () => ({
      v: 1,
      team,
      day,
      at,
      entryId: e.entryId,
      title: e.title.slice(0, 150),
      severity: e.severity,
      source: e.source,
      fingerprint: e.fingerprint,
      ...(e.example ? { example: e.example } : {}),
      tried: [],
    }));
  }

  /** Errors the catalog did not know, counted by fingerprint and shown by a short label (the code). */
  unknown(input: { teamId: string | undefined; fingerprint: string; label: string; at: Date }): void {
    const hour = hourOf(input.at);
    this.days.update(this.dayKey(input.teamId ?? NO_TEAM, dayOf(input.at)), (current) => {
      const rec = current ?? emptyDay();
      const row = rec.unknown[input.fingerprint];
      if (row) row.hours = bump(row.hours, hour);
      else if (Object.keys(rec.unknown).length < LIMITS.unknownKeys)
        rec.unknown[input.fingerprint] = { label: input.label.slice(0, 120), hours: bump(undefined, hour) };
      else rec.dropped++;
      return rec;
    });
  }

  /** A retry or IAM check run on an answer: counted, added to the answer's trail, and a successful retry resolves its blocker. */
  async tried(answerId: string, action: TriedAction): Promise<void> {
    const known = await this.answer(answerId);
    const at = new Date(action.at);
    this.answers.update(answerId, (current) =>
      current ? { ...current, tried: [...current.tried, action].slice(-LIMITS.tried) } : current,
    );
    if (action.kind !== 'retry') return;
    const result = (RETRY_RESULTS as readonly string[]).includes(action.result)
      ? (action.result as RetryResult)
      : 'failed';
    // Counted on the day it ran, under the answer's workspace (unknown answers count as no workspace).
    this.days.update(this.dayKey(known?.team ?? NO_TEAM, dayOf(at)), (current) => {
      const rec = current ?? emptyDay();
      rec.retries[result] = bump(rec.retries[result], hourOf(at));
      return rec;
    });
    if (known && result === 'ok') this.resolve(known, answerId, 'retry', at);
  }

  async voted(input: {
    answerId: string;
    teamId: string | undefined;
    vote: 'up' | 'down';
    at: Date;
  }): Promise<AnswerRecord | undefined> {
    const known = await this.answer(input.answerId);
    this.days.update(this.dayKey(known?.team ?? input.teamId ?? NO_TEAM, dayOf(input.at)), (current) => {
      const rec = current ?? emptyDay();
      rec.votes[input.vote] = bump(rec.votes[input.vote], hourOf(input.at));
      return rec;
    });
    if (known && input.vote === 'up') this.resolve(known, input.answerId, 'thumbs-up', input.at);
    return known;
  }

  private resolve(known: AnswerRecord, answerId: string, how: 'retry' | 'thumbs-up', at: Date): void {
    if (known.severity !== 'blocker') return;
    this.days.update(this.dayKey(known.team, known.day), (current) => {
      if (!current) return current;
      const blocker = current.blockers.find((b) => b.answerId === answerId);
      if (blocker && !blocker.resolved) Object.assign(blocker, { resolved: how, resolvedAt: at.toISOString() });
      return current;
    });
  }

  async answer(answerId: string): Promise<AnswerRecord | undefined> {
    if (!/^[A-Za-z0-9_-]{8,64}$/.test(answerId)) return undefined;
    // The answer's own record may still be queued (a click right after the answer was posted).
    await this.answers.flush();
    return this.answers.read(answerId);
  }

  async summary(teamId: string | undefined, now: Date): Promise<HealthSummary> {
    const team = teamId ?? NO_TEAM;
    // Seven full days back from this hour touch eight calendar days.
    const days = Array.from({ length: 8 }, (_, i) => dayOf(new Date(now.getTime() - i * 86_400_000)));
    const records = await this.days.readMany(days.map((d) => this.dayKey(team, d)));
    const dayStart = now.getTime() - 24 * 3_600_000;
    const weekStart = now.getTime() - 7 * 24 * 3_600_000;
    const last24h = newStats();
    const last7d = newStats();
    const unresolved: BlockerRecord[] = [];
    let dropped = 0;
    records.forEach((rec, i) => {
      if (!rec) return;
      dropped += rec.dropped;
      const day = days[i]!;
      // An hour slot counts when any part of it falls inside the window.
      const inWindow = (hour: string, start: number) =>
        Date.parse(`${day}T${hour}:00:00.000Z`) + 3_600_000 > start &&
        Date.parse(`${day}T${hour}:00:00.000Z`) <= now.getTime();
      for (const [stats, start] of [
        [last24h, dayStart],
        [last7d, weekStart],
      ] as const) {
        const sum = (hours: Hours | undefined) =>
          Object.entries(hours ?? {}).reduce((n, [h, c]) => (inWindow(h, start) ? n + c : n), 0);
        for (const row of Object.values(rec.diagnoses)) {
          const count = sum(row.hours);
          if (count === 0) continue;
          stats.diagnoses += count;
          stats.bySeverity[row.severity] += count;
          const existing = stats.byError.find(
            (e) => e.entryId === row.entryId && e.severity === row.severity && e.source === row.source,
          );
          if (existing) existing.count += count;
          else
            stats.byError.push({
              entryId: row.entryId,
              title: row.title,
              severity: row.severity,
              source: row.source,
              count,
            });
        }
        for (const result of RETRY_RESULTS) stats.retries[result] += sum(rec.retries[result]);
        stats.votes.up += sum(rec.votes.up);
        stats.votes.down += sum(rec.votes.down);
        for (const row of Object.values(rec.unknown)) {
          const count = sum(row.hours);
          if (count === 0) continue;
          stats.unknown.total += count;
          const existing = stats.unknown.top.find((u) => u.label === row.label);
          if (existing) existing.count += count;
          else stats.unknown.top.push({ label: row.label, count });
        }
      }
      for (const b of rec.blockers) if (!b.resolved && Date.parse(b.at) > weekStart) unresolved.push(b);
    });
    for (const stats of [last24h, last7d]) {
      stats.byError.sort((a, b) => b.count - a.count || a.entryId.localeCompare(b.entryId));
      stats.unknown.top.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
    }
    unresolved.sort((a, b) => b.at.localeCompare(a.at));
    return { team, at: now.toISOString(), last24h, last7d, unresolved, dropped };
  }

  async flush(): Promise<void> {
    await Promise.all([this.days.flush(), this.answers.flush()]);
    // A flush of one writer can queue work on the other (a vote resolving a blocker).
    await Promise.all([this.days.flush(), this.answers.flush()]);
  }
}

function newStats(): WindowStats {
  return {
    diagnoses: 0,
    bySeverity: { blocker: 0, warning: 0, info: 0 },
    byError: [],
    retries: { ok: 0, partial: 0, failed: 0, 'nothing-to-send': 0 },
    votes: { up: 0, down: 0 },
    unknown: { total: 0, top: [] },
  };
}
