export {
  handledMessage,
  lostMessage,
  reminderMessage,
  slackDeadline,
  unitsText,
  watchHealthBlocks,
  WATCH_ACTIONS_BLOCK,
  type WatchButtons,
} from './messages.js';
export { postToPlace, SlackWatchNotifier, type SlackWatchNotifierDeps } from './notifier.js';
