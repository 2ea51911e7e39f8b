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

type Small = Uint8Array | Uint16Array | Uint32Array;

/**
 * An index in the form a compiled catalog stores it (`PhraseIndex.compiled()`): its alphabet, the
 * trie with states numbered breadth-first (the root is 0, and each state's children take the next
 * numbers in turn, so the shape is two small numbers per state) and where each phrase ends.
 * Expanding it to the transition table is one pass over the states; building it from the phrases
 * walks every phrase character by character through growing arrays.
 */
export interface CompiledPhraseIndex {
  /**
   * The phrases and options it was built from, as text: an index over other phrases (a new line
   * mark, an edited catalog) or other options sets it aside and builds its own.
   */
  key: string;
  /** The character (lower case) of each class from 1 on. */
  alphabet: Small;
  /** How many children each state has. */
  childCounts: Small;
  /** The class of the edge into each state (0 for the root). */
  edgeClasses: Small;
  /** The state each phrase ends at, as (state, phrase) pairs ordered by state, then phrase. */
  endStates: Small;
  endPhrases: Small;
}

interface Tables<T> {
  next: Uint16Array | Int32Array;
  outStart: Int32Array;
  values: T[];
}

type Options = { readAs?: ReadonlyArray<readonly [string, string]>; foldIndent?: boolean };

export class PhraseIndex<T> {
  /** Character code → class (0: in no phrase). Upper-case ASCII shares its lower-case class. */
  private readonly classes = new Uint16Array(65536);
  /** Classes per state (the row width of `next`). */
  private readonly width: number;
  /**
   * next[state * width + class] = the state after reading a character of that class. 16 bits per
   * cell while the states fit (the catalog has about 25,000): half the table to fill at start.
   */
  private readonly next: Uint16Array | Int32Array;
  /** Values of the phrases ending at a state (its own and through fail links): values[outStart[state] .. outStart[state + 1]). */
  private readonly outStart: Int32Array;
  private readonly values: T[];
  /** Whether the spaces and tabs just after a line break are read as nothing (see the constructor). */
  private readonly foldIndent: boolean;
  private readonly form: CompiledPhraseIndex;
  /** The tables were expanded from the compiled form handed in, not built from the phrases. */
  readonly fromCompiled: boolean;

  /**
   * `readAs` lists characters the text may hold that a phrase spells another way, each read as
   * that other character: a line break for the space a terminal's wrapping replaced, say.
   * `foldIndent` reads the indentation after a line break as nothing, so a message a tool wrapped
   * onto indented lines (a framework's error box, a report column) reads as one line.
   *
   * `compiled` (from `compiled()` of an index built by this same code, which the caller vouches
   * for) saves building the trie; it is used only when its key names exactly these phrases and
   * options and its tables fit, and the index is built from the phrases otherwise.
   */
  constructor(phrases: Iterable<readonly [string, T]>, options: Options = {}, compiled?: CompiledPhraseIndex) {
    this.foldIndent = options.foldIndent ?? false;
    const list = [...phrases].filter(([phrase]) => phrase.length > 0);
    const key = JSON.stringify([options.readAs ?? [], this.foldIndent, list.map(([phrase]) => phrase)]);
    let tables = compiled?.key === key ? this.expand(compiled, list) : undefined;
    this.fromCompiled = tables !== undefined;
    this.form = tables === undefined ? this.build(key, list, options.readAs ?? []) : compiled!;
    tables ??= this.expand(this.form, list);
    if (tables === undefined) throw new Error('phrase index: the tables built from the phrases do not fit them');
    this.setClasses(this.form.alphabet, options.readAs ?? []);
    this.width = this.form.alphabet.length + 1;
    this.next = tables.next;
    this.outStart = tables.outStart;
    this.values = tables.values;
  }

  /** Class k + 1 for the k-th character of the alphabet, its upper case alike, then `readAs`. */
  private setClasses(alphabet: Small, readAs: ReadonlyArray<readonly [string, string]>): void {
    const { classes } = this;
    classes.fill(0);
    for (let k = 0; k < alphabet.length; k++) classes[alphabet[k]!] = k + 1;
    for (let c = 65; c <= 90; c++) classes[c] = classes[c + 32]!;
    for (const [from, to] of readAs) classes[from.charCodeAt(0)] = classes[lower(to.charCodeAt(0))]!;
  }

  /** This index's tables in the form a later index over the same phrases can expand instead of building them. */
  compiled(): CompiledPhraseIndex {
    return this.form;
  }

  /**
   * The trie of the phrases: classes numbered in order of first appearance (the readAs characters
   * spelled as what they are read as), each state's edges as (class, child) pairs while it grows,
   * then renumbered breadth-first.
   */
  private build(
    key: string,
    list: ReadonlyArray<readonly [string, T]>,
    readAs: ReadonlyArray<readonly [string, string]>,
  ): CompiledPhraseIndex {
    const seen = new Uint8Array(65536);
    const letters: number[] = [];
    for (const [phrase] of list) {
      for (let i = 0; i < phrase.length; i++) {
        const c = lower(phrase.charCodeAt(i));
        if (seen[c] === 0) {
          seen[c] = 1;
          letters.push(c);
        }
      }
    }
    const alphabet = Uint16Array.from(letters);
    this.setClasses(alphabet, readAs);
    const edges: number[][] = [[]];
    const ends: number[] = [];
    for (const [phrase] of list) {
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
        }
        state = child;
      }
      ends.push(state);
    }
    const states = edges.length;
    const order = new Int32Array(states);
    const renumbered = new Int32Array(states);
    const childCounts = new Uint16Array(states);
    const edgeClasses = new Uint16Array(states);
    let tail = 1;
    for (let head = 0; head < states; head++) {
      renumbered[order[head]!] = head;
      const out = edges[order[head]!]!;
      childCounts[head] = out.length / 2;
      for (let k = 0; k < out.length; k += 2) {
        edgeClasses[tail] = out[k]!;
        order[tail++] = out[k + 1]!;
      }
    }
    const byState = ends
      .map((state, phrase) => [renumbered[state]!, phrase] as const)
      .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    return {
      key,
      alphabet,
      childCounts,
      edgeClasses,
      endStates: Uint32Array.from(byState, ([state]) => state),
      endPhrases: Uint32Array.from(byState, ([, phrase]) => phrase),
    };
  }

  /**
   * The transition table and outputs of a compiled form, or undefined when its tables do not fit
   * together. States are visited in number order, which is breadth-first: a state's row starts as
   * a copy of its fail state's row (shallower, so complete already), then takes its own edges, and
   * each child's fail state is where that row led on the child's class. A state's outputs are its
   * own phrases, in phrase order, then its fail state's.
   */
  private expand(form: CompiledPhraseIndex, list: ReadonlyArray<readonly [string, T]>): Tables<T> | undefined {
    const { alphabet, childCounts, edgeClasses, endStates, endPhrases } = form;
    const width = alphabet.length + 1;
    const states = edgeClasses.length;
    const phrases = endPhrases.length;
    if (states === 0 || childCounts.length !== states || phrases !== list.length || endStates.length !== phrases)
      return undefined;
    const next = states <= 0x10000 ? new Uint16Array(states * width) : new Int32Array(states * width);
    const fail = new Int32Array(states);
    const outStart = new Int32Array(states + 1);
    const values: T[] = [];
    let child = 1;
    let end = 0;
    for (let s = 0; s < states; s++) {
      if (s >= child && s > 0) return undefined; // a state no earlier state has as its child
      const row = s * width;
      outStart[s] = values.length;
      for (; end < phrases && endStates[end] === s; end++) values.push(list[endPhrases[end]!]![1]);
      if (s > 0) {
        const from = fail[s]!;
        next.copyWithin(row, from * width, from * width + width);
        for (let k = outStart[from]!; k < outStart[from + 1]!; k++) values.push(values[k]!);
      }
      for (let k = childCounts[s]!; k > 0; k--, child++) {
        const cls = edgeClasses[child]!;
        if (child >= states || cls === 0 || cls >= width) return undefined;
        fail[child] = s === 0 ? 0 : next[row + cls]!;
        next[row + cls] = child;
      }
    }
    if (child !== states || end !== phrases) return undefined;
    outStart[states] = values.length;
    return { next, outStart, values };
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
