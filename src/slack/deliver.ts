import { answerFromFinding, DEFAULT_ERROR_THRESHOLD, diagnose, type Answer, type Diagnosis, type Facts, type Finding, type PastedUsageBatch, type UnmatchedError } from '../core/index.js';
import { currentEvent } from '../ops/events.js';
import type { PostedAnswer } from '../health/index.js';
import type { AiFallback, AiFallbackResult } from './ai.js';
import type { StoredAnswer, Surface } from './answer-store.js';
import type { WatchPlace } from '../watch/index.js';
import { ACTION_IDS } from './buttons/ids.js';
import { answerButtons, renderAnswer, type SlackMessage } from './blocks/answer.js';
import { renderAiUnavailable, renderNothingFound, renderPlaceholder, renderSummary, renderUnmatched, truncationNotice } from './blocks/diagnosis.js';
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
}

export interface DeliveryOutcome {
  /** Whether anything was posted. */
  answered: boolean;
  diagnosis: Diagnosis;
  /** Stored-answer IDs of the answers posted, in order. */
  answerIds: string[];
}

const THREAD_MEMORY_TTL_MS = 7 * 24 * 60 * 60 * 1000;

function unmatchedKey(u: UnmatchedError): string {
  return `unmatched:${u.facts.code ?? ''}|${u.facts.operation ?? ''}`;
}

export async function deliverDiagnosis(services: SlackServices, request: DeliveryRequest): Promise<DeliveryOutcome> {
  const { catalog, answers, logger, ai, options } = services;
  const { target, mode } = request;
  const log = logger.child({ surface: request.surface, channel: target.channelId, thread_ts: target.threadTs });
  const diagnosis = diagnose(request.paste, catalog, { now: services.now() });
  const nothing: DeliveryOutcome = { answered: false, diagnosis, answerIds: [] };
  if (mode === 'passive' && !diagnosis.isError) {
    currentEvent()?.ended('not_an_error');
    return nothing;
  }

  let findings = mode === 'passive' ? diagnosis.findings.filter((f) => f.evidence >= DEFAULT_ERROR_THRESHOLD) : diagnosis.findings;
  // Unprompted, an unknown error is taken up only when it is clearly an error in an AWS context.
  let unmatched = mode === 'passive' ? diagnosis.unmatched.filter((u) => (u.evidence ?? 1) >= DEFAULT_ERROR_THRESHOLD && u.awsContext !== false) : diagnosis.unmatched;
  if (mode === 'passive' && findings.length === 0 && unmatched.length === 0) {
    currentEvent()?.ended('not_an_error');
    return nothing;
  }

  const threadKey = target.kind === 'thread' && target.channelId && target.threadTs ? `${target.channelId}:${target.threadTs}` : undefined;
  const threads = services.store.namespace<string[]>(NAMESPACES.threads, THREAD_MEMORY_TTL_MS);
  const recall = async (): Promise<string[]> => (threadKey && !request.newThread ? ((await threads.get(threadKey).catch(() => undefined)) ?? []) : []);
  // Only a passive paste is filtered by what the thread already got, so only it reads the memory
  // before answering; an explicit request reads it after posting, to add to it.
  const alreadyAnswered = new Set(mode === 'passive' ? await recall() : []);
  if (mode === 'passive' && alreadyAnswered.size > 0) {
    findings = findings.filter((f) => !alreadyAnswered.has(f.entry.id));
    unmatched = unmatched.filter((u) => !alreadyAnswered.has(unmatchedKey(u)));
    if (findings.length === 0 && unmatched.length === 0) {
      log.debug('errors already answered in this thread');
      currentEvent()?.ended('duplicate');
      return nothing;
    }
  }

  if (request.claim && !(await request.claim())) {
    log.debug('another listener or replica is answering this message');
    services.ops.metrics.duplicateDropped('message');
    currentEvent()?.ended('duplicate');
    return nothing;
  }

  const confident = findings.some((f) => f.confidence >= DEFAULT_ERROR_THRESHOLD);
  const askAi = ai !== undefined && !diagnosis.refusal && (unmatched.length > 0 || (mode === 'explicit' && !confident));

  if (findings.length === 0 && unmatched.length === 0 && !askAi) {
    if (mode === 'passive') return nothing;
    await target.post(renderNothingFound(diagnosis, { aiConfigured: ai !== undefined }));
    return { answered: true, diagnosis, answerIds: [] };
  }

  // A response_url takes five posts: leave room for the summary, the placeholder and the AI answer.
  const reserved = (askAi ? 2 : 0) + 1;
  const maxAnswers = target.maxPosts !== undefined ? Math.max(1, Math.min(options.maxAnswers, target.maxPosts - reserved)) : options.maxAnswers;
  const shown = findings.slice(0, maxAnswers);
  const rest = findings.slice(maxAnswers);
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

  // Stored before the post (a button can be clicked as soon as the message shows); the message ts
  // is added after it from the payload in hand, without reading the stored answer back.
  const postAnswer = async (answer: Answer, facts: Facts, extra: { position?: { index: number; total: number }; notice?: string }, replace?: PostedRef): Promise<void> => {
    const payload: StoredAnswer = {
      v: 1,
      answer,
      facts,
      ...(diagnosis.usageBatch ? { usageBatch: diagnosis.usageBatch } : {}),
      ...Object.fromEntries(Object.entries(base).filter(([, v]) => v !== undefined)),
      surface: request.surface,
      createdAt: services.now().toISOString(),
    };
    const { id, posted: addMessageTs } = await answers.saveForPost(payload);
    answerIds.push(id);
    posted.push({ id, answer, facts });
    const message = renderAnswer(answer, {
      answerId: id,
      shareable: target.kind === 'ephemeral',
      ...extra,
    });
    let ts: string | undefined;
    if (replace) {
      await target.update(replace, message);
      currentEvent()?.answered(answer);
      postedTs.set(id, replace.ts);
      ts = replace.ts;
    } else {
      const ref = await target.post(message);
      // Counted (metrics, event log) only when Slack took it: a failed post is not an answer.
      if (!ref) return;
      currentEvent()?.answered(answer);
      postedTs.set(id, ref.ts);
      ts = ref.ts;
    }
    if (ts) await addMessageTs(ts);
  };

  const notice = truncationNotice(diagnosis);
  for (const [i, finding] of shown.entries()) {
    await postAnswer(answerFromFinding(finding), finding.facts, {
      ...(findings.length > 1 ? { position: { index: i + 1, total: findings.length } } : {}),
      ...(i === 0 && notice ? { notice } : {}),
    });
  }

  if (rest.length > 0) await target.post(renderSummary(rest, unmatched, { aiPending: askAi, shownCount: shown.length }));
  else if (unmatched.length > 0 && !askAi) await target.post(renderUnmatched(unmatched));

  let aiResult: AiFallbackResult | undefined;
  // An answer the AI cache already holds is posted straight away: no placeholder to post and edit.
  const cached = askAi && ai?.diagnoseCached ? await cachedAiAnswers(ai, request.paste, diagnosis, log) : undefined;
  if (cached) {
    aiResult = cached;
    const facts: Facts = unmatched[0]?.facts ?? shown[0]?.facts ?? {};
    for (const [i, answer] of cached.answers.slice(0, Math.max(1, maxAnswers)).entries()) {
      await postAnswer(answer, facts, i === 0 && cached.note ? { notice: cached.note } : {});
    }
  } else if (askAi && ai) {
    const placeholder = (await target.post(renderPlaceholder())) ?? {};
    let result: AiFallbackResult;
    try {
      result = await withTimeout(ai.diagnoseUnknown({ paste: request.paste, diagnosis }), options.aiTimeoutMs);
    } catch (err) {
      log.error({ err: (err as Error).message }, 'AI fallback failed');
      result = { answers: [], note: 'the AI fallback failed; the error is logged.' };
    }
    aiResult = result;
    const aiAnswers = result.answers.slice(0, Math.max(1, maxAnswers));
    if (aiAnswers.length === 0) {
      await target.update(placeholder, renderAiUnavailable(result.note));
    } else {
      const facts: Facts = unmatched[0]?.facts ?? shown[0]?.facts ?? {};
      for (const [i, answer] of aiAnswers.entries()) {
        await postAnswer(answer, facts, i === 0 && result.note ? { notice: result.note } : {}, i === 0 ? placeholder : undefined);
      }
    }
  }

  if (threadKey) {
    const earlier = mode === 'passive' ? alreadyAnswered : await recall();
    const keys = [...earlier, ...shown.map((f: Finding) => f.entry.id), ...rest.map((f) => f.entry.id), ...unmatched.map(unmatchedKey)];
    await threads.set(threadKey, [...new Set(keys)]).catch((err: unknown) => log.warn({ err: (err as Error).message }, 'could not remember the thread'));
  }
  const delivered = posted.filter((p) => postedTs.has(p.id));
  if (services.watch && diagnosis.usageBatch && delivered.length > 0) await watchPastedRecords(services, request, diagnosis.usageBatch, delivered, postedTs);
  // The health and gap logs: returns at once and never throws, so it costs the answer nothing.
  services.insights?.delivered({ teamId: request.teamId, channelId: target.channelId, paste: request.paste, diagnosis, answers: posted, ai: askAi ? { answers: aiResult?.answers ?? [], items: aiResult?.items } : undefined });
  return { answered: true, diagnosis, answerIds };
}

/** How long the delivery waits for the AI cache before taking the placeholder path. */
const AI_CACHE_WAIT_MS = 2_000;

/** The AI's answers when its cache holds every one of them; undefined otherwise (or on any failure). */
async function cachedAiAnswers(ai: AiFallback, paste: string, diagnosis: Diagnosis, log: { warn: (o: object, m: string) => void }): Promise<AiFallbackResult | undefined> {
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
async function watchPastedRecords(services: SlackServices, request: DeliveryRequest, batch: PastedUsageBatch, posted: PostedAnswer[], postedTs: ReadonlyMap<string, string | undefined>): Promise<void> {
  const chosen = posted.find((p) => answerButtons(p.answer, { answerId: p.id }).some((b) => b.action_id === ACTION_IDS.retry)) ?? posted[0]!;
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
  await services.watch!.watchAnswer({ answerId: chosen.id, teamId: request.teamId, place, operation: chosen.facts.operation, batch });
}

/** Messages a caller renders itself go through the same target (help, list, lookups). */
export async function postAll(target: ReplyTarget, messages: SlackMessage[]): Promise<void> {
  for (const m of messages) await target.post(m);
}
