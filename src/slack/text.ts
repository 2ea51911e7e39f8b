import { z } from 'zod';

/**
 * Turning what Slack delivers into the text a person pasted. Slack encodes `&`, `<`, `>` in message
 * text and wraps links and mentions in `<…>`; the diagnosis core must see the original characters
 * (`<Code>AccessDenied</Code>` in an XML error, `arn:aws:…` inside an auto-linked URL).
 */
export function slackTextToPlain(text: string): string {
  return text
    .replace(/<((?:https?|mailto):[^|>]*)\|([^>]*)>/g, (_, url: string, label: string) =>
      label && !url.endsWith(label) ? `${label} (${url})` : url,
    )
    .replace(/<((?:https?|mailto):[^>]*)>/g, '$1')
    .replace(/<@([UW][A-Z0-9]+)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<#(C[A-Z0-9]+)(?:\|([^>]*))?>/g, (_, id: string, name?: string) => `#${name || id}`)
    .replace(/<!(channel|here|everyone)(?:\|[^>]*)?>/g, '@$1')
    .replace(/<!subteam\^[A-Z0-9]+(?:\|([^>]*))?>/g, (_, name?: string) => name ?? '@group')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Removes the leading (or any) mention of the bot from a mention's text. */
export function stripMention(text: string, botUserId: string | undefined): string {
  const mention = botUserId ? new RegExp(`<@${botUserId}(?:\\|[^>]*)?>`, 'g') : /^\s*<@[UW][A-Z0-9]+(?:\|[^>]*)?>/;
  return text.replace(mention, '').trim();
}

/** The parts of Slack's attachment and block shapes that can hold an alert bot's error text. */
const attachmentSchema = z.looseObject({
  pretext: z.string().optional(),
  title: z.string().optional(),
  text: z.string().optional(),
  fallback: z.string().optional(),
  fields: z.array(z.looseObject({ title: z.string().optional(), value: z.string().optional() })).optional(),
});
const textObject = z.looseObject({ text: z.string() });
const blockSchema = z.looseObject({
  type: z.string(),
  text: textObject.optional(),
  fields: z.array(textObject).optional(),
  elements: z.array(z.unknown()).optional(),
});

export type SlackAttachment = z.infer<typeof attachmentSchema>;

/**
 * The text of a message, including what alert bots put in attachments and section blocks rather
 * than in `text`. Lenient on purpose: a part that does not have the expected shape is skipped.
 */
export function messageParts(message: { text?: string | undefined; attachments?: unknown; blocks?: unknown }): string {
  const parts: string[] = [];
  if (message.text) parts.push(message.text);
  if (Array.isArray(message.attachments)) {
    for (const raw of message.attachments.slice(0, 20)) {
      const a = attachmentSchema.safeParse(raw);
      if (!a.success) continue;
      for (const piece of [a.data.pretext, a.data.title, a.data.text ?? a.data.fallback]) if (piece) parts.push(piece);
      for (const f of a.data.fields ?? []) parts.push([f.title, f.value].filter(Boolean).join(': '));
    }
  }
  // Section blocks of bot messages: `text` usually repeats them only as a summary.
  if (Array.isArray(message.blocks) && message.blocks.length > 0 && parts.length <= 1) {
    for (const raw of message.blocks.slice(0, 50)) {
      // Every message a person writes carries a rich_text block: only sections are read, so only they are parsed.
      if ((raw as { type?: unknown } | null)?.type !== 'section') continue;
      const b = blockSchema.safeParse(raw);
      if (!b.success || b.data.type !== 'section') continue;
      if (b.data.text && !parts.includes(b.data.text.text)) parts.push(b.data.text.text);
      for (const f of b.data.fields ?? []) parts.push(f.text);
    }
  }
  return slackTextToPlain(parts.join('\n'));
}

/** The workspace of an event envelope or interaction payload, when Slack says. */
export function teamIdOf(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const b = body as { team_id?: unknown; team?: { id?: unknown } | null };
  if (typeof b.team_id === 'string') return b.team_id;
  return typeof b.team?.id === 'string' ? b.team.id : undefined;
}
