import { randomUUID } from 'node:crypto';
import type { webApi } from '@slack/bolt';
import type { SlackErrorCounter } from './reply.js';

type WebClient = webApi.WebClient;
type PostArgs = Parameters<WebClient['chat']['postMessage']>[0];
type PostResult = Awaited<ReturnType<WebClient['chat']['postMessage']>>;
/** pino's logger, or anything with its warn. */
interface WarnLogger {
  warn(obj: object, msg?: string): void;
}

/**
 * `chat.postMessage` with a deadline and a bounded retry that never posts an answer twice.
 *
 * Slack offers no idempotency key for bot posts, and a request that timed out or lost its
 * connection may have been accepted. So every post carries a random ID in its message metadata,
 * and before posting again after such a failure MeterDoc reads the thread (or channel) back: if a
 * message with that ID is there, that is the answer, and nothing is posted. When the read-back
 * itself fails, MeterDoc does not post blind either; it tries the read again on the next attempt,
 * and gives up (logged, counted) when the attempts are spent.
 *
 * The client given must not retry on its own (`retries: 0`, `rejectRateLimitedCalls: true`):
 * the Web API client's built-in retry would repost without looking.
 */

export interface PostingOptions {
  /** A Web API client with the bot token, a request timeout, no retries of its own. */
  client: WebClient;
  /** Tries in all, the first included. */
  attempts: number;
  /** Pause before the second try; doubled for each one after. */
  retryDelayMs: number;
  /** Longest wait honoured for a `Retry-After` (rate limit), seconds. */
  maxRetryAfterSec?: number;
}

export const POST_METADATA_TYPE = 'meterdoc_post';

/** Slack errors after which the message may have been posted all the same. */
const MAYBE_POSTED = new Set(['internal_error', 'fatal_error', 'service_unavailable']);

type Failure =
  | { kind: 'refused' }
  | { kind: 'rate_limited'; retryAfterSec: number }
  | { kind: 'maybe_posted'; reason: string };

function classify(err: unknown): Failure {
  const e = err as {
    code?: string;
    data?: { error?: string };
    retryAfter?: number;
    original?: { name?: string; cause?: { code?: string } };
  };
  if (e?.code === 'slack_webapi_rate_limited_error') return { kind: 'rate_limited', retryAfterSec: e.retryAfter ?? 1 };
  if (e?.code === 'slack_webapi_platform_error')
    return e.data?.error && MAYBE_POSTED.has(e.data.error)
      ? { kind: 'maybe_posted', reason: e.data.error }
      : { kind: 'refused' };
  if (e?.code === 'slack_webapi_http_error') return { kind: 'maybe_posted', reason: 'http_error' };
  if (e?.code === 'slack_webapi_request_error') {
    const timedOut = e.original?.name === 'TimeoutError' || e.original?.name === 'AbortError';
    return { kind: 'maybe_posted', reason: timedOut ? 'timeout' : (e.original?.cause?.code ?? 'request_error') };
  }
  return { kind: 'maybe_posted', reason: 'unknown_error' };
}

interface MetadataMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: { post_id?: unknown } };
}

/** The message carrying `postId` in this thread or channel since `oldest`; 'unknown' when Slack could not say. */
async function readBack(
  client: WebClient,
  args: PostArgs,
  postId: string,
  oldest: string,
): Promise<MetadataMessage | undefined | 'unknown'> {
  const threadTs = (args as { thread_ts?: string }).thread_ts;
  try {
    const page = threadTs
      ? await client.conversations.replies({
          channel: args.channel,
          ts: threadTs,
          oldest,
          include_all_metadata: true,
          limit: 100,
        })
      : await client.conversations.history({ channel: args.channel, oldest, include_all_metadata: true, limit: 100 });
    const messages = (page.messages ?? []) as MetadataMessage[];
    return messages.find(
      (m) => m.metadata?.event_type === POST_METADATA_TYPE && m.metadata.event_payload?.post_id === postId,
    );
  } catch {
    return 'unknown';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const ENCODED_ARGUMENTS = ['blocks', 'attachments', 'metadata'] as const;

/**
 * `args` with its blocks, attachments and metadata already JSON-encoded, as the form body carries
 * them. The Web API client walks every nested argument object on each call (it builds a redacted
 * debug line even when debug logging is off) before encoding it exactly so; an answer's blocks
 * are most of its size, and a string skips the walk. What reaches Slack is byte for byte the same.
 */
export function encodedForWebApi<T extends object>(args: T): T {
  const encoded = { ...args } as Record<string, unknown>;
  for (const key of ENCODED_ARGUMENTS) {
    const value = encoded[key];
    if (value !== undefined && value !== null && typeof value !== 'string') encoded[key] = JSON.stringify(value);
  }
  return encoded as T;
}

/** `errors` counts the failed tries retried here (the last failure is the caller's to count). */
export async function postOnce(
  options: PostingOptions,
  args: PostArgs,
  logger: WarnLogger,
  errors?: SlackErrorCounter,
): Promise<PostResult> {
  const postId = randomUUID();
  const existing = (args as { metadata?: { event_type: string; event_payload: Record<string, unknown> } }).metadata;
  // A post that already carries metadata of its own keeps it; the ID rides along in its payload.
  const metadata = existing
    ? { event_type: existing.event_type, event_payload: { ...existing.event_payload, post_id: postId } }
    : { event_type: POST_METADATA_TYPE, event_payload: { post_id: postId } };
  const marked = encodedForWebApi({ ...args, metadata } as PostArgs);
  // Slack timestamps are seconds; a little slack for clock differences between us and Slack.
  const oldest = (Date.now() / 1000 - 60).toFixed(6);
  let maybePosted = false;
  let lastError: unknown;
  for (let attempt = 1; attempt <= Math.max(1, options.attempts); attempt++) {
    if (maybePosted) {
      const found = await readBack(options.client, marked, postId, oldest);
      if (found && found !== 'unknown' && found.ts) {
        logger.warn(
          { method: 'chat.postMessage', channel: args.channel, attempt, ts: found.ts },
          'Slack had accepted the post whose answer was lost: not posting it again',
        );
        return { ok: true, channel: args.channel, ts: found.ts, message: found } as PostResult;
      }
      if (found === 'unknown') {
        logger.warn(
          { method: 'chat.postMessage', channel: args.channel, attempt },
          'could not read the thread back to see whether the last post went through: not posting blind',
        );
        if (attempt < options.attempts) await sleep(options.retryDelayMs * 2 ** (attempt - 1));
        continue;
      }
    }
    try {
      return await options.client.chat.postMessage(marked);
    } catch (err) {
      lastError = err;
      const failure = classify(err);
      if (failure.kind === 'maybe_posted') maybePosted = true;
      // The last failure is the caller's to log and count (with the answer's context).
      if (failure.kind === 'refused' || attempt >= options.attempts) break;
      const reason = failure.kind === 'rate_limited' ? 'ratelimited' : failure.reason;
      errors?.slackApiError('chat.postMessage', reason);
      logger.warn(
        { method: 'chat.postMessage', channel: args.channel, attempt, of: options.attempts, error: reason },
        'Slack post failed; trying again',
      );
      const waitMs =
        failure.kind === 'rate_limited'
          ? Math.min(failure.retryAfterSec, options.maxRetryAfterSec ?? 30) * 1000
          : options.retryDelayMs * 2 ** (attempt - 1);
      await sleep(waitMs);
    }
  }
  throw lastError ?? new Error('chat.postMessage: the post could not be confirmed and was not repeated');
}
