import type { App } from '@slack/bolt';
import { z } from 'zod';
import { handledEvent } from '../handled-event.js';
import { answerFromEntry, entriesForLookup, type CatalogEntry } from '../../core/index.js';
import type { StoredAnswer } from '../answer-store.js';
import { plainMessage, renderAnswer } from '../blocks/answer.js';
import { renderCatalogList } from '../blocks/catalog.js';
import { renderHelp, type UsageLine } from '../blocks/help.js';
import { deliverDiagnosis } from '../deliver.js';
import { callSlack, EphemeralTarget } from '../reply.js';
import type { SlackServices } from '../services.js';
import { slackTextToPlain } from '../text.js';
import type { SlashSubcommand } from './subcommands.js';
import { parseSlackPayload } from '../payload.js';

export type { SlashSubcommand, SubcommandContext } from './subcommands.js';

const commandSchema = z.looseObject({
  command: z.string(),
  text: z.string().default(''),
  user_id: z.string(),
  channel_id: z.string(),
  team_id: z.string().optional(),
  response_url: z.string(),
});

/** Built-in subcommands. Extra ones come from `MeterDocDeps.subcommands` and win over these. */
export function builtinSubcommands(services: SlackServices): SlashSubcommand[] {
  return [
    {
      name: 'help',
      usage: 'help',
      description: 'this help',
      run: async () => renderHelp(services.options.commandName, usageLines(services)),
    },
    {
      name: 'list',
      usage: 'list',
      description: 'every error MeterDoc knows, by area',
      run: async () => renderCatalogList(services.catalog),
    },
  ];
}

export function allSubcommands(services: SlackServices): Map<string, SlashSubcommand> {
  const table = new Map<string, SlashSubcommand>();
  for (const s of [...builtinSubcommands(services), ...services.subcommands]) table.set(s.name.toLowerCase(), s);
  return table;
}

/** The usage lines help and App Home show: subcommands, then the two forms without one. */
export function usageLines(services: SlackServices): UsageLine[] {
  return [
    ...[...allSubcommands(services).values()].map((s) => ({ usage: s.usage, description: s.description })),
    { usage: '<code>', description: 'look an error up by its code, e.g. ThrottlingException' },
    { usage: '<error text>', description: 'diagnose a pasted error' },
  ];
}

/** Entries a single word names: an error code (`ThrottlingException`) or an entry id. */
function lookup(services: SlackServices, word: string): readonly CatalogEntry[] {
  return entriesForLookup(services.catalog, word);
}

/**
 * `/meterdoc`: ephemeral answers with a "Share to channel" button. A slash command has no thread
 * (its payload carries no thread_ts), so the message shortcut is the way to answer in a thread.
 */
export function registerCommands(app: App, services: SlackServices): void {
  app.command(services.options.commandName, async ({ ack, command, respond, client, context }) => {
    // Ack with no body: the answer follows through the response_url, after the 3-second window.
    await ack();
    const event = handledEvent(context);
    const cmd = parseSlackPayload(services, commandSchema, command, 'slash command payload', event);
    if (!cmd) return;
    const log = services.logger.child({ surface: 'command', channel: cmd.channel_id, user: cmd.user_id });
    const target = new EphemeralTarget(respond, log, cmd.channel_id, event);
    const text = slackTextToPlain(cmd.text).trim();
    const [first = '', ...restWords] = text.split(/\s+/);
    const rest = text.slice(first.length).trim();

    if (text.length === 0) {
      await target.post(renderHelp(services.options.commandName, usageLines(services)));
      return;
    }

    const sub = allSubcommands(services).get(first.toLowerCase());
    if (sub) {
      try {
        const reply = await sub.run({
          args: rest,
          userId: cmd.user_id,
          channelId: cmd.channel_id,
          teamId: cmd.team_id,
          catalog: services.catalog,
          store: services.store,
          client,
          logger: log,
          respond: async (m) => {
            await callSlack(
              log,
              'response_url',
              { subcommand: sub.name },
              () =>
                respond({
                  response_type: m.inChannel ? 'in_channel' : 'ephemeral',
                  replace_original: false,
                  text: m.text,
                  blocks: m.blocks,
                }),
              event,
            );
          },
        });
        if (reply) await target.post(reply);
      } catch (err) {
        log.error({ subcommand: sub.name, err: (err as Error).message }, 'subcommand failed');
        await target.post(plainMessage(`\`${services.options.commandName} ${sub.name}\` failed; the error is logged.`));
      }
      return;
    }

    const entries = restWords.length === 0 ? lookup(services, first) : [];
    if (entries.length > 0) {
      const facts = services.catalog.isKnownCode(first) ? { code: first } : {};
      for (const entry of entries.slice(0, 3)) {
        // A lookup has no paste: placeholders read generically and no "found in the paste" facts are shown.
        const answer = {
          ...answerFromEntry(entry, facts, { source: 'catalog', confidence: 1, occurrences: 1 }),
          facts: [],
        };
        const payload: StoredAnswer = {
          v: 1,
          answer,
          facts,
          channelId: cmd.channel_id,
          requestedBy: cmd.user_id,
          surface: 'command',
          createdAt: services.now().toISOString(),
          lookup: true,
          ...(cmd.team_id ? { teamId: cmd.team_id } : {}),
        };
        const id = await services.answers.save(payload);
        if (await target.post(renderAnswer(answer, { answerId: id, shareable: true, facts, lookup: true })))
          event?.answered(answer);
      }
      return;
    }

    await deliverDiagnosis(services, {
      paste: text,
      mode: 'explicit',
      surface: 'command',
      target,
      teamId: cmd.team_id,
      requestedBy: cmd.user_id,
      event,
    });
  });
}
