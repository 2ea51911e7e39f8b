import { LINE_MARKS } from '../extract/line-marks.js';
import { type CompiledPhraseIndex, PhraseIndex } from './phrase-index.js';
import type { Area, CatalogEntry } from './schema.js';

/** One message phrase of an entry, as the phrase index reports it. */
export interface PhraseRef {
  entry: CatalogEntry;
  /**
   * False when the entry is about named services and a generic (`*`) entry lists the same phrase:
   * that wording is every service's ("An internal error has occurred"), so it says nothing about
   * which service failed.
   */
  namesService: boolean;
  /** Characters of the phrase, so a hit's end tells where the wording starts. */
  length: number;
  /** The entry lists the phrase in `match.owns`: it answers first for this wording on a tie. */
  owned: boolean;
  /** The entry lists the phrase in `match.wrappers`: a client's words for any failure of its kind. */
  wrapper: boolean;
}

/**
 * What the one scan of a paste finds: an entry's message phrase, an address an entry lists in
 * `match.hosts` (which credential endpoint failed), a code of any entry (a bare code word), or a word
 * of another error layout (LINE_MARKS) that tells the line filter to look at its line.
 */
export type CatalogHit =
  | { kind: 'phrase'; phrase: PhraseRef }
  | { kind: 'host'; entry: CatalogEntry }
  | { kind: 'code'; code: string }
  | { kind: 'mark' };

const MARK: CatalogHit = { kind: 'mark' };

/** The entry lists `codeOrPhrase` (case-insensitive) in `match.owns`. */
export function owns(entry: CatalogEntry, codeOrPhrase: string): boolean {
  const key = codeOrPhrase.toLowerCase();
  return entry.match.owns.some((o) => o.toLowerCase() === key);
}

/** A validated, indexed set of catalog entries. Built once at start; read-only afterwards. */
export class Catalog {
  readonly byId: ReadonlyMap<string, CatalogEntry>;
  /** Entries covering each code, keyed by the code in lower case. */
  private readonly byCode = new Map<string, CatalogEntry[]>();
  /**
   * Every message phrase, host and code of every entry, and the line marks, found in one pass over a
   * paste. A line break reads as a space: a message wrapped by a terminal is still its wording (codes
   * and addresses hold no spaces, so they are found as before).
   */
  readonly scanIndex: PhraseIndex<CatalogHit>;

  constructor(
    readonly entries: readonly CatalogEntry[],
    /** Changes whenever any knowledge file changes; part of every AI cache key. */
    readonly version: string,
    /**
     * The scan index as an earlier catalog built it (`scanIndex.compiled()`, kept in the compiled
     * catalog, by this same code): expanded instead of built when it is over these same phrases.
     */
    compiledScan?: CompiledPhraseIndex,
  ) {
    this.byId = new Map(entries.map((e) => [e.id, e]));
    for (const entry of entries) {
      for (const code of entry.match.codes) {
        const key = code.toLowerCase();
        const list = this.byCode.get(key) ?? [];
        list.push(entry);
        this.byCode.set(key, list);
      }
    }
    const generic = (e: CatalogEntry): boolean => e.services.includes('*');
    const genericWording = new Set(
      entries.filter(generic).flatMap((e) => e.match.messages.map((m) => m.toLowerCase())),
    );
    const phrases = entries.flatMap((entry) =>
      entry.match.messages.map((m): [string, CatalogHit] => [
        m,
        {
          kind: 'phrase',
          phrase: {
            entry,
            namesService: generic(entry) || !genericWording.has(m.toLowerCase()),
            length: m.length,
            owned: owns(entry, m),
            wrapper: entry.match.wrappers.some((w) => w.toLowerCase() === m.toLowerCase()),
          },
        },
      ]),
    );
    const hosts = entries.flatMap((entry) =>
      entry.match.hosts.map((h): [string, CatalogHit] => [h, { kind: 'host', entry }]),
    );
    const codes = [...new Set(entries.flatMap((e) => e.match.codes))].map((c): [string, CatalogHit] => [
      c,
      { kind: 'code', code: c },
    ]);
    const marks = LINE_MARKS.map((m): [string, CatalogHit] => [m, MARK]);
    this.scanIndex = new PhraseIndex(
      [...phrases, ...hosts, ...codes, ...marks],
      { readAs: [['\n', ' ']], foldIndent: true },
      compiledScan,
    );
  }

  /** Entries that cover `code` (case-insensitive). */
  entriesForCode(code: string): readonly CatalogEntry[] {
    return this.byCode.get(code.toLowerCase()) ?? [];
  }

  isKnownCode(code: string): boolean {
    return this.byCode.has(code.toLowerCase());
  }

  /** Entries grouped by area, in a stable order, for listings. */
  byArea(): Map<Area, CatalogEntry[]> {
    const groups = new Map<Area, CatalogEntry[]>();
    for (const entry of [...this.entries].sort((a, b) => a.area.localeCompare(b.area) || a.id.localeCompare(b.id))) {
      const list = groups.get(entry.area) ?? [];
      list.push(entry);
      groups.set(entry.area, list);
    }
    return groups;
  }
}
