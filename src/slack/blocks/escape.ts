/**
 * Slack mrkdwn escaping. Slack asks for exactly three replacements (`&`, `<`, `>`) and nothing more:
 * HTML-encoding the whole string would show entities to people. Without them a paste holding
 * `<!channel>` would ping everyone and `<https://evil|AWS docs>` would forge a link.
 *
 * `plain_text` objects (headers, button labels) are never parsed for mentions or links, so they take
 * raw text; escaping them would show `&amp;` literally.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Text for inside a ``` block: escaped like any mrkdwn, and with backtick runs broken up so that a
 * paste cannot close the code block early and have the rest rendered as formatting.
 */
export function escapeCode(text: string): string {
  return escapeMrkdwn(text).replace(/```/g, '`\u200b`\u200b`');
}

/** Inline code (`x`): one line, no backticks inside. */
export function inlineCode(text: string): string {
  const clean = escapeMrkdwn(text.replace(/[\r\n]+/g, ' ')).replace(/`/g, "'");
  return clean.length > 0 ? `\`${clean}\`` : '';
}

/**
 * A link whose URL we trust (catalog docs are validated https URLs). The label is escaped; `|` and
 * `>` cannot appear in the URL part or they would end it, so such a URL is shown as plain text.
 */
export function mrkdwnLink(url: string, label: string): string {
  if (!/^https:\/\/[^\s<>|]+$/.test(url)) return escapeMrkdwn(`${label} (${url})`);
  return `<${url}|${escapeMrkdwn(label).replace(/\|/g, '¦')}>`;
}

/**
 * Cuts escaped mrkdwn to `max` characters without splitting an entity (`&amp;`) in half and
 * without leaving a code block open.
 */
export function truncateMrkdwn(text: string, max: number, ellipsis = '…'): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - ellipsis.length - 4));
  const amp = cut.lastIndexOf('&');
  if (amp >= 0 && amp > cut.length - 6 && !cut.slice(amp).includes(';')) cut = cut.slice(0, amp);
  // An odd number of fences means a code block is still open: close it.
  const fences = cut.split('```').length - 1;
  return fences % 2 === 1 ? `${cut}${ellipsis}\n\`\`\`` : `${cut}${ellipsis}`;
}

/** Cuts plain text to `max` characters (headers, button labels). */
export function truncatePlain(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}

/**
 * Where a message went, as mrkdwn: a channel as `<#C…>`, which Slack turns into its name. A DM
 * (channel id `D…`) has no name, and Slack shows `<#D…>` as a broken or private-channel link,
 * so it is said in words.
 */
export function channelRef(channelId: string): string {
  return channelId.startsWith('D') ? 'a DM' : `<#${channelId}>`;
}
