import type { RespondFn, webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { SharedStore } from '../../store/store.js';
import type { SlackMessage } from '../blocks/answer.js';
import type { StoredAnswer } from '../answer-store.js';

/**
 * What a button handler gets (retry, IAM check, support bundle, won't bill). The routing,
 * the ack, loading the stored payload and the "expired" reply are done
 * before the handler runs; the handler only does the work and reports.
 */
export interface ActionContext {
  /** Which button: `retry`, `iam-check`, `support-bundle` or `wont-bill`. */
  kind: 'retry' | 'iam-check' | 'support-bundle' | 'wont-bill';
  /** The stored-answer ID the button carried. */
  answerId: string;
  /** Everything stored with the answer: the Answer, all facts, the pasted usage batch, where it was posted. */
  payload: StoredAnswer;
  /** Who clicked. */
  user: { id: string; name?: string };
  teamId: string | undefined;
  /** The channel of the message that carries the button. */
  channelId: string | undefined;
  /** The message that carries the button; undefined when it is ephemeral (those cannot be edited by ts). */
  messageTs: string | undefined;
  /** The thread the answer is in (the answer's own thread_ts, or its ts when it is top level). */
  threadTs: string | undefined;
  isEphemeral: boolean;
  /** The click came from a deadline-watch message, not from the answer itself. */
  fromWatch?: boolean;
  /** Web API client with the bot token, for calls not covered below. */
  client: webApi.WebClient;
  store: SharedStore;
  logger: Logger;
  /**
   * Posts in the answer's thread (rate-limited per channel). For an ephemeral answer there is no
   * thread, so it answers the clicker ephemerally instead. Returns the message ts when there is one.
   */
  postInThread(message: SlackMessage): Promise<string | undefined>;
  /**
   * Replaces the message that carries the button (e.g. to swap "Retry" for "Retried by @x at 10:02").
   * Uses chat.update, or the response_url for ephemeral messages.
   */
  updateOriginal(message: SlackMessage): Promise<void>;
  /** Tells only the clicker something (a refusal, a progress note). */
  replyEphemeral(message: SlackMessage | string): Promise<void>;
  /** Bolt's respond for this click's response_url, for anything the helpers above do not cover. */
  respond: RespondFn;
  /** The click's trigger ID, valid for 3 seconds: what `views.open` needs to show a modal. */
  triggerId: string | undefined;
}

export type ActionHandler = (ctx: ActionContext) => Promise<void>;

/**
 * Stand-ins for the button handlers src/app/listeners.ts wires (tests pass them to
 * createMeterDocApp). Errors a handler throws are logged and reported to the clicker; they never
 * crash the app.
 */
export interface ActionHandlers {
  retry?: ActionHandler;
  iamCheck?: ActionHandler;
  supportBundle?: ActionHandler;
  wontBill?: ActionHandler;
}
