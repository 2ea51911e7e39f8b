import type { App, types } from '@slack/bolt';
import { z } from 'zod';
import type { Catalog } from '../../core/index.js';
import { catalogBlocks } from '../blocks/catalog.js';
import { escapeMrkdwn, inlineCode } from '../blocks/escape.js';
import { howToUseBlocks, type UsageLine } from '../blocks/help.js';
import { clampBlocks, LIMITS } from '../blocks/limits.js';
import { healthBlocks } from '../health/blocks.js';
import { callSlack } from '../reply.js';
import type { SlackServices } from '../services.js';
import { usageLines } from '../commands/index.js';
import { handledEvent } from '../handled-event.js';
import { teamIdOf } from '../text.js';

export const HOME_EVENTS = ['app_home_opened'] as const;

const homeOpenedSchema = z.looseObject({
  type: z.literal('app_home_opened'),
  user: z.string(),
  tab: z.string().optional(),
});

/**
 * The Home tab: the workspace's metering health when there is a health log, then what MeterDoc
 * is, how to ask, and the catalog to browse (cut to what fits under the 100-block limit).
 */
export function homeView(
  catalog: Catalog,
  commandName: string,
  commands: UsageLine[],
  health: types.KnownBlock[] = [],
): types.HomeView {
  const intro: types.KnownBlock[] = [
    ...(health.length > 0 ? [...health, { type: 'divider' } as types.KnownBlock] : []),
    { type: 'header', text: { type: 'plain_text', text: 'MeterDoc' } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text:
          'MeterDoc explains *AWS Marketplace Metering Service* errors: paste an error and it tells you what happened, why, ' +
          'and how to fix it, with the facts from your paste (operation, role, action, region, request ID, record age) filled in.',
      },
    },
    ...howToUseBlocks(commandName, commands),
    { type: 'divider' },
    { type: 'header', text: { type: 'plain_text', text: `The catalog: ${catalog.entries.length} errors` } },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `Catalog version ${inlineCode(catalog.version)}. Look one up with \`${escapeMrkdwn(commandName)} &lt;code&gt;\`.`,
        },
      ],
    },
  ];
  const blocks = [...intro, ...catalogBlocks(catalog, LIMITS.homeBlocks - intro.length)];
  return { type: 'home', blocks: clampBlocks(blocks, LIMITS.homeBlocks) };
}

export function registerHome(app: App, services: SlackServices): void {
  app.event('app_home_opened', async ({ event, body, client, context }) => {
    const parsed = homeOpenedSchema.safeParse(event);
    // The Messages tab opens this event too; only the Home tab has a view to publish.
    if (!parsed.success || (parsed.data.tab !== undefined && parsed.data.tab !== 'home')) return;
    const user = parsed.data.user;
    // A health log that cannot be read costs the section, never the Home tab.
    const summary = await services.insights?.summary(teamIdOf(body), services.now()).catch((err: unknown) => {
      services.logger.warn({ err: (err as Error).message }, 'could not read the health log for App Home');
      return undefined;
    });
    const watch = await services.watch?.summary(teamIdOf(body)).catch((err: unknown) => {
      services.logger.warn({ err: (err as Error).message }, 'could not read the deadline watches for App Home');
      return undefined;
    });
    const view = homeView(
      services.catalog,
      services.options.commandName,
      usageLines(services),
      summary ? healthBlocks(summary, { watch }) : [],
    );
    await callSlack(
      services.logger,
      'views.publish',
      { user },
      () => client.views.publish({ user_id: user, view }),
      handledEvent(context),
    );
  });
}
