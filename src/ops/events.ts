import { performance } from 'node:perf_hooks';
import type { Logger } from 'pino';
import { Admission, DEFAULT_ADMISSION_LIMITS, type AdmissionLimits, type Lane, type StepAside } from './admission.js';
import { InFlight } from './inflight.js';
import { NO_METRICS, type AnswerSource, type EventKind, type MeterDocMetrics } from './metrics.js';

/**
 * One structured log line per event handled, and the in-flight set graceful shutdown waits on.
 *
 * Each Slack event (and each intake report) runs inside `Operations.run`, which hands the handler
 * an `EventRecord`: whatever the handler does deep down (deliver an answer, drop a duplicate, fail
 * a Slack call) notes it on the record it was given. The record is passed explicitly rather than
 * kept in AsyncLocalStorage, which on Node 20 and 22 installs a hook on every promise the process
 * makes (about 1.5 % of MeterDoc's busy CPU in a profile of `bench -- slack`; within the noise of
 * the bench's CPU per event). When the handler settles, the record becomes the log line
 * `{"msg":"event handled","kind":…,"entries":[…],"sources":[…],"latency_ms":…,"outcome":…}`.
 *
 * The line carries IDs (event, channel, user, action) and catalog entry IDs, never message text,
 * button values or tokens: those are what people paste and what grants access.
 */

/** Why an event ended without an answer, or how it ended; the default is derived from answers. */
export type Outcome =
  | 'answered'
  | 'handled'
  | 'not_an_error'
  | 'ignored'
  | 'duplicate'
  | 'expired'
  | 'malformed'
  | 'refused'
  | 'error'
  | 'shed';

export interface EventIds {
  event_id?: string;
  channel?: string;
  user?: string;
  /** action_id, view callback_id or the slash command. */
  action?: string;
  retry?: number;
  /** HTTP routes (the intake endpoint): the status the handler answered. */
  status?: number;
}

export class EventRecord {
  readonly entries: string[] = [];
  readonly sources = new Set<AnswerSource>();
  answers = 0;
  outcome: Outcome | undefined;
  slackErrors = 0;

  constructor(
    readonly kind: EventKind,
    readonly ids: EventIds,
    private readonly metrics: MeterDocMetrics,
  ) {}

  /** An answer reached Slack (or was handed to it): counted by source, its entry named in the log. */
  answered(answer: { entryId: string; source: AnswerSource }): void {
    this.answers++;
    this.entries.push(answer.entryId);
    this.sources.add(answer.source);
    this.metrics.answerPosted(answer.source, this.kind);
  }

  /** The first explicit outcome wins: a duplicate noted deep down is not overwritten by "handled". */
  ended(outcome: Outcome): void {
    this.outcome ??= outcome;
  }

  /**
   * Set while the event's listener work holds an admission slot: lets a wait that uses no CPU
   * (a post waiting for its channel's token) give the slot to the next paste meanwhile.
   */
  stepAside: StepAside | undefined;

  /** A Slack call made for this event failed (counted in the metrics too). */
  slackApiError(method: string, error: string): void {
    this.slackErrors++;
    this.metrics.slackApiError(method, error);
  }
}

export class Operations {
  readonly inflight: InFlight;
  /** Bounds the listener work in flight; passive pastes past it wait or are shed. */
  readonly admission: Admission;

  constructor(
    readonly metrics: MeterDocMetrics = NO_METRICS,
    private readonly logger?: Logger,
    limits: AdmissionLimits = DEFAULT_ADMISSION_LIMITS,
  ) {
    this.inflight = new InFlight((n) => metrics.inFlight(n));
    this.admission = new Admission(limits);
  }

  /**
   * Runs listener work through the admission gate. Returns undefined when a passive paste was shed:
   * then the shed is counted (`meterdoc_shed_total{reason}`), logged with the event's IDs, and
   * the event's outcome is `shed`.
   */
  async admit<T>(lane: Lane, work: () => Promise<T>, record?: EventRecord): Promise<{ value: T } | undefined> {
    const result = await this.admission.run(lane, async () => {
      const outer = record?.stepAside;
      if (record) record.stepAside = (waiting) => this.admission.stepAside(waiting);
      try {
        return await work();
      } finally {
        if (record) record.stepAside = outer;
      }
    });
    if ('value' in result) return result;
    const { reason, waitedMs, inFlight, queued } = result.shed;
    this.metrics.shed(reason);
    record?.ended('shed');
    this.logger?.warn(
      {
        ...(record ? { kind: record.kind, ...definedIds(record.ids) } : {}),
        reason,
        waited_ms: waitedMs,
        in_flight: inFlight,
        queued,
      },
      'passive paste shed: over capacity',
    );
    return undefined;
  }

  /** Runs `work` as one handled event: tracked for shutdown, timed, logged once, errors rethrown. */
  run<T>(kind: EventKind, ids: EventIds, work: (record: EventRecord) => Promise<T>): Promise<T> {
    const record = new EventRecord(kind, ids, this.metrics);
    const started = performance.now();
    return this.inflight.track(async () => {
      try {
        return await work(record);
      } catch (err) {
        record.ended('error');
        throw err;
      } finally {
        this.finish(record, performance.now() - started);
      }
    }, kind);
  }

  private finish(record: EventRecord, ms: number): void {
    const outcome = record.outcome ?? (record.answers > 0 ? 'answered' : 'handled');
    this.metrics.eventHandled(record.kind, outcome, ms / 1000);
    if (!this.logger) return;
    this.logger.info(
      {
        kind: record.kind,
        ...definedIds(record.ids),
        entries: record.entries,
        sources: [...record.sources],
        answers: record.answers,
        ...(record.slackErrors > 0 ? { slack_errors: record.slackErrors } : {}),
        latency_ms: Math.round(ms * 10) / 10,
        outcome,
      },
      'event handled',
    );
  }
}

function definedIds(ids: EventIds): EventIds {
  return Object.fromEntries(Object.entries(ids).filter(([, v]) => v !== undefined));
}

/** What a Slack request body is, for the log line and metric labels. */
export function kindOfBody(body: unknown): { kind: EventKind; ids: EventIds } {
  const b = (body ?? {}) as Record<string, any>;
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  if (b.type === 'event_callback') {
    const e = (b.event ?? {}) as Record<string, unknown>;
    const kind: EventKind =
      e.type === 'message'
        ? 'message'
        : e.type === 'app_mention'
          ? 'mention'
          : e.type === 'app_home_opened'
            ? 'home'
            : 'other';
    return { kind, ids: { event_id: str(b.event_id), channel: str(e.channel), user: str(e.user) } };
  }
  if (typeof b.command === 'string')
    return { kind: 'command', ids: { action: b.command, channel: str(b.channel_id), user: str(b.user_id) } };
  const user = str(b.user?.id);
  if (b.type === 'block_actions')
    return {
      kind: 'action',
      ids: {
        action: str(b.actions?.[0]?.action_id),
        channel: str(b.channel?.id) ?? str(b.container?.channel_id),
        user,
      },
    };
  if (b.type === 'message_action' || b.type === 'shortcut')
    return { kind: 'shortcut', ids: { action: str(b.callback_id), channel: str(b.channel?.id), user } };
  if (b.type === 'view_submission' || b.type === 'view_closed')
    return { kind: 'view', ids: { action: str(b.view?.callback_id), user } };
  return { kind: 'other', ids: {} };
}
