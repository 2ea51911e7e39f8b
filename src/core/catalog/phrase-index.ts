/**
 * Finds every occurrence of many literal phrases in one pass over the text (Aho–Corasick).
 * Matching is case-insensitive (ASCII) and linear in the text length whatever the phrases are,
 * which a regex alternation of a few hundred phrases cannot promise.
 */
export interface PhraseHit<T> {
  /** Index just after the last character of the match. */
  end: number;
  value: T;
}

interface Node<T> {
  next: Map<number, number>;
  fail: number;
  /** Values of every phrase ending here, including those reached through fail links. */
  out: T[];
}

const lower = (code: number): number => (code >= 65 && code <= 90 ? code + 32 : code);

export class PhraseIndex<T> {
  private readonly nodes: Node<T>[] = [{ next: new Map(), fail: 0, out: [] }];

  constructor(phrases: Iterable<readonly [string, T]>) {
    for (const [phrase, value] of phrases) this.add(phrase, value);
    this.link();
  }

  private add(phrase: string, value: T): void {
    let state = 0;
    for (let i = 0; i < phrase.length; i++) {
      const c = lower(phrase.charCodeAt(i));
      const node = this.nodes[state]!;
      let target = node.next.get(c);
      if (target === undefined) {
        target = this.nodes.length;
        this.nodes.push({ next: new Map(), fail: 0, out: [] });
        node.next.set(c, target);
      }
      state = target;
    }
    this.nodes[state]!.out.push(value);
  }

  private link(): void {
    const queue: number[] = [];
    for (const child of this.nodes[0]!.next.values()) queue.push(child);
    for (let head = 0; head < queue.length; head++) {
      const state = queue[head]!;
      const node = this.nodes[state]!;
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

  /** Calls `onHit` for every phrase occurrence in `text[from, to)`. */
  scan(text: string, onHit: (hit: PhraseHit<T>) => void, from = 0, to = text.length): void {
    let state = 0;
    for (let i = from; i < to; i++) {
      const c = lower(text.charCodeAt(i));
      while (state !== 0 && !this.nodes[state]!.next.has(c)) state = this.nodes[state]!.fail;
      state = this.nodes[state]!.next.get(c) ?? 0;
      const out = this.nodes[state]!.out;
      for (let k = 0; k < out.length; k++) onHit({ end: i + 1, value: out[k]! });
    }
  }
}
