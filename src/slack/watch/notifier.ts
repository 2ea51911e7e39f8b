import type { WatchEvent } from '../../core/index.js';
import type { StoredWatch, WatchNotifier, WatchPlace } from '../../watch/index.js';
import type { AnswerStore } from '../answer-store.js';
import { answerButtons, type SlackMessage } from '../blocks/answer.js';
import { ACTION_IDS } from '../buttons/ids.js';
import type { SlackPoster } from '../reply.js';
import { lostMessage, reminderMessage } from './messages.js';

export interface SlackWatchNotifierDeps {
  poster: SlackPoster;
  answers: AnswerStore;
  /** Whether a retry of the answer left nothing to send (its Retry button then refuses). */
  alreadyRetried: (answerId: string) => Promise<boolean>;
}

/** Posts a watch message where the answer went: its thread, or a DM to whoever asked. */
export async function postToPlace(
  poster: SlackPoster,
  place: WatchPlace,
  message: SlackMessage,
): Promise<string | undefined> {
  const out =
    place.kind === 'thread'
      ? await poster.post(place.channelId, message, place.threadTs)
      : await poster.post(place.userId, message);
  return out.ts;
}

/**
 * The deadline watch's Slack side. The Retry button is shown when the answer itself offers it and
 * nobody has sent the records yet; "Won't bill" always is. A Web API error is thrown for the
 * scheduler to log.
 */
export class SlackWatchNotifier implements WatchNotifier {
  constructor(private readonly deps: SlackWatchNotifierDeps) {}

  async notify(watch: StoredWatch, event: WatchEvent): Promise<void> {
    const retry = await this.retryOffered(watch.answerId);
    const message =
      event.kind === 'reminder' ? reminderMessage(watch, event, { retry }) : lostMessage(watch, event, { retry });
    await postToPlace(this.deps.poster, watch.place, message);
  }

  private async retryOffered(answerId: string): Promise<boolean> {
    const stored = await this.deps.answers.get(answerId).catch(() => undefined);
    if (!stored) return false;
    const offered = answerButtons(stored.answer, { answerId }).some((b) => b.action_id === ACTION_IDS.retry);
    return offered && !(await this.deps.alreadyRetried(answerId).catch(() => false));
  }
}
