/**
 * Finds every occurrence of many literal phrases in one pass over the text (Aho–Corasick).
 * Matching is case-insensitive (ASCII) and linear in the text length whatever the phrases are,
 * which a regex alternation of a few hundred phrases cannot promise.
 *
 * The automaton is compiled to a full transition table in flat typed arrays: each character of
 * the text costs one lookup for its class and one for the next state, with no fail-link walk, no
 * Map and no allocation. Characters that occur in no phrase share class 0, so the table is
 * states × (alphabet + 1) wide (about 20,000 × 58 for the catalog's phrases, hosts and codes).
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
    for (const [phrase] of list) {
      for (let i = 0; i < phrase.length; i++) {
        const c = lower(phrase.charCodeAt(i));
        if (this.classes[c] === 0) this.classes[c] = width++;
      }
    }
    for (let c = 65; c <= 90; c++) this.classes[c] = this.classes[c + 32]!;
    for (const [from, to] of options.readAs ?? [])
      this.classes[from.charCodeAt(0)] = this.classes[lower(to.charCodeAt(0))]!;
    this.width = width;

    // The trie first, as each state's edges (class, child, class, child, ...): the table is then
    // allocated once at its final size, states × width.
    const edges: number[][] = [[]];
    const own: T[][] = [[]];
    for (const [phrase, value] of list) {
      let state = 0;
      for (let i = 0; i < phrase.length; i++) {
        const cls = this.classes[phrase.charCodeAt(i)]!;
        const out = edges[state]!;
        let child = -1;
        for (let k = 0; k < out.length; k += 2) if (out[k] === cls) child = out[k + 1]!;
        if (child === -1) {
          child = edges.length;
          out.push(cls, child);
          edges.push([]);
          own.push([]);
        }
        state = child;
      }
      own[state]!.push(value);
    }
    const states = edges.length;
    this.next = new Int32Array(states * width);

    const out = this.link(edges, own);
    this.outStart = new Int32Array(states + 1);
    this.values = [];
    for (let s = 0; s < states; s++) {
      this.outStart[s] = this.values.length;
      for (const v of out[s]!) this.values.push(v);
    }
    this.outStart[states] = this.values.length;
  }

  /**
   * Breadth-first over the trie. A state's row starts as a copy of its fail state's row (complete
   * already, being shallower), then takes its own edges; each child's fail state is where the fail
   * row leads on the child's class, and a state's outputs gain those of its fail state.
   */
  private link(edges: readonly number[][], own: T[][]): T[][] {
    const { next, width } = this;
    const fail = new Int32Array(edges.length);
    const out = own;
    const queue = new Int32Array(edges.length);
    let tail = 0;
    // The root: an edge leads to its child, every other class back to the root (0).
    const rootEdges = edges[0]!;
    for (let k = 0; k < rootEdges.length; k += 2) {
      next[rootEdges[k]!] = rootEdges[k + 1]!;
      queue[tail++] = rootEdges[k + 1]!;
    }
    for (let head = 0; head < tail; head++) {
      const state = queue[head]!;
      const row = state * width;
      const failRow = fail[state]! * width;
      next.copyWithin(row, failRow, failRow + width);
      const own = edges[state]!;
      for (let k = 0; k < own.length; k += 2) {
        const cls = own[k]!;
        const child = own[k + 1]!;
        fail[child] = next[row + cls]!;
        next[row + cls] = child;
        const inherited = out[fail[child]!]!;
        if (inherited.length > 0) out[child] = [...out[child]!, ...inherited];
        queue[tail++] = child;
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
