import type { types } from '@slack/bolt';

type Json = Record<string, unknown>;

/**
 * What a reader sees of mrkdwn, as plain text: formatting marks gone, a link as its label, a
 * mention as `@name`, a date as its fallback, an emoji as one character, entities decoded.
 * Used to hold a message to a reading budget (the first screen of an answer), not to render.
 */
export function visibleMrkdwn(text: string): string {
  // Each step runs only when its mark is in the text: most lines carry one or two kinds of mark.
  let out = text;
  if (out.includes('`')) out = out.replace(/```/g, '');
  if (out.includes('<'))
    out = out
      .replace(/<(?:[^<>|\n]+)\|([^<>\n]+)>/g, '$1')
      .replace(/<[@#]([A-Z0-9]+)>/g, '@$1')
      .replace(/<(https?:[^<>\n]+)>/g, '$1')
      .replace(/<!([a-z]+)>/g, '@$1');
  if (out.includes(':')) out = out.replace(/(^|\s):[a-z0-9_+-]{1,40}:(?=$|\s)/g, '$1•');
  if (/[*_~]/.test(out)) out = out.replace(/(^|[\s(])[*_~]+(?=\S)|(?<=\S)[*_~]+(?=$|[\s.,:;!?)])/gm, '$1');
  if (out.includes('`')) out = out.replace(/`/g, '');
  if (out.includes('&')) out = out.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return out;
}

function textOf(t: unknown): string {
  const o = t as { type?: string; text?: string } | undefined;
  if (!o || typeof o.text !== 'string') return '';
  if (o.type === 'mrkdwn') return visibleMrkdwn(o.text);
  // plain_text with `emoji: true` shows a shortcode as one glyph, as mrkdwn does.
  return (t as { emoji?: boolean }).emoji ? o.text.replace(/(^|\s):[a-z0-9_+-]{1,40}:(?=$|\s)/g, '$1•') : o.text;
}

function richTextOf(el: Json): string {
  if (typeof el.text === 'string') return el.text;
  if (el.type === 'user') return `@${String(el.user_id)}`;
  if (el.type === 'channel') return `#${String(el.channel_id)}`;
  if (el.type === 'emoji') return '•';
  return ((el.elements as Json[] | undefined) ?? []).map(richTextOf).join('');
}

/** The visible text of each block, one string per block (buttons' labels included). */
export function visibleBlockTexts(blocks: ReadonlyArray<types.KnownBlock | Json>): string[] {
  return (blocks as Json[]).map((b) => {
    switch (b.type) {
      case 'header':
      case 'section':
        return [
          textOf(b.text),
          ...((b.fields as unknown[] | undefined) ?? []).map(textOf),
          textOf((b.accessory as Json | undefined)?.text),
        ]
          .filter(Boolean)
          .join('\n');
      case 'context':
        return ((b.elements as unknown[]) ?? []).map(textOf).filter(Boolean).join('  ');
      case 'actions':
        return ((b.elements as Json[]) ?? []).map((e) => textOf(e.text)).join('  ');
      case 'rich_text':
        return richTextOf(b);
      default:
        return '';
    }
  });
}

/** How many characters a reader sees in these blocks (whitespace runs count as one). */
export function visibleLength(blocks: ReadonlyArray<types.KnownBlock | Json>): number {
  return visibleTextLength(visibleBlockTexts(blocks));
}

/** `visibleLength` of blocks whose visible texts are already in hand (one string per block). */
export function visibleTextLength(blockTexts: readonly string[]): number {
  return blockTexts.join('\n').replace(/\s+/g, ' ').trim().length;
}
