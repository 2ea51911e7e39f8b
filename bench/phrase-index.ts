/**
 * The phrase scan alone (src/core/catalog/phrase-index.ts), beside two references on the same
 * text and phrases, interleaved A/B/C in each of several rounds:
 * - `regex`: V8's own matching, one case-insensitive alternation of every phrase (what the scan
 *   should come close to; it finds leftmost non-overlapping matches only, so it does less work);
 * - `map_trie`: the same Aho–Corasick automaton with Map transitions and a fail-link walk per
 *   character (how the index was built before its flat tables).
 * Reported per log size: CPU ms of each (median [min–max] of the rounds), and ratios to the regex
 * paired by round.
 */
import type { Catalog } from '../src/core/index.js';
import { PhraseIndex } from '../src/core/catalog/phrase-index.js';
import { logOf, typicalPaste } from './core.js';
import { cpuIt, percentile } from './stats.js';

interface MapNode<T> {
  next: Map<number, number>;
  fail: number;
  out: T[];
}

const lower = (code: number): number => (code >= 65 && code <= 90 ? code + 32 : code);

/** Reference only: the Map-based automaton the flat one replaced. */
export class MapTrie<T> {
  private readonly nodes: MapNode<T>[] = [{ next: new Map(), fail: 0, out: [] }];

  constructor(phrases: ReadonlyArray<readonly [string, T]>) {
    for (const [phrase, value] of phrases) {
      let state = 0;
      for (let i = 0; i < phrase.length; i++) {
        const c = lower(phrase.charCodeAt(i));
        let target = this.nodes[state]!.next.get(c);
        if (target === undefined) {
          target = this.nodes.length;
          this.nodes.push({ next: new Map(), fail: 0, out: [] });
          this.nodes[state]!.next.set(c, target);
        }
        state = target;
      }
      this.nodes[state]!.out.push(value);
    }
    const queue = [...this.nodes[0]!.next.values()];
    for (let head = 0; head < queue.length; head++) {
      const node = this.nodes[queue[head]!]!;
      for (const [c, child] of node.next) {
        queue.push(child);
        let f = node.fail;
        while (f !== 0 && !this.nodes[f]!.next.has(c)) f = this.nodes[f]!.fail;
        const candidate = this.nodes[f]!.next.get(c);
        const childNode = this.nodes[child]!;
        childNode.fail = candidate !== undefined && candidate !== child ? candidate : 0;
        childNode.out.push(...this.nodes[childNode.fail]!.out);
      }
    }
  }

  scan(text: string, onHit: (hit: { end: number; value: T }) => void): void {
    let state = 0;
    for (let i = 0; i < text.length; i++) {
      const c = lower(text.charCodeAt(i));
      while (state !== 0 && !this.nodes[state]!.next.has(c)) state = this.nodes[state]!.fail;
      state = this.nodes[state]!.next.get(c) ?? 0;
      const out = this.nodes[state]!.out;
      for (let k = 0; k < out.length; k++) onHit({ end: i + 1, value: out[k]! });
    }
  }
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface PhraseIndexFigures {
  phrase_scan_1mb_ms: number;
  phrase_scan_1mb_ratio_regex: number;
  phrase_scan_1mb_map_trie_ms: number;
  phrase_scan_2kb_p99_ms: number;
  phrase_index_build_ms: number;
}

export function benchPhraseIndex(catalog: Catalog, log: (line: string) => void, rounds = 15): PhraseIndexFigures {
  const phrases = catalog.entries.flatMap((e) => e.match.messages.map((m) => [m, e.id] as const));
  const builds = Array.from({ length: 5 }, () => cpuIt(() => new PhraseIndex(phrases)).ms);
  const flat = new PhraseIndex(phrases);
  const mapTrie = new MapTrie(phrases);
  const regex = new RegExp(phrases.map(([p]) => escape(p)).join('|'), 'gi');
  let sink = 0;
  const runners: Record<string, (text: string) => void> = {
    flat: (text) => flat.scan(text, () => sink++),
    map_trie: (text) => mapTrie.scan(text, () => sink++),
    regex: (text) => {
      regex.lastIndex = 0;
      for (const _ of text.matchAll(regex)) sink++;
    },
  };

  const results: Record<string, Record<string, number>> = {};
  for (const [label, bytes] of [
    ['256kb', 256 * 1024],
    ['1mb', 1024 * 1024],
  ] as const) {
    const text = logOf(bytes);
    for (const run of Object.values(runners)) run(text); // warm up
    const samples: Record<string, number[]> = { flat: [], map_trie: [], regex: [] };
    for (let r = 0; r < rounds; r++)
      for (const [name, run] of Object.entries(runners)) samples[name]!.push(cpuIt(() => run(text)).ms);
    results[label] = Object.fromEntries(Object.entries(samples).map(([name, s]) => [name, percentile(s, 50)]));
    const ratios = Object.fromEntries(
      Object.entries(samples).map(([name, s]) => [
        name,
        percentile(
          s.map((v, i) => v / samples.regex![i]!),
          50,
        ),
      ]),
    );
    const show = (name: string): string => {
      const sorted = [...samples[name]!].sort((a, b) => a - b);
      return `${name} ${results[label]![name]!.toFixed(2)} [${sorted[0]!.toFixed(2)}–${sorted[sorted.length - 1]!.toFixed(2)}] ms ×${ratios[name]!.toFixed(2)} regex`;
    };
    log(
      `phrase scan ${label} (CPU ms, median [min–max] of ${rounds} interleaved): ${show('flat')}   ${show('map_trie')}   ${show('regex')}`,
    );
    results[`${label}_ratio`] = ratios;
  }
  const pastes = Array.from({ length: 200 }, (_, i) => typicalPaste(i));
  for (const p of pastes) runners.flat!(p);
  const small = Array.from({ length: 5_000 }, (_, i) => cpuIt(() => runners.flat!(pastes[i % pastes.length]!)).ms);
  const figures: PhraseIndexFigures = {
    phrase_scan_1mb_ms: results['1mb']!.flat!,
    phrase_scan_1mb_ratio_regex: results['1mb_ratio']!.flat!,
    phrase_scan_1mb_map_trie_ms: results['1mb']!.map_trie!,
    phrase_scan_2kb_p99_ms: percentile(small, 99),
    phrase_index_build_ms: percentile(builds, 50),
  };
  log(
    `phrase scan ~2 KB paste: CPU p99 ${figures.phrase_scan_2kb_p99_ms.toFixed(3)} ms; index of ${phrases.length} phrases built in ${figures.phrase_index_build_ms.toFixed(2)} ms (median of 5)`,
  );
  if (sink < 0) log('unreachable');
  return figures;
}
