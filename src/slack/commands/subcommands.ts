import type { webApi } from '@slack/bolt';
import type { Logger } from 'pino';
import type { Catalog } from '../../core/index.js';
import type { SharedStore } from '../../store/store.js';
import type { SlackMessage } from '../blocks/answer.js';

/**
 * A `/meterdoc <name> …` subcommand. `help` and `list` are built in; later ones (`audit`,
 * `gaps`) are added by passing them in `MeterDocDeps.subcommands`, without touching this folder.
 * The first word of the command text picks the subcommand (case-insensitive). A subcommand
 * whose name is also an error code shadows the code lookup, so names are lower-case words.
 */
export interface SlashSubcommand {
  /** The first word, lower case, e.g. `audit`. */
  name: string;
  /** Shown in help after the command name, e.g. `audit [days]`. */
  usage: string;
  description: string;
  /** Runs after the command is acked. Return a message to answer the user ephemerally. */
  run(ctx: SubcommandContext): Promise<SlackMessage | undefined>;
}

export interface SubcommandContext {
  /** The text after the subcommand's name, trimmed (Slack's `&`, `<`, `>` decoded). */
  args: string;
  userId: string;
  channelId: string;
  teamId: string | undefined;
  catalog: Catalog;
  store: SharedStore;
  client: webApi.WebClient;
  logger: Logger;
  /** Answers the user: ephemeral unless `inChannel` (a response_url allows 5 uses). */
  respond(message: SlackMessage & { inChannel?: boolean }): Promise<void>;
}
