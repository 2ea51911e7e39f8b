import type { Catalog } from '../catalog/catalog.js';
import type { CatalogEntry } from '../catalog/schema.js';
import type { Facts } from '../facts.js';

/**
 * The catalog entries closest to an error the catalog does not recognise. They ground the AI
 * prompt and are what the user gets when the AI cannot answer. Similarity, not identity: shared
 * words of the code (InvalidUsageAllocationsException ~ InvalidUsageDimensionException), same
 * operation, same service, shared words between the message and the entry's texts.
 * Pure and linear in the catalog size.
 */

export interface NearestEntry {
  entry: CatalogEntry;
  /** In [0, 1]: how much of the evidence the entry shares; not a probability of being right. */
  similarity: number;
}

const STOP = new Set([
  'the',
  'a',
  'an',
  'of',
  'to',
  'in',
  'on',
  'for',
  'is',
  'was',
  'and',
  'or',
  'not',
  'be',
  'with',
  'this',
  'that',
  'error',
  'exception',
  'occurred',
  'when',
  'calling',
  'operation',
  'request',
  'your',
  'you',
  'are',
  'from',
  'by',
  'at',
  'as',
  'it',
]);

/** Splits CamelCase and snake/kebab names into lower-case words. */
export function codeWords(code: string): string[] {
  return code
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .map((w) => w.toLowerCase())
    .filter((w) => w.length > 1 && !STOP.has(w));
}

function textWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const w of text.toLowerCase().split(/[^a-z0-9]+/))
    if (w.length > 2 && !STOP.has(w) && !/^\d+$/.test(w)) words.add(w);
  return words;
}

function overlap(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / Math.min(a.size, b.size);
}

export function nearestEntries(catalog: Catalog, facts: Facts, excerpt = '', limit = 3): NearestEntry[] {
  const code = new Set(facts.code ? codeWords(facts.code) : []);
  const message = textWords(`${facts.message ?? ''} ${facts.message ? '' : excerpt}`.slice(0, 4000));
  const scored: NearestEntry[] = [];
  for (const entry of catalog.entries) {
    let score = 0;
    let weight = 0;
    if (code.size > 0) {
      const entryCode = new Set(entry.match.codes.flatMap(codeWords));
      score += 4 * overlap(code, entryCode);
      weight += 4;
    }
    if (facts.operation) {
      weight += 2;
      if (entry.match.operations.includes(facts.operation)) score += 2;
      else if (entry.match.operations.length > 0) score -= 1;
    }
    if (facts.service) {
      weight += 2;
      if (entry.services.includes(facts.service)) score += 2;
      else if (!entry.services.includes('*')) score -= 0.5;
    }
    if (message.size > 0) {
      const entryText = textWords(`${entry.title} ${entry.match.messages.join(' ')} ${entry.what}`);
      score += 3 * overlap(message, entryText);
      weight += 3;
    }
    if (facts.action && entry.match.iamActions.length > 0) {
      weight += 1;
      const service = facts.action.split(':')[0]!.toLowerCase();
      if (entry.match.iamActions.some((a) => a.toLowerCase().startsWith(`${service}:`))) score += 1;
    }
    if (weight === 0 || score <= 0) continue;
    scored.push({ entry, similarity: Math.round((score / weight) * 100) / 100 });
  }
  return scored
    .filter((s) => s.similarity >= 0.15)
    .sort((a, b) => b.similarity - a.similarity || a.entry.id.localeCompare(b.entry.id))
    .slice(0, limit);
}
