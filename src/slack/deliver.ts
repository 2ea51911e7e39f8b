import {
  answerFromEntry,
  answerFromFinding,
  DEFAULT_ERROR_THRESHOLD,
  diagnose,
  entriesForLookup,
  isGuess,
  namedCodeQuestion,
  recordsDeadline,
  type Answer,
  type Diagnosis,
  type Facts,
  type Finding,
  type PastedUsageBatch,
  type RelatedCatalogEntry,
  type UnmatchedError,
} from '../core/index.js';
import type { EventRecord } from '../ops/events.js';
import type { PostedAnswer } from '../health/index.js';
import type { AiFallback, AiFallbackResult } from './ai.js';
import type { StoredAnswer, Surface } from './answer-store.js';
import type { WatchPlace } from '../watch/index.js';
import { ACTION_IDS } from './buttons/ids.js';
import { answerButtons, offersRetry, renderAnswer, type SlackMessage } from './blocks/answer.js';
import {
  renderAiUnavailable,
  renderNothingFound,
  renderOverview,
  renderPlaceholder,
  renderUnknownError,
  truncationNotice,
  type OverviewLine,
} from './blocks/diagnosis.js';
import { relatedEntries, unknownErrorAnswer } from './unknown.js';
import type { PostedRef, ReplyTarget } from './reply.js';
import type { SlackServices } from './services.js';
import { withTimeout } from '../ops/deadline.js';
import { NAMESPACES } from '../store/keys.js';

/**
 * The one path from a paste to answers in Slack, shared by every surface:
 * diagnose → decide what to say → store button payloads → post (→ AI placeholder → update).
 *
 * Passive (a message in a channel): only when the core says the paste is an error, and only the
 * confident findings. Explicit (mention, command, shortcut, DM): always answers, and says so
 * when nothing was recognised.
 *
 * MeterDoc's own threads: once MeterDoc has answered in a thread it remembers which errors it
 * answered there. A passive paste in that thread is answered only for errors not answered there
 * yet (someone pasting the next error after a fix gets an answer; someone quoting the same error
 * back, or the log it came from, does not get the same answer twice). Asking explicitly
 * (@MeterDoc, the shortcut) always answers.
 */

export interface DeliveryRequest {
  paste: string;
  mode: 'passive' | 'explicit';
  surface: Surface;
  target: ReplyTarget;
  teamId?: string | undefined;
  requestedBy?: string | undefined;
  pastedBy?: string | undefined;
  /**
   * Called once MeterDoc has decided to answer, before the first post; returning false drops the
   * answer. Messages use it to claim `channel:ts`, so a message that arrives both as `message` and
   * as `app_mention` is answered once, while a chat message never blocks the mention copy.
   */
  claim?: () => Promise<boolean>;
  /**
   * The answer starts its thread (a top-level message or mention answered in its own thread):
   * nothing can have been answered there yet, so the thread memory is not read.
   */
  newThread?: boolean;
  /** The paste's diagnosis when the caller already made it (a mention deciding whether to read its thread). */
  diagnosis?: Diagnosis | undefined;
  /** The handled event this answer belongs to: its outcome and answers go on the event's log line. */
  event?: EventRecord | undefined;
}

export interface DeliveryOutcome {
  /** Whether anything was posted. */
  answered: boolean;
  diagnosis: Diagnosis;
  /** Stored-answer IDs of the answers posted, in order. */
  answerIds: string[];
}

/** Words that make a text with no recognised error worth an AI answer when asked explicitly. */
const ERRORISH =
  /\b(?:error|exception|fail(?:ed|s|ure)?|denied|refused|rejected|invalid|unable|cannot|can't|timed?[ -]?out|throttl\w*|expired|unauthori[sz]ed|forbidden|not authori[sz]ed)\b/i;

function urgency(f: Finding): number {
  return f.entry.severity === 'blocker' || f.entry.retryable ? 0 : 1;
}
const THREAD_MEMORY_TTL_MS = 7 * 24 * 60 * 60 * 1000;

function unmatchedKey(u: UnmatchedError): string {
  return `unmatched:${u.facts.code ?? ''}|${u.facts.operation ?? ''}`;
}

/**
 * A finding too weak to answer with (the core's guess), as the error MeterDoc does not know that it
 * is: its entry and the next closest are offered as "might be related", never as the diagnosis.
 */
function guessAsUnknown(f: Finding): UnmatchedError {
  return {
    facts: f.facts,
    occurrences: f.occurrences,
    excerpt: f.excerpt ?? '',
    evidence: f.evidence,
    related: f.related ?? [],
  };
}

/** Why a guess is not answered, said after "No catalog entry fits this error." */
function guessReason(f: Finding): string {
  return `The closest entry fits only in part (confidence ${f.confidence.toFixed(2)}).`;
}

export async function deliverDiagnosis(services: SlackServices, request: DeliveryRequest): Promise<DeliveryOutcome> {
  const { catalog, answers, logger, ai, options } = services;
  const { target, mode } = request;
  const log = logger.child({ surface: request.surface, channel: target.channelId, thread_ts: target.threadTs });
  const diagnosis = request.diagnosis ?? diagnose(request.paste, catalog, { now: services.now() });
  const nothing: DeliveryOutcome = { answered: false, diagnosis, answerIds: [] };
  if (mode === 'passive' && !diagnosis.isError) {
    request.event?.ended('not_an_error');
    return nothing;
  }

  // Unprompted, only what is clearly an error, and not a network failure that may be anyone's.
  let findings =
    mode === 'passive'
      ? diagnosis.findings.filter((f) => f.evidence >= DEFAULT_ERROR_THRESHOLD && f.awsContext !== false)
      : diagnosis.findings;
  // Unprompted, an unknown error is taken up only when it is clearly an error in an AWS context.
  let unmatched =
    mode === 'passive'
      ? diagnosis.unmatched.filter((u) => (u.evidence ?? 1) >= DEFAULT_ERROR_THRESHOLD && u.awsContext !== false)
      : diagnosis.unmatched;
  if (mode === 'passive' && findings.length === 0 && unmatched.length === 0) {
    request.event?.ended('not_an_error');
    return nothing;
  }

  const threadKey =
    target.kind === 'thread' && target.channelId && target.threadTs
      ? `${target.channelId}:${target.threadTs}`
      : undefined;
  const threads = services.store.namespace<string[]>(NAMESPACES.threads, THREAD_MEMORY_TTL_MS);
  const recall = async (): Promise<string[]> =>
    threadKey && !request.newThread ? ((await threads.get(threadKey).catch(() => undefined)) ?? []) : [];
  // Only a passive paste is filtered by what the thread already got, so only it reads the memory
  // before answering; an explicit request reads it after posting, to add to it.
  const alreadyAnswered = new Set(mode === 'passive' ? await recall() : []);
  if (mode === 'passive' && alreadyAnswered.size > 0) {
    findings = findings.filter((f) => !alreadyAnswered.has(f.entry.id));
    unmatched = unmatched.filter((u) => !alreadyAnswered.has(unmatchedKey(u)));
    if (findings.length === 0 && unmatched.length === 0) {
      log.debug('errors already answered in this thread');
      request.event?.ended('duplicate');
      return nothing;
    }
  }

  if (request.claim && !(await request.claim())) {
    log.debug('another listener or replica is answering this message');
    services.ops.metrics.duplicateDropped('message');
    request.event?.ended('duplicate');
    return nothing;
  }

  const confident = findings.some((f) => f.confidence >= DEFAULT_ERROR_THRESHOLD);
  // The core's guesses are errors MeterDoc does not know: they get the unknown-error message.
  const guessed = findings.filter(isGuess);
  findings = findings.filter((f) => !isGuess(f));
  const guesses = guessed.map(guessAsUnknown);
  const now = services.now();
  const answerIds: string[] = [];
  const posted: PostedAnswer[] = [];
  /** Answers Slack took, with their message ts when there is one: the deadline watch follows these. */
  const postedTs = new Map<string, string | undefined>();
  const base = {
    teamId: request.teamId,
    channelId: target.channelId,
    threadTs: target.threadTs,
    requestedBy: request.requestedBy,
    pastedBy: request.pastedBy,
  };

  const stored = (answer: Answer, facts: Facts, extra: Partial<StoredAnswer> = {}): StoredAnswer => ({
    v: 1,
    answer,
    facts,
    ...(diagnosis.usageBatch ? { usageBatch: diagnosis.usageBatch } : {}),
    ...Object.fromEntries(Object.entries(base).filter(([, v]) => v !== undefined)),
    surface: request.surface,
    createdAt: now.toISOString(),
    ...extra,
  });
  const save = (answer: Answer, facts: Facts, extra: Partial<StoredAnswer> = {}): Promise<string> =>
    answers.save(stored(answer, facts, extra));

  // Stored once, after Slack took the message and with its ts: one signed write per answer, none
  // for a post that failed. A click in the instant between the two waits for the write (the button
  // router reads a fresh answer's payload again), and a failed write costs the buttons, not the answer.
  const postAnswer = async (
    answer: Answer,
    facts: Facts,
    extra: { position?: { index: number; total: number }; notice?: string; lookup?: boolean },
    replace?: PostedRef,
  ): Promise<void> => {
    const id = answers.newId();
    answerIds.push(id);
    posted.push({ id, answer, facts });
    const message = renderAnswer(answer, {
      answerId: id,
      shareable: target.kind === 'ephemeral',
      facts,
      usageBatch: diagnosis.usageBatch,
      now,
      ...extra,
    });
    let ts: string | undefined;
    if (replace) {
      await target.update(replace, message);
      request.event?.answered(answer);
      postedTs.set(id, replace.ts);
      ts = replace.ts;
    } else {
      const ref = await target.post(message);
      // Counted (metrics, event log) only when Slack took it: a failed post is not an answer.
      if (!ref) return;
      request.event?.answered(answer);
      postedTs.set(id, ref.ts);
      ts = ref.ts;
    }
    await answers
      .saveAs(
        id,
        stored(answer, facts, { ...(extra.lookup ? { lookup: true } : {}), ...(ts ? { messageTs: ts } : {}) }),
      )
      .catch((err: unknown) =>
        log.warn(
          { err: (err as Error).message, answer: id },
          'answer posted but not stored: its buttons will not work',
        ),
      );
  };

  /** An error nothing fits, framed as unknown, with the closest entries (the core's) one click away. */
  const postUnknown = async (
    error: UnmatchedError,
    reason: string,
    nearest: ReadonlyArray<Pick<RelatedCatalogEntry, 'entry'>>,
    replace?: PostedRef,
  ): Promise<void> => {
    const related = relatedEntries(nearest, error.facts);
    const unknownAnswer = unknownErrorAnswer(error, reason);
    const id = await save(unknownAnswer, error.facts, {
      related: related.map((r) => r.entry.id),
      unknown: { excerpt: error.excerpt, reason, occurrences: error.occurrences },
    });
    const message = renderUnknownError(error, { reason, related, answerId: id });
    if (replace) await target.update(replace, message);
    else await target.post(message);
  };

  // A question about a code the catalog knows ("how do I fix TimestampOutOfBoundsException?") is a
  // lookup: the catalog answers it, the AI is not asked, and it is no catalog gap.
  const asked = mode === 'explicit' ? namedCodeQuestion(request.paste, diagnosis, catalog) : undefined;
  if (asked) {
    const top = diagnosis.findings[0]!;
    const entry = top.facts.operation ? top.entry : (entriesForLookup(catalog, asked)[0] ?? top.entry);
    const facts: Facts = { code: asked, ...(top.facts.operation ? { operation: top.facts.operation } : {}) };
    await postAnswer(
      { ...answerFromEntry(entry, facts, { source: 'catalog', confidence: 1, occurrences: 1 }), facts: [] },
      facts,
      { lookup: true },
    );
    return { answered: true, diagnosis, answerIds };
  }

  // Without anything that reads as an error, an explicit ask is chat ("lunch at 12?"): nothing to send the AI.
  const errorish = findings.length > 0 || unmatched.length > 0 || guesses.length > 0 || ERRORISH.test(request.paste);
  const askAi =
    ai !== undefined && !diagnosis.refusal && (unmatched.length > 0 || (mode === 'explicit' && !confident && errorish));
  // The AI takes up the weak findings only when the paste holds no unknown error (it answers those first).
  const guessesToAi = askAi && diagnosis.unmatched.length === 0;

  if (findings.length === 0 && unmatched.length === 0 && guesses.length === 0 && !askAi) {
    if (mode === 'passive') return nothing;
    await target.post(renderNothingFound(diagnosis, { aiConfigured: ai !== undefined }));
    return { answered: true, diagnosis, answerIds: [] };
  }

  // Most urgent first: what blocks billing, then what a retry fixes; the core's order otherwise.
  const ordered = findings
    .map((f, i) => ({ f, i }))
    .sort((a, b) => urgency(a.f) - urgency(b.f) || a.i - b.i)
    .map(({ f }) => f);
  // A response_url takes five posts: leave room for the overview, the placeholder and the AI answer.
  const reserved = (askAi ? 2 : 0) + 1;
  const maxAnswers =
    target.maxPosts !== undefined
      ? Math.max(1, Math.min(options.maxAnswers, target.maxPosts - reserved))
      : options.maxAnswers;
  const shown = ordered.slice(0, maxAnswers);
  const rest = ordered.slice(maxAnswers);

  const unknowns = [...unmatched, ...guesses];
  if (ordered.length + unknowns.length > 1) {
    const lines: OverviewLine[] = [];
    for (const f of ordered) {
      const answer = answerFromFinding(f);
      const deadline = recordsDeadline(f.facts, diagnosis.usageBatch, now)?.resendBy;
      const answeredBelow = shown.includes(f);
      // An error that gets no full answer keeps its Retry button on its overview line.
      const retryAnswerId = !answeredBelow && offersRetry(answer) ? await save(answer, f.facts) : undefined;
      lines.push({ answer, deadline, answeredBelow, code: f.facts.code ?? f.entry.match.codes[0], retryAnswerId });
    }
    await target.post(renderOverview(lines, unknowns, { aiPending: askAi }));
  }

  const notice = truncationNotice(diagnosis);
  for (const [i, finding] of shown.entries()) {
    await postAnswer(answerFromFinding(finding), finding.facts, {
      ...(ordered.length > 1 ? { position: { index: i + 1, total: ordered.length } } : {}),
      ...(i === 0 && notice ? { notice } : {}),
    });
  }

  let unknownBudget = Math.max(1, maxAnswers - shown.length);
  if (unmatched.length > 0 && !askAi) {
    for (const error of unmatched.slice(0, unknownBudget)) {
      await postUnknown(error, 'No AI fallback is configured on this MeterDoc.', error.related ?? []);
      unknownBudget--;
    }
  }
  if (guesses.length > 0 && !guessesToAi) {
    const noAi = ai === undefined ? ' No AI fallback is configured on this MeterDoc.' : '';
    for (const [i, error] of guesses.slice(0, Math.max(0, unknownBudget)).entries())
      await postUnknown(error, `${guessReason(guessed[i]!)}${noAi}`, error.related ?? []);
  }

  let aiResult: AiFallbackResult | undefined;
  if (askAi && ai) {
    const input = { paste: request.paste, diagnosis };
    // An answer the AI cache already holds is posted straight away: no placeholder to post and edit.
    const cached = ai.diagnoseCached ? await cachedAiAnswers(ai, request.paste, diagnosis, log) : undefined;
    const placeholder = cached ? undefined : ((await target.post(renderPlaceholder())) ?? {});
    let result: AiFallbackResult;
    if (cached) result = cached;
    else {
      try {
        result = await withTimeout(ai.diagnoseUnknown(input), options.aiTimeoutMs);
      } catch (err) {
        log.error({ err: (err as Error).message }, 'AI fallback failed');
        result = { answers: [], note: 'the AI fallback failed; the error is logged.' };
      }
    }
    aiResult = result;
    let replace = placeholder;
    const take = () => {
      const r = replace;
      replace = undefined;
      return r;
    };
    const fallbacks = (result.items ?? []).filter((it) => it.outcome === 'fallback');
    const aiAnswers = result.answers.filter((a) => a.source !== 'catalog').slice(0, Math.max(1, maxAnswers));
    for (const [i, answer] of aiAnswers.entries()) {
      const item = result.items?.find((it) => it.answer === answer);
      const facts: Facts = item?.error.facts ?? unmatched[0]?.facts ?? shown[0]?.facts ?? {};
      await postAnswer(
        answer,
        facts,
        i === 0 && result.note && fallbacks.length === 0 ? { notice: result.note } : {},
        take(),
      );
    }
    const guessedFacts = new Set(guessed.map((f) => f.facts));
    if (fallbacks.length > 0) {
      for (const item of fallbacks.slice(0, Math.max(1, maxAnswers))) {
        const reason = `No AI answer: ${item.failure?.reason ?? 'the AI could not answer.'}`;
        // A possible match that went to the AI is not an unknown error: its answer above stays. A
        // guess is one, and so is an error the catalog did not recognise.
        if (unmatched.length > 0 || shown.length === 0 || guessedFacts.has(item.error.facts))
          await postUnknown(item.error, reason, item.error.related ?? item.nearest ?? [], take());
      }
    } else if (aiAnswers.length === 0 && (unmatched.length > 0 || guesses.length > 0 || shown.length === 0)) {
      const error = unmatched[0] ?? guesses[0] ?? { facts: {}, occurrences: 1, excerpt: request.paste.slice(0, 600) };
      const reason = result.note
        ? `No AI answer: ${result.note.replace(/^AI answer unavailable: /, '')}`
        : 'No AI answer could be made for this error.';
      await postUnknown(error, reason, error.related ?? diagnosis.verdict.related, take());
    }
    const left = take();
    if (left) await target.update(left, renderAiUnavailable(result.note));
  }

  if (threadKey) {
    // Always an array (the passive path holds a Set): one spread over a Set here and an array there made
    // the optimised deliverDiagnosis, TurboFan's largest job in the app, fail its map check and be compiled again.
    const earlier: string[] = mode === 'passive' ? Array.from(alreadyAnswered) : await recall();
    const keys = earlier.concat(
      shown.map((f: Finding) => f.entry.id),
      rest.map((f) => f.entry.id),
      guessed.map((f) => f.entry.id),
      unmatched.map(unmatchedKey),
    );
    await threads
      .set(threadKey, [...new Set(keys)])
      .catch((err: unknown) => log.warn({ err: (err as Error).message }, 'could not remember the thread'));
  }
  const delivered = posted.filter((p) => postedTs.has(p.id));
  if (services.watch && diagnosis.usageBatch && delivered.length > 0)
    await watchPastedRecords(services, request, diagnosis.usageBatch, delivered, postedTs);
  // The health and gap logs: returns at once and never throws, so it costs the answer nothing.
  services.insights?.delivered({
    teamId: request.teamId,
    channelId: target.channelId,
    paste: request.paste,
    diagnosis,
    answers: posted,
    ai: askAi ? { answers: aiResult?.answers ?? [], items: aiResult?.items } : undefined,
  });
  return { answered: true, diagnosis, answerIds };
}

/** How long the delivery waits for the AI cache before taking the placeholder path. */
const AI_CACHE_WAIT_MS = 2_000;

/** The AI's answers when its cache holds every one of them; undefined otherwise (or on any failure). */
async function cachedAiAnswers(
  ai: AiFallback,
  paste: string,
  diagnosis: Diagnosis,
  log: { warn: (o: object, m: string) => void },
): Promise<AiFallbackResult | undefined> {
  try {
    const result = await withTimeout(ai.diagnoseCached!({ paste, diagnosis }), AI_CACHE_WAIT_MS);
    return result && result.answers.length > 0 ? result : undefined;
  } catch (err) {
    log.warn({ err: (err as Error).message }, 'AI cache lookup failed; asking the AI');
    return undefined;
  }
}

/**
 * One watch per paste, on the answer whose Retry button resends the records (the first answer
 * when none offers it). Its messages go to the answer's thread, or to whoever asked in a DM when
 * the answer was ephemeral.
 */
async function watchPastedRecords(
  services: SlackServices,
  request: DeliveryRequest,
  batch: PastedUsageBatch,
  posted: PostedAnswer[],
  postedTs: ReadonlyMap<string, string | undefined>,
): Promise<void> {
  const chosen =
    posted.find((p) => answerButtons(p.answer, { answerId: p.id }).some((b) => b.action_id === ACTION_IDS.retry)) ??
    posted[0]!;
  const { target } = request;
  const asker = request.requestedBy ?? request.pastedBy;
  const threadTs = target.threadTs ?? postedTs.get(chosen.id);
  const place: WatchPlace | undefined =
    target.kind === 'thread' && target.channelId
      ? { kind: 'thread', channelId: target.channelId, ...(threadTs ? { threadTs } : {}) }
      : asker
        ? { kind: 'dm', userId: asker }
        : undefined;
  if (!place) return;
  await services.watch!.watchAnswer({
    answerId: chosen.id,
    teamId: request.teamId,
    place,
    operation: chosen.facts.operation,
    batch,
  });
}

/** Messages a caller renders itself go through the same target (help, list, lookups). */
export async function postAll(target: ReplyTarget, messages: SlackMessage[]): Promise<void> {
  for (const m of messages) await target.post(m);
}
