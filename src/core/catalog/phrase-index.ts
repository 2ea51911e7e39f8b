/**
 * Finds every occurrence of many literal phrases in one pass over the text (Aho–Corasick).
 * Matching is case-insensitive (ASCII) and linear in the text length whatever the phrases are,
 * which a regex alternation of a few hundred phrases cannot promise.
 *
 * The automaton is compiled to a full transition table in flat typed arrays: each character of
 * the text costs one lookup for its class and one for the next state, with no fail-link walk, no
 * Map and no allocation. Characters that occur in no phrase share class 0, so the table is
 * states × (alphabet + 1) wide (about 7,400 × 55 for the catalog's message phrases).
 * bench/phrase-index.ts measures it against V8's own regex matching and the Map-based automaton.
 */
export interface PhraseHit<T> {
  /** Index just after the last character of the match. */
  end: number;
  value: T;
}

const lower = (code: number): number => (code >= 65 && code <= 90 ? code + 32 : code);

/**
 * Called as `charCodeAt.call(text, i)` in the scan loop. Once any module subclasses String (the
 * Redis client does: `class VerbatimString extends String`), V8 stops inlining `text.charCodeAt(i)`
 * there and the loop runs about 2.5× slower (bench: 1 MB in ~16 ms instead of ~6.5 ms); the
 * method taken once and called directly keeps the fast path.
 */
const charCodeAt = String.prototype.charCodeAt;

export class PhraseIndex<T> {
  /** Character code → class (0: in no phrase). Upper-case ASCII shares its lower-case class. */
  private readonly classes: Uint16Array;
  /** Classes per state (the row width of `next`). */
  private readonly width: number;
  /** next[state * width + class] = the state after reading a character of that class. */
  private readonly next: Int32Array;
  /** Values of the phrases ending at a state (its own and through fail links): values[outStart[state] .. outStart[state + 1]). */
  private readonly outStart: Int32Array;
  private readonly values: T[];
  /** Whether the spaces and tabs just after a line break are read as nothing (see the constructor). */
  private readonly foldIndent: boolean;

  /**
   * `readAs` lists characters the text may hold that a phrase spells another way, each read as
   * that other character: a line break for the space a terminal's wrapping replaced, say.
   * `foldIndent` reads the indentation after a line break as nothing, so a message a tool wrapped
   * onto indented lines (a framework's error box, a report column) reads as one line.
   */
  constructor(
    phrases: Iterable<readonly [string, T]>,
    options: { readAs?: ReadonlyArray<readonly [string, string]>; foldIndent?: boolean } = {},
  ) {
    this.foldIndent = options.foldIndent ?? false;
    const list = [...phrases].filter(([phrase]) => phrase.length > 0);
    this.classes = new Uint16Array(65536);
    let width = 1;
    let capacity = 1;
    for (const [phrase] of list) {
      capacity += phrase.length;
      for (let i = 0; i < phrase.length; i++) {
        const c = lower(phrase.charCodeAt(i));
        if (this.classes[c] === 0) this.classes[c] = width++;
      }
    }
    for (let c = 65; c <= 90; c++) this.classes[c] = this.classes[c + 32]!;
    for (const [from, to] of options.readAs ?? [])
      this.classes[from.charCodeAt(0)] = this.classes[lower(to.charCodeAt(0))]!;
    this.width = width;

    // The trie first: -1 where it has no edge; linking fills those in.
    const next = new Int32Array(capacity * width).fill(-1);
    const own: T[][] = [[]];
    let states = 1;
    for (const [phrase, value] of list) {
      let state = 0;
      for (let i = 0; i < phrase.length; i++) {
        const slot = state * width + this.classes[phrase.charCodeAt(i)]!;
        if (next[slot] === -1) {
          next[slot] = states++;
          own.push([]);
        }
        state = next[slot]!;
      }
      own[state]!.push(value);
    }
    this.next = next.slice(0, states * width);

    const out = this.link(own, states);
    this.outStart = new Int32Array(states + 1);
    this.values = [];
    for (let s = 0; s < states; s++) {
      this.outStart[s] = this.values.length;
      for (const v of out[s]!) this.values.push(v);
    }
    this.outStart[states] = this.values.length;
  }

  /**
   * Breadth-first over the trie: every missing edge becomes the edge of the state's fail state
   * (computed earlier, being shallower), and each state's outputs gain those of its fail state.
   */
  private link(own: T[][], states: number): T[][] {
    const { next, width } = this;
    const fail = new Int32Array(states);
    const out = own;
    const queue = new Int32Array(states);
    let tail = 0;
    for (let c = 0; c < width; c++) {
      const child = next[c]!;
      if (child === -1) next[c] = 0;
      else queue[tail++] = child;
    }
    for (let head = 0; head < tail; head++) {
      const state = queue[head]!;
      const row = state * width;
      const failRow = fail[state]! * width;
      for (let c = 0; c < width; c++) {
        const child = next[row + c]!;
        if (child === -1) {
          next[row + c] = next[failRow + c]!;
        } else {
          fail[child] = next[failRow + c]!;
          const inherited = out[fail[child]!]!;
          if (inherited.length > 0) out[child] = [...out[child]!, ...inherited];
          queue[tail++] = child;
        }
      }
    }
    return out;
  }

  /** Calls `onHit` for every phrase occurrence in `text[from, to)`. */
  scan(text: string, onHit: (hit: PhraseHit<T>) => void, from = 0, to = text.length): void {
    const { classes, next, width, outStart, values, foldIndent } = this;
    let state = 0;
    let afterBreak = false;
    for (let i = from; i < to; i++) {
      const code = charCodeAt.call(text, i);
      if (afterBreak && (code === 32 || code === 9)) continue;
      afterBreak = foldIndent && code === 10;
      state = next[state * width + classes[code]!]!;
      const first = outStart[state]!;
      const last = outStart[state + 1]!;
      for (let k = first; k < last; k++) onHit({ end: i + 1, value: values[k]! });
    }
  }
}
