/**
 * Takes off the layers a pasted error arrives in that are not the error: Markdown and Slack mrkdwn
 * (emphasis, headings, quotes, list markers, inline code, tables), HTML tags and entities, JSON and
 * language string escapes around a multi-line message, Docker's json-file log records, the Lambda
 * runtime's log prefixes, kubectl/CRI and CI timestamps, GitHub Actions annotations and line numbers,
 * a log viewer's time column.
 * What is left reads as the error read bare, so every recogniser downstream sees the same text
 * whatever carried it. Every pattern is anchored on literal text without nested quantifiers, so each
 * runs in time linear in the line.
 */

/** Lines longer than this are left as they are: no envelope holds a line that long around one error. */
const MAX_ENVELOPE_LINE = 65_536;

/** Docker's json-file logging driver: one JSON record per line, the program's line in `log`. */
const DOCKER_JSON_LINE =
  /^\s*\{"log":"((?:[^"\\]|\\.){0,65536})","stream":"(?:stdout|stderr)"(?:,"time":"[^"]{0,64}")?\}\s*$/;
/** The Lambda runtime's invocation markers, which say nothing about the error. */
const LAMBDA_MARKER = /^\s*(?:START|END|REPORT) RequestId: [0-9a-f-]{36}(?:\s|$)/;
/**
 * Lambda's Node.js runtime head (`time\trequest id\tLEVEL\t`; older runtimes wrote no level, and the
 * CloudWatch console's copy turns the tabs into spaces) and its Python runtime head (`[LEVEL]\ttime\trequest id\t`).
 */
const LAMBDA_NODE_HEAD =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z[\t ][0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}[\t ](?:(?:ERROR|WARN|INFO|DEBUG|TRACE|FATAL)[\t ])?/;
const LAMBDA_PYTHON_HEAD =
  /^\[(?:ERROR|WARNING|INFO|DEBUG|CRITICAL)\]\t\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z\t[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\t/;
/**
 * Machine-written line heads: kubectl's `--prefix` (`[pod/name/container] `), the CRI log format
 * (`<RFC 3339 nano time> stderr F `), kubectl's `--timestamps` and GitHub Actions' raw log times (7-9
 * fraction digits, which no application logger writes), Actions' annotations, Terraform's frame,
 * Docker Compose's service column (`meter-1  | `, `meter_1  | ` before Compose v2), padded to align, and
 * the CloudWatch console's time column (`  | 2026-12-07T10:00:00.100+01:00 | `).
 */
const MACHINE_HEADS = [
  /^\[pod\/[a-z0-9.-]{1,253}\/[a-z0-9-]{1,63}\] /,
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{7,9}(?:Z|[+-]\d{2}:\d{2}) (?:(?:stdout|stderr) [FP] )?/,
  /^##\[(?:error|warning|notice|debug)\]/,
  // journald's short-iso output and RFC 3164 syslog (journalctl's default, rsyslog): time, host, unit[pid].
  /^(?:<\d{1,3}>)?(?:\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,6})?(?:Z|[+-]\d{2}:?\d{2})|[A-Z][a-z]{2} [ \d]\d \d{2}:\d{2}:\d{2}) [A-Za-z0-9._-]{1,100} [A-Za-z0-9._/@-]{1,100}(?:\[\d{1,10}\])?: /,
  // Node's process warning in front of an unhandled rejection's printout.
  /^\(node:\d{1,10}\) UnhandledPromiseRejectionWarning: /,
  /^::(?:error|warning|notice)(?: [^:]{0,500})?::/,
  // Terraform's frame down the left of a diagnostic, whose text it wraps at the terminal's width.
  /^[ \t]{0,8}│ ?/,
  // Docker Compose: the service name and replica number, padded, then a bar.
  /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}[-_]\d{1,3} {1,40}\| /,
  // The CloudWatch console's log-events table copied as text: the empty expand column, the event's time
  // with its offset, then the message, each after a bar (the console trims the message's own indentation).
  /^[ \t]{0,8}\|[ \t]{1,4}\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})[ \t]{1,4}\|[ \t]?/,
];
/** Markdown and mrkdwn line heads: quotes (also e-mail quoting), headings, list items. */
const QUOTE_HEAD = /^[ \t]{0,3}>[ \t]?/;
const HEADING_HEAD = /^[ \t]{0,3}#{1,6}[ \t]+/;
const LIST_HEAD = /^[ \t]{0,3}(?:[-*+]|\d{1,3}[.)])[ \t]+(?=\S)/;
/** A whole line in emphasis or inline code: `**X**`, `__X__`, `*X*`, `_X_`, `~X~`, `~~X~~`, `` `X` ``. */
const WHOLE_LINE_WRAP = /^(\s*)(\*\*|__|~~|\*|_|~|`)(\S(?:.*\S)?)\2(\s*)$/;
/** Bold inside a line (`**Aws::S3::Errors::SignatureDoesNotMatch** in **Job@x**`). */
const INLINE_BOLD = /\*\*(\S(?:[^*\n]{0,2000}\S)?)\*\*/g;
/** GFM table rows and the delimiter row under a table's head. */
const TABLE_ROW = /^\s*\|(.*)\|\s*$/;
const TABLE_DELIMITER = /^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$/;
/** `cat -n` (`     1\t`) and editors' gutters (`12 | `): every line numbered, counting up by one. */
const CAT_N_LINE = /^ {0,5}\d{1,6}\t/;
const LINE_NUMBER = /^\s{0,8}(\d{1,7})(?:\t| \| ?)/;
/** HTML line breaks and the tags that only lay text out (lower case: AWS's XML bodies use `<Code>`). */
const HTML_BREAK = /<br\s{0,5}\/?>/gi;
const HTML_BLOCK_END = /<\/(?:p|div|pre|li|tr|blockquote|h[1-6])>/g;
const HTML_TAG =
  /<\/?(?:p|div|span|pre|code|b|strong|em|i|u|tt|kbd|samp|blockquote|ul|ol|li|table|thead|tbody|tr|td|th|h[1-6])(?:\s[^<>]{0,500})?>/g;
const HTML_ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(apos|nbsp|quot));/g;
/** Elixir's and Erlang's error tuple around one string, and Python's repr of one-string exception args. */
const ERROR_TUPLE_STRING = /^\s*\{:?error,\s*"((?:[^"\\]|\\.){0,65536})"\s*\}\s*$/;
const PYTHON_ARGS_TUPLE = /^\s*\((?:'((?:[^'\\]|\\.){0,65536})'|"((?:[^"\\]|\\.){0,65536})"),?\)\s*$/;
/** A structured logger's record: its level and message fields, and the fields that only say when. */
const LEVEL_KEYS = ['level', 'severity', 'lvl', 'levelname', 'log.level'];
const MESSAGE_KEYS = ['msg', 'message'];
const TIME_KEYS = new Set(['time', 'ts', 'timestamp', '@timestamp', 'asctime', 'date']);
const ERROR_LEVEL = /^(?:error|err|fatal|critical|crit|panic|dpanic|emerg|emergency|alert)$/i;
const ESCAPE = /\\(?:u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|(["'\\/nrt]))/g;

function unescapeString(body: string): string {
  return body.replace(ESCAPE, (whole, u: string | undefined, x: string | undefined, c: string | undefined) => {
    if (u) return String.fromCharCode(Number.parseInt(u, 16));
    if (x) return String.fromCharCode(Number.parseInt(x, 16));
    if (c === 'n') return '\n';
    if (c === 't') return '\t';
    if (c === 'r') return '';
    return c ?? whole;
  });
}

function decodeDockerLine(line: string): string {
  const m = DOCKER_JSON_LINE.exec(line);
  return m ? unescapeString(m[1]!).replace(/\n$/, '') : line;
}

/** Whether the line's first non-blank character is `ch` (without trimming a copy of every line). */
function opensWith(line: string, ch: string): boolean {
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c !== ' ' && c !== '\t' && c !== '\r') return c === ch;
  }
  return false;
}

function parseObject(line: string): Record<string, unknown> | undefined {
  if (!opensWith(line, '{')) return undefined;
  const t = line.trim();
  if (!t.startsWith('{') || !t.endsWith('}')) return undefined;
  try {
    const value: unknown = JSON.parse(t);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A one-line message logged at error level keeps that level as `ERROR: `; a printout over several lines
 * (a traceback, a stack) says in its own layout what it is, and a level line above it would read as a
 * second error.
 */
function marked(message: string, atError: boolean): string[] {
  const lines = message.split('\n');
  return atError && lines.length === 1 ? [`ERROR: ${message}`] : lines;
}

/**
 * A structured log record (a level and a string message) is read as its message, at error level
 * marked `ERROR: ` as a plain logger prints it; the fields beyond level, message and time follow it.
 */
function unwrapLogRecord(line: string): string[] | undefined {
  const record = parseObject(line);
  if (!record) return undefined;
  const levelKey = LEVEL_KEYS.find((k) => typeof record[k] === 'string' || typeof record[k] === 'number');
  const messageKey = MESSAGE_KEYS.find((k) => typeof record[k] === 'string');
  if (!levelKey || !messageKey) return undefined;
  const level = record[levelKey] as string | number;
  const atError = typeof level === 'number' ? level >= 50 : ERROR_LEVEL.test(level);
  const message = (record[messageKey] as string).replace(/\r\n?/g, '\n');
  const rest = Object.fromEntries(
    Object.entries(record).filter(([k]) => k !== levelKey && k !== messageKey && !TIME_KEYS.has(k)),
  );
  const out = marked(message, atError);
  if (Object.keys(rest).length > 0) out.push(JSON.stringify(rest));
  return out;
}

/** `{:error, "…"}` and `('…',)` around one message: the message, as it was printed. */
function unwrapValueAround(line: string): string[] | undefined {
  const tuple = ERROR_TUPLE_STRING.exec(line);
  if (tuple) return marked(unescapeString(tuple[1]!), true);
  const args = PYTHON_ARGS_TUPLE.exec(line);
  if (args) return unescapeString(args[1] ?? args[2] ?? '').split('\n');
  return undefined;
}

function isJsonValue(line: string): boolean {
  const t = line.trim();
  if (!(t.startsWith('{') || t.startsWith('['))) return false;
  try {
    JSON.parse(t);
    return true;
  } catch {
    return false;
  }
}

/**
 * A message inside a string value is set out on its own lines, as it was printed; a JSON body whose
 * quotes were escaped inside another language's string gets its quotes back. A line that is itself
 * valid JSON keeps its single-line strings, which the JSON body readers take as they are.
 */
function decodeStrings(line: string): string {
  if (!line.includes('\\')) return line;
  // A message inside a value holds escaped line breaks; a literal without any stays as it is. A
  // Markdown code span around such a message is the value copied out of a JSON log or a `%q` print.
  // A quote a person opens after their sentence's words ("we get the error "…\ncaused by: …"") is a quote in
  // prose, not a printed value: it stays on the sentence's line, where it reads as talk.
  let out = replaceLiterals(line, '"\'`', (body, before) =>
    hasEscape(body, 'n') && !SENTENCE_BEFORE_QUOTE.test(before) ? `\n${unescapeString(body)}\n` : undefined,
  );
  if (out === line && !isJsonValue(line))
    out = replaceLiterals(line, '"', (body) => (hasEscape(body, '"') ? `"${unescapeString(body)}"` : undefined));
  return out;
}

/** Two letters of a word just before an apostrophe. */
const WORD_LETTERS = /^\p{L}{2}$/u;
/**
 * A line that is only a sentence's words up to a quote it opens: no field, colon, brace or log layout
 * before it. A sentence may hold an aside in parentheses and name something in inline code on the way
 * ("For accounts with many zones (or clusters with `external-dns`), this results in `…`").
 */
const SENTENCE_BEFORE_QUOTE = /^\p{L}(?:[\p{L}\p{N}\s,'’()-]|`[^`\\\n]{1,80}`)*\p{L}{2}\s$/u;

/** Whether a literal's body holds the escape `\<ch>` (an escaped backslash before `ch` is not one). */
function hasEscape(body: string, ch: string): boolean {
  for (let i = 0; i < body.length; i++) if (body[i] === '\\' && body[++i] === ch) return true;
  return false;
}

/**
 * Replaces the string literals of a line (JSON, JavaScript, Elixir, Python) for which `replace` gives
 * text. A scan rather than a pattern: one pass, however many quotes and escapes the line holds.
 */
function replaceLiterals(
  line: string,
  quotes: string,
  replace: (body: string, before: string) => string | undefined,
): string {
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < line.length) {
    const quote = line[i]!;
    // An apostrophe inside a word ("we're", "don't") opens nothing; a Python prefix (`u'…'`, `b'…'`) is one letter.
    if (!quotes.includes(quote) || (quote === "'" && i >= 2 && WORD_LETTERS.test(line.slice(i - 2, i)))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < line.length && line[j] !== quote) j += line[j] === '\\' ? 2 : 1;
    if (j >= line.length) break;
    const replacement = replace(line.slice(i + 1, j), line.slice(0, i));
    if (replacement !== undefined) {
      out += line.slice(copied, i) + replacement;
      copied = j + 1;
    }
    i = j + 1;
  }
  return copied === 0 ? line : out + line.slice(copied);
}

/** Every line head above in one pattern, in the order they come off: a line with none (most lines) costs one match. */
const ANY_HEAD = new RegExp(
  `^(?:${[LAMBDA_NODE_HEAD, LAMBDA_PYTHON_HEAD, ...MACHINE_HEADS, QUOTE_HEAD, HEADING_HEAD, LIST_HEAD]
    .map((head) => `(?:${head.source.slice(1)})`)
    .join('|')})`,
);

/** Heads come off one at a time, outermost first (a quoted list item in a Lambda log line takes three). */
const MAX_HEADS = 12;

function stripHeads(line: string): string {
  let text = line;
  for (let round = 0; round < MAX_HEADS; round++) {
    const head = ANY_HEAD.exec(text)?.[0];
    if (head) {
      text = text.slice(head.length);
      continue;
    }
    const wrapped = WHOLE_LINE_WRAP.exec(text);
    // `**A** in **B**` is two bold runs, not one: those are taken apart below.
    if (!wrapped || (wrapped[2]!.length === 2 && wrapped[3]!.includes(wrapped[2]!))) break;
    text = wrapped[1]! + wrapped[3]! + wrapped[4]!;
  }
  return text.includes('**') ? text.replace(INLINE_BOLD, unbold) : text;
}

/** Words of a person's sentence before a bold run, from which the run reads as a quote in that sentence. */
const SENTENCE_BEFORE_BOLD = /(?:\p{L}{2,}[\s,]+){3,}$/u;
/**
 * …or a word before it and a clause of a sentence after it ("Throws: **…** when I try to push the
 * project"): a heading or a label puts its bold first or ends at it, a sentence goes on past its quote.
 */
const WORD_BEFORE_BOLD = /\p{L}{2,}[\s,:]+$/u;
const SENTENCE_AFTER_BOLD = /^[\s,]+(?:\p{L}+[\s,]+){3,}/u;

/**
 * Bold comes off a heading (`**Aws::S3::Errors::SignatureDoesNotMatch** in **Job@x**`); bold that a
 * sentence puts its error in ("failed with the error message **…**.") is how people quote, so it is kept
 * as a quote (inline code) for the talk checks to read.
 */
function unbold(whole: string, inner: string, at: number, line: string): string {
  const before = line.slice(Math.max(0, at - 200), at);
  const inSentence =
    SENTENCE_BEFORE_BOLD.test(before) ||
    (WORD_BEFORE_BOLD.test(before) && SENTENCE_AFTER_BOLD.test(line.slice(at + whole.length, at + whole.length + 200)));
  return !inner.includes('`') && inSentence ? `\`${inner}\`` : inner;
}

/** A GFM table (a delimiter row is what makes one) is read cell by cell, each cell on its own line. */
function unwrapTables(lines: string[]): string[] {
  if (!lines.some((l) => TABLE_DELIMITER.test(l) && l.includes('-'))) return lines;
  const out: string[] = [];
  for (const line of lines) {
    if (TABLE_DELIMITER.test(line) && line.includes('|')) continue;
    const row = TABLE_ROW.exec(line);
    if (row) out.push(...row[1]!.split(/\s\|\s|\s\||\|\s/).map((cell) => cell.trim()));
    else out.push(line);
  }
  return out;
}

/** Line numbers come off only when every non-empty line has one and they count up by one. */
function unwrapLineNumbers(lines: string[]): string[] {
  const numbered = lines.filter((l) => l.trim() !== '');
  // One numbered line is taken only in `cat -n`'s own layout (right-aligned in six columns, a tab).
  if (numbered.length === 0 || (numbered.length === 1 && !CAT_N_LINE.test(numbered[0]!))) return lines;
  let expected: number | undefined;
  for (const line of numbered) {
    const m = LINE_NUMBER.exec(line);
    if (!m) return lines;
    const n = Number(m[1]);
    if (expected !== undefined && n !== expected) return lines;
    expected = n + 1;
  }
  return lines.map((l) => l.replace(LINE_NUMBER, ''));
}

function decodeHtml(text: string): string {
  if (!text.includes('<') && !text.includes('&')) return text;
  return text
    .replace(HTML_BREAK, '\n')
    .replace(HTML_BLOCK_END, '\n')
    .replace(HTML_TAG, '')
    .replace(HTML_ENTITY, (whole, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
      const code = dec ? Number.parseInt(dec, 10) : hex ? Number.parseInt(hex, 16) : undefined;
      if (code !== undefined) return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      return name === 'apos' ? "'" : name === 'quot' ? '"' : ' ';
    });
}

const REJECTION_HEAD_ALONE = /^\s*\(node:\d{1,10}\) UnhandledPromiseRejectionWarning:\s*$/;

/**
 * Node's rejection warning alone on its line is the head of whatever was rejected: an error's own printout
 * below it says what it is, so the head comes off; a plain object below it (an API's error body) has nothing
 * else saying it was an error, so the head stays.
 */
function unwrapRejectionHeads(lines: string[]): string[] {
  return lines.map((line, i) => {
    if (!REJECTION_HEAD_ALONE.test(line)) return line;
    const next = lines.slice(i + 1, i + 4).find((l) => l.trim() !== '');
    return next !== undefined && !/^\s*[{[]/.test(next) ? '' : line;
  });
}

/**
 * A log viewer's time column copied with the records (the CloudWatch console's event list gives each
 * event's time on a line of its own, between blank lines): a line holding only a clock time, with or
 * without its date. Two or more of them in a paste are the viewer's, not the program's: they and the
 * blank lines around them come off, so the records read as the log the program wrote.
 */
const VIEWER_TIME_LINE =
  /^\s*(?:\d{4}-\d{2}-\d{2}[T ])?\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z| ?UTC|[+-]\d{2}:?\d{2})?\s*$/;

function dropViewerTimeColumn(lines: string[]): string[] {
  const times = lines.filter((l) => l.length <= 40 && VIEWER_TIME_LINE.test(l)).length;
  if (times < 2) return lines;
  const drop = new Uint8Array(lines.length);
  const blank = (i: number): boolean => (lines[i] ?? '').trim() === '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.length > 40 || !VIEWER_TIME_LINE.test(line)) continue;
    drop[i] = 1;
    for (let j = i - 1; j >= 0 && blank(j); j--) drop[j] = 1;
    for (let j = i + 1; j < lines.length && blank(j); j++) drop[j] = 1;
  }
  return lines.filter((_, i) => drop[i] === 0);
}

/** A line as one or more lines with its record, tuple or escaped strings taken apart. */
function unwrapLine(line: string, out: string[]): void {
  if (line.length > MAX_ENVELOPE_LINE) {
    out.push(line);
    return;
  }
  if (LAMBDA_MARKER.test(line)) {
    out.push('');
    return;
  }
  const decoded = decodeDockerLine(line);
  const unwrapped = unwrapLogRecord(decoded) ?? unwrapValueAround(decoded);
  if (unwrapped) {
    out.push(...unwrapped);
    return;
  }
  const strings = decodeStrings(decoded);
  if (strings === decoded) out.push(decoded);
  else out.push(...strings.split('\n'));
}

/** The paste with its envelopes taken off; text without any comes back unchanged. */
export function unwrapEnvelopes(text: string): string {
  let lines: string[] = [];
  for (const line of text.split('\n')) unwrapLine(line, lines);
  lines = unwrapLineNumbers(lines);
  const decoded = decodeHtml(lines.join('\n'));
  lines = decoded.split('\n').map((line) => (line.length > MAX_ENVELOPE_LINE ? line : stripHeads(line)));
  // Each of these looks at every line: skipped when the paste cannot hold what they take off.
  if (decoded.includes('UnhandledPromiseRejectionWarning')) lines = unwrapRejectionHeads(lines);
  if (decoded.includes('|')) lines = unwrapTables(lines);
  lines = dropViewerTimeColumn(lines);
  return lines.join('\n');
}
