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
  /(?:^|[\s,])(?:i|i'm|i’m|i've|i’ve|we|we're|we’re|you|it|it's|it’s|this|that|they|he|she|me|us|my|our|their|his|her|anyone|someone|say|says|said|saying|claim|claims|claimed|complains|tell|tells|told|mention|mentions|states|report|reports|reported|get|gets|getting|got|receive|receives|received|receiving|encounter|encounters|encountered|encountering|seeing|see|sees|saw|gives|gave|shows|show|showed|throw|throws|threw|throwing|return|returns|returned|hit|hits|hitting|keeps|kept)(?=$|[\s,])/i;

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
/** The sentence names the quote as an error just before it: "with the error `…`", "an exception like `…`", "throws an error for "…"", "this issue "…"". */
const NAMED_BEFORE =
  /\b(?:(?:the|an?|another|this|that|these|those|same|following|such)\s+(?:[\p{L}\p{N}-]+\s+){0,2}|(?:showing|shows|show|showed|gives|giving|gave|getting|gets|got|throwing|throws|threw|returning|returns|returned)\s+)(?:errors?|exceptions?|messages?|issues?|problems?)(?:\s+(?:like|saying|of|for|about|stating))?[\s:,]*$/iu;
/**
 * …or as the thing to fix, whatever the writer calls it (the noun is often misspelt): "how to resolve this
 * iisue "…"", "can someone fix that "…"".
 */
const TO_FIX_BEFORE =
  /\b(?:resolve|fix|solve|avoid|handle|get rid of|debug|troubleshoot)\s+(?:(?:this|that|these|those|the)\s+(?:[\p{L}-]+\s+){0,2})?$/iu;
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
/**
 * The sentence reports what something said, the quote opening right after the verb of saying: "the log
 * reported "…"", "CloudWatch says `…`". A paste's lead-in introduces it with a colon ("getting this:").
 */
const SAID_BEFORE =
  /\b(?:says|said|reports|reported|states|stated|claims|claimed|complains|complained|tells me|told me|reads|mentions|mentioned)\s*$/i;
/**
 * The sentence says what a program does or would do, not what it printed: a modal or negated verb before
 * the quote ("the SDK will throw: `…`", "it should return `…`", "boto3 doesn't raise `…`"), as in a bug
 * report's expected and observed behaviour.
 */
const BEHAVIOUR_BEFORE =
  /\b(?:will|would|should|could|might|may|must|can|cannot|can't|won't|wouldn't|shouldn't|doesn't|does not|didn't|did not|never|always)\s+(?:not\s+)?(?:throw|return|report|print|log|emit|raise|show|give|fail with|error with|produce|output)\s*[:,]?\s*$/i;
/**
 * The sentence narrates a failure and what it failed with: "then starts failing with '…'", "the creation
 * failed with "…"". A paste's lead-in puts a colon after it ("the nightly job died with:").
 */
const FAILED_WITH_BEFORE =
  /\b(?:fail|fails|failed|failing|die|dies|died|dying|crash|crashes|crashed|crashing|errors? out|errored out|erroring out|exits|exited|aborts|aborted|breaks|broke|stops|stopped)\s+with\s*$/i;
/**
 * The sentence judges the message before quoting it: "the error message is self-explanatory: "…"", "the
 * error is pretty clear: `…`". A paste's lead-in says only what the error is ("the error is:").
 */
const JUDGED_BEFORE =
  /\bthe (?:error|exception|message)(?: message)? (?:is|was|seems|looks|sounds) (?:\p{L}+ )?(?:self-explanatory|self explanatory|clear|explicit|obvious|misleading|confusing|unhelpful|generic|vague|cryptic)\s*[:,]?\s*$/iu;
/**
 * The sentence makes the quote the complement of "the error I get is": "the error I get is "…"", "the
 * message we saw was `…`". A paste's lead-in puts a colon there ("The error I'm getting is:") and the
 * printout after it.
 */
const IDENTIFIED_BEFORE =
  /\bthe (?:error|exception|message)(?: message)? (?:that )?(?:i|we)(?:'m|’m| am| are| keep)? (?:get|got|getting|see|saw|seeing|receive|received|receiving)\s+(?:is|was)\s*$/i;
/**
 * A sentence that opens on a connective of a story ("Then I get `…`", "So now we see `…`", "But it throws
 * `…`"), a pronoun and the verb right before the quote: one step of a narrative, not a lead-in to a paste.
 * After a connective that continues a story (but, then, later, instead) the subject is often left out
 * ("But receiving `…`.", "Then getting `…`"): the previous sentence said who. A status update ("Still
 * getting `…`", "Now seeing `…`") reports what the writer sees now, as a paste's lead-in does.
 */
const STORY_STEP =
  /^(?:(?:then|and then|so|so now|but|but now|now|after that|afterwards|later|eventually|finally|instead|still)\s*,?\s+(?:i|we|it|they|you|he|she)\s+(?:\p{L}+\s+){0,2}|(?:but|and then|then|after that|afterwards|later|eventually|finally|instead)\s*,?\s+(?:\p{L}+\s+)?(?:receiving|getting|seeing|hitting|encountering|facing)\s+(?:\p{L}+\s+)?)$/iu;
/** Words outside the quotes from which one sentence with a narrating word is prose of its own, whatever it quotes. */
const LONG_SENTENCE_WORDS = 12;
/** Words outside the quotes a line needs before a marked verb (of saying, of failing, a modal) reads as a sentence. */
const MARKED_SENTENCE_WORDS = 2;
/** Words outside the quotes from which a paragraph of two sentences or more is prose, whatever its lead-in. */
const SHORT_PARAGRAPH_WORDS = 12;

/** Words of one clause after a quote that make the quote a part in the middle of a sentence. */
const CLAUSE_AFTER_QUOTE_WORDS = 5;
/** Where the clause right after a quote ends: a comma, a stop, a question, another quote. */
const CLAUSE_END = /[,;:?!`"“”]|\.(?:\s|$)/;

/** Words (two letters or more) of the clause that follows a quote, up to its first break. */
function clauseAfter(rest: string): number {
  const end = rest.search(CLAUSE_END);
  return (end < 0 ? rest : rest.slice(0, end)).split(/\s+/).filter((w) => /\p{L}{2}/u.test(w)).length;
}

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
  const words = outside.split(' ').filter((w) => /\p{L}{2}/u.test(w)).length;
  if (words < MARKED_SENTENCE_WORDS) return false;
  const named = (q: Quote): boolean =>
    NAMED_BEFORE.test(line.slice(0, q.start)) ||
    TO_FIX_BEFORE.test(line.slice(0, q.start)) ||
    (NAMED_AFTER.test(line.slice(q.end)) && ARTICLE_BEFORE.test(line.slice(0, q.start)));
  // Verbs that mark the quote as reported, expected, narrated or to be fixed: a short sentence is enough. A
  // sentence that only calls it "the following error" may be a paste's lead-in: it needs more words (below).
  const marked = (q: Quote): boolean => {
    const before = line.slice(0, q.start);
    return (
      SAID_BEFORE.test(before) ||
      BEHAVIOUR_BEFORE.test(before) ||
      FAILED_WITH_BEFORE.test(before) ||
      TO_FIX_BEFORE.test(before) ||
      JUDGED_BEFORE.test(before) ||
      IDENTIFIED_BEFORE.test(before) ||
      (q.markup && STORY_STEP.test(before.trim() ? `${before.trim()} ` : ''))
    );
  };
  if (quotes.some(marked)) return true;
  // The sentence goes on past the quote with a clause of its own, saying where or since when the error shows
  // ("Getting "…" on every instance since the 1.13 upgrade"): the quote sits mid-sentence. A paste's lead-in
  // ends at its quote, or asks a word of question after it ("I get `…`, why?").
  const holdsError = (q: Quote): boolean => hits.some(([from, to]) => from >= q.start && to <= q.end);
  if (
    NARRATION.test(outside) &&
    quotes.some((q) => holdsError(q) && clauseAfter(line.slice(q.end)) >= CLAUSE_AFTER_QUOTE_WORDS)
  )
    return true;
  // A sentence of many words of its own, or a paragraph, with a narrating word: the quote sits in prose.
  const sentencesOutside = (outside.match(SENTENCE_END)?.length ?? 0) + 1;
  if (
    NARRATION.test(outside) &&
    (words >= LONG_SENTENCE_WORDS || (sentencesOutside >= 2 && words >= SHORT_PARAGRAPH_WORDS))
  )
    return true;
  if (words < SENTENCE_WORDS) return false;
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
 * Whether every word of a line that names an error lies inside a quote and the words outside the quotes
 * are a person's sentence of some length (`SENTENCE_WORDS` or more, no log head or layout): the error's
 * text sits inside prose, whatever the sentence says about it. Such a finding may be right, but the line
 * was written by a person, so it is never more than a possible match.
 */
export function quotedWithinProse(whole: string, spans: ReadonlyArray<readonly [number, number]>): boolean {
  if (whole.includes('\n') || spans.length === 0) return false;
  const lead = REPLY_LEAD.exec(whole)?.[0].length ?? 0;
  const line = whole.slice(lead);
  const quotes = [...line.matchAll(SENTENCE_QUOTE)].map((m) => [m.index ?? 0, (m.index ?? 0) + m[0].length] as const);
  if (quotes.length === 0) return false;
  const inside = ([from, to]: readonly [number, number]): boolean =>
    quotes.some(([start, end]) => from - lead >= start && to - lead <= end);
  if (!spans.every(inside)) return false;
  const outside = quotes
    .reduceRight((rest, [start, end]) => `${rest.slice(0, start)} ${rest.slice(end)}`, line)
    .replace(/\s+/g, ' ')
    .trim();
  if (!/^\p{L}/u.test(outside) || LOG_LEAD.test(outside) || LOG_STAMP.test(outside)) return false;
  // A program's line quotes values too (`with message '…'`, a JSON body's strings): what is left around its
  // quotes has fields, braces or a chain of colons, and no one speaking.
  if (/[{}[\]=|<>]/.test(outside) || (outside.match(/:/g)?.length ?? 0) > 1) return false;
  if (readLine(outside) !== undefined || !NARRATION.test(outside)) return false;
  return outside.split(' ').filter((w) => /\p{L}{2}/u.test(w)).length >= SENTENCE_WORDS;
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

/**
 * Words only the writer of a line uses about themselves. Programs' messages say "you" and, for the
 * service, "we" inside the message itself; a lead-in before a message that says "I", "my" or "we" belongs
 * to the person who wrote the line.
 */
const FIRST_PERSON =
  /(?:^|[\s,(])(?:i|i'm|i've|i'd|i'll|im|me|my|mine|myself|we|we're|we've|we'd|our|ours|us)(?=$|[\s,.;:!?)])/i;
/** The writer alone, after an unquoted message: no program's message says "I" or "my". */
const FIRST_PERSON_SINGULAR = /(?:^|[\s,(])(?:i|i'm|i've|i'd|i'll|me|my|myself)(?=$|[\s,.;:!?)])/i;
/**
 * A modal or negated verb of putting out an error: the sentence states a behaviour ("the SDK will throw:",
 * "the enum doesn't include", "it should not return"), where a paste shows what happened. A program's own
 * "could not connect", "will retry" are no such statement.
 */
const MODAL =
  /\b(?:will|would|should|might|may|must|can|can't|won't|wouldn't|shouldn't|doesn't|don't|didn't|never|always)\s+(?:not\s+)?(?:throw|raise|return|report|show|give|print|log|emit|produce|output|include|contain|fail with|error with|say)\b/i;
/**
 * Words that join a clause to another: a lead-in built of two clauses ("runs for an hour, then starts
 * failing with", "works locally but in the cluster throws") tells a story; a paste's lead-in is one clause.
 */
const JOINED_CLAUSE =
  /(?:^|[\s,;])(?:then|but|because|since|although|though|however|when|whenever|while|until|unless|if|so|yet|after|before|instead|otherwise|whereas)\b/i;
/**
 * The sentence names what follows it as an error, with a determiner ("fails with the error", "an exception
 * like", "this message"): the quote is a part of that sentence. A program's head ("An error occurred (…")
 * names an error too, but goes on with its own words before the message.
 */
const NAMES_ERROR =
  /\b(?:the|an?|this|that|these|those|same|another|such)\s+(?:[\p{L}\p{N}-]+\s+){0,2}(?:errors?|exceptions?|messages?|failures?|issues?|problems?)(?:\s+(?:like|saying|of|for|about|stating))?$/iu;
/** botocore's and boto2's heads, where their error starts in a line: "An error occurred (", "A client error (". */
const SDK_HEAD = /\b(?:An error occurred|A client error) \(/;
/**
 * How a person introduces what they paste on the same line: who got it (or no one named, "Getting"), a verb
 * of getting or seeing, and the thing got at most ("I get", "I keep getting", "we are seeing this error",
 * "I receive the following error", "Still getting"), after a greeting or an adverb of time at most. These
 * words are a closed class; any other sentence the error is written into is a sentence about it.
 */
const DISPLAY_INTRO_WORDS = [
  '(?:(?:hi|hello|hey)(?:\\s+\\w+)?[,!.]?\\s+)?',
  '(?:(?:still|now|also|again|just|always|suddenly|sometimes|occasionally|currently|today|intermittently|randomly)\\s+)*',
  "(?:(?:i|we|i'm|we're|i've|we've|im)\\s+)?",
  '(?:(?:am|are|was|were|have|has|had|keep|kept|still|always|now|also|again|just|been|constantly|sometimes|occasionally|randomly|intermittently|suddenly)\\s+)*',
  '(?:get|gets|got|getting|receive|receives|received|receiving|see|sees|saw|seeing|hit|hits|hitting|encounter|encountered|encountering|face|faced|facing|run into|ran into|running into|obtain|obtained)',
  '(?:\\s+(?:the|this|these|that|those|a|an|following|same|below|above|next|new|another|exact|error|errors|exception|exceptions|message|messages|output|response|like|back))*',
].join('');
const DISPLAY_INTRO = new RegExp(`^${DISPLAY_INTRO_WORDS}\\s*:?$`, 'i');
/** Words a lead-in ending in a colon may have and still only introduce what follows ("When I run X I get this error:"). */
const DISPLAY_COLON_WORDS = 11;
/** Words of earlier sentences on the line up to which the last one alone says how the error is brought in ("Deploy broke again. Getting `…`"). */
const DISPLAY_PRIOR_WORDS = 6;
/** Words of a lead-in before inline code or bold that make it a sentence with no other sign of a writer ("the connector fails with `…`"). */
const MARKUP_SENTENCE_WORDS = 3;
/** Words after a quoted error that continue the writer's sentence ("… on every instance since the upgrade", "… error stops the build"). */
const TAIL_CLAUSE_WORDS = 3;
/** A list item's marker or a numbered step before a sentence ("- ", "3) ", "2. "). */
const LIST_MARK = /^(?:[-*+•]|\(?\d{1,2}[.)])\s+/;
/** A link in a sentence: one word of it. */
const LINK = /\bhttps?:\/\/\S+/g;
/** A word of a sentence that is really code (a class, a path, a call, a field): named as "code" in the lead-in. */
const CODE_WORD = /[._$\\/<>[\]{}()=#|@`*]|::|:\S|\p{Ll}\p{Lu}|\d\p{L}|\p{L}\d/u;
/** The error's own head right before its message: a class or `Error:` ("Error:", "SdkClientException:", "com.amazonaws."). */
const ERROR_HEAD =
  /^(?:[\p{L}_$][\w$]*\.)*(?:[\p{L}_$][\w$]*)?(?:Error|Exception|Fault|Err)s?:?$|^[\w$]+(?:\.[\w$]+)+\.$|^§[:.,]?$/u;

/** What stands for a quote, a link or a word of code in the words of a sentence (see asWords): no word of its own. */
const STAND_IN = '§';

/** The words of a text that read as a sentence's: letters (two or more), with an apostrophe or a hyphen. */
function wordsOf(text: string): number {
  return text.split(/\s+/).filter((w) => /\p{L}{2}|^I$/u.test(w.replace(/['’]/g, ''))).length;
}

/** How many quotes, links and words of code a text from asWords holds. */
function standIns(text: string): number {
  return text.split(STAND_IN).length - 1;
}

/**
 * A stretch of a person's sentence: it starts with a letter, not like a log's line (`Error`, `Failed`,
 * `Unable`) when it opens the line, and holds only a sentence's punctuation (a colon only at its end).
 */
function readsAsSentence(whole: string, opening = true): boolean {
  // A sentence may open on a quote, a link or a word of code (its subject: "`aws-vault` started to …").
  const text = whole.replace(/^(?:§,?\s+)+/, '');
  if (!/^\p{L}/u.test(text) || (opening && LOG_LEAD.test(text))) return false;
  if (!/^[\p{L}\p{N}\s,;:'’.!?&+§-]*$/u.test(text)) return false;
  // A colon ends the sentence that brings the error in; an earlier sentence may have one (a title's "topic: …").
  const stop = text.search(/[.!?]\s+[^.!?]*$/);
  const lastSentence = stop < 0 ? text : text.slice(stop + 1);
  return !lastSentence.replace(/:\s*$/, '').includes(':');
}

/** A stretch of prose with each of its quotes, links and words of code made a stand-in. */
function asWords(text: string): string {
  return text
    .replace(LINK, ` ${STAND_IN} `)
    .replace(SENTENCE_QUOTE, ` ${STAND_IN} `)
    .split(/\s+/)
    .map((w) => (CODE_WORD.test(w.replace(/[,;:.!?]+$/, '')) ? `${STAND_IN}${w.match(/[,;:.!?]+$/)?.[0] ?? ''}` : w))
    .join(' ')
    .trim();
}

/** What the writer says around an error on one line: the words before it, after it, and how it is set. */
interface Around {
  lead: string;
  tail: string;
  /** Every word naming the error is inside one quote (inline code, bold, quotes), so where it ends is known. */
  quoted: boolean;
  /** That quote is a person's markup or double quotes, not a program's single-quoted value. */
  marked: boolean;
  /** That quote is a person's markup (inline code, bold): no program prints its error so. */
  markup: boolean;
  /** The line's words after the last naming word (the unquoted message and whatever follows it). */
  rest: string;
}

function around(whole: string, spans: ReadonlyArray<readonly [number, number]>): Around | undefined {
  const envelope = REPLY_LEAD.exec(whole)?.[0].length ?? 0;
  const afterReply = whole.slice(envelope);
  const marked = LIST_MARK.exec(afterReply)?.[0].length ?? 0;
  const cut = envelope + marked;
  const line = whole.slice(cut);
  const hits = spans.map(([from, to]) => [from - cut, to - cut] as const);
  if (hits.length === 0 || hits.some(([from]) => from < 0)) return undefined;
  const quotes = [...line.matchAll(SENTENCE_QUOTE)].map((m) => [m.index ?? 0, (m.index ?? 0) + m[0].length] as const);
  const quoteOf = ([from, to]: readonly [number, number]) => quotes.find(([s, e]) => from >= s && to <= e);
  const holders = hits.map(quoteOf);
  const quoted = holders.every((q) => q !== undefined);
  const first = quoted ? Math.min(...holders.map((q) => q![0])) : Math.min(...hits.map(([from]) => from));
  const head = line.slice(0, first).search(SDK_HEAD);
  const start = head >= 0 ? head : first;
  const end = quoted ? Math.max(...holders.map((q) => q![1])) : line.length;
  // The lead-in ends at its last word of prose: a class name or the `Error:` head just before the message is the error's own.
  if (LOG_STAMP.test(line.slice(0, start))) return undefined;
  const words = asWords(line.slice(0, start)).split(' ').filter(Boolean);
  while (words.length > 0 && ERROR_HEAD.test(words[words.length - 1]!.replace(/["'*_]+$/, ''))) words.pop();
  // A word or two after the lead-in's colon start the error ("it gives an error: api error …").
  const lead = words
    .join(' ')
    .replace(/["'*_]+$/, '')
    .replace(/(:)(?:\s+\S+){1,2}$/, '$1')
    .trim();
  const tail = asWords(line.slice(end)).replace(/^[\s.,;!?"'*_)\]—–-]+/, '');
  const single = quoted && holders.every((q) => line[q![0]] === "'");
  const markup = quoted && holders.every((q) => line[q![0]] === '`' || line[q![0]] === '*');
  return {
    lead,
    tail,
    quoted,
    marked: quoted && !single,
    markup,
    rest: line.slice(Math.max(...hits.map(([, to]) => to))),
  };
}

/**
 * Whether a person's own sentence holds the error as a part of it, on one line (`spans`: where the line
 * names the error, offsets in it). The error is set off as a paste when nothing of the writer's stands
 * before it, or when what stands before it only brings it in: a short lead-in ending in a colon, or "I
 * get", "we keep seeing this error" with nothing after the error. Anything else is a sentence about the
 * error: the error is the object of the writer's clause ("Then I get `…`", "Querying s3 gives `…`", "the
 * build fails with the error `…`"), its complement ("the error I get is `…`"), part of a question, of a
 * modal statement ("the SDK will throw: `…`"), or the clause goes on after it ("`…` error stops the build",
 * "… on every instance since 1.13"). It is told by how the sentence is built, not by its words: whether
 * someone speaks in it (first person, a question, a narrating or modal verb, clauses joined into a story,
 * the error named by a noun) and where the error sits in it.
 */
export function writtenIntoSentence(whole: string, spans: ReadonlyArray<readonly [number, number]>): boolean {
  return howWritten(whole, spans) === 'sentence';
}

/**
 * How a line sets the error it names: inside a sentence of the writer's (see writtenIntoSentence), shown
 * after a lead-in that only brings it in ("I get this error: …", "Still seeing `…`"), or neither (no
 * words of the writer's around it: a program's line).
 */
export function howWritten(
  whole: string,
  spans: ReadonlyArray<readonly [number, number]>,
): 'sentence' | 'shown' | undefined {
  if (whole.includes('\n') || spans.length === 0) return undefined;
  const at = around(whole, spans);
  if (at === undefined) return undefined;
  const { lead, tail, quoted, marked, markup, rest } = at;
  const leadWords = prose(lead) ? wordsOf(lead) : 0;
  const bare = lead.replace(/:$/, '');
  const question = /\?(?:\s|$)/.test(lead) || /\?(?:\s|$)/.test(tail) || QUESTION_START.test(lead);
  const speaks = FIRST_PERSON.test(bare) || question;
  // Inline code and bold are a person's markup: a sentence of a few words around them is the writer's.
  const narrates =
    NARRATION.test(bare) ||
    MODAL.test(bare) ||
    JOINED_CLAUSE.test(bare) ||
    NAMES_ERROR.test(bare) ||
    speaks ||
    (markup && leadWords >= MARKUP_SENTENCE_WORDS);
  // After a quote, the rest of the line goes on with the writer's clause: a few words of prose of their own,
  // with no layout (a program's line after a quoted value has fields, a path, a status).
  const clauseAfter = quoted && prose(tail, false) && wordsOf(tail) >= TAIL_CLAUSE_WORDS;
  if (clauseAfter && (leadWords > 0 || marked)) return 'sentence';
  // Unquoted, the message runs to the line's end: only the writer's "I" or "my" after it, or a question
  // ending the line, tells it is not all the message.
  if (!quoted && leadWords > 0 && (FIRST_PERSON_SINGULAR.test(rest) || /\?\s*$/.test(rest))) return 'sentence';
  // …or a dash after it opening the writer's comment on it ("… — that is what our runners print").
  const aside = /\s[—–-]\s+(.*)$/.exec(rest)?.[1];
  if (!quoted && aside !== undefined && FIRST_PERSON.test(aside) && prose(asWords(aside), false)) return 'sentence';
  if (leadWords < MARKED_SENTENCE_WORDS || !narrates) return undefined;
  const brought = bringsIn(lead, tail, speaks);
  // The writer's story (a clause that says when or what changed: "When I run X I get error:", "but now I
  // keep getting"), then the error in their own quote (inline code, bold, double quotes) ending it: the
  // quote is the object of that sentence. Brought in by the intro alone, or unquoted, it stays the paste.
  if (brought === 'intro' && marked && JOINED_CLAUSE.test(bare)) return 'sentence';
  return brought === undefined ? 'sentence' : brought === 'intro' ? 'shown' : undefined;
}

/**
 * Words around an error that are a person's prose: a sentence's stretch (see readsAsSentence) whose own words
 * outnumber its quotes and words of code (a traceback folded onto one line reads as words around its paths).
 */
function prose(text: string, opening = true): boolean {
  return text.length > 0 && readsAsSentence(text, opening) && wordsOf(text) >= 2 * standIns(text);
}

/** How a question starts, in the words before an error. */
const QUESTION_START =
  /^(?:why|how|what|when is|where|which|who|does|do|did|is|are|can|should|has|have|any idea|anyone|any clue)\b/i;

/**
 * How a lead-in brings in the error that ends the line, if it only brings it in: "intro" when its last
 * sentence is the writer getting or seeing it ("I keep getting", "Still seeing", "we get the following
 * error:") or a short one ending in a colon in which the writer speaks; "colon" for another short lead-in
 * ending in a colon ("the worker said:", "this fails with the following error:"), which may be a paste's or
 * a sentence's. Never with a modal ("the SDK will throw:"). When the writer speaks, earlier sentences on the
 * line may hold a few words at most ("Deploy broke again."); more make it a paragraph about the error. A
 * lead-in in which no one speaks may be a program's own sentences ("An exception occurred during task
 * execution. … The error was:"): its last sentence says.
 */
function bringsIn(lead: string, tail: string, speaks: boolean): 'intro' | 'colon' | undefined {
  if (wordsOf(tail) > 1) return undefined;
  const breakAt = lead.search(/[.!?]\s+(?=\S)[^.!?]*$/);
  const last = breakAt < 0 ? lead : lead.slice(breakAt + 1).trim();
  if (speaks && breakAt >= 0 && wordsOf(lead.slice(0, breakAt)) > DISPLAY_PRIOR_WORDS) return undefined;
  if (MODAL.test(last)) return undefined;
  if (DISPLAY_INTRO.test(last)) return 'intro';
  // A lead-in that ends its own sentence ("Any ideas?", "Our job failed tonight.") sets the error apart, as
  // its own line would, unless it is a paragraph of its own.
  if (/[.!?]$/.test(lead)) return wordsOf(lead) > DISPLAY_COLON_WORDS ? undefined : speaks ? 'intro' : 'colon';
  if (/:$/.test(last)) return wordsOf(last) > DISPLAY_COLON_WORDS ? undefined : speaks ? 'intro' : 'colon';
  // The intro, then the message's own first words, capitalised ("Received error The role … cannot be assumed").
  const words = last.split(' ');
  for (let k = 1; k < words.length; k++)
    if (/^\p{Lu}/u.test(words[k]!) && DISPLAY_INTRO.test(words.slice(0, k).join(' '))) return 'intro';
  return undefined;
}
