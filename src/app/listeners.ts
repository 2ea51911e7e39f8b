import type { App } from '@slack/bolt';
import { createIamCheckHandler } from '../actions/iam-check/iam-check-button.js';
import { createRetryHandler } from '../actions/retry/retry-button.js';
import { registerRetryViews } from '../actions/retry/submissions.js';
import { createWontBillHandler, registerWontBillView } from '../actions/wont-bill/wont-bill-button.js';
import { ACTION_IDS } from '../slack/buttons/ids.js';
import { registerButtons } from '../slack/buttons/one-listener.js';
import { buttonListeners, EXPAND_ACTION, FEEDBACK_ACTION, RELATED_ACTION } from '../slack/buttons/router.js';
import type { ActionHandlers } from '../slack/buttons/types.js';
import { registerCommands } from '../slack/commands/index.js';
import { registerReasonModal } from '../slack/gaps/reason-modal.js';
import { registerHome } from '../slack/home/index.js';
import { registerMentions } from '../slack/mentions/index.js';
import { registerMessages } from '../slack/messages/index.js';
import { registerMiddleware } from '../slack/middleware.js';
import { registerShortcuts } from '../slack/shortcuts/index.js';
import { createSupportBundleHandler } from '../slack/support/handler.js';
import type { Services } from './services.js';

/**
 * Every Slack listener MeterDoc has, registered in one place: events, the slash command, the
 * shortcut, each button under its action ID with the handler that does its work (all behind one
 * Bolt listener), and the modals.
 * The manifest test drives this with a recording stand-in for `App`, so what manifest.yml declares
 * is checked against what is really registered. `stand-ins` replace button handlers in tests.
 */
export function registerListeners(app: App, services: Services, standIns: ActionHandlers = {}): void {
  registerMiddleware(app, services);

  // Events, the slash command and the message shortcut.
  registerMessages(app, services);
  registerMentions(app, services);
  registerHome(app, services);
  registerCommands(app, services);
  registerShortcuts(app, services);

  // Buttons: action IDs are append-only (posted messages carry them). One Bolt listener routes them.
  const { button, feedback, share, expand, related } = buttonListeners(services);
  const wontBill = { ...services.aws, watch: services.watch };
  registerButtons(app, [
    [ACTION_IDS.retry, button('retry', 'Retry', standIns.retry ?? createRetryHandler(services.aws))],
    [ACTION_IDS.iamCheck, button('iam-check', 'IAM check', standIns.iamCheck ?? createIamCheckHandler(services.aws))],
    [
      ACTION_IDS.supportBundle,
      button('support-bundle', 'Copy for AWS Support', standIns.supportBundle ?? createSupportBundleHandler(services)),
    ],
    [ACTION_IDS.wontBill, button('wont-bill', "Won't bill", standIns.wontBill ?? createWontBillHandler(wontBill))],
    [FEEDBACK_ACTION, feedback],
    [ACTION_IDS.share, share],
    [EXPAND_ACTION, expand],
    [RELATED_ACTION, related],
  ]);

  // Modals: callback IDs are append-only too (open modals carry them).
  registerRetryViews(app, services.aws);
  registerWontBillView(app, wontBill);
  registerReasonModal(app, services);
}
