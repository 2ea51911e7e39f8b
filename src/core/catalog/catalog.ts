import { PhraseIndex } from './phrase-index.js';
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
}

/** A validated, indexed set of catalog entries. Built once at start; read-only afterwards. */
export class Catalog {
  readonly byId: ReadonlyMap<string, CatalogEntry>;
  /** Entries covering each code, keyed by the code in lower case. */
  private readonly byCode = new Map<string, CatalogEntry[]>();
  /** Every message phrase of every entry, for one-pass scanning of a paste. */
  readonly phrases: PhraseIndex<PhraseRef>;
  /** Every address an entry lists in `match.hosts`, for finding which credential endpoint failed. */
  readonly hosts: PhraseIndex<CatalogEntry>;
  /** Every code of every entry, for finding bare code words in a paste in the same single pass. */
  readonly codeIndex: PhraseIndex<string>;

  constructor(
    readonly entries: readonly CatalogEntry[],
    /** Changes whenever any knowledge file changes; part of every AI cache key. */
    readonly version: string,
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
    this.phrases = new PhraseIndex(
      entries.flatMap((entry) =>
        entry.match.messages.map(
          (m) => [m, { entry, namesService: generic(entry) || !genericWording.has(m.toLowerCase()) }] as const,
        ),
      ),
    );
    this.hosts = new PhraseIndex(entries.flatMap((e) => e.match.hosts.map((h) => [h, e] as const)));
    const codes = new Set(entries.flatMap((e) => e.match.codes));
    this.codeIndex = new PhraseIndex([...codes].map((c) => [c, c] as const));
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
