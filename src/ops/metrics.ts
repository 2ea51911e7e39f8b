import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * What MeterDoc counts, as a small interface the pieces that count are given (the Slack services,
 * the AI fallback, the intake route). They never see prom-client, so the core stays free of it
 * and a test or the CLI can pass `NO_METRICS`.
 */

/** Every kind of thing MeterDoc handles; the `kind` of event log lines and metric labels. */
export type EventKind =
  | 'message'
  | 'mention'
  | 'command'
  | 'shortcut'
  | 'action'
  | 'view'
  | 'home'
  | 'intake'
  | 'other';

export type AnswerSource = 'catalog' | 'llm' | 'cache';

export interface AiMetrics {
  aiCacheHit(): void;
  bedrockCall(): void;
  bedrockError(kind: string): void;
}

export interface MeterDocMetrics extends AiMetrics {
  answerPosted(source: AnswerSource, kind: EventKind): void;
  /** A redelivered event (same event_id) or a message another surface/replica already answers. */
  duplicateDropped(reason: 'event_id' | 'message'): void;
  /** From the request's arrival until its HTTP response (the ack) was written. */
  ackObserved(kind: EventKind, seconds: number): void;
  eventHandled(kind: EventKind, outcome: string, seconds: number): void;
  slackApiError(method: string, error: string): void;
  inFlight(count: number): void;
  /** A passive paste dropped unanswered because the process was over capacity (see ops/admission.ts). */
  shed(reason: string): void;
}

const noop = (): void => undefined;
export const NO_METRICS: MeterDocMetrics = {
  aiCacheHit: noop,
  bedrockCall: noop,
  bedrockError: noop,
  answerPosted: noop,
  duplicateDropped: noop,
  ackObserved: noop,
  eventHandled: noop,
  slackApiError: noop,
  inFlight: noop,
  shed: noop,
};

/** The metric names /metrics exposes (kept here so docs and tests name them once). */
export const METRIC_NAMES = {
  answers: 'meterdoc_answers_total',
  aiCacheHits: 'meterdoc_ai_cache_hits_total',
  bedrockCalls: 'meterdoc_bedrock_calls_total',
  bedrockErrors: 'meterdoc_bedrock_errors_total',
  duplicates: 'meterdoc_duplicate_deliveries_dropped_total',
  ackSeconds: 'meterdoc_ack_duration_seconds',
  events: 'meterdoc_events_handled_total',
  eventSeconds: 'meterdoc_event_duration_seconds',
  slackApiErrors: 'meterdoc_slack_api_errors_total',
  inFlight: 'meterdoc_in_flight_handlers',
  shed: 'meterdoc_shed_total',
} as const;

/**
 * Prometheus metrics on a registry of their own (not prom-client's global one), so several apps in
 * one process (tests, the bench) never share or clash over counters.
 */
export class PrometheusMetrics implements MeterDocMetrics {
  readonly registry = new Registry();
  private readonly answers = new Counter({
    name: METRIC_NAMES.answers,
    help: 'Answers posted to Slack, by where the diagnosis came from.',
    labelNames: ['source', 'kind'] as const,
    registers: [this.registry],
  });
  private readonly cacheHits = new Counter({
    name: METRIC_NAMES.aiCacheHits,
    help: 'AI answers served from the shared cache instead of a Bedrock call.',
    registers: [this.registry],
  });
  private readonly bedrockCalls = new Counter({
    name: METRIC_NAMES.bedrockCalls,
    help: 'Bedrock Converse calls made.',
    registers: [this.registry],
  });
  private readonly bedrockErrors = new Counter({
    name: METRIC_NAMES.bedrockErrors,
    help: 'AI fallbacks that ended without an AI answer, by failure kind.',
    labelNames: ['kind'] as const,
    registers: [this.registry],
  });
  private readonly duplicates = new Counter({
    name: METRIC_NAMES.duplicates,
    help: 'Deliveries dropped because they were already handled.',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });
  // Slack's deadline is 3 s; the buckets are dense below 100 ms where the goal is.
  private readonly ack = new Histogram({
    name: METRIC_NAMES.ackSeconds,
    help: 'Time from a Slack request arriving until its HTTP response (the ack) was written.',
    labelNames: ['kind'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 3],
    registers: [this.registry],
  });
  private readonly events = new Counter({
    name: METRIC_NAMES.events,
    help: 'Events handled, by kind and outcome.',
    labelNames: ['kind', 'outcome'] as const,
    registers: [this.registry],
  });
  private readonly eventSeconds = new Histogram({
    name: METRIC_NAMES.eventSeconds,
    help: 'Time to handle an event completely (diagnosis, AI fallback and posts).',
    labelNames: ['kind'] as const,
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  });
  private readonly slackErrors = new Counter({
    name: METRIC_NAMES.slackApiErrors,
    help: 'Slack Web API calls that failed, by method and Slack error.',
    labelNames: ['method', 'error'] as const,
    registers: [this.registry],
  });
  private readonly inflight = new Gauge({
    name: METRIC_NAMES.inFlight,
    help: 'Slack events and intake reports being handled right now.',
    registers: [this.registry],
  });
  private readonly shedTotal = new Counter({
    name: METRIC_NAMES.shed,
    help: 'Passive channel pastes left unanswered because the process was over capacity, by reason.',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  aiCacheHit(): void {
    this.cacheHits.inc();
  }
  bedrockCall(): void {
    this.bedrockCalls.inc();
  }
  bedrockError(kind: string): void {
    this.bedrockErrors.inc({ kind });
  }
  answerPosted(source: AnswerSource, kind: EventKind): void {
    this.answers.inc({ source, kind });
  }
  duplicateDropped(reason: 'event_id' | 'message'): void {
    this.duplicates.inc({ reason });
  }
  ackObserved(kind: EventKind, seconds: number): void {
    this.ack.observe({ kind }, seconds);
  }
  eventHandled(kind: EventKind, outcome: string, seconds: number): void {
    this.events.inc({ kind, outcome });
    this.eventSeconds.observe({ kind }, seconds);
  }
  slackApiError(method: string, error: string): void {
    // Slack's error strings are a closed, short vocabulary; anything odd is folded so a label can't explode.
    this.slackErrors.inc({ method, error: /^[a-z_]{1,40}$/.test(error) ? error : 'other' });
  }
  inFlight(count: number): void {
    this.inflight.set(count);
  }
  shed(reason: string): void {
    this.shedTotal.inc({ reason });
  }

  /** The Prometheus text exposition of every metric. */
  text(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
