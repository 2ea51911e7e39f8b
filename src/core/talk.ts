import { readLine } from './extract/formats.js';

/**
 * Shapes of a person's sentence that talks about an error while quoting it: the error's words sit
 * inside a quote in the sentence, or the sentence is the title of a change that fixes it. Such a line
 * names the error; it is not the error printed by a program, so a channel leaves it alone.
 */

/**
 * Words of the sentence a person wraps around an error they describe: who speaks or sees it (a
 * pronoun) or a verb that reports what was said or seen.
 */
export const NARRATION =
  /(?:^|[\s,])(?:i|i'm|i’m|i've|i’ve|we|we're|we’re|you|it|it's|it’s|this|that|they|he|she|me|us|my|our|their|his|her|anyone|someone|say|says|said|saying|claim|claims|claimed|complains|tell|tells|told|mention|mentions|states|report|reports|reported|get|gets|getting|got|seeing|see|sees|saw|gives|gave|shows|show|showed|throw|throws|threw|throwing|return|returns|returned|hit|hits|hitting|keeps|kept)(?=$|[\s,])/i;

/** Words that say a lead-in is a log's or a tool's own text, not a sentence (`Error occurred`, `Warning`). */
export const LOG_LEAD = /^(?:error|exception|warning|warn|fatal|failed|failure|caused|unable|could|cannot|can't)\b/i;

/**
 * A quote in a sentence: inline code, Markdown bold, a span in straight or curly double quotes, or in
 * single quotes that open after a space and close before one (not an apostrophe inside a word).
 */
const SENTENCE_QUOTE = /`[^`]+`|\*\*[^*]+\*\*|"[^"]+"|“[^”]+”|(?<![\p{L}\p{N}])'[^'\n]{3,}'(?![\p{L}\p{N}])/gu;
/** A reply's envelope before its sentence: a Markdown quote marker, or the @mention it answers. */
const REPLY_LEAD = /^(?:>\s*)+|^@[A-Za-z0-9][A-Za-z0-9_-]{0,38}[,:]?\s+/;
/** A sentence's end inside the words outside the quotes: a stop, then the next sentence's capital. */
const SENTENCE_END = /[.?!]\s+\p{Lu}/gu;
/** Words outside the quotes from which a line of two sentences or more reads as a paragraph of prose. */
const PARAGRAPH_WORDS = 20;
/** Longest quote read as a name or a short message without more of the sentence after it. */
const SHORT_QUOTE = 60;
/** Letter words a sentence keeps once its quotes are taken out. */
const SENTENCE_WORDS = 5;
/** Words after a long quote that show the sentence goes on past it ("…`, even though I have …"). */
const WORDS_AFTER_LONG_QUOTE = 2;
/** The sentence names the quote as an error just before it: "with the error `…`", "an exception like `…`", "this issue "…"". */
const NAMED_BEFORE =
  /\b(?:the|an?|this|that|these|those|same|following|such)\s+(?:[\p{L}-]+\s+){0,2}(?:errors?|exceptions?|messages?|issues?|problems?)(?:\s+(?:like|saying|of))?[\s:,]*$/iu;
/**
 * …or as the thing to fix, whatever the writer calls it (the noun is often misspelt): "how to resolve this
 * iisue "…"", "can someone fix that "…"".
 */
const TO_FIX_BEFORE =
  /\b(?:resolve|fix|solve|avoid|handle|get rid of|debug|troubleshoot)\s+(?:this|that|these|those|the)\s+(?:[\p{L}-]+\s+){0,2}$/iu;
/** …or just after it, with an article before it: "the `…` errors occurring in …". */
const NAMED_AFTER = /^[\s,]*(?:errors?|exceptions?|messages?|failures?)\b/i;
const ARTICLE_BEFORE = /\b(?:the|an?|this|that|these|those|same)\s*$/i;
/**
 * The sentence says which program put the quote out, just before it: "`aws-vault` started to report "…"",
 * "the worker began throwing "…"", "the call produces `…`". Someone pasting what they see says what they
 * get ("I keep getting "…", any idea?"); a sentence whose subject is the program describes its behaviour.
 */
const PROGRAM_PUTS_OUT =
  /\b(?:(?:started|starts|began|begins)\s+(?:to\s+)?(?:report|throw|return|print|log|emit|raise|show|give|spit out)(?:s|ing)?|reports|reported|throws|threw|returns|returned|prints|printed|logs|logged|emits|emitted|raises|raised|produces|produced|outputs|gives|gave)(?:\s+(?:back|out))?\s*[:,]?\s*$/i;
/** A clock time or a date: a log's head, never a sentence's. */
const LOG_STAMP = /\b\d{1,2}:\d{2}(?::\d{2})?\b|\b\d{4}-\d{2}-\d{2}\b/;

interface Quote {
  start: number;
  end: number;
  /** A person's markup (inline code, bold), not how a program prints a value. */
  markup: boolean;
}

/**
 * A one-line sentence that quotes the error it talks about: every word of the line that names an
 * error (`hits`, offsets in the line: catalog wordings and codes) lies inside a quote (inline code or
 * double quotes), and the words outside the quotes read as a person's sentence about it: they start
 * like a sentence, not a log; hold no error layout of their own; name the quote as "the error", or (for
 * inline code) have a pronoun or a reporting verb in them; and a long quote is named so or followed by more of the
 * sentence ("`…`, even though …"), where a paste would end. The AWS CLI's own message quotes a command
 * (`… by running "aws configure".`), but its wording is outside that quote, so it stays an error.
 */
export function quotedInSentence(whole: string, spans: ReadonlyArray<readonly [number, number]>): boolean {
  if (whole.includes('\n') || spans.length === 0) return false;
  // A reply's envelope is not the sentence: read from after it, with the spans moved along.
  const lead = REPLY_LEAD.exec(whole)?.[0].length ?? 0;
  const line = whole.slice(lead);
  const hits = spans.map(([from, to]) => [from - lead, to - lead] as const);
  const quotes: Quote[] = [...line.matchAll(SENTENCE_QUOTE)].map((m) => ({
    start: m.index ?? 0,
    end: (m.index ?? 0) + m[0].length,
    markup: m[0].startsWith('`') || m[0].startsWith('**'),
  }));
  if (quotes.length === 0) return false;
  if (!hits.every(([from, to]) => quotes.some((q) => from >= q.start && to <= q.end))) return false;
  const pieces: string[] = [];
  let at = 0;
  for (const q of quotes) {
    pieces.push(line.slice(at, q.start));
    at = q.end;
  }
  pieces.push(line.slice(at));
  const outside = pieces.join(' ').replace(/\s+/g, ' ').trim();
  if (!/^\p{L}/u.test(outside) || LOG_LEAD.test(outside) || LOG_STAMP.test(outside)) return false;
  if (readLine(outside) !== undefined) return false;
  if (outside.split(' ').filter((w) => /\p{L}{2}/u.test(w)).length < SENTENCE_WORDS) return false;
  const named = (q: Quote): boolean =>
    NAMED_BEFORE.test(line.slice(0, q.start)) ||
    TO_FIX_BEFORE.test(line.slice(0, q.start)) ||
    (NAMED_AFTER.test(line.slice(q.end)) && ARTICLE_BEFORE.test(line.slice(0, q.start)));
  const goesOn = (q: Quote): boolean =>
    line
      .slice(q.end)
      .split(/\s+/)
      .filter((w) => /\p{L}{2}/u.test(w)).length >= WORDS_AFTER_LONG_QUOTE;
  // A line of several sentences with many words of its own is a paragraph: a paste ends where its quote does.
  const sentences = (outside.match(SENTENCE_END)?.length ?? 0) + 1;
  const paragraph = sentences >= 2 && outside.split(' ').filter((w) => /\p{L}{2}/u.test(w)).length >= PARAGRAPH_WORDS;
  const putsOut = (q: Quote): boolean => PROGRAM_PUTS_OUT.test(line.slice(0, q.start));
  // A second sentence saying what a program put out ("Per the docs, … However, the CLI produces `…`.")
  // compares outputs: a paste with a few words before it would not have a sentence of its own first.
  for (const q of quotes)
    if (q.end - q.start - 2 > SHORT_QUOTE && !named(q) && !goesOn(q) && !paragraph && !(sentences >= 2 && putsOut(q)))
      return false;
  // Double quotes are also how programs print values, and "I keep getting "…", any idea?" pastes the
  // message to ask about it: a double-quoted message is talk only where the sentence calls it the error.
  // Inline code and bold are a person's markup: a narrating word is enough.
  if (quotes.some(named)) return true;
  if (quotes.some(putsOut)) return true;
  return quotes.every((q) => q.markup) && NARRATION.test(outside);
}

/**
 * The title of a change that fixes an error: a conventional-commit type (`fix: …`, `fix(auth): …`)
 * or an imperative verb that opens a pull request's or commit's title ("Fix `…` error", "Handle
 * ExpiredToken on long jobs"). No SDK or tool prints its error after those words.
 */
const CHANGE_TITLE =
  /^(?:(?:fix|feat|chore|refactor|perf|build|ci|docs|test|revert)(?:\([^()\s]{1,40}\))?!?: |(?:[Ff]ix|[Ff]ixes|[Ff]ixed|[Hh]andle|[Hh]andles|[Cc]atch|[Aa]void|[Pp]revent|[Ss]top|[Ii]gnore|[Ss]uppress|[Ss]urface|[Rr]esolve|[Rr]esolves|[Ww]ork around|[Ww]orkaround for|[Gg]racefully handle|[Dd]on't fail on|[Rr]etry on)\s)/;
/** Longest line still read as a title rather than a paragraph or a paste. */
const MAX_TITLE = 160;

export function titledChange(line: string): boolean {
  const title = line.trim();
  return !title.includes('\n') && title.length <= MAX_TITLE && CHANGE_TITLE.test(title);
}
