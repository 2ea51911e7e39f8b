import type { webApi } from '@slack/bolt';
import { TOKEN_ERRORS } from '../ops/health.js';

/**
 * The start-up truth about Slack: MeterDoc says it is running only after Slack accepted its
 * tokens. Every way that can fail becomes one line that names the setting (or the host) at fault
 * and what to check, instead of a stack trace or a bot that starts "healthy" and then drops every
 * event because its token was revoked.
 */

export class SlackStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SlackStartError';
  }
}

export interface SlackIdentity {
  teamId: string | undefined;
  team: string | undefined;
  botId: string;
  botUserId: string;
}

interface SlackErrorShape {
  code?: string;
  data?: { error?: string };
  statusCode?: number;
  original?: (Error & { cause?: unknown }) | undefined;
}

/** The Web API host MeterDoc talks to, as a person would name it: the setting when set, else slack.com. */
function whereSlackIs(slackApiUrl: string | undefined): string {
  return slackApiUrl ? `SLACK_API_URL (${slackApiUrl})` : 'slack.com';
}

/** ECONNREFUSED, ENOTFOUND, TimeoutError…: the transport's own word for what went wrong. */
function transportReason(original: SlackErrorShape['original']): string {
  if (!original) return 'no response';
  if (original.name === 'TimeoutError' || original.name === 'AbortError') return 'no response before the timeout';
  const cause = original.cause as { code?: string; message?: string } | undefined;
  return cause?.code ?? original.name ?? cause?.message ?? original.message;
}

const TOKEN_HINT: Record<'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN', string> = {
  SLACK_BOT_TOKEN:
    'check it is the current Bot User OAuth Token (xoxb-…) of the installed app on its "OAuth & Permissions" page (reinstalling the app or rotating the token replaces it)',
  SLACK_APP_TOKEN:
    'check it is an App-Level Token (xapp-…) of this app with the connections:write scope, under "Basic Information" → "App-Level Tokens", and that Socket Mode is on',
};

/** One line for a failed auth.test (bot token) or apps.connections.open (app token). */
export function describeSlackStartFailure(
  err: unknown,
  variable: 'SLACK_BOT_TOKEN' | 'SLACK_APP_TOKEN',
  slackApiUrl: string | undefined,
): string {
  const e = (err ?? {}) as SlackErrorShape;
  const where = whereSlackIs(slackApiUrl);
  const proxyHint = 'check the network path to it and, behind a proxy, HTTPS_PROXY and NO_PROXY';
  if (e.code === 'slack_webapi_platform_error') {
    const error = e.data?.error ?? 'unknown_error';
    if (TOKEN_ERRORS.has(error)) return `Slack refused ${variable} (${error}): ${TOKEN_HINT[variable]}.`;
    return `Slack answered ${error} when checking ${variable} at ${where}: ${TOKEN_HINT[variable]}.`;
  }
  if (e.code === 'slack_webapi_request_error')
    return `cannot reach Slack at ${where} (${transportReason(e.original)}): ${proxyHint}${slackApiUrl ? ', and the URL itself' : ''}.`;
  if (e.code === 'slack_webapi_http_error')
    return `Slack at ${where} answered HTTP ${e.statusCode ?? '?'} instead of the Web API: ${proxyHint}${slackApiUrl ? ', and that SLACK_API_URL ends in /api/' : ''}.`;
  if (e.code === 'slack_webapi_rate_limited_error')
    return `Slack at ${where} rate-limited the ${variable} check: start again in a minute.`;
  return `could not check ${variable} with Slack at ${where} (${err instanceof Error ? err.message : String(err)}).`;
}

/** Calls auth.test with the bot token; throws SlackStartError with the one line when it fails. */
export async function verifyBotToken(
  client: webApi.WebClient,
  slackApiUrl: string | undefined,
): Promise<SlackIdentity> {
  let result: Awaited<ReturnType<webApi.WebClient['auth']['test']>>;
  try {
    result = await client.auth.test();
  } catch (err) {
    throw new SlackStartError(describeSlackStartFailure(err, 'SLACK_BOT_TOKEN', slackApiUrl));
  }
  if (!result.bot_id || !result.user_id) {
    throw new SlackStartError(
      'Slack accepted SLACK_BOT_TOKEN but it is not a bot token (auth.test returned no bot_id): use the Bot User OAuth Token (xoxb-…).',
    );
  }
  return { teamId: result.team_id, team: result.team, botId: result.bot_id, botUserId: result.user_id };
}
