import type { RespondFn, webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { StepAside } from '../ops/admission.js';
import type { MeterDocMetrics } from '../ops/metrics.js';
import type { SlackMessage } from './blocks/answer.js';
import { encodedForWebApi, postOnce, type PostingOptions } from './post-once.js';
import type { ChannelPostQueue } from './rate-limit.js';

type WebClient = webApi.WebClient;

/**
 * Where an answer goes. A thread target posts with `chat.postMessage` and edits with
 * `chat.update`; an ephemeral target answers through a `response_url` (slash commands, and the
 * message shortcut's fallback when MeterDoc is not in the channel).
 */
export interface PostedRef {
  channel?: string;
  ts?: string;
}

export interface ReplyTarget {
  readonly kind: 'thread' | 'ephemeral';
  readonly channelId: string | undefined;
  readonly threadTs: string | undefined;
  /** How many posts this target can take (a response_url allows 5); undefined means no cap. */
  readonly maxPosts: number | undefined;
  post(message: SlackMessage): Promise<PostedRef | undefined>;
  update(ref: PostedRef, message: SlackMessage): Promise<void>;
}

/** The Slack error string of a Web API error (`not_in_channel`, `ratelimited`, ...), if any. */
export function slackErrorCode(err: unknown): string | undefined {
  const e = err as { code?: string; data?: { error?: string } } | undefined;
  if (e?.data?.error) return e.data.error;
  if (e?.code === 'slack_webapi_rate_limited_error') return 'ratelimited';
  // A request that hit METERDOC_SLACK_TIMEOUT_MS, counted apart from other transport failures.
  const original = (err as { original?: { name?: string } } | undefined)?.original;
  if (
    e?.code === 'slack_webapi_request_error' &&
    (original?.name === 'TimeoutError' || original?.name === 'AbortError')
  )
    return 'timeout';
  return e?.code;
}

/**
 * Where a failed Web API call is counted: the event being handled (its log line and the metrics),
 * or the metrics alone for calls made outside one (timers: the watch, the digest).
 */
export type SlackErrorCounter = Pick<MeterDocMetrics, 'slackApiError'>;

/**
 * What a reply target knows of the event it answers: where its failures are counted and, while the
 * event holds an admission slot, how a wait that uses no CPU hands the slot on (`EventRecord`).
 */
export interface SlackCallContext extends SlackErrorCounter {
  stepAside?: StepAside | undefined;
}

/**
 * Runs one Web API call; a failure is logged with its context, counted (into `errors`: the event
 * being handled, or the metrics) and returned, never thrown. A Slack error must never crash the app
 * or fail the other answers of the same paste.
 */
export async function callSlack<T>(
  logger: Logger,
  method: string,
  context: Record<string, unknown>,
  call: () => Promise<T>,
  errors?: SlackErrorCounter,
): Promise<{ ok: true; value: T } | { ok: false; error: string }> {
  try {
    return { ok: true, value: await call() };
  } catch (err) {
    const error = slackErrorCode(err) ?? 'unknown_error';
    const e = err as { retryAfter?: number; message?: string };
    errors?.slackApiError(method, error);
    logger.error(
      {
        method,
        ...context,
        error,
        ...(e.retryAfter !== undefined ? { retryAfter: e.retryAfter } : {}),
        detail: e.message,
      },
      'Slack API call failed',
    );
    return { ok: false, error };
  }
}

export class ThreadTarget implements ReplyTarget {
  readonly kind = 'thread' as const;
  readonly maxPosts = undefined;
  lastError: string | undefined;

  constructor(
    private readonly client: WebClient,
    private readonly queue: ChannelPostQueue,
    private readonly logger: Logger,
    readonly channelId: string,
    readonly threadTs: string | undefined,
    private readonly posting?: PostingOptions,
    private readonly event?: SlackCallContext,
  ) {}

  async post(message: SlackMessage): Promise<PostedRef | undefined> {
    const context = { channel: this.channelId, thread_ts: this.threadTs };
    const args = {
      channel: this.channelId,
      ...(this.threadTs ? { thread_ts: this.threadTs } : {}),
      text: message.text,
      blocks: message.blocks,
      // Docs links would otherwise unfurl into large previews under every answer.
      unfurl_links: false,
      unfurl_media: false,
    };
    const result = await this.queue.run(
      this.channelId,
      () =>
        callSlack(
          this.logger,
          'chat.postMessage',
          context,
          () =>
            this.posting
              ? postOnce(this.posting, args, this.logger, this.event)
              : this.client.chat.postMessage(encodedForWebApi(args)),
          this.event,
        ),
      this.event?.stepAside,
    );
    if (!result.ok) {
      this.lastError = result.error;
      return undefined;
    }
    return { channel: result.value.channel ?? this.channelId, ...(result.value.ts ? { ts: result.value.ts } : {}) };
  }

  async update(ref: PostedRef, message: SlackMessage): Promise<void> {
    if (!ref.ts) {
      await this.post(message);
      return;
    }
    const ts = ref.ts;
    await this.queue.run(
      this.channelId,
      () =>
        callSlack(
          this.logger,
          'chat.update',
          { channel: this.channelId, ts },
          () =>
            this.client.chat.update(
              encodedForWebApi({
                channel: ref.channel ?? this.channelId,
                ts,
                text: message.text,
                blocks: message.blocks,
              }),
            ),
          this.event,
        ),
      this.event?.stepAside,
    );
  }
}

/** Slack lets a response_url be used five times in thirty minutes. */
export const RESPONSE_URL_USES = 5;

export class EphemeralTarget implements ReplyTarget {
  readonly kind = 'ephemeral' as const;
  readonly threadTs = undefined;
  readonly maxPosts = RESPONSE_URL_USES;
  private uses = 0;

  constructor(
    private readonly respond: RespondFn,
    private readonly logger: Logger,
    readonly channelId: string | undefined,
    private readonly event?: SlackErrorCounter,
  ) {}

  async post(message: SlackMessage): Promise<PostedRef | undefined> {
    if (this.uses >= RESPONSE_URL_USES) {
      this.logger.warn({ channel: this.channelId }, 'response_url already used five times; answer dropped');
      return undefined;
    }
    this.uses++;
    const result = await callSlack(
      this.logger,
      'response_url',
      { channel: this.channelId },
      () =>
        this.respond({
          response_type: 'ephemeral',
          replace_original: false,
          text: message.text,
          blocks: message.blocks,
        }),
      this.event,
    );
    return result.ok ? {} : undefined;
  }

  /**
   * An ephemeral message cannot be edited with chat.update, and `replace_original` on a slash
   * command's response_url does not reliably pick the placeholder; the result is a new message.
   */
  async update(_ref: PostedRef, message: SlackMessage): Promise<void> {
    await this.post(message);
  }
}

/** Errors that mean "MeterDoc cannot post in this channel", as opposed to a passing failure. */
const CANNOT_POST = new Set([
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'restricted_action',
  'ekm_access_denied',
  'cannot_reply_to_message',
]);

/**
 * Posts in the thread when it can and falls back to an ephemeral reply when MeterDoc is not a
 * member of the channel (a message shortcut works on any message, even where the bot is absent).
 */
export class ThreadOrEphemeralTarget implements ReplyTarget {
  private useFallback = false;

  constructor(
    private readonly thread: ThreadTarget,
    private readonly fallback: EphemeralTarget,
  ) {}

  get kind(): 'thread' | 'ephemeral' {
    return this.useFallback ? 'ephemeral' : 'thread';
  }
  get channelId(): string | undefined {
    return this.thread.channelId;
  }
  get threadTs(): string | undefined {
    return this.useFallback ? undefined : this.thread.threadTs;
  }
  get maxPosts(): number | undefined {
    return this.useFallback ? this.fallback.maxPosts : undefined;
  }

  async post(message: SlackMessage): Promise<PostedRef | undefined> {
    if (this.useFallback) return this.fallback.post(message);
    const ref = await this.thread.post(message);
    if (ref || !this.thread.lastError || !CANNOT_POST.has(this.thread.lastError)) return ref;
    this.useFallback = true;
    return this.fallback.post(message);
  }

  async update(ref: PostedRef, message: SlackMessage): Promise<void> {
    return this.useFallback ? this.fallback.update(ref, message) : this.thread.update(ref, message);
  }
}

/**
 * Every post MeterDoc makes outside a reply target of its own (the deadline watch, the digest,
 * retry reports, Won't bill notes, intake answers) goes through here: the channel's rate-limit
 * queue, the failure log line and the Slack-error counter, as answers do.
 */
export class SlackPoster {
  constructor(
    readonly client: WebClient,
    private readonly queue: ChannelPostQueue,
    private readonly logger: Logger,
    private readonly options: { posting?: PostingOptions | undefined; metrics?: SlackErrorCounter | undefined } = {},
  ) {}

  /** A channel, a thread in it (`threadTs`), or a DM (the user ID as the channel). */
  to(channel: string, threadTs?: string, logger: Logger = this.logger): ThreadTarget {
    return new ThreadTarget(
      this.client,
      this.queue,
      logger,
      channel,
      threadTs,
      this.options.posting,
      this.options.metrics,
    );
  }

  /** Posts; the message's ts, or an error naming Slack's refusal (already logged and counted). */
  async post(channel: string, message: SlackMessage, threadTs?: string): Promise<{ ts: string | undefined }> {
    const target = this.to(channel, threadTs);
    const ref = await target.post(message);
    if (!ref) throw new Error(`chat.postMessage failed: ${target.lastError ?? 'unknown_error'}`);
    return { ts: ref.ts };
  }

  /** Replaces a posted message (paced by the channel's queue). */
  async update(channel: string, ts: string, message: SlackMessage): Promise<void> {
    await this.to(channel).update({ channel, ts }, message);
  }

  /** A message only `user` sees in `channel`; false when Slack refused it. */
  async ephemeral(channel: string, user: string, message: SlackMessage): Promise<boolean> {
    const result = await this.queue.run(channel, () =>
      callSlack(
        this.logger,
        'chat.postEphemeral',
        { channel, user },
        () => this.client.chat.postEphemeral({ channel, user, text: message.text, blocks: message.blocks }),
        this.options.metrics,
      ),
    );
    return result.ok;
  }
}
