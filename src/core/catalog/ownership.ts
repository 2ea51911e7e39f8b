import { type Catalog, owns } from './catalog.js';
import type { CatalogEntry } from './schema.js';

/** A code or message phrase that several entries list and that could rank them equally on one paste. */
export interface SharedMatch {
  kind: 'code' | 'phrase';
  /** The code or phrase as the first entry listing it spells it. */
  value: string;
  /** Ids of the entries that list it and can fit the same paste, sorted. */
  entries: string[];
  /** Of those, the ones that list it in `match.owns`. */
  owners: string[];
}

export interface OwnershipReport {
  /** Shared codes or phrases more than one entry owns: which one answers first is undecided again. */
  conflicts: SharedMatch[];
  /** Shared codes or phrases no entry owns: a tie between those entries falls to area, then id. */
  unowned: SharedMatch[];
}

/** Two entries can be about the same paste: their services and their operations overlap. */
function canMeetTheSamePaste(a: CatalogEntry, b: CatalogEntry): boolean {
  const services =
    a.services.includes('*') || b.services.includes('*') || a.services.some((s) => b.services.includes(s));
  const operations =
    a.match.operations.length === 0 ||
    b.match.operations.length === 0 ||
    a.match.operations.some((o) => b.match.operations.includes(o));
  return services && operations;
}

function sharedBy(
  catalog: Catalog,
  kind: SharedMatch['kind'],
  listOf: (entry: CatalogEntry) => readonly string[],
): SharedMatch[] {
  const byKey = new Map<string, { value: string; entries: CatalogEntry[] }>();
  for (const entry of catalog.entries) {
    for (const value of listOf(entry)) {
      const key = value.toLowerCase();
      const group = byKey.get(key) ?? { value, entries: [] };
      if (!group.entries.includes(entry)) group.entries.push(entry);
      byKey.set(key, group);
    }
  }
  const shared: SharedMatch[] = [];
  for (const { value, entries } of byKey.values()) {
    // Only entries that some other entry of the group can meet on one paste can tie.
    const rivals = entries.filter((e) => entries.some((o) => o !== e && canMeetTheSamePaste(e, o)));
    if (rivals.length < 2) continue;
    shared.push({
      kind,
      value,
      entries: rivals.map((e) => e.id).sort(),
      owners: rivals
        .filter((e) => owns(e, value))
        .map((e) => e.id)
        .sort(),
    });
  }
  return shared;
}

/**
 * Which codes and phrases several entries share, and whether the catalog says which entry each
 * means first (`match.owns`). Two owners of one code is a conflict; a shared code with no owner is
 * a tie the ranking breaks by area and id, which `meterdoc catalog check` lists as a note.
 */
export function ownershipReport(catalog: Catalog): OwnershipReport {
  const shared = [
    ...sharedBy(catalog, 'code', (e) => e.match.codes),
    ...sharedBy(catalog, 'phrase', (e) => e.match.messages),
  ];
  const conflicts = shared.filter((s) => s.owners.length > 1);
  const unowned = shared.filter((s) => s.owners.length === 0);
  return { conflicts, unowned };
}
