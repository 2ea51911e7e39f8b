/**
 * What text a regex's match must contain, read from the regex's source. A long alternation tested on
 * every line of a log costs more than one literal scan of the whole log that already runs; knowing a
 * literal each alternative needs lets the scan say which lines the alternation can match at all.
 *
 * The reading is conservative: an atom it does not understand ends a run of literal text, and an
 * escape it does not know makes it give up on the alternative (undefined), never guess.
 */

/** The top-level alternatives of a pattern source (`a|b(?:c|d)|e` → `a`, `b(?:c|d)`, `e`). */
export function topLevelAlternatives(source: string): string[] {
  const alternatives: string[] = [];
  let depth = 0;
  let inClass = false;
  let from = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === '|' && depth === 0) {
      alternatives.push(source.slice(from, i));
      from = i + 1;
    }
  }
  alternatives.push(source.slice(from));
  return alternatives;
}

/** One atom of an alternative: the strings it can match (undefined: not known), and how often it repeats. */
interface Atom {
  strings: string[] | undefined;
  /** Least number of repeats (0: optional). */
  min: number;
  /** Whether it may repeat more than once. */
  repeats: boolean;
}

/** Most characters of a class read as one string per character (`[Ff]`, `[Mm]`). */
const MAX_CLASS_CHARS = 4;
/** Escapes of a character class or an assertion: they match no literal text this reading can use. */
const CLASS_ESCAPE = /[bBdDsSwW]/;
/** Characters that are syntax wherever they stand outside a class. */
const SYNTAX = new Set(['.', '^', '$', '|', '?', '*', '+', '{', '}', '(', ')', '[', ']']);

/** Index of the `)` that closes the group opening at `open`, or -1. */
function groupEnd(source: string, open: number): number {
  let depth = 0;
  let inClass = false;
  for (let i = open; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (inClass) inClass = c !== ']';
    else if (c === '[') inClass = true;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

/** Index of the `]` that closes the class opening at `open`, or -1. */
function classEnd(source: string, open: number): number {
  for (let i = open + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === ']') return i;
  }
  return -1;
}

/** The literal a source of plain characters and punctuation escapes matches, or undefined. */
function plainLiteral(source: string): string | undefined {
  let out = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') {
      const next = source[++i];
      if (next === undefined || /[A-Za-z0-9]/.test(next)) return undefined;
      out += next;
    } else if (SYNTAX.has(c)) return undefined;
    else out += c;
  }
  return out;
}

/** The quantifier at `at` (`?`, `*`, `+`, `{n}`, `{n,}`, `{n,m}`, each maybe lazy): its bounds and length. */
function quantifierAt(source: string, at: number): { min: number; repeats: boolean; length: number } {
  const c = source[at];
  let q: { min: number; repeats: boolean; length: number } | undefined;
  if (c === '?') q = { min: 0, repeats: false, length: 1 };
  else if (c === '*') q = { min: 0, repeats: true, length: 1 };
  else if (c === '+') q = { min: 1, repeats: true, length: 1 };
  else if (c === '{') {
    const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(source.slice(at));
    if (m) {
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? Number.POSITIVE_INFINITY : Number(m[3]);
      q = { min, repeats: max > 1, length: m[0].length };
    }
  }
  if (!q) return { min: 1, repeats: false, length: 0 };
  if (source[at + q.length] === '?') q.length++;
  return q;
}

/** The atoms of one alternative, in order; undefined when it holds an escape this reading does not know. */
function atomsOf(alternative: string): Atom[] | undefined {
  const atoms: Atom[] = [];
  for (let i = 0; i < alternative.length; ) {
    const c = alternative[i]!;
    let strings: string[] | undefined;
    let end: number;
    if (c === '\\') {
      const next = alternative[i + 1];
      if (next === undefined) return undefined;
      if (/[A-Za-z0-9]/.test(next)) {
        if (!CLASS_ESCAPE.test(next)) return undefined;
        strings = undefined;
      } else strings = [next];
      end = i + 2;
    } else if (c === '[') {
      const close = classEnd(alternative, i);
      if (close < 0) return undefined;
      // A class of a few plain characters (`[Ff]`) is one string per character; a range, a negation or an escape is not known.
      const members = alternative.slice(i + 1, close);
      if (members.length > 0 && members.length <= MAX_CLASS_CHARS && !/[-^\\[\]]/.test(members)) strings = [...members];
      end = close + 1;
    } else if (c === '(') {
      const close = groupEnd(alternative, i);
      if (close < 0) return undefined;
      let body = alternative.slice(i + 1, close);
      const lookaround = /^\?(?:[=!]|<[=!])/.test(body);
      if (body.startsWith('?:')) body = body.slice(2);
      else if (body.startsWith('?<') && !lookaround) body = body.slice(body.indexOf('>') + 1);
      if (!lookaround) {
        const choices = topLevelAlternatives(body).map(plainLiteral);
        if (choices.every((s) => s !== undefined)) strings = choices as string[];
      }
      end = close + 1;
    } else if (SYNTAX.has(c)) end = i + 1;
    else {
      strings = [c];
      end = i + 1;
    }
    const q = quantifierAt(alternative, end);
    atoms.push({ strings, min: q.min, repeats: q.repeats });
    i = end + q.length;
  }
  return atoms;
}

/** Every concatenation of one string from each list. */
function product(lists: readonly string[][]): string[] {
  let out = [''];
  for (const list of lists) out = out.flatMap((head) => list.map((tail) => head + tail));
  return out;
}

/**
 * Strings one of which every match of `alternative` (a regex source without flags) contains: the longest
 * run of consecutive atoms that each match one known string, expanded (a group of plain words gives
 * one string per word, at most `maxChoices` strings). Undefined when the alternative has no such run.
 */
export function requiredLiterals(alternative: string, maxChoices = 16): string[] | undefined {
  const atoms = atomsOf(alternative);
  if (!atoms) return undefined;
  let best: string[] | undefined;
  const consider = (run: string[][]): void => {
    if (run.length === 0) return;
    const strings = product(run);
    const shortest = (list: readonly string[]): number => Math.min(...list.map((s) => s.length));
    if (!best || shortest(strings) > shortest(best)) best = strings;
  };
  let run: string[][] = [];
  let choices = 1;
  for (const atom of atoms) {
    // An atom that may be absent, or matches text not known here, ends the run.
    if (atom.strings === undefined || atom.min === 0 || atom.strings.length > maxChoices) {
      consider(run);
      run = [];
      choices = 1;
      continue;
    }
    if (choices * atom.strings.length > maxChoices) {
      consider(run);
      run = [];
      choices = 1;
    }
    run.push(atom.strings);
    choices *= atom.strings.length;
    // A repeated atom's first match is known, what follows its last one is not.
    if (atom.repeats) {
      consider(run);
      run = [];
      choices = 1;
    }
  }
  consider(run);
  return best;
}

/** Lower case for ASCII letters only, as the catalog's scan folds case. */
function asciiLower(text: string): string {
  return text.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** An alternation split by a literal pre-scan (see gateAlternation). */
export interface AlternationGate {
  /**
   * The alternatives a line holding none of the marks may still match, as one regex (undefined when
   * there are none): those anchored at the line's start, and those no mark gates.
   */
  ungated: RegExp | undefined;
  /** Of those, the ones not anchored at the start: each costs a try at every position of every line. */
  unanchored: string[];
}

/**
 * Splits `pattern` for a caller that scans for `marks` (case-insensitively, as the catalog's scan does)
 * before testing lines: an alternative one of whose required literals holds no mark can match a line
 * without a mark, so it stays in `ungated`; the others can only match a line that holds a mark. So a
 * line matches `pattern` exactly when it holds a mark and matches `pattern`, or matches `ungated`.
 * A mark must not start with white space (the scan reads the indentation after a line break as nothing).
 */
export function gateAlternation(pattern: RegExp, marks: readonly string[]): AlternationGate {
  // Flags change what the source means (case folding, multi-line anchors, Unicode escapes): nothing is gated.
  if (pattern.flags !== '') return { ungated: pattern, unanchored: [pattern.source] };
  const usable = marks.filter((m) => m.length > 0 && !/^\s/.test(m)).map(asciiLower);
  const ungated = topLevelAlternatives(pattern.source).filter((alternative) => {
    const literals = requiredLiterals(alternative);
    return !literals?.every((literal) => usable.some((mark) => asciiLower(literal).includes(mark)));
  });
  return {
    ungated: ungated.length > 0 ? new RegExp(ungated.join('|')) : undefined,
    unanchored: ungated.filter((alternative) => !alternative.startsWith('^')),
  };
}
