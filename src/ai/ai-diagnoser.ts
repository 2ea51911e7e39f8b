import { createHash } from 'node:crypto';
import {
  ConverseCommand,
  type BedrockRuntimeClient,
  type ConverseCommandOutput,
} from '@aws-sdk/client-bedrock-runtime';
import type Keyv from 'keyv';
import { z } from 'zod';
import { isAccessDeniedError } from '../aws/error-classification.js';
import type { Catalog } from '../core/catalog/catalog.js';
import type { Area, CatalogEntry } from '../core/catalog/schema.js';
import { answerFromEntry, factsList, type Answer } from '../core/answer/answer.js';
import { DEFAULT_ERROR_THRESHOLD, type Diagnosis, type Finding, type UnmatchedError } from '../core/diagnose.js';
import { errorIdentity } from '../core/fingerprint.js';
import { nearestEntries, type NearestEntry } from '../core/match/nearest.js';
import { FORMAT_EVIDENCE } from '../core/match/rank.js';
import { Redactor, redactDeep, restoreDeep } from '../redact/redact.js';
import { bounded } from '../ops/deadline.js';
import type { AiMetrics } from '../ops/metrics.js';
import type { SharedStore } from '../store/store.js';
import type { AiConfig } from './settings.js';
import { describeBedrockError, type AiFailure } from './bedrock-errors.js';
import {
  checkToolInput,
  converseInput,
  diagnosisToolInputSchema,
  PROMPT_VERSION,
  promptFacts,
  TOOL_NAME,
  type DiagnosisToolInput,
  type PromptInput,
} from './prompt.js';
import { CLAIMS, COUNTERS, NAMESPACES } from '../store/keys.js';
import { excerptAround } from '../core/text/excerpt.js';

/** pino-compatible; receives counts, IDs and fingerprints, never paste text. */
export interface AiLogger {
  info(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
}

const silent: AiLogger = { info: () => undefined, warn: () => undefined };

export interface AiDiagnoserOptions {
  catalog: Catalog;
  store: SharedStore;
  config: AiConfig & { modelId: string };
  client: Pick<BedrockRuntimeClient, 'send'>;
  log?: AiLogger;
  now?: () => number;
  /** How often a replica that lost the claim looks for the winner's answer, ms. */
  pollMs?: number;
  /** Upper bound on one cache/claim round trip; the store is best-effort, ms. */
  storeTimeoutMs?: number;
  /** How long a failure is remembered so concurrent and repeated pastes do not hammer Bedrock, ms. */
  failureTtlMs?: number;
  /** Where cache hits, Bedrock calls and Bedrock errors are counted (the app's /metrics). */
  metrics?: AiMetrics;
}

export interface AiInput {
  paste: string;
  diagnosis: Diagnosis;
}

export type AiOutcome = 'llm' | 'cache' | 'fallback';

/** What happened to one unknown error. */
export interface AiItemResult {
  error: UnmatchedError;
  outcome: AiOutcome;
  /** The AI answer, or the nearest catalog entry when the AI could not answer (absent if none is near). */
  answer?: Answer;
  finding?: Finding;
  /** Set when outcome is 'fallback': the one-line reason. */
  failure?: AiFailure;
  isMeteringRelated?: boolean;
  nearest: NearestEntry[];
  /** Short hash of the redacted, normalised error: the same for a repeat with a new request ID. */
  fingerprint: string;
}

export interface AiResult {
  /** One per answered unknown error, in the order of `items`; what the CLI and Slack show. */
  answers: Answer[];
  /** The same answers as findings (source llm/cache, or catalog for nearest-entry fallbacks), for JSON. */
  findings: Finding[];
  items: AiItemResult[];
  /** One line when any error could not get an AI answer. */
  note?: string;
}

export interface AiStats {
  bedrockCalls: number;
  cacheHits: number;
  joinedInFlight: number;
  failures: number;
  inputTokens: number;
  outputTokens: number;
}

/** Cached value: the redacted tool output (placeholders, never real values). */
const cachedSchema = z.object({
  v: z.literal(1),
  output: diagnosisToolInputSchema,
  modelId: z.string(),
  at: z.number(),
});
type Cached = z.infer<typeof cachedSchema>;
const failureSchema = z.object({ kind: z.string(), reason: z.string() });

type Resolved = { ok: true; output: DiagnosisToolInput; from: 'llm' | 'cache' } | { ok: false; failure: AiFailure };

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface AiTarget {
  error: UnmatchedError;
  /** Catalog entries the core already proposed (weakly), to ground the prompt first. */
  candidates: NearestEntry[];
}

function aiTargets({ paste, diagnosis }: AiInput): AiTarget[] {
  if (diagnosis.unmatched.length > 0) return diagnosis.unmatched.map((error) => ({ error, candidates: [] }));
  if (diagnosis.refusal) return [];
  if (diagnosis.findings.some((f) => f.confidence >= DEFAULT_ERROR_THRESHOLD)) return [];
  if (diagnosis.findings.length > 0) {
    return diagnosis.findings.map((f) => ({
      error: {
        facts: f.facts,
        occurrences: f.occurrences,
        excerpt: excerptAround(paste, f.facts.code ?? f.facts.message),
        ...(f.related ? { related: f.related } : {}),
      },
      candidates: [f.entry, ...f.alternatives].map((entry, i) => ({
        entry,
        similarity: i === 0 ? f.confidence : Math.max(0, f.confidence - 0.1),
      })),
    }));
  }
  return paste.trim()
    ? [{ error: { facts: {}, occurrences: 1, excerpt: excerptAround(paste, undefined) }, candidates: [] }]
    : [];
}

/** The entries closest to an error: the core's related entries when it computed them, else the nearest now. */
function nearestOf(catalog: Catalog, error: UnmatchedError): NearestEntry[] {
  if (error.related) return error.related.map((r) => ({ entry: r.entry, similarity: r.similarity }));
  return nearestEntries(catalog, error.facts, error.excerpt, 3);
}

/** Facts that identify a customer or account even where no pattern recognises them in prose. */
function rememberSensitiveFacts(facts: UnmatchedError['facts'], redactor: Redactor): void {
  if (facts.customerIdentifier) redactor.remember('CUSTOMER', facts.customerIdentifier);
  for (const account of [facts.customerAwsAccountId, facts.accountId])
    if (account) redactor.remember('ACCOUNT', account);
}

/**
 * Answers errors the catalog does not know with Claude on Amazon Bedrock.
 *
 * Per unknown error: redact → fingerprint → cache → single flight (in-process Map of promises,
 * then `store.claim` across replicas with a short poll of the cache) → cost guard → Converse with
 * the `record_diagnosis` tool → zod validation (one retry) → cache the redacted answer → restore
 * real values for this user. Any failure yields the nearest catalog entry and a one-line reason.
 * Never throws for Bedrock or store trouble.
 */
export class AiDiagnoser {
  readonly modelId: string;
  /**
   * The longest one answer may take: a Bedrock call, one retry after an invalid reply, and some
   * slack for the store. A replica waiting on another's claim waits this long too.
   */
  readonly budgetMs: number;
  readonly stats: AiStats = {
    bedrockCalls: 0,
    cacheHits: 0,
    joinedInFlight: 0,
    failures: 0,
    inputTokens: 0,
    outputTokens: 0,
  };
  private readonly inflight = new Map<string, Promise<Resolved>>();
  private readonly cache: Keyv<Cached>;
  private readonly failures: Keyv<AiFailure>;
  private readonly log: AiLogger;
  private readonly now: () => number;
  private readonly pollMs: number;
  private readonly storeTimeoutMs: number;
  private readonly failureTtlMs: number;

  constructor(private readonly options: AiDiagnoserOptions) {
    this.modelId = options.config.modelId;
    this.budgetMs = options.config.timeoutMs * 2 + 5_000;
    this.cache = options.store.namespace<Cached>(NAMESPACES.aiAnswers, options.config.cacheTtlMs);
    this.failures = options.store.namespace<AiFailure>(NAMESPACES.aiFailures, 30_000);
    this.log = options.log ?? silent;
    this.now = options.now ?? Date.now;
    this.pollMs = options.pollMs ?? 150;
    this.storeTimeoutMs = options.storeTimeoutMs ?? 1500;
    this.failureTtlMs = options.failureTtlMs ?? 30_000;
  }

  /**
   * Answers the paste's unknown errors. With none, the catalog was unsure (someone asked
   * explicitly and no finding reached the threshold): its weak findings are asked about instead,
   * with the catalog's own candidates first in the grounding; with no finding at all, the paste itself.
   */
  async diagnoseUnknown(input: AiInput): Promise<AiResult> {
    const targets = aiTargets(input);
    const max = this.options.config.maxErrorsPerPaste;
    const items = await Promise.all(
      targets.map(({ error, candidates }, i) =>
        i < max
          ? this.resolveError(error, candidates)
          : Promise.resolve(
              this.fallback(
                error,
                {
                  kind: 'cap',
                  reason: `only the first ${max} unknown errors of a paste go to the AI (METERDOC_AI_MAX_ERRORS_PER_PASTE).`,
                },
                this.fingerprintOf(error, new Redactor()).fingerprint,
              ),
            ),
      ),
    );
    const answered = items.filter(
      (it): it is AiItemResult & { answer: Answer; finding: Finding } =>
        it.answer !== undefined && it.finding !== undefined,
    );
    const reasons = [...new Set(items.flatMap((it) => (it.failure ? [it.failure.reason] : [])))];
    const note =
      reasons.length > 0
        ? `AI answer unavailable: ${reasons.join(' ')}${answered.some((a) => a.outcome === 'fallback') ? ' Showing the nearest catalog entries instead.' : ''}`
        : undefined;
    return {
      answers: answered.map((a) => a.answer),
      findings: answered.map((a) => a.finding),
      items,
      ...(note ? { note } : {}),
    };
  }

  /**
   * The same answers as `diagnoseUnknown` when the cache holds every one (no Bedrock call, no
   * claim, no budget spent); undefined when any error of the paste would need the model.
   */
  async diagnoseCached(input: AiInput): Promise<AiResult | undefined> {
    const targets = aiTargets(input);
    if (targets.length === 0 || targets.length > this.options.config.maxErrorsPerPaste) return undefined;
    const items = await Promise.all(
      targets.map(({ error, candidates }) => this.resolveError(error, candidates, { cacheOnly: true })),
    );
    if (items.some((it) => it === undefined)) return undefined;
    const answered = (items as AiItemResult[]).filter(
      (it): it is AiItemResult & { answer: Answer; finding: Finding } =>
        it.answer !== undefined && it.finding !== undefined,
    );
    return {
      answers: answered.map((a) => a.answer),
      findings: answered.map((a) => a.finding),
      items: items as AiItemResult[],
    };
  }

  private nearestFor(error: UnmatchedError, candidates: NearestEntry[]): NearestEntry[] {
    const similar = nearestOf(this.options.catalog, error);
    return [...candidates, ...similar.filter((n) => !candidates.some((c) => c.entry.id === n.entry.id))].slice(0, 3);
  }

  private fingerprintOf(
    error: UnmatchedError,
    redactor: Redactor,
  ): { prompt: Omit<PromptInput, 'nearest'>; fingerprint: string; key: string } {
    rememberSensitiveFacts(error.facts, redactor);
    const facts = redactDeep(promptFacts(error.facts), redactor);
    const excerpt = redactor.redact(error.excerpt);
    const fingerprint = sha(errorIdentity(facts, excerpt)).slice(0, 24);
    const { catalog } = this.options;
    const key = sha(`${fingerprint}|${this.modelId}|${PROMPT_VERSION}|${catalog.version}`).slice(0, 40);
    return { prompt: { facts, excerpt, occurrences: error.occurrences }, fingerprint, key };
  }

  private resolveError(error: UnmatchedError, candidates: NearestEntry[]): Promise<AiItemResult>;
  private resolveError(
    error: UnmatchedError,
    candidates: NearestEntry[],
    options: { cacheOnly: true },
  ): Promise<AiItemResult | undefined>;
  private async resolveError(
    error: UnmatchedError,
    candidates: NearestEntry[],
    options: { cacheOnly?: boolean } = {},
  ): Promise<AiItemResult | undefined> {
    const redactor = new Redactor();
    const { prompt, fingerprint, key } = this.fingerprintOf(error, redactor);
    const nearest = this.nearestFor(error, candidates);
    const promptInput: PromptInput = { ...prompt, nearest };

    let resolved: Resolved;
    if (options.cacheOnly) {
      const known = await this.lookup(key, { answersOnly: true });
      if (!known?.ok) return undefined;
      resolved = known;
    } else {
      let pending = this.inflight.get(key);
      if (pending) this.stats.joinedInFlight++;
      else {
        pending = this.resolveShared(key, fingerprint, promptInput, redactor).finally(() => this.inflight.delete(key));
        this.inflight.set(key, pending);
      }
      resolved = await pending;
    }
    if (!resolved.ok) return this.fallback(error, resolved.failure, fingerprint, nearest);

    const output = restoreDeep(resolved.output, redactor);
    const answer = this.answerFrom(output, error, resolved.from, fingerprint);
    return {
      error,
      outcome: resolved.from,
      answer,
      finding: this.findingFrom(output, error, resolved.from, fingerprint, nearest),
      isMeteringRelated: output.isMeteringRelated,
      nearest,
      fingerprint,
    };
  }

  /** Cache, then a claim across replicas; the claim loser polls the cache for the winner's answer. */
  private async resolveShared(
    key: string,
    fingerprint: string,
    prompt: PromptInput,
    redactor: Redactor,
  ): Promise<Resolved> {
    const known = await this.lookup(key);
    if (known) return known;

    const claimKey = CLAIMS.aiAnswer(key);
    const claimTtl = this.budgetMs;
    const waitUntil = this.now() + claimTtl;
    let claimed = await bounded(this.options.store.claim(claimKey, claimTtl), this.storeTimeoutMs, true);
    while (!claimed) {
      await sleep(this.pollMs);
      const found = await this.lookup(key);
      if (found) return found;
      // The winner released without an answer (or vanished): take over rather than wait forever.
      claimed =
        this.now() > waitUntil ||
        (await bounded(this.options.store.claim(claimKey, claimTtl), this.storeTimeoutMs, true));
    }
    try {
      // Another replica may have finished between our first look and our claim.
      const late = await this.lookup(key);
      if (late) return late;
      const called = await this.callBedrock(prompt, fingerprint);
      // The model saw only placeholders, but whatever it wrote is redacted again before it is
      // cached (with the same redactor, so its numbering stays consistent with the prompt's).
      const result: Resolved = called.ok ? { ...called, output: redactDeep(called.output, redactor) } : called;
      if (result.ok) {
        const value: Cached = { v: 1, output: result.output, modelId: this.modelId, at: this.now() };
        await bounded(this.cache.set(key, value), this.storeTimeoutMs, false);
      } else if (result.failure.kind !== 'cap') {
        await bounded(this.failures.set(key, result.failure, this.failureTtlMs), this.storeTimeoutMs, false);
      }
      return result;
    } finally {
      await bounded(this.options.store.release(claimKey), this.storeTimeoutMs, undefined);
    }
  }

  private async lookup(key: string, options: { answersOnly?: boolean } = {}): Promise<Resolved | undefined> {
    const raw = await bounded(this.cache.get(key), this.storeTimeoutMs, undefined);
    if (raw !== undefined) {
      // The cache is shared and outlives deployments: check what comes out of it like any input.
      const parsed = cachedSchema.safeParse(raw);
      if (parsed.success) {
        this.stats.cacheHits++;
        this.options.metrics?.aiCacheHit();
        return { ok: true, output: parsed.data.output, from: 'cache' };
      }
    }
    if (options.answersOnly) return undefined;
    const failed = failureSchema.safeParse(await bounded(this.failures.get(key), this.storeTimeoutMs, undefined));
    if (failed.success) return { ok: false, failure: failed.data as AiFailure };
    return undefined;
  }

  /** The cost guard: one call counted against the hourly cap shared by every replica. */
  private async takeBudget(): Promise<AiFailure | undefined> {
    const cap = this.options.config.maxCallsPerHour;
    if (cap === 0)
      return {
        kind: 'cap',
        reason: 'AI calls are switched off (METERDOC_AI_MAX_CALLS_PER_HOUR=0); answered from the catalog.',
      };
    const hour = Math.floor(this.now() / 3_600_000);
    const used = await bounded(this.options.store.increment(COUNTERS.aiCalls(hour), 3_600_000), this.storeTimeoutMs, 1);
    if (used > cap)
      return {
        kind: 'cap',
        reason: `the hourly cap of ${cap} Bedrock calls (METERDOC_AI_MAX_CALLS_PER_HOUR) is reached; answered from the catalog.`,
      };
    return undefined;
  }

  private async callBedrock(prompt: PromptInput, fingerprint: string): Promise<Resolved> {
    const { config } = this.options;
    const ctx = {
      modelId: this.modelId,
      timeoutMs: config.timeoutMs,
      ...(config.region ? { region: config.region } : {}),
    };
    let issue: string | undefined;
    for (let attempt = 0; attempt < 2; attempt++) {
      const overCap = await this.takeBudget();
      if (overCap) return this.failed(overCap, fingerprint);
      const started = this.now();
      let response: ConverseCommandOutput;
      try {
        this.stats.bedrockCalls++;
        this.options.metrics?.bedrockCall();
        response = await this.options.client.send(new ConverseCommand(converseInput(this.modelId, prompt, issue)), {
          abortSignal: AbortSignal.timeout(config.timeoutMs),
        });
      } catch (err) {
        return this.failed(describeBedrockError(err, ctx), fingerprint);
      }
      this.stats.inputTokens += response.usage?.inputTokens ?? 0;
      this.stats.outputTokens += response.usage?.outputTokens ?? 0;
      const stop = response.stopReason;
      this.log.info(
        {
          fingerprint,
          model: this.modelId,
          attempt,
          stopReason: stop,
          inputTokens: response.usage?.inputTokens,
          outputTokens: response.usage?.outputTokens,
          ms: this.now() - started,
        },
        'bedrock converse',
      );
      if (stop === 'guardrail_intervened' || stop === 'content_filtered') {
        return this.failed({ kind: 'blocked', reason: `Bedrock withheld the reply (${stop}).` }, fingerprint);
      }
      const toolUse = response.output?.message?.content?.find((b) => b.toolUse?.name === TOOL_NAME)?.toolUse;
      if (!toolUse) {
        issue =
          stop === 'max_tokens'
            ? 'the reply was cut off at max_tokens'
            : `no ${TOOL_NAME} tool call (stop reason ${stop ?? 'none'})`;
        continue;
      }
      const checked = checkToolInput(toolUse.input);
      if (checked.ok) return { ok: true, output: checked.value, from: 'llm' };
      issue = checked.issue;
    }
    return this.failed(
      {
        kind: 'invalid-output',
        reason: `Claude's reply did not fit the diagnosis format twice (${issue ?? 'unknown problem'}).`,
      },
      fingerprint,
    );
  }

  private failed(failure: AiFailure, fingerprint: string): Resolved {
    this.stats.failures++;
    // The cost guard refusing is not a Bedrock error: no call was made.
    if (failure.kind !== 'cap') this.options.metrics?.bedrockError(failure.kind);
    this.log.warn({ fingerprint, model: this.modelId, failure: failure.kind }, failure.reason);
    return { ok: false, failure };
  }

  /** The nearest catalog entry, plainly marked as not a confirmed match, plus the reason. */
  private fallback(
    error: UnmatchedError,
    failure: AiFailure,
    fingerprint: string,
    nearest = nearestOf(this.options.catalog, error),
  ): AiItemResult {
    const best = nearest[0];
    if (!best) return { error, outcome: 'fallback', failure, nearest, fingerprint };
    const meta = {
      source: 'catalog' as const,
      confidence: Math.round(Math.min(0.4, best.similarity * 0.5) * 100) / 100,
      occurrences: error.occurrences,
    };
    const base = answerFromEntry(best.entry, error.facts, meta);
    const caveat = `Closest catalog entry to ${error.facts.code ?? 'this error'}, not a confirmed match.`;
    // A guessed match must not offer a billing action (retry): at most the read-only IAM check.
    const answer: Answer = {
      ...base,
      actions: base.actions.filter((a) => a === 'iam-check'),
      correction: base.correction ? `${caveat}\n${base.correction}` : caveat,
    };
    const finding: Finding = {
      entry: best.entry,
      ...meta,
      evidence: FORMAT_EVIDENCE,
      facts: error.facts,
      alternatives: nearest.slice(1).map((n) => n.entry),
    };
    return { error, outcome: 'fallback', answer, finding, failure, nearest, fingerprint };
  }

  private answerFrom(
    output: DiagnosisToolInput,
    error: UnmatchedError,
    source: 'llm' | 'cache',
    fingerprint: string,
  ): Answer {
    const permission = isAccessDeniedError(error.facts.code) || error.facts.action !== undefined;
    // That it is an AI answer is said once, by whatever shows it (the Slack header line, the CLI's source line).
    const caveats = output.isMeteringRelated
      ? []
      : ['Claude judged this not to be a metering, billing or credentials error.'];
    return {
      entryId: `ai-${fingerprint.slice(0, 12)}`,
      title: output.title,
      area: output.area === 'other' ? 'unknown' : output.area,
      severity: output.severity,
      retryable: output.retryable,
      source,
      confidence: output.confidence,
      occurrences: error.occurrences,
      facts: factsList(error.facts),
      what: output.what,
      why: output.why,
      fix: output.fix,
      docs: [],
      // An LLM never decides that a billing action runs: at most the read-only IAM check.
      actions: permission ? ['iam-check'] : [],
      ...(caveats.length > 0 ? { correction: caveats.join(' ') } : {}),
    };
  }

  private findingFrom(
    output: DiagnosisToolInput,
    error: UnmatchedError,
    source: 'llm' | 'cache',
    fingerprint: string,
    nearest: NearestEntry[],
  ): Finding {
    const code = error.facts.code && /^[A-Za-z][A-Za-z0-9_.]*$/.test(error.facts.code) ? [error.facts.code] : [];
    const entry: CatalogEntry = {
      id: `ai-${fingerprint.slice(0, 12)}`,
      title: output.title,
      // The JSON contract's area is a string; "unknown" is what Answer uses for the same case.
      area: (output.area === 'other' ? 'unknown' : output.area) as Area,
      services: [error.facts.service ?? '*'],
      match: {
        codes: code,
        operations: error.facts.operation ? [error.facts.operation] : [],
        messages: [],
        iamActions: [],
        hosts: [],
        owns: [],
        wrappers: [],
        sharedCodes: [],
      },
      severity: output.severity,
      retryable: output.retryable,
      what: output.what,
      why: output.why,
      fix: output.fix,
      policyActions: [],
      docs: [],
      actions: isAccessDeniedError(error.facts.code) || error.facts.action !== undefined ? ['iam-check'] : [],
      examples: [],
      counterexamples: [],
    };
    return {
      entry,
      source,
      confidence: output.confidence,
      evidence: FORMAT_EVIDENCE,
      facts: error.facts,
      occurrences: error.occurrences,
      alternatives: nearest.map((n) => n.entry),
    };
  }
}
