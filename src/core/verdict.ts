import type { Catalog } from './catalog/catalog.js';
import type { CatalogEntry } from './catalog/schema.js';
import type { Facts } from './facts.js';
import { errorWords, isWorthOffering, relate } from './match/nearest.js';

/**
 * What MeterDoc can say about a paste as a whole, decided once here so that every surface (the
 * CLI, its JSON, Slack) says the same thing: a diagnosis, a possible match, or that it does not
 * know the error, with the closest catalog entries offered as "might be related".
 */

/** From this confidence a finding is a diagnosis; below it a possible match. */
export const HIGH_CONFIDENCE = 0.85;
/**
 * Below this confidence a finding is a guess: MeterDoc says it does not know the error and offers
 * the entry as "might be related" instead of answering with it. Measured (`npm run eval`,
 * reliability table), findings under 0.5 are right about half the time.
 */
export const POSSIBLE_MATCH_FLOOR = 0.5;
/** How many entries are offered as "might be related". */
export const RELATED_LIMIT = 3;

/**
 * - `known`: at least one finding is a diagnosis (high confidence).
 * - `possible`: the best findings are possible matches, none a diagnosis.
 * - `unknown`: the paste holds an error, but no catalog entry fits it well.
 * - `none`: nothing in the paste reads as an error.
 */
export type VerdictKind = 'known' | 'possible' | 'unknown' | 'none';

/** A catalog entry close to an error MeterDoc does not know (or only possibly knows). */
export interface RelatedCatalogEntry {
  entry: CatalogEntry;
  /** In [0, 1]: how much the entry shares with the error; not a probability of being right. */
  similarity: number;
  /** What it shares, in a few words: "same code, same operation". */
  why: string;
}

export interface Verdict {
  kind: VerdictKind;
  /** For `possible` and `unknown`: the closest entries, best first; empty otherwise. */
  related: RelatedCatalogEntry[];
}

/** What the verdict needs to know of a finding. */
export interface VerdictFinding {
  entry: CatalogEntry;
  confidence: number;
  facts: Facts;
  alternatives: readonly CatalogEntry[];
  related?: readonly RelatedCatalogEntry[];
}

/** What the verdict needs to know of an error no entry matched. */
export interface VerdictUnmatched {
  related?: readonly RelatedCatalogEntry[];
}

export function isHighConfidence(confidence: number): boolean {
  return confidence >= HIGH_CONFIDENCE;
}

/** A catalog finding too weak to answer with: shown as "might be related", never as the diagnosis. */
export function isGuess(finding: { confidence: number; source?: string }): boolean {
  return (finding.source === undefined || finding.source === 'catalog') && finding.confidence < POSSIBLE_MATCH_FLOOR;
}

function whyText(why: readonly string[], fallback: string): string {
  return why.length > 0 ? why.join(', ') : fallback;
}

/**
 * The entries closest to one error: `first` (the entries the ranking picked, in order) lead, then
 * the catalog's nearest by shared code, operation, service and wording; entries in `exclude`
 * (already answered) are left out.
 */
export function relatedFor(
  catalog: Catalog,
  facts: Facts,
  excerpt: string,
  options: { first?: readonly CatalogEntry[]; firstWhy?: string; exclude?: ReadonlySet<string> } = {},
): RelatedCatalogEntry[] {
  const error = errorWords(facts, excerpt);
  const out: RelatedCatalogEntry[] = [];
  const seen = new Set(options.exclude ?? []);
  for (const entry of options.first ?? []) {
    if (seen.has(entry.id)) continue;
    seen.add(entry.id);
    const near = relate(entry, error);
    const why = [...(options.firstWhy ? [options.firstWhy] : []), ...(near?.why ?? [])];
    out.push({ entry, similarity: near?.similarity ?? 0, why: whyText(why, 'the closest fit') });
  }
  const nearest: RelatedCatalogEntry[] = [];
  for (const entry of catalog.entries) {
    if (seen.has(entry.id)) continue;
    const near = relate(entry, error);
    if (near && isWorthOffering(near))
      nearest.push({ entry, similarity: near.similarity, why: whyText(near.why, 'shares some wording') });
  }
  nearest.sort((a, b) => b.similarity - a.similarity || a.entry.id.localeCompare(b.entry.id));
  return [...out, ...nearest].slice(0, RELATED_LIMIT);
}

/** The related entries of a guessed finding: the entries the ranking fit in part, then the nearest. */
export function relatedForGuess(catalog: Catalog, finding: VerdictFinding, excerpt: string): RelatedCatalogEntry[] {
  return relatedFor(catalog, finding.facts, excerpt, {
    first: [finding.entry, ...finding.alternatives],
    firstWhy: 'fits in part',
  });
}

function merged(lists: ReadonlyArray<readonly RelatedCatalogEntry[] | undefined>): RelatedCatalogEntry[] {
  const out: RelatedCatalogEntry[] = [];
  const seen = new Set<string>();
  for (const list of lists)
    for (const r of list ?? []) {
      if (seen.has(r.entry.id)) continue;
      seen.add(r.entry.id);
      out.push(r);
    }
  return out.slice(0, RELATED_LIMIT);
}

/**
 * The verdict for a whole paste from its catalog findings and the errors no entry matched. A
 * paste with one diagnosis is `known` even when it also holds an unknown error: each unknown error
 * carries its own related entries.
 */
export function verdictOf(
  catalog: Catalog,
  findings: readonly VerdictFinding[],
  unmatched: readonly VerdictUnmatched[],
): Verdict {
  if (findings.some((f) => isHighConfidence(f.confidence))) return { kind: 'known', related: [] };
  const possible = findings.filter((f) => !isGuess(f));
  if (possible.length > 0) {
    const best = possible.reduce((a, b) => (b.confidence > a.confidence ? b : a));
    const answered = new Set(findings.map((f) => f.entry.id));
    return {
      kind: 'possible',
      related: relatedFor(catalog, best.facts, '', { first: best.alternatives, exclude: answered }),
    };
  }
  if (findings.length > 0 || unmatched.length > 0)
    return {
      kind: 'unknown',
      related: merged([...findings.map((f) => f.related), ...unmatched.map((u) => u.related)]),
    };
  return { kind: 'none', related: [] };
}
