import type { types } from '@slack/bolt';
import type { SlackMessage } from './answer.js';
import { escapeMrkdwn } from './escape.js';
import { chunkLines } from './limits.js';

type KnownBlock = types.KnownBlock;

export interface UsageLine {
  usage: string;
  description: string;
}

/** How to use MeterDoc, shared by `/meterdoc help`, App Home and the empty-command reply. */
export function howToUseBlocks(commandName: string, subcommands: UsageLine[]): KnownBlock[] {
  const ways = [
    '*Ways to ask*',
    '• *Paste an error* in a channel MeterDoc is in: it answers in the thread when the text is an AWS metering error, and stays quiet on chat.',
    '• *Mention it*: `@MeterDoc &lt;error&gt;`, or `@MeterDoc` in the thread of a message that holds the error.',
    '• *Message shortcut*: "Diagnose with MeterDoc" from any message\'s ⋮ menu; the answer lands in that message\'s thread.',
    `• *\`${commandName}\`*: answers only you, with a button to share the answer.`,
  ];
  const commands = [
    '*Commands*',
    ...subcommands.map(
      (s) => `• \`${escapeMrkdwn(`${commandName} ${s.usage}`.trim())}\`: ${escapeMrkdwn(s.description)}`,
    ),
  ];
  return [...chunkLines(ways), ...chunkLines(commands)].map((text) => ({
    type: 'section',
    text: { type: 'mrkdwn', text },
  }));
}

export function renderHelp(commandName: string, subcommands: UsageLine[]): SlackMessage {
  return {
    text: 'How to use MeterDoc',
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: 'MeterDoc: AWS Marketplace metering errors, explained' } },
      ...howToUseBlocks(commandName, subcommands),
    ],
  };
}
