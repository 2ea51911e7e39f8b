import type { types } from '@slack/bolt';
import type { Catalog, CatalogEntry } from '../../core/index.js';
import type { SlackMessage } from './answer.js';
import { escapeMrkdwn, inlineCode } from './escape.js';
import { chunkLines, clampBlocks, LIMITS } from './limits.js';

type KnownBlock = types.KnownBlock;

const AREA_NAMES: Record<string, string> = {
  metering: 'Metering Service',
  entitlement: 'Entitlement Service',
  credentials: 'Credentials',
  sts: 'STS',
  signature: 'Request signing',
  permissions: 'IAM permissions',
  network: 'Network and endpoints',
  'cost-explorer': 'Cost Explorer',
  organizations: 'Organizations',
};

export function areaName(area: string): string {
  return AREA_NAMES[area] ?? area;
}

function entryLine(entry: CatalogEntry): string {
  const codes =
    entry.match.codes.length > 0 ? entry.match.codes.slice(0, 3).map(inlineCode).join(' ') : '_message patterns_';
  return `• ${escapeMrkdwn(entry.title)}  ${codes}`;
}

/**
 * The catalog by area, as sections. Each area is one or more sections (split at Slack's
 * 3,000-character section limit) so the listing survives a catalog ten times today's size.
 */
export function catalogBlocks(catalog: Catalog, maxBlocks: number): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  for (const [area, entries] of catalog.byArea()) {
    const lines = [`*${escapeMrkdwn(areaName(area))}* (${entries.length})`, ...entries.map(entryLine)];
    for (const chunk of chunkLines(lines, LIMITS.sectionText))
      blocks.push({ type: 'section', text: { type: 'mrkdwn', text: chunk } });
  }
  return clampBlocks(blocks, maxBlocks);
}

export function renderCatalogList(catalog: Catalog): SlackMessage {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: `MeterDoc catalog: ${catalog.entries.length} errors` } },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `Catalog version ${inlineCode(catalog.version)}. Look one up with \`/meterdoc &lt;code&gt;\`, e.g. \`/meterdoc ThrottlingException\`.`,
        },
      ],
    },
    ...catalogBlocks(catalog, LIMITS.messageBlocks - 2),
  ];
  return {
    text: `MeterDoc knows ${catalog.entries.length} AWS Marketplace metering errors.`,
    blocks: clampBlocks(blocks),
  };
}
