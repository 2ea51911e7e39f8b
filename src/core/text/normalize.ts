/**
 * Turns whatever was pasted (Slack-escaped, fenced, smart-quoted, CRLF, possibly huge or binary)
 * into plain text that the extractors can read, and says what was done to it.
 */

import { unwrapEnvelopes } from './envelopes.js';

/** Pastes longer than this are cut: 1 MiB of text covers any log excerpt a person pastes. */
export const MAX_SCAN_CHARS = 1_048_576;
/** Lines longer than this are cut before the line-level patterns see them. */
export const MAX_LINE_CHARS = 16_384;

export interface NormalizedText {
  text: string;
  /** Length of the original paste, in characters. */
  originalLength: number;
  /** Set when the paste was longer than MAX_SCAN_CHARS and only its start was read. */
  truncated: boolean;
  /** Set when the paste is mostly non-text bytes; nothing is diagnosed then. */
  binary: boolean;
}

const SMART_QUOTES: Record<string, string> = {
  '\u2018': "'",
  '\u2019': "'",
  '\u201A': "'",
  '\u201B': "'",
  '\u201C': '"',
  '\u201D': '"',
  '\u201E': '"',
  '\u2032': "'",
  '\u2033': '"',
};

/** Slack wraps links as <https://x|label> or <https://x>; keep the URL, which names the endpoint. */
function unwrapSlackLinks(text: string): string {
  return text.replace(/<((?:https?|mailto):[^<>|\s]{1,2000})(?:\|[^<>]{0,2000})?>/g, '$1');
}

function decodeSlackEntities(text: string): string {
  return text.replace(/&(lt|gt|amp|quot|#39);/g, (_, name: string) =>
    name === 'lt' ? '<' : name === 'gt' ? '>' : name === 'amp' ? '&' : name === 'quot' ? '"' : "'",
  );
}

/** Share of characters that are control bytes, replacement characters or lone surrogates. */
function junkRatio(text: string): number {
  const sample = text.length > 65_536 ? text.slice(0, 65_536) : text;
  if (sample.length === 0) return 0;
  let junk = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13) || c === 0xfffd || c === 0x7f) junk++;
    else if (c >= 0xd800 && c <= 0xdfff) {
      const isPair = c <= 0xdbff && i + 1 < sample.length && (sample.charCodeAt(i + 1) & 0xfc00) === 0xdc00;
      if (isPair) i++;
      else junk++;
    }
  }
  return junk / sample.length;
}

/**
 * A code span written with three backticks inside a sentence (`on restore I get ```connect …````):
 * Markdown renders it as inline code, part of the sentence like a single-backtick span. Only the first
 * span of a line, and only when words come before it that do not end with a colon: three backticks
 * that open a line start a fenced block, and after a lead-in such as `see this:` Slack shows them as a
 * code block, the paste itself.
 */
const INLINE_TRIPLE_BACKTICK_SPAN = /(^|\n)([^\n`]*)```([^`\n]{1,2000})```/g;

function inlineTripleBacktickSpan(whole: string, start: string, before: string, code: string): string {
  const lead = before.trimEnd();
  return lead === '' || lead.endsWith(':') ? whole : `${start}${before}\`${code}\``;
}

/** One inline-code span holding a single IAM action (`service:Action`) or ARN, nothing else. */
const INLINE_CODE_ACTION_OR_ARN = /`((?:arn:[a-z-]{1,20}:|[a-z0-9-]{2,64}:[A-Z*])[^\s`]{0,1024})`/g;

export function normalizePaste(input: string): NormalizedText {
  const originalLength = input.length;
  const truncated = originalLength > MAX_SCAN_CHARS;
  let text = truncated ? input.slice(0, MAX_SCAN_CHARS) : input;
  const binary = junkRatio(text) > 0.1;
  if (binary) return { text: '', originalLength, truncated, binary };

  text = text
    .replace(/\r\n?/g, '\n')
    // Lone surrogates and control characters become spaces so that nothing downstream trips on them.
    .replace(
      /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g,
      ' ',
    );
  // Each step about Markdown code needs a backtick; most logs have none, and the first is slow to rule out.
  if (text.includes('`'))
    text = text
      .replace(INLINE_TRIPLE_BACKTICK_SPAN, inlineTripleBacktickSpan)
      .replace(/```/g, '\n')
      // Markdown inline code around one IAM action or ARN (`sts:TagSession`, `arn:aws:iam::…:role/x`), as
      // people retype a denial in an issue or PR: the message as the service printed it has no backticks.
      .replace(INLINE_CODE_ACTION_OR_ARN, '$1');
  text = text
    .replace(/[\u2018\u2019\u201A\u201B\u201C\u201D\u201E\u2032\u2033]/g, (q) => SMART_QUOTES[q] ?? q)
    .replace(/\u00A0/g, ' ');
  text = unwrapEnvelopes(decodeSlackEntities(unwrapSlackLinks(text)));
  return { text, originalLength, truncated, binary };
}
