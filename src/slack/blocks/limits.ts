import type { types } from '@slack/bolt';
import { truncateMrkdwn, truncatePlain } from './escape.js';

type KnownBlock = types.KnownBlock;

/**
 * Block Kit limits (docs.slack.dev/reference/block-kit and @slack/types). Slack rejects a whole
 * message with `invalid_blocks` when one is exceeded, so every renderer clamps to these and
 * `clampBlocks` runs last as a safety net whatever the content.
 */
export const LIMITS = {
  messageBlocks: 50,
  homeBlocks: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  /** Context element text has no documented cap of its own; we keep it to the field size. */
  contextText: 2000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  confirmTitle: 100,
  confirmText: 300,
  confirmButton: 30,
  /** Top-level `text`: Slack truncates above 40,000; a notification needs far less. */
  fallbackText: 3000,
} as const;

type TextObject = { type: 'mrkdwn' | 'plain_text'; text: string };

function clampText<T extends TextObject>(t: T, max: number): T {
  if (t.text.length === 0) return { ...t, text: ' ' };
  if (t.text.length <= max) return t;
  return { ...t, text: t.type === 'mrkdwn' ? truncateMrkdwn(t.text, max) : truncatePlain(t.text, max) };
}

function clampConfirm(c: types.ConfirmationDialog): types.ConfirmationDialog {
  return {
    ...c,
    ...(c.title ? { title: clampText(c.title, LIMITS.confirmTitle) } : {}),
    ...(c.text ? { text: clampText(c.text as TextObject, LIMITS.confirmText) } : {}),
    ...(c.confirm ? { confirm: clampText(c.confirm, LIMITS.confirmButton) } : {}),
    ...(c.deny ? { deny: clampText(c.deny, LIMITS.confirmButton) } : {}),
  } as types.ConfirmationDialog;
}

function clampBlock(block: KnownBlock): KnownBlock {
  switch (block.type) {
    case 'header':
      return { ...block, text: clampText(block.text, LIMITS.headerText) };
    case 'section':
      return {
        ...block,
        ...(block.text ? { text: clampText(block.text as TextObject, LIMITS.sectionText) } : {}),
        ...(block.fields
          ? {
              fields: block.fields
                .slice(0, LIMITS.sectionFields)
                .map((f) => clampText(f as TextObject, LIMITS.fieldText)),
            }
          : {}),
      } as KnownBlock;
    case 'context':
      return {
        ...block,
        elements: block.elements
          .slice(0, LIMITS.contextElements)
          .map((e) => ('text' in e && typeof e.text === 'string' ? clampText(e as TextObject, LIMITS.contextText) : e)),
      } as KnownBlock;
    case 'actions':
      return {
        ...block,
        elements: block.elements.slice(0, LIMITS.actionsElements).map((e) => {
          if (e.type !== 'button') return e;
          if (e.value !== undefined && e.value.length > LIMITS.buttonValue) {
            // A value only ever holds an ID; a longer one is a bug, and cutting it would corrupt it.
            throw new Error(
              `button ${e.action_id} value is ${e.value.length} characters (limit ${LIMITS.buttonValue})`,
            );
          }
          return {
            ...e,
            text: clampText(e.text, LIMITS.buttonText),
            ...(e.confirm ? { confirm: clampConfirm(e.confirm) } : {}),
          };
        }),
      } as KnownBlock;
    default:
      return block;
  }
}

/**
 * Applies every per-block limit and the block count. When blocks must be dropped the last kept
 * block says so, so a reader knows the answer was cut.
 */
export function clampBlocks(blocks: KnownBlock[], maxBlocks: number = LIMITS.messageBlocks): KnownBlock[] {
  let out = blocks.map(clampBlock);
  if (out.length > maxBlocks) {
    out = [
      ...out.slice(0, maxBlocks - 1),
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: `_${out.length - maxBlocks + 1} more parts were left out to fit Slack's limits._` },
        ],
      },
    ];
  }
  return out;
}

/** Splits escaped mrkdwn lines into section-sized chunks, cutting a single overlong line. */
export function chunkLines(lines: string[], max: number = LIMITS.sectionText): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = raw.length > max ? truncateMrkdwn(raw, max) : raw;
    if (current.length > 0 && current.length + 1 + line.length > max) {
      chunks.push(current);
      current = line;
    } else {
      current = current.length > 0 ? `${current}\n${line}` : line;
    }
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
