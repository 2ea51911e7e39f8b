import { describe, expect, it } from 'vitest';
import { type CompiledPhraseIndex, PhraseIndex } from '../../../src/core/catalog/phrase-index.js';
import { loadCatalog } from '../../../src/knowledge/load-catalog.js';

/** Every occurrence by brute force: the specification the automaton must agree with. */
function naive<T>(phrases: Array<readonly [string, T]>, text: string): Array<{ end: number; value: T }> {
  const hay = text.toLowerCase();
  const hits: Array<{ end: number; value: T; order: number }> = [];
  phrases.forEach(([phrase, value], order) => {
    const needle = phrase.toLowerCase();
    if (!needle) return;
    for (let at = hay.indexOf(needle); at !== -1; at = hay.indexOf(needle, at + 1))
      hits.push({ end: at + needle.length, value, order });
  });
  return hits.sort((a, b) => a.end - b.end || a.order - b.order).map(({ end, value }) => ({ end, value }));
}

function scanAll<T>(index: PhraseIndex<T>, text: string, from?: number, to?: number): Array<{ end: number; value: T }> {
  const hits: Array<{ end: number; value: T }> = [];
  index.scan(text, (hit) => hits.push(hit), from, to);
  return hits;
}

const sortHits = <T>(hits: Array<{ end: number; value: T }>) =>
  [...hits].sort((a, b) => a.end - b.end || String(a.value).localeCompare(String(b.value)));

describe('the phrase index', () => {
  it('finds overlapping and nested phrases, case-insensitively, at the index just after each match', () => {
    const phrases = [
      ['he', 'he'],
      ['she', 'she'],
      ['his', 'his'],
      ['hers', 'hers'],
    ] as const;
    const index = new PhraseIndex(phrases);
    expect(sortHits(scanAll(index, 'uSHErs'))).toEqual([
      { end: 4, value: 'he' },
      { end: 4, value: 'she' },
      { end: 6, value: 'hers' },
    ]);
  });

  it('gives every value of a phrase listed twice, and ignores characters no phrase has', () => {
    const index = new PhraseIndex([
      ['rate exceeded', 'throttling'],
      ['Rate Exceeded', 'quota'],
    ]);
    expect(scanAll(index, '… ‘Rate exceeded’ — ✓')).toEqual([
      { end: 16, value: 'throttling' },
      { end: 16, value: 'quota' },
    ]);
  });

  it('reads a character as another when told: a message wrapped at a line break is still found', () => {
    const index = new PhraseIndex([['is not authorized to perform', 'denial'] as const], { readAs: [['\n', ' ']] });
    const text = 'User: arn:aws:iam::123456789012:user/x is not authorized\nto perform: aws-marketplace:MeterUsage';
    const hits: number[] = [];
    index.scan(text, ({ end }) => hits.push(end));
    expect(hits).toEqual([text.indexOf('perform') + 'perform'.length]);
    const plain = new PhraseIndex([['is not authorized to perform', 'denial'] as const]);
    let plainHits = 0;
    plain.scan(text, () => plainHits++);
    expect(plainHits).toBe(0);
  });

  it('reads the indentation after a line break as nothing when told: a message wrapped in a tool’s box is found', () => {
    const phrase = [['provider credentials not found', 'box'] as const];
    const text = '  Error ------\n\n     ServerlessError: AWS provider credentials\n     not found. See the docs.';
    const folded = new PhraseIndex(phrase, { readAs: [['\n', ' ']], foldIndent: true });
    expect(scanAll(folded, text)).toEqual([{ end: text.indexOf('found') + 'found'.length, value: 'box' }]);
    // Tabs fold too; a blank line between the two halves is still a paragraph break, not a wrap.
    expect(scanAll(folded, 'provider credentials\n\t\tnot found')).toHaveLength(1);
    expect(scanAll(folded, 'provider credentials\n\n  not found')).toEqual([]);
    // Indentation inside a line is not folded, and without the option nothing is.
    expect(scanAll(folded, 'provider credentials   not found')).toEqual([]);
    expect(scanAll(new PhraseIndex(phrase, { readAs: [['\n', ' ']] }), text)).toEqual([]);
  });

  it('scans only the range it is given', () => {
    const index = new PhraseIndex([['denied', 1]]);
    const text = 'denied, denied, denied';
    expect(scanAll(index, text, 8, 16)).toEqual([{ end: 14, value: 1 }]);
  });

  it('agrees with a brute-force search for the catalog phrases over real pastes, examples and noise', () => {
    const catalog = loadCatalog();
    const phrases = catalog.entries.flatMap((e) => e.match.messages.map((m) => [m, e.id] as const));
    const index = new PhraseIndex(phrases);
    const examples = catalog.entries.flatMap((e) =>
      e.examples.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))),
    );
    const text = [...examples, 'ÀÉ 😀 \u0000 tabs\tand CRLF\r\n', examples.join(' ').toUpperCase()].join('\n');
    expect(sortHits(scanAll(index, text))).toEqual(sortHits(naive(phrases, text)));
  });

  it('finds nothing in an index without phrases', () => {
    expect(scanAll(new PhraseIndex<string>([]), 'AccessDeniedException')).toEqual([]);
  });
});

describe('the phrase index from its compiled form', () => {
  const options = { readAs: [['\n', ' ']] as const, foldIndent: true };
  const words = ['deny', 'denied', 'access denied', 'accessdenied', 'ied', 'e', 'Throttling', 'throttlingexception'];
  /** Phrases drawn from `words` (repeats included), each with its draw order as value. */
  function phraseSet(seed: number, size: number): Array<readonly [string, number]> {
    let x = seed;
    const pick = () => {
      x = (x * 1103515245 + 12345) % 2147483648;
      return x;
    };
    return Array.from({ length: size }, (_, i) => {
      const a = words[pick() % words.length]!;
      const b = pick() % 3 === 0 ? ` ${words[pick() % words.length]!}` : '';
      return [`${a}${b}`, i] as const;
    });
  }
  const text = 'User ACCESS DENIED: accessDeniedException\n   denied e ThrottlingException throttling deny ied';

  it('expands to tables that answer exactly as the index built from the phrases', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const phrases = phraseSet(seed, 1 + (seed % 9));
      const built = new PhraseIndex(phrases, options);
      const expanded = new PhraseIndex(phrases, options, built.compiled());
      expect(built.fromCompiled).toBe(false);
      expect(expanded.fromCompiled).toBe(true);
      expect(scanAll(expanded, text)).toEqual(scanAll(built, text));
      expect(scanAll(expanded, text, 5, 40)).toEqual(scanAll(built, text, 5, 40));
    }
  });

  it('is set aside for other phrases, another order of them or other options, and the index built as without it', () => {
    const phrases = phraseSet(7, 6);
    const compiled = new PhraseIndex(phrases, options).compiled();
    const others: Array<[Array<readonly [string, number]>, typeof options | object]> = [
      [[...phrases, ['new wording', 99] as const], options],
      [phrases.slice(1), options],
      [[...phrases].reverse(), options],
      [phrases, {}],
    ];
    for (const [list, opts] of others) {
      const index = new PhraseIndex(list, opts, compiled);
      expect(index.fromCompiled).toBe(false);
      expect(scanAll(index, text)).toEqual(scanAll(new PhraseIndex(list, opts), text));
    }
  });

  it('is set aside when its tables do not fit together', () => {
    const phrases = phraseSet(3, 5);
    const good = new PhraseIndex(phrases, options).compiled();
    const broken: CompiledPhraseIndex[] = [
      { ...good, childCounts: good.childCounts.slice(0, -1) },
      { ...good, edgeClasses: Uint16Array.from(good.edgeClasses, (c, i) => (i === 3 ? good.alphabet.length + 1 : c)) },
      { ...good, childCounts: Uint16Array.from(good.childCounts, (n, i) => (i === 0 ? n + 1 : n)) },
      { ...good, endStates: good.endStates.slice(1), endPhrases: good.endPhrases.slice(1) },
      { ...good, endStates: Uint32Array.from(good.endStates, (s) => s + good.edgeClasses.length) },
    ];
    for (const compiled of broken) {
      const index = new PhraseIndex(phrases, options, compiled);
      expect(index.fromCompiled).toBe(false);
      expect(scanAll(index, text)).toEqual(scanAll(new PhraseIndex(phrases, options), text));
    }
  });

  it("answers like the catalog's own index over every example, counterexample and noise", () => {
    const catalog = loadCatalog(undefined, { compiled: false });
    const phrases = catalog.entries.flatMap((e) => e.match.messages.map((m) => [m, e.id] as const));
    const built = new PhraseIndex(phrases, options);
    const expanded = new PhraseIndex(phrases, options, built.compiled());
    expect(expanded.fromCompiled).toBe(true);
    const examples = catalog.entries.flatMap((e) => [...e.examples, ...e.counterexamples]);
    const all = [...examples, 'ÀÉ 😀 \u0000 tabs\tand CRLF\r\n', examples.join('\n   ').toUpperCase()].join('\n');
    expect(scanAll(expanded, all)).toEqual(scanAll(built, all));
  });
});
