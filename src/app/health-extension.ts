import { Allowlist, slackGroupDirectory } from '../actions/access/allowlist.js';
import { loadActionsConfig } from '../actions/settings.js';
import { loadInsightsConfig, type InsightsConfig } from '../health/index.js';
import { createGapsSubcommand } from '../slack/gaps/command.js';
import { DailyDigest } from '../slack/health/digest.js';
import type { ExtensionFactory } from './create-app.js';

/**
 * Issue 6's operator pieces as one extension: `/meterdoc gaps` (for METERDOC_ALLOWED_USERS) and
 * the daily digest (off unless METERDOC_DIGEST_CHANNEL is set). The health log itself, App Home's
 * health section, the 👎 reason modal and "Copy for AWS Support" are part of the app.
 */
export function insightsExtension(env: NodeJS.ProcessEnv = process.env, options: { now?: () => Date; config?: InsightsConfig } = {}): ExtensionFactory {
  return (kit) => {
    const config = options.config ?? loadInsightsConfig(env);
    const allowlist = new Allowlist(loadActionsConfig(env), slackGroupDirectory(kit.client), kit.logger);
    const digest = config.digestChannel
      ? new DailyDigest({ channel: config.digestChannel, hourUtc: config.digestHourUtc, insights: kit.insights, store: kit.store, client: kit.client, logger: kit.logger, watch: kit.watch, ...(options.now ? { now: options.now } : {}) })
      : undefined;
    return {
      subcommands: [createGapsSubcommand({ insights: kit.insights, allowlist })],
      async start() {
        if (!digest) return;
        digest.start();
        kit.logger.info({ channel: config.digestChannel, hour_utc: config.digestHourUtc }, 'daily digest scheduled');
      },
      async stop() {
        digest?.stop();
      },
    };
  };
}
